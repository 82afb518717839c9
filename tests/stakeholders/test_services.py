import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories import NetworkFactory
from vangnet.audit.models import AuditEvent
from vangnet.stakeholders import selectors, services
from vangnet.stakeholders.models import Agreement, Party, StakeholderMeeting

TODAY = dt.date(2025, 5, 1)


def test_party_saved_with_networks_and_audited(party, network):
    assert list(party.networks.all()) == [network]
    assert party.contact_email == "s.dewit@tilburg.nl"
    assert AuditEvent.objects.filter(object_type="stakeholders.party", action="create").count() == 1


def test_meeting_with_agreements_all_or_nothing(network, coordinator, party):
    with pytest.raises(ValidationError) as caught:
        services.meeting_save(
            organisation=network.organisation,
            actor=coordinator,
            date=dt.date(2025, 3, 4),
            kind="project_group",
            subject="Voortgang",
            agreements=[
                services.NewAgreement(text="Goed"),
                services.NewAgreement(text="Te vroeg", due_date=dt.date(2025, 3, 1)),
            ],
        )
    assert "agreement-1-due_date" in caught.value.message_dict
    assert not StakeholderMeeting.objects.exists()
    assert not Agreement.objects.exists()


def test_overdue_agreements_first(meeting, coordinator):
    overview = selectors.agreements_overview(user=coordinator, today=TODAY)
    assert [a.text for a in overview.overdue] == ["Ruimte in het buurthuis vragen"]
    assert [a.text for a in overview.open] == ["Flyer maken"]
    assert selectors.overdue_count(user=coordinator, today=TODAY) == 1
    assert selectors.overdue_count(user=coordinator, today=dt.date(2025, 3, 20)) == 0


def test_follow_up_done_closes_the_agreement(meeting, coordinator, party, monkeypatch):
    agreement = meeting.agreements.get(owner=party)
    services.agreement_update(
        agreement=agreement,
        actor=coordinator,
        text=agreement.text,
        owner=party,
        due_date=agreement.due_date,
        status="done",
        done_on=dt.date(2025, 4, 3),
    )
    overview = selectors.agreements_overview(user=coordinator, today=TODAY)
    assert not overview.overdue
    assert [a.done_on for a in overview.closed] == [dt.date(2025, 4, 3)]
    # Back to open clears the day it was done.
    services.agreement_update(
        agreement=agreement,
        actor=coordinator,
        text=agreement.text,
        owner=party,
        due_date=agreement.due_date,
        status="open",
        done_on=dt.date(2025, 4, 3),
    )
    agreement.refresh_from_db()
    assert agreement.done_on is None


def test_done_without_a_day_is_today(meeting, coordinator):
    agreement = meeting.agreements.first()
    services.agreement_update(
        agreement=agreement,
        actor=coordinator,
        text=agreement.text,
        owner=None,
        due_date=None,
        status="dropped",
    )
    agreement.refresh_from_db()
    assert agreement.done_on is not None
    assert agreement.status == "dropped"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 161}, "name"),
        ({"name": "Gemeente\u202eTilburg"}, "name"),
        ({"kind": "ziekenhuis"}, "kind"),
        ({"contact_email": "geen-adres"}, "contact_email"),
        ({"contact_name": "n" * 121}, "contact_name"),
        ({"interest": "i" * 2001}, "interest"),
        ({"name": "gemeente tilburg, SOCIAAL domein"}, "name"),  # the same name
    ],
)
def test_party_bad_input(party, network, coordinator, kwargs, field):
    args = {
        "organisation": network.organisation,
        "actor": coordinator,
        "name": "Wijkraad Noord",
        "kind": "neighbourhood_board",
    }
    with pytest.raises(ValidationError) as caught:
        services.party_save(**{**args, **kwargs})
    assert field in caught.value.message_dict
    assert Party.objects.count() == 1


