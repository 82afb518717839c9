import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import NetworkFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.houserules import selectors, services
from vangnet.houserules.models import HouseRules
from vangnet.network_evaluation.checklist import GROUPS

TODAY = dt.date(2025, 6, 30)


def _record(network, text="- We laten elkaar uitpraten.\n\n2. Wie er is, hoort erbij.", **kw):
    args = {
        "network": network,
        "text": text,
        "agreed_on": dt.date(2025, 3, 1),
        "actor": network.lead_worker,
        "today": TODAY,
    }
    args.update(kw)
    return services.house_rules_record(**args)


def test_versions_are_kept_and_numbered(network):
    first = _record(network)
    assert first.version == 1
    assert first.rules == ["We laten elkaar uitpraten.", "Wie er is, hoort erbij."]
    second = _record(network, text=first.text + "\nWe ruimen samen op.", agreed_on=TODAY)
    assert second.version == 2
    assert [v.version for v in selectors.house_rules_versions(network=network)] == [2, 1]
    assert selectors.current_house_rules(network=network) == second
    assert selectors.house_rules_on(network=network, day=dt.date(2025, 4, 1)) == first
    assert selectors.house_rules_on(network=network, day=dt.date(2025, 1, 1)) is None
    assert AuditEvent.objects.filter(object_type="houserules.houserules").count() == 2


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"text": "  \n - \n"}, "text"),
        ({"text": "\n".join(f"Regel {n}" for n in range(31))}, "text"),
        ({"text": "x" * 201}, "text"),
        ({"text": "We zijn aardig\u202e"}, "text"),
        ({"agreed_on": TODAY + dt.timedelta(days=1)}, "agreed_on"),
        ({"agreed_on": dt.date(1999, 12, 31)}, "agreed_on"),
    ],
)
def test_bad_input_is_refused(network, kwargs, field):
    with pytest.raises(ValidationError) as info:
        _record(network, **kwargs)
    assert field in info.value.message_dict
    assert not HouseRules.objects.exists()


def test_the_same_rules_again_are_not_a_new_version(network):
    _record(network)
    with pytest.raises(ValidationError):
        _record(network)
    assert HouseRules.objects.count() == 1


def test_pages_network_section_annual_report_and_checklist_link(client, network):
    worker = network.lead_worker
    client.force_login(worker)
    url = reverse("houserules:edit", args=[network.pk])
    assert client.post(url, {"text": "", "agreed_on": "2025-03-01"}).status_code == 400
    response = client.post(url, {"text": "We helpen elkaar.", "agreed_on": "2025-03-01"})
    assert response.status_code == 302
    detail = client.get(reverse("houserules:detail", args=[network.pk])).content.decode()
    assert "We helpen elkaar." in detail
    page = client.get(reverse("networks:detail", args=[network.pk])).content.decode()
    assert 'id="houserules-heading"' in page and "We helpen elkaar." in page
    annual = client.get(reverse("reports:annual", args=[network.pk]) + "?jaar=2025")
    assert "We helpen elkaar." in annual.content.decode()
    item = next(i for g in GROUPS for i in g.items if i.key == "ac_rules")
    assert item.link == "houserules:detail"
    checklist = client.get(reverse("network_evaluation:checklist_create", args=[network.pk]))
    assert reverse("houserules:detail", args=[network.pk]) in checklist.content.decode()


def test_another_organisation_sees_nothing(client, network):
    _record(network)
    stranger = NetworkFactory().lead_worker
    client.force_login(stranger)
    assert client.get(reverse("houserules:detail", args=[network.pk])).status_code == 404
    coordinator = UserFactory(organisation=network.organisation, coordinator=True)
    client.force_login(coordinator)
    assert client.get(reverse("houserules:detail", args=[network.pk])).status_code == 200
