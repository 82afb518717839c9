"""A client's support group over time, family conversations, volunteers coached as network
supporters, agreements with the informal network and contacts over time (issue 18, part 9)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.factories import UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.organisations.models import Role
from vangnet.privacy.client_rights import client_erase, client_export_data
from vangnet.support import contact_services, group_selectors, group_services, map_services
from vangnet.support.models import (
    AgreementReview,
    Alter,
    Client,
    InformalAgreement,
    NetworkConversation,
    NetworkSupporter,
    SupportGroupMember,
    SupportGroupShape,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _days(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


@pytest.fixture
def sem(worker):
    client = map_services.client_create(
        organisation=worker.organisation, worker=worker, actor=worker, display_name="Sem"
    )
    wave = map_services.map_wave_create(client=client, wave_date=_days(90), actor=worker)
    map_services.alter_add(
        network_map=wave, name="Zus Ilse", kind="relative", consent="yes", actor=worker
    )
    return client


def _url(client):
    return reverse("support:client_group", kwargs={"client_id": client.pk})


def _ilse(client) -> Alter:
    return Alter.objects.get(network_map__client=client, name="Zus Ilse")


def test_worker_records_the_support_group_over_time(worker_client, worker, sem):
    url = _url(sem)
    assert worker_client.get(url).status_code == 200
    ilse = _ilse(sem)
    response = worker_client.post(
        url, {"action": "shape", "kinds": ["one_person"], "since": _days(60).isoformat()}
    )
    assert response.status_code == 302
    worker_client.post(url, {"action": "shape", "kinds": ["chat"], "since": _days(20).isoformat()})
    response = worker_client.post(
        url, {"action": "member", "alter": ilse.pk, "start": _days(60).isoformat()}
    )
    assert response.status_code == 302
    worker_client.post(url, {"action": "member", "name": "Ali", "start": _days(30).isoformat()})
    ilse.refresh_from_db()
    assert ilse.in_support_group  # the map (and Mijn Vangnet) shows her in the group
    ali = SupportGroupMember.objects.get(name="Ali")
    response = worker_client.post(
        url, {"action": "member_end", "item": ali.pk, "end": _days(5).isoformat()}
    )
    assert response.status_code == 302
    page = worker_client.get(url).content.decode()
    assert "Een chatgroep (bijvoorbeeld WhatsApp)" in page  # the newest form counts
    assert "Ali ging eruit" in page and "Zus Ilse kwam erbij" in page
    assert SupportGroupShape.objects.filter(client=sem).count() == 2
    assert AuditEvent.objects.filter(object_type="support.supportgroupmember").count() == 3


def test_ending_a_membership_clears_the_mark_in_later_waves(worker, sem):
    member = group_services.group_member_add(
        client=sem, alter=_ilse(sem), start=_days(60), actor=worker
    )
    later = map_services.map_wave_create(client=sem, wave_date=_days(10), actor=worker)
    copied = later.alters.get(name="Zus Ilse")
    assert copied.in_support_group
    group_services.group_member_end(member=member, end=_days(1), actor=worker)
    copied.refresh_from_db()
    assert not copied.in_support_group


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"action": "shape", "since": "2025-01-01"}, "kinds"),
        ({"action": "shape", "kinds": ["spaceship"], "since": "2025-01-01"}, "kinds"),
        ({"action": "shape", "kinds": ["chat"], "since": "2999-01-01"}, "since"),
        ({"action": "shape", "kinds": ["chat"], "since": "1890-01-01"}, "since"),
        ({"action": "member", "start": "2025-01-01"}, None),
        ({"action": "member", "name": "x" * 81, "start": "2025-01-01"}, "name"),
        ({"action": "member", "name": "Ali\x00", "start": "2025-01-01"}, "name"),
        ({"action": "member", "alter": "99999999", "start": "2025-01-01"}, "alter"),
        ({"action": "agreement", "who": "Ilse", "what": "", "made_on": "2025-01-01"}, "what"),
        ({"action": "review", "item": "abc", "date": "2025-01-01", "kept": "yes"}, "item"),
        ({"action": "supporter", "name": "Henk", "coach": "0", "start": "2025-01-01"}, "coach"),
        ({"action": "nonsense"}, None),
    ],
)
def test_bad_input_is_refused_with_a_message_and_saves_nothing(worker_client, sem, data, field):
    response = worker_client.post(_url(sem), data)
    assert response.status_code == 400
    assert not SupportGroupShape.objects.exists()
    assert not SupportGroupMember.objects.exists()
    assert not InformalAgreement.objects.exists()
    assert not NetworkSupporter.objects.exists()
    assert "error-summary" in response.content.decode()


def test_end_of_unknown_or_foreign_item_is_404(worker_client, worker, sem):
    other = map_services.client_create(
        organisation=worker.organisation, worker=worker, actor=worker, display_name="Kim"
    )
    member = group_services.group_member_add(client=other, name="Jan", start=_days(9), actor=worker)
    for item in (member.pk, "999999999"):
        response = worker_client.post(
            _url(sem), {"action": "member_end", "item": item, "end": TODAY.isoformat()}
        )
        assert response.status_code == 404
    member.refresh_from_db()
    assert member.end is None


def test_service_rules(worker, sem):
    member = group_services.group_member_add(client=sem, name="Ali", start=_days(9), actor=worker)
    with pytest.raises(ValidationError):
        group_services.group_member_end(member=member, end=_days(10), actor=worker)
    with pytest.raises(ValidationError):
        group_services.group_member_add(client=sem, alter=_ilse(sem), start=_days(9), actor=worker)
        group_services.group_member_add(client=sem, alter=_ilse(sem), start=_days(8), actor=worker)
    agreement = group_services.agreement_add(
        client=sem, who="Zus Ilse", what="Belt elke zondag", made_on=_days(30), actor=worker
    )
    group_services.agreement_review(agreement=agreement, date=_days(7), kept="yes", actor=worker)
    with pytest.raises(ValidationError):  # one review per day
        group_services.agreement_review(agreement=agreement, date=_days(7), kept="no", actor=worker)
    with pytest.raises(ValidationError):  # before the agreement
        group_services.agreement_review(
            agreement=agreement, date=_days(31), kept="no", actor=worker
        )
    foreign_coach = UserFactory()
    with pytest.raises(ValidationError):
        group_services.supporter_add(
            client=sem, name="Henk", coach=foreign_coach, start=_days(3), actor=worker
        )


def test_volunteer_coached_as_network_supporter(worker_client, worker, network, sem):
    from vangnet.volunteers.models import NetworkHelper

    helper = NetworkHelper.objects.create(
        network=network,
        kind="volunteer",
        name="Henk",
        start_date=_days(200),
        hours_per_week=Decimal(4),
    )
    url = _url(sem)
    response = worker_client.post(
        url,
        {
            "action": "supporter",
            "helper": helper.pk,
            "coach": worker.pk,
            "start": _days(40).isoformat(),
        },
    )
    assert response.status_code == 302
    supporter = NetworkSupporter.objects.get()
    assert supporter.name == "Henk" and supporter.helper == helper and supporter.coach == worker
    response = worker_client.post(
        url,
        {
            "action": "coaching",
            "item": supporter.pk,
            "date": _days(10).isoformat(),
            "theme": "Grenzen stellen",
            "next_step": "Henk belt Sem voortaan op vaste dag",
        },
    )
    assert response.status_code == 302
    page = worker_client.get(url).content.decode()
    assert "Grenzen stellen" in page and "Henk belt Sem voortaan op vaste dag" in page


def test_agreements_and_contacts_over_time_chart_with_table(worker_client, worker, sem):
    url = _url(sem)
    worker_client.post(
        url,
        {
            "action": "agreement",
            "who": "Zus Ilse",
            "what": "Belt elke zondag",
            "made_on": _days(50).isoformat(),
        },
    )
    agreement = InformalAgreement.objects.get()
    for days, kept in ((35, "yes"), (20, "partly"), (3, "no")):
        response = worker_client.post(
            url,
            {
                "action": "review",
                "item": agreement.pk,
                "date": _days(days).isoformat(),
                "kept": kept,
            },
        )
        assert response.status_code == 302
    contact_services.contact_log_create(
        alter=_ilse(sem), date=_days(2), method="phone", actor=worker
    )
    months = group_selectors.contacts_over_time(client=sem, today=TODAY)
    assert sum(row.contacts for row in months) == 1
    assert sum(row.reviews for row in months) == 3
    page = worker_client.get(url).content.decode()
    assert 'class="chart group-chart"' in page and "Wat je ziet" in page
    assert "<caption>Dezelfde cijfers in een tabel</caption>" in page
    assert AgreementReview.objects.count() == 3


def test_family_conversation_shows_on_each_clients_map(worker_client, worker):
    esra, kerem = (
        map_services.client_create(
            organisation=worker.organisation, worker=worker, actor=worker, display_name=name
        )
        for name in ("Esra", "Kerem")
    )
    for client in (esra, kerem):
        worker_client.post(_url(client), {"action": "family", "name": "Gezin Yilmaz"})
    esra.refresh_from_db()
    kerem.refresh_from_db()
    assert esra.family_id == kerem.family_id is not None
    map_url = reverse("support:client_map", kwargs={"client_id": esra.pk})
    worker_client.post(map_url, {"action": "wave", "wave_date": _days(20).isoformat()})
    response = worker_client.post(
        map_url,
        {
            "action": "conversation",
            "date": _days(5).isoformat(),
            "family_clients": [kerem.pk],
            "agreements": "Oom Murat haalt Kerem op woensdag op van school.",
        },
    )
    assert response.status_code == 302
    conversation = NetworkConversation.objects.get()
    assert list(conversation.family_clients.all()) == [kerem]
    kerem_map = worker_client.get(reverse("support:client_map", kwargs={"client_id": kerem.pk}))
    text = kerem_map.content.decode()
    assert "Oom Murat haalt Kerem" in text and "Gezinsgesprek, ook met:" in text and "Esra" in text


def test_family_conversation_refuses_a_client_of_another_family(worker):
    esra = map_services.client_create(
        organisation=worker.organisation, worker=worker, actor=worker, display_name="Esra"
    )
    stranger = map_services.client_create(
        organisation=worker.organisation, worker=worker, actor=worker, display_name="Bo"
    )
    group_services.client_family_set(client=esra, name="Gezin Yilmaz", actor=worker)
    wave = map_services.map_wave_create(client=esra, wave_date=_days(3), actor=worker)
    with pytest.raises(ValidationError):
        map_services.conversation_create(
            network_map=wave, date=_days(1), alters=[], family_clients=[stranger], actor=worker
        )
    assert not NetworkConversation.objects.exists()


def test_only_the_clients_own_workers_see_the_page(client, worker, sem, organisation):
    colleague = UserFactory(organisation=organisation, role=Role.SOCIAL_WORKER)
    login(client, colleague)
    assert client.get(_url(sem)).status_code == 404
    coordinator = UserFactory(organisation=organisation, role=Role.COORDINATOR)
    login(client, coordinator)
    assert client.get(_url(sem)).status_code in (403, 404)


def test_coordinator_overview_counts_without_names(client, worker, sem, organisation):
    group_services.group_shape_set(client=sem, kinds=["chat"], since=_days(9), actor=worker)
    agreement = group_services.agreement_add(
        client=sem, who="Zus Ilse", what="Belt elke zondag", made_on=_days(30), actor=worker
    )
    group_services.agreement_review(agreement=agreement, date=_days(2), kept="yes", actor=worker)
    coordinator = UserFactory(organisation=organisation, role=Role.COORDINATOR)
    login(client, coordinator)
    response = client.get(reverse("support:group_overview"))
    assert response.status_code == 200
    overview = response.context["overview"]
    assert overview.with_group == 1 and overview.reviews["yes"] == 1
    text = response.content.decode()
    assert "Sem" not in text and "Zus Ilse" not in text
    login(client, worker)
    assert client.get(reverse("support:group_overview")).status_code == 403


def test_page_queries_are_bounded(worker_client, worker, sem, django_assert_max_num_queries):
    for index in range(5):
        agreement = group_services.agreement_add(
            client=sem, who=f"Persoon {index}", what="Belt", made_on=_days(30), actor=worker
        )
        group_services.agreement_review(
            agreement=agreement, date=_days(2), kept="partly", actor=worker
        )
        group_services.group_member_add(
            client=sem, name=f"Lid {index}", start=_days(20), actor=worker
        )
    with django_assert_max_num_queries(30):
        assert worker_client.get(_url(sem)).status_code == 200


def test_export_and_erasure_include_the_support_group(worker, sem):
    group_services.group_member_add(client=sem, name="Ali", start=_days(9), actor=worker)
    group_services.agreement_add(
        client=sem, who="Zus Ilse", what="Belt elke zondag", made_on=_days(30), actor=worker
    )
    data = client_export_data(client=sem)
    assert data["support_group"]["members"][0]["name"] == "Ali"
    assert data["support_group"]["agreements"][0]["what"] == "Belt elke zondag"
    client_erase(client=sem, actor=worker)
    assert not SupportGroupMember.objects.exists() and not InformalAgreement.objects.exists()
    assert not Client.objects.filter(pk=sem.pk).exists()


def test_demo_continues_the_clients_story_once(worker, sem):
    from vangnet.support.demo_group import support_demo_group

    assert support_demo_group(client=sem, today=TODAY)
    assert not support_demo_group(client=sem, today=TODAY)
    page = group_selectors.client_group_page(client=sem, user=worker, today=TODAY)
    assert page.shape is not None and "chat" in page.shape.kinds
    assert [m.name for m in page.current_members] == ["Zus Ilse"]
    assert sum(row.reviews for row in page.months) == 5
    assert len(page.supporters[0].coaching.all()) == 3
    kerem = Client.objects.get(display_name="Kerem")
    assert NetworkConversation.objects.filter(family_clients=kerem).count() == 1