def test_party_refuses_a_network_of_another_organisation(network, coordinator):
    with pytest.raises(ValidationError) as caught:
        services.party_save(
            organisation=network.organisation,
            actor=coordinator,
            name="ROC Tilburg",
            kind="education",
            networks=[NetworkFactory()],
        )
    assert "networks" in caught.value.message_dict


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"date": dt.date(1999, 12, 31)}, "date"),
        ({"date": dt.date(2100, 1, 1)}, "date"),
        ({"subject": ""}, "subject"),
        ({"subject": "s" * 201}, "subject"),
        ({"notes": "n" * 10_001}, "notes"),
        ({"kind": "borrel"}, "kind"),
        ({"agreements": [services.NewAgreement(text="")]}, "agreement-0-text"),
        ({"agreements": [services.NewAgreement(text="a" * 501)]}, "agreement-0-text"),
    ],
)
def test_meeting_bad_input(network, coordinator, kwargs, field):
    args = {
        "organisation": network.organisation,
        "actor": coordinator,
        "date": dt.date(2025, 3, 4),
        "kind": "sounding_board",
        "subject": "Klankbordgroep voorjaar",
    }
    with pytest.raises(ValidationError) as caught:
        services.meeting_save(**{**args, **kwargs})
    assert field in caught.value.message_dict
    assert not StakeholderMeeting.objects.exists()


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"status": "klaar"}, "status"),
        ({"status": "done", "done_on": dt.date(2025, 1, 1)}, "done_on"),  # before the meeting
        ({"status": "done", "done_on": dt.date(2099, 1, 1)}, "done_on"),  # in the future
        ({"text": ""}, "text"),
        ({"due_date": dt.date(2025, 3, 1)}, "due_date"),  # before the meeting
    ],
)
def test_agreement_bad_input(meeting, coordinator, kwargs, field):
    agreement = meeting.agreements.first()
    args = {
        "agreement": agreement,
        "actor": coordinator,
        "text": "Nieuwe tekst",
        "owner": None,
        "due_date": None,
        "status": "open",
    }
    with pytest.raises(ValidationError) as caught:
        services.agreement_update(**{**args, **kwargs})
    assert field in caught.value.message_dict
    agreement.refresh_from_db()
    assert agreement.text != "Nieuwe tekst"


def test_network_section_shows_only_this_network(meeting, network, party, coordinator):
    other = NetworkFactory(organisation=network.organisation)
    services.meeting_save(
        organisation=network.organisation,
        actor=coordinator,
        date=dt.date(2025, 3, 5),
        kind="work_visit",
        subject="Werkbezoek elders",
        networks=[other],
        agreements=[services.NewAgreement(text="Alleen elders")],
    )
    found = selectors.network_stakeholders(network=network, today=TODAY)
    assert [p.name for p in found.parties] == [party.name]
    assert {a.text for a in found.agreements} == {"Ruimte in het buurthuis vragen", "Flyer maken"}
    assert found.agreements[0].text == "Ruimte in het buurthuis vragen"  # overdue first
    assert [m.subject for m in found.meetings] == ["Voortgang Tilburg Noord"]


def test_erasure_scrubs_names_in_meeting_notes_and_agreements(network, coordinator):
    from tests.factories import ParticipantFactory
    from vangnet.privacy.scrub import scrub_name_mentions

    participant = ParticipantFactory(network=network, display_name="Zwaantje")
    meeting = services.meeting_save(
        organisation=network.organisation,
        actor=coordinator,
        date=dt.date(2025, 3, 4),
        kind="project_group",
        subject="Over Zwaantje",
        notes="Zwaantje wil graag meedoen.",
        agreements=[services.NewAgreement(text="Zwaantje bellen")],
    )
    scrub_name_mentions(participant=participant, display_name="Zwaantje")
    meeting.refresh_from_db()
    assert "Zwaantje" not in meeting.subject + meeting.notes
    assert "Zwaantje" not in meeting.agreements.get().text
