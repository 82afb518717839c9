"""What the neighbourhood activities produce: the service, the session screen's section
(online and sent from the phone's outbox), the network page, the yearly page, the export
and the annual report."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.factories import (
    ActivityFactory,
    NetworkFactory,
    ParticipantFactory,
    ReferralPartnerFactory,
    SessionFactory,
)
from tests.networks.session_form import form_data, record_url
from vangnet.audit.models import AuditEvent
from vangnet.neighbourhood import selectors
from vangnet.neighbourhood.forms import NeighbourhoodOutputForm
from vangnet.neighbourhood.models import NeighbourhoodOutput, OutputItem, OutputKind
from vangnet.neighbourhood.services import Item, OutputData, output_record
from vangnet.networks.models import Attendance, Audience

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(network):
    toys = ActivityFactory(network=network, name="Speelgoedpunt", audience=Audience.NEIGHBOURHOOD)
    session = SessionFactory(network=network, date=timezone.localdate())
    session.activities.add(toys)
    return session


@pytest.fixture
def partner(network):
    return ReferralPartnerFactory(organisation=network.organisation, name="Wijkteam Noord")


def toy_week(partner=None, guests=4):
    return OutputData(
        guests=guests,
        items=[
            Item(OutputKind.PARCELS, 12, "speelgoedpakketten"),
            Item(OutputKind.FAMILIES, 3, "gezinnen"),
        ],
        partner_ids=[partner.pk] if partner else [],
        other_partners=["Speeltuin De Bolderik"],
    )


# ----------------------------------------------------------------- the service


def test_record_replace_and_remove(session, partner):
    worker = session.network.lead_worker
    output = output_record(session=session, data=toy_week(partner), actor=worker)
    assert output.guests == 4
    assert sorted(p.name for p in output.partners.all()) == [
        "Speeltuin De Bolderik",
        "Wijkteam Noord",
    ]
    stored = selectors.session_output(session=session)
    assert stored.partner_ids == [partner.pk]
    assert stored.items[0] == Item(OutputKind.PARCELS, 12, "speelgoedpakketten")

    output_record(session=session, data=OutputData(guests=2), actor=worker)
    assert OutputItem.objects.count() == 0
    assert NeighbourhoodOutput.objects.get().guests == 2

    output_record(session=session, data=OutputData(), actor=worker)
    assert not NeighbourhoodOutput.objects.exists()
    actions = list(
        AuditEvent.objects.filter(object_type="neighbourhood.neighbourhoodoutput").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == ["create", "delete", "update"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (OutputData(guests=501), "guests"),
        (OutputData(items=[Item(OutputKind.PARCELS, 0)]), "items"),
        (OutputData(items=[Item(OutputKind.PARCELS, 5001)]), "items"),
        (OutputData(items=[Item("diagnose", 3)]), "items"),
        (OutputData(items=[Item(OutputKind.PARCELS, 3, "x" * 121)]), "items"),
        (OutputData(items=[Item(OutputKind.PARCELS, 3, "pakket\u202e")]), "items"),
        (OutputData(items=[Item(OutputKind.MADE, 1)] * 7), "items"),
        (OutputData(other_partners=[f"Partner {n}" for n in range(11)]), "partners"),
        (OutputData(partner_ids=[999999]), "partners"),
    ],
)
def test_bad_input_is_refused_in_dutch(session, data, field):
    with pytest.raises(ValidationError) as info:
        output_record(session=session, data=data, actor=session.network.lead_worker)
    assert field in info.value.message_dict
    assert not NeighbourhoodOutput.objects.exists()


def test_another_organisations_partner_is_refused(session):
    elsewhere = ReferralPartnerFactory()
    with pytest.raises(ValidationError):
        output_record(
            session=session,
            data=OutputData(partner_ids=[elsewhere.pk]),
            actor=session.network.lead_worker,
        )


def test_network_produced_adds_up_per_kind_and_partner(session, partner):
    worker = session.network.lead_worker
    output_record(session=session, data=toy_week(partner), actor=worker)
    later = SessionFactory(network=session.network, date=session.date - dt.timedelta(days=7))
    later.activities.add(*session.activities.all())
    output_record(session=later, data=toy_week(guests=2), actor=worker)
    year = session.date.year
    produced = selectors.network_produced(
        network=session.network,
        start=dt.date(year - 1, 1, 1),
        end=dt.date(year, 12, 31),
    )
    assert (produced.sessions, produced.guests) == (2, 6)
    assert dict(produced.per_description)["speelgoedpakketten"] == 24
    assert dict(produced.partners) == {"Speeltuin De Bolderik": 2, "Wijkteam Noord": 1}
    assert [line.session_id for line in produced.lines] == [session.pk, later.pk]


# ----------------------------------------------------------------- the session screen


def section(session, **values) -> dict:
    """The section as the screen posts it (its base as the screen rendered it)."""
    form = NeighbourhoodOutputForm(partners=[], stored=selectors.session_output(session=session))
    data: dict = {"buurt-base": form.initial["base"]}
    for name, value in form.posted_pairs():
        data.setdefault(name, []).append(value)
    data.update({f"buurt-{key}": value for key, value in values.items()})
    return data


def test_screen_shows_the_folded_section_only_for_the_neighbourhood(client, network, session):
    login(client, network.lead_worker)
    page = client.get(record_url(session)).content.decode()
    assert "data-buurt-section" in page and "Gasten uit de buurt" in page
    group = SessionFactory(network=network, date=session.date - dt.timedelta(days=1))
    group.activities.add(ActivityFactory(network=network))
    assert "data-buurt-section" not in client.get(record_url(group)).content.decode()


@pytest.mark.parametrize(
    "audiences",
    [(), (Audience.GROUP,), (Audience.NEIGHBOURHOOD,), (Audience.GROUP, Audience.NEIGHBOURHOOD)],
)
@pytest.mark.parametrize("one_off", [False, True])
def test_the_flag_read_with_the_session_says_what_its_activities_say(network, audiences, one_off):
    from vangnet.networks.models import Session

    session = SessionFactory(network=network, date=timezone.localdate(), is_one_off=one_off)
    for audience in audiences:
        session.activities.add(ActivityFactory(network=network, audience=audience))
    flagged = Session.objects.annotate(**selectors.neighbourhood_annotation()).get(pk=session.pk)
    prefetched = Session.objects.prefetch_related("activities").get(pk=session.pk)
    assert selectors.is_for_neighbourhood(flagged) == selectors.is_for_neighbourhood(prefetched)
    assert selectors.is_for_neighbourhood(prefetched) == (
        one_off or Audience.NEIGHBOURHOOD in audiences
    )


def test_screen_saves_the_section_with_the_attendance(client, network, session, partner):
    person = ParticipantFactory(network=network)
    login(client, network.lead_worker)
    data = form_data(session, present=[str(person.pk)])
    data.update(
        section(
            session,
            guests="5",
            number_0="14",
            kind_0=OutputKind.PARCELS,
            description_0="speelgoedpakketten",
            partners=str(partner.pk),
            other_partners="Speeltuin De Bolderik, ",
        )
    )
    response = client.post(record_url(session), data)
    assert response.status_code == 302
    assert Attendance.objects.filter(session=session).count() == 1
    stored = selectors.session_output(session=session)
    assert stored.guests == 5
    assert stored.items == [Item(OutputKind.PARCELS, 14, "speelgoedpakketten")]
    assert stored.partner_ids == [partner.pk]
    assert stored.other_partners == ["Speeltuin De Bolderik"]
    page = client.get(record_url(session)).content.decode()
    assert "5 gasten · 14 speelgoedpakketten" in page


def test_an_untouched_section_leaves_anothers_entry_alone(client, network, session):
    login(client, network.lead_worker)
    data = {**form_data(session), **section(session)}  # rendered before the entry
    output_record(session=session, data=OutputData(guests=7), actor=network.lead_worker)
    assert client.post(record_url(session), data).status_code == 302
    assert NeighbourhoodOutput.objects.get().guests == 7


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"guests": "-3"}, "Vul bij gasten een aantal van 0 tot en met 500 in."),
        ({"guests": "100000"}, "Vul bij gasten een aantal van 0 tot en met 500 in."),
        ({"guests": "veel"}, "Vul een heel getal in, zonder letters."),
        ({"number_0": "-1", "kind_0": "parcels"}, "Vul een aantal van 1 tot en met 5000 in."),
        ({"number_0": "12"}, "Kies wat er gemaakt of uitgedeeld is."),
        ({"kind_0": "parcels"}, "Vul in hoeveel het er waren."),
        ({"kind_0": "diagnose", "number_0": "2"}, "Selecteer een geldige keuze"),
    ],
)
def test_bad_numbers_give_a_dutch_error_and_save_nothing(client, network, session, values, message):
    person = ParticipantFactory(network=network)
    login(client, network.lead_worker)
    data = {**form_data(session, present=[str(person.pk)]), **section(session, **values)}
    response = client.post(record_url(session), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert "Voor de buurt" in page and '<details class="buurt-section" open' in page
    assert not Attendance.objects.exists()
    assert not NeighbourhoodOutput.objects.exists()


def test_a_save_without_the_section_keeps_what_is_stored(client, network, session):
    output_record(session=session, data=OutputData(guests=3), actor=network.lead_worker)
    login(client, network.lead_worker)
    assert client.post(record_url(session), form_data(session)).status_code == 302
    assert NeighbourhoodOutput.objects.get().guests == 3


# ----------------------------------------------------------------- the phone's outbox


def sync_url(session):
    return reverse("networks:offline_sync", args=[session.network_id, session.pk])


def test_a_save_that_waited_offline_carries_the_section(client, network, session):
    login(client, network.lead_worker)
    data = {**form_data(session), **section(session, guests="6")}
    answer = client.post(sync_url(session), data).json()
    assert answer["status"] == "saved"
    assert "Wat het opleverde voor de buurt is opgeslagen." in answer["messages"]
    assert NeighbourhoodOutput.objects.get().guests == 6


def test_a_bad_section_offline_is_reported_and_nothing_saved(client, network, session):
    person = ParticipantFactory(network=network)
    login(client, network.lead_worker)
    data = {**form_data(session, present=[str(person.pk)]), **section(session, guests="-1")}
    response = client.post(sync_url(session), data)
    assert response.status_code == 400
    assert response.json() == {
        "status": "invalid",
        "problems": ["Vul bij gasten een aantal van 0 tot en met 500 in."],
    }
    assert not Attendance.objects.exists()


# ----------------------------------------------------------------- pages and export


def test_network_page_year_page_and_annual_report_show_it(client, network, session, partner):
    output_record(session=session, data=toy_week(partner), actor=network.lead_worker)
    session.recorded = True
    session.save()
    login(client, network.lead_worker)
    page = client.get(reverse("networks:detail", args=[network.pk])).content.decode()
    assert "Voor de buurt in" in page and "12 speelgoedpakketten" in page
    year = session.date.year
    url = reverse("neighbourhood:network", args=[network.pk])
    page = client.get(url, {"jaar": year}).content.decode()
    assert "Speeltuin De Bolderik" in page and "4 bezoeken van buurtbewoners" in page
    assert client.get(url, {"jaar": "-5"}).status_code == 400
    annual = reverse("reports:annual", args=[network.pk])
    page = client.get(annual, {"jaar": year}).content.decode()
    assert "Wat we deden voor de buurt" in page and "3 gezinnen" in page


def test_export_as_csv_and_xlsx(client, network, session, partner):
    output_record(session=session, data=toy_week(partner), actor=network.lead_worker)
    login(client, network.lead_worker)
    url = reverse("neighbourhood:export", args=[network.pk])
    year = session.date.year
    response = client.get(url, {"jaar": year, "formaat": "csv"})
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert "speelgoedpakketten" in text and "Wijkteam Noord" in text
    response = client.get(url, {"jaar": year})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(url, {"jaar": year, "formaat": "pdf"}).status_code == 400
    assert AuditEvent.objects.filter(action="export", object_type="networks.network").count() == 2


def test_another_organisations_network_is_not_found(client, session):
    other = NetworkFactory()
    login(client, other.lead_worker)
    assert (
        client.get(reverse("neighbourhood:network", args=[session.network_id])).status_code == 404
    )


def test_form_base_is_what_the_browser_posts(session, partner):
    output_record(session=session, data=toy_week(partner), actor=session.network.lead_worker)
    form = NeighbourhoodOutputForm(
        partners=[(partner.pk, partner.name)], stored=selectors.session_output(session=session)
    )
    pairs = json.loads(form.initial["base"])
    assert ["buurt-guests", "4"] in pairs and ["buurt-partners", str(partner.pk)] in pairs
    assert ["buurt-other_partners", "Speeltuin De Bolderik"] in pairs


# ----------------------------------------------------------------- the municipality report


def test_municipality_report_adds_up_and_hides_small_sums(settings, network, session):
    from vangnet.reports.selectors import municipality_figures

    settings.VANGNET_MIN_NETWORKS_PER_AREA = 1
    session.recorded = True
    session.save()
    output_record(
        session=session,
        data=OutputData(guests=3, items=[Item(OutputKind.PARCELS, 40, "pakketten")]),
        actor=network.lead_worker,
    )
    year = session.date.year
    report = municipality_figures(
        organisation=network.organisation,
        start=dt.date(year, 1, 1),
        end=dt.date(year, 12, 31),
        today=session.date,
    )
    guests, parcels = report.neighbourhood.column_totals[:2]
    assert guests.hidden and guests.value is None  # 3 guests: fewer than k
    assert (parcels.hidden, parcels.value) == ("", 40)
    assert report.neighbourhood_sessions_total == 1
    assert report.any_hidden
