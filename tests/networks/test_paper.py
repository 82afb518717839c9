"""The paper attendance list (PDF) and taking a filled-in list over on the session screen:
the right names in the screen's order and nobody of another network, tick boxes and empty
rows, page numbers and the date made, nothing loaded from anywhere, audited; another
organisation gets 404."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.factories import NetworkFactory, OrganisationFactory, ParticipantFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import AnnouncedAbsence, Attendance, Session
from vangnet.networks.sessions.paper import (
    PAPER_NOTE,
    paper_document,
    paper_html,
    paper_list,
)
from vangnet.networks.sessions.selectors import session_screen

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 12)


def document_text(document) -> list[str]:
    """The text WeasyPrint laid out, per page (the margin boxes included)."""
    pages = []
    for page in document.pages:
        parts: list[str] = []

        def walk(box, parts=parts) -> None:
            text = getattr(box, "text", None)
            if isinstance(text, str):
                parts.append(text)
            for child in getattr(box, "children", ()) or ():
                walk(child)

        walk(page._page_box)
        pages.append(" ".join(parts))
    return pages


@pytest.fixture
def paper_setup(network):
    earlier = Session.objects.create(network=network, date=DAY - dt.timedelta(weeks=1))
    session = Session.objects.create(network=network, date=DAY, title="Soep")
    regulars = [
        ParticipantFactory(network=network, display_name=name)
        for name in ("Wim", "Anna", "Zeynep", "Ria")
    ]
    for person in regulars:
        Attendance.objects.create(session=earlier, participant=person)
    never = ParticipantFactory(network=network, display_name="Nooit Geweest")
    other_network = NetworkFactory(organisation=network.organisation)
    stranger = ParticipantFactory(network=other_network, display_name="Buurman Anders")
    AnnouncedAbsence.objects.create(session=session, participant=regulars[3], reason="ziek")
    return {
        "session": session,
        "regulars": regulars,
        "never": never,
        "stranger": stranger,
        "url": reverse("networks:session_paper", args=[network.pk, session.pk]),
    }


def test_the_list_holds_the_screens_coming_rows_in_the_screens_order(paper_setup):
    session = paper_setup["session"]
    paper = paper_list(session=session)
    screen = session_screen(session=session)
    expected = [row.participant.display_name for row in screen.rows if row.is_coming]
    assert paper.names == expected == ["Anna", "Ria", "Wim", "Zeynep"]
    assert "Nooit Geweest" not in paper.names and "Buurman Anders" not in paper.names
    assert paper.absent == {"Ria": "ziek"}
    assert paper.empty_rows >= 6


def test_pdf_renders_names_boxes_page_numbers_and_date_made(paper_setup, network):
    paper = paper_list(session=paper_setup["session"])
    document = paper_document(paper, made_on=dt.date(2025, 3, 10))
    pages = document_text(document)
    text = " ".join(pages)
    for name in ("Anna", "Ria", "Wim", "Zeynep"):
        assert name in text
    assert text.index("Anna") < text.index("Ria") < text.index("Wim") < text.index("Zeynep")
    assert "Buurman Anders" not in text and "Nooit Geweest" not in text
    assert network.name in text and "12 maart 2025" in text and "Soep" in text
    assert "Aanwezig" in text and "Afgemeld" in text and "Bijdrage" in text
    assert "Nieuw vandaag" in text
    assert "Gemaakt op 10 maart 2025" in pages[0]
    assert f"Pagina 1 van {len(pages)}" in pages[0]
    assert document.pages[0].width == pytest.approx(210 / 25.4 * 96, abs=1)  # A4, CSS px


def test_a_long_list_runs_over_pages_with_numbers(network):
    earlier = Session.objects.create(network=network, date=DAY - dt.timedelta(weeks=1))
    session = Session.objects.create(network=network, date=DAY)
    for number in range(45):
        person = ParticipantFactory(network=network, display_name=f"Persoon {number:02d}")
        Attendance.objects.create(session=earlier, participant=person)
    pages = document_text(paper_document(paper_list(session=session), made_on=DAY))
    assert len(pages) >= 2
    assert f"Pagina 2 van {len(pages)}" in pages[1]
    assert "Naam" in pages[1]  # the header row repeats


def test_the_html_loads_nothing_from_anywhere(paper_setup):
    html = paper_html(paper_list(session=paper_setup["session"]), made_on=DAY)
    for needle in ("http:", "https:", "//", "@import", "url(", "<link", "<img", "<script"):
        assert needle not in html.replace("<!DOCTYPE html>", ""), needle


def test_the_view_gives_a_pdf_and_audits_it(paper_setup, worker_client):
    response = worker_client.get(paper_setup["url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "no-store" in response["Cache-Control"]
    assert "aanwezigheidslijst-" in response["Content-Disposition"]
    event = AuditEvent.objects.get(action="export", object_type="networks.session")
    assert event.object_id == str(paper_setup["session"].pk)
    assert "Anna" not in event.detail  # counts, never names


def test_another_organisation_gets_404_and_a_coordinator_403(paper_setup, client, coordinator):
    outsider = UserFactory(organisation=OrganisationFactory())
    login(client, outsider)
    assert client.get(paper_setup["url"]).status_code == 404
    client.logout()
    login(client, coordinator)
    assert client.get(paper_setup["url"]).status_code == 403
    assert not AuditEvent.objects.filter(action="export").exists()


def test_another_networks_session_is_404(paper_setup, worker_client, network):
    other = NetworkFactory(organisation=network.organisation, lead_worker=network.lead_worker)
    foreign = Session.objects.create(network=other, date=DAY)
    url = reverse("networks:session_paper", args=[network.pk, foreign.pk])
    assert worker_client.get(url).status_code == 404


def test_session_screen_and_list_link_to_the_paper(paper_setup, worker_client, network):
    session = paper_setup["session"]
    screen = worker_client.get(reverse("networks:session_record", args=[network.pk, session.pk]))
    assert paper_setup["url"] in screen.content.decode()
    assert "?van=papier" in screen.content.decode()
    listed = worker_client.get(reverse("networks:session_list", args=[network.pk]))
    assert paper_setup["url"] in listed.content.decode()


def test_taking_a_paper_list_over_is_the_session_screen(paper_setup, worker_client, network):
    session = paper_setup["session"]
    anna, _ria, wim, _z = paper_setup["regulars"]
    url = reverse("networks:session_record", args=[network.pk, session.pk]) + "?van=papier"
    page = worker_client.get(url)
    body = page.content.decode()
    assert page.status_code == 200
    assert "papieren lijst over" in body
    form = page.context["form"]
    assert form.initial["note"].endswith(PAPER_NOTE)
    assert body.index("Anna") < body.index("Wim") < body.index("Zeynep")
    data = {key: form.initial.get(key, "") for key in form.fields}
    data.update({"present": [anna.pk, wim.pk], "note": form.initial["note"]})
    response = worker_client.post(url, data)
    assert response.status_code == 302
    session.refresh_from_db()
    assert set(session.attendances.values_list("participant_id", flat=True)) == {anna.pk, wim.pk}
    assert session.note == PAPER_NOTE
    # Opening the take-over again does not add the line twice.
    again = worker_client.get(url).context["form"]
    assert again.initial["note"].count(PAPER_NOTE) == 1
