import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import NetworkFactory
from vangnet.audit.models import AuditEvent
from vangnet.volunteers import selectors, services
from vangnet.volunteers.models import NetworkHelper


def _save(network, **kw):
    args = {
        "network": network,
        "actor": network.lead_worker,
        "kind": "intern",
        "name": "Sanne",
        "start_date": dt.date(2025, 2, 1),
        "end_date": None,
        "hours_per_week": "16",
    }
    args.update(kw)
    return services.helper_save(**args)


def test_active_helpers_and_their_hours_apart(network):
    _save(network)
    _save(network, kind="expert", name="Mark", hours_per_week="8,5")
    _save(network, kind="volunteer", name="Wim", end_date=dt.date(2025, 3, 1))
    active = selectors.active_helpers(network=network, today=dt.date(2025, 6, 1))
    assert {h.name for h in active} == {"Sanne", "Mark"}
    assert selectors.helper_hours(active) == Decimal("24.5")
    assert AuditEvent.objects.filter(object_type="volunteers.networkhelper").count() == 3


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "boss"}, "kind"),
        ({"name": " "}, "name"),
        ({"name": "Sanne\u202e"}, "name"),
        ({"end_date": dt.date(2025, 1, 1)}, "end_date"),
        ({"hours_per_week": "-1"}, "hours_per_week"),
        ({"hours_per_week": "41"}, "hours_per_week"),
        ({"hours_per_week": "1.25"}, "hours_per_week"),
        ({"hours_per_week": "NaN"}, "hours_per_week"),
    ],
)
def test_bad_input_is_refused(network, kwargs, field):
    with pytest.raises(ValidationError) as info:
        _save(network, **kwargs)
    assert field in info.value.message_dict
    assert not NetworkHelper.objects.exists()


def test_pages_and_network_section(client, network):
    client.force_login(network.lead_worker)
    url = reverse("volunteers:create", args=[network.pk])
    bad = client.post(url, {"kind": "intern", "name": "", "start_date": "2025-02-01"})
    assert bad.status_code == 400
    response = client.post(
        url,
        {"kind": "expert", "name": "Mark", "start_date": "2025-02-01", "hours_per_week": "8"},
    )
    assert response.status_code == 302
    helper = NetworkHelper.objects.get()
    page = client.get(reverse("networks:detail", args=[network.pk])).content.decode()
    assert 'id="helpers-heading"' in page and "Mark" in page
    other = NetworkFactory(organisation=network.organisation)
    assert client.get(reverse("volunteers:edit", args=[other.pk, helper.pk])).status_code == 404
