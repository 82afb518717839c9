import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from vangnet.planning.forms import PlanForm

JUNK = ["", "abc", "-1", "1e999", "NaN", "inf", "9" * 40, "\x00", "<script>", "3,5,5"]


@pytest.mark.parametrize("junk", JUNK)
def test_plan_survives_junk(client, coordinator, network, junk):
    login(client, coordinator)
    query = {name: junk for name in PlanForm.base_fields}
    for name in ("network_plan", "network_plan_pdf"):
        response = client.get(reverse(f"planning:{name}", args=[network.pk]), query)
        assert response.status_code in (200, 302)


@pytest.mark.parametrize("junk", JUNK)
def test_hours_survive_junk(worker_client, network, junk):
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    url = reverse("planning:hours", args=[network.pk])
    data = {f"week_{monday.isoformat()}": junk, "week_2020-13-45": junk, junk: junk}
    assert worker_client.post(url, data).status_code in (200, 302)


@pytest.mark.parametrize("junk", JUNK)
def test_network_page_survives_junk_invitations(worker_client, network, junk):
    url = reverse("networks:detail", args=[network.pk])
    response = worker_client.get(url, {"uitnodigingen": junk})
    assert response.status_code == 200


@pytest.mark.parametrize("junk", JUNK)
def test_settings_survive_junk(client, org_admin, junk):
    login(client, org_admin)
    response = client.post(reverse("planning:settings"), {"second_worker_above": junk})
    assert response.status_code == 200
