import datetime as dt
import io
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.conftest import login
from tests.factories import UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.stakeholders import services
from vangnet.stakeholders.models import Agreement, Party, StakeholderMeeting
from vangnet.volunteers.models import NetworkHelper


def test_coordinator_pages(client, coordinator, meeting, party):
    login(client, coordinator)
    for url in (
        reverse("stakeholders:index"),
        reverse("stakeholders:meetings"),
        reverse("stakeholders:agreements"),
        reverse("stakeholders:party", args=[party.pk]),
        reverse("stakeholders:meeting", args=[meeting.pk]),
        reverse("stakeholders:party_edit", args=[party.pk]),
        reverse("stakeholders:meeting_edit", args=[meeting.pk]),
        reverse("stakeholders:agreement_edit", args=[meeting.agreements.first().pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("stakeholders:agreements")).content.decode()
    assert "te laat" in page
    assert "Ruimte in het buurthuis vragen" in page


def test_party_page_audited(client, coordinator, party):
    login(client, coordinator)
    client.get(reverse("stakeholders:party", args=[party.pk]))
    assert AuditEvent.objects.filter(
        action="view", object_type="stakeholders.party", object_id=str(party.pk)
    ).exists()


def test_record_a_meeting_with_agreements(client, coordinator, party, network):
    login(client, coordinator)
    response = client.post(
        reverse("stakeholders:meeting_create"),
        {
            "date": "04-03-2025",
            "kind": "sounding_board",
            "subject": "Klankbordgroep voorjaar",
            "parties": [party.pk],
            "networks": [network.pk],
            "notes": "Wijkraad sluit aan.",
            "agreement-0-text": "Wijkraad uitnodigen",
            "agreement-0-owner": str(party.pk),
            "agreement-0-due_date": "2025-04-01",
            "agreement-1-text": "",
            "agreement-2-text": "",
        },
    )
    meeting = StakeholderMeeting.objects.get()
    assert response.status_code == 302
    assert list(meeting.parties.all()) == [party]
    assert [(a.text, a.owner) for a in meeting.agreements.all()] == [("Wijkraad uitnodigen", party)]


def test_bad_meeting_input_keeps_the_form_and_saves_nothing(client, coordinator, party):
    login(client, coordinator)
    response = client.post(
        reverse("stakeholders:meeting_create"),
        {
            "date": "31-02-2025",
            "kind": "project_group",
            "subject": "s" * 201,
            "parties": ["abc"],
            "agreement-0-owner": str(party.pk),  # an owner without an agreement
            "agreement-1-text": "Te vroeg",
            "agreement-1-due_date": "2024-01-01",
            "agreement-2-owner": "99999999999999999999999",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "dd-mm-jjjj" in page
    assert "Vul de afspraak in" in page
    assert not StakeholderMeeting.objects.exists()
    assert not Agreement.objects.exists()


def test_service_error_lands_on_the_agreement_row(client, coordinator):
    login(client, coordinator)
    response = client.post(
        reverse("stakeholders:meeting_create"),
        {
            "date": "2025-03-04",
            "kind": "project_group",
            "subject": "Voortgang",
            "agreement-1-text": "Te vroeg",
            "agreement-1-due_date": "2025-03-01",
        },
    )
    assert response.status_code == 400
    assert "Deze datum ligt voor het overleg." in response.content.decode()
    assert not StakeholderMeeting.objects.exists()


def test_empty_and_bad_party_posts(client, coordinator, party):
    login(client, coordinator)
    assert client.post(reverse("stakeholders:party_create"), {}).status_code == 400
    response = client.post(
        reverse("stakeholders:party_create"),
        {"name": party.name.upper(), "kind": "municipality", "contact_email": "a@b.nl"},
    )
    assert response.status_code == 400
    assert "Er is al een partij met deze naam." in response.content.decode()
    response = client.post(
        reverse("stakeholders:party_create"),
        {"name": "Wijkraad", "kind": "municipality", "contact_email": "geen"},
    )
    assert "Vul een geldig e-mailadres in" in response.content.decode()
    assert Party.objects.count() == 1


def test_follow_up_on_the_agreement_page(client, coordinator, meeting):
    login(client, coordinator)
    agreement = meeting.agreements.order_by("pk").first()
    response = client.post(
        reverse("stakeholders:agreement_edit", args=[agreement.pk]),
        {"text": agreement.text, "owner": "", "status": "done", "done_on": "2025-04-02"},
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert (agreement.status, agreement.done_on, agreement.owner) == (
        "done",
        dt.date(2025, 4, 2),
        None,
    )


def test_other_organisation_gets_404(client, meeting, party):
    from tests.factories import UserFactory

    stranger = UserFactory(coordinator=True)
    login(client, stranger)
    for url in (
        reverse("stakeholders:party", args=[party.pk]),
        reverse("stakeholders:meeting", args=[meeting.pk]),
        reverse("stakeholders:agreement_edit", args=[meeting.agreements.first().pk]),
    ):
        assert client.get(url).status_code == 404
    assert party.name not in client.get(reverse("stakeholders:index")).content.decode()


def test_worker_sees_parties_and_agreements_on_the_network_page(client, worker, meeting, party):
    login(client, worker)
    assert client.get(reverse("stakeholders:index")).status_code == 403
    page = client.get(reverse("networks:detail", args=[meeting.networks.get().pk])).content
    page = page.decode()
    assert "Partijen en afspraken" in page
    assert party.name in page
    assert "Ruimte in het buurthuis vragen" in page
    # Read only and without the contact person.
    assert "s.dewit@tilburg.nl" not in page
    assert reverse("stakeholders:agreement_edit", args=[meeting.agreements.first().pk]) not in page


def test_export_guards_formulas(client, coordinator, network, party):
    services.meeting_save(
        organisation=network.organisation,
        actor=coordinator,
        date=dt.date(2025, 3, 4),
        kind="project_group",
        subject='=HYPERLINK("http://x")',
        notes="+1+1",
        agreements=[services.NewAgreement(text="@SUM(A1)")],
    )
    login(client, coordinator)
    response = client.get(reverse("stakeholders:export"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["partijen", "overleggen", "afspraken"]
    values = [
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, str)
    ]
    assert '\'=HYPERLINK("http://x")' in values
    assert "'+1+1" in values
    assert "'@SUM(A1)" in values
    assert not any(v.startswith(("=", "+", "@")) for v in values)
    assert "s.dewit@tilburg.nl" in values
    assert AuditEvent.objects.filter(action="export", object_type="stakeholders").exists()


def test_a_network_helper_sees_no_parties_or_agreements(client, meeting, party):
    """A volunteer with their own sign-in sees the network to record its sessions; the
    parties and agreements are steering information (view_network_reports)."""
    network = meeting.networks.get()
    account = UserFactory(organisation=network.organisation, network_helper=True)
    NetworkHelper.objects.create(
        network=network,
        kind="volunteer",
        name="Ton",
        start_date=timezone.localdate() - dt.timedelta(days=30),
        hours_per_week=Decimal(3),
        user=account,
    )
    client.force_login(account)
    page = client.get(reverse("networks:detail", args=[network.pk]))
    assert page.status_code == 200
    assert "Partijen en afspraken" not in page.content.decode()
    assert party.name not in page.content.decode()
    api = client.get(reverse("api:network_stakeholders", kwargs={"network_id": network.pk}))
    assert api.status_code in (403, 404)
