"""The dashboard and report pages: content, filters, privacy, PDF and permissions."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.dashboards.factories import small_organisation
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db

YEAR = {"periode": "y2025"}


@pytest.fixture
def small(settings):
    return small_organisation()


@pytest.fixture
def sync_exports(settings):
    settings.VANGNET_EXPORTS_SYNC = True


@pytest.fixture
def coordinator_client(client, small):
    return login(client, UserFactory(organisation=small["organisation"], coordinator=True))


def test_dashboard_shows_every_network_and_the_totals(coordinator_client, small):
    response = coordinator_client.get(reverse("dashboards:organisation"), YEAR)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("A Noord", "B Zuid", "C Oost"):
        assert name in html
    figures = response.context["figures"]
    assert figures.start == dt.date(2025, 1, 1) and figures.end == dt.date(2025, 12, 31)
    assert figures.totals.reached == 5
    assert '<svg class="dash-chart dash-phases"' in html
    assert 'role="region"' in html
    assert "Fasen als tabel" in html


def test_dashboard_shows_no_participant_names(coordinator_client, small):
    ParticipantFactory(network=small["networks"]["a"], display_name="Geheimenaam")
    html = coordinator_client.get(reverse("dashboards:organisation"), YEAR).content.decode()
    assert "Geheimenaam" not in html
    assert "Deelnemer " not in html  # the factories' participant names


def shown_networks(response) -> list[str]:
    """The networks the page shows, from its phase table's rows (the body's context holds
    the totals, not the rows, when it is assembled from kept rows)."""
    return re.findall(r'<tr><th scope="row">([^<]*)</th>', response.content.decode())


def test_filter_by_location_and_worker(coordinator_client, small):
    url = reverse("dashboards:organisation")
    location = small["locations"]["south"].pk
    response = coordinator_client.get(url, {**YEAR, "locatie": location})
    assert shown_networks(response) == ["B Zuid"]
    response = coordinator_client.get(url, {**YEAR, "werker": small["workers"]["w1"].pk})
    assert shown_networks(response) == ["A Noord", "C Oost"]


def test_own_dates_and_quarter_preset(coordinator_client, small):
    url = reverse("dashboards:organisation")
    response = coordinator_client.get(url, {"van": "2025-10-01", "tot": "2025-12-31"})
    assert response.context["figures"].start == dt.date(2025, 10, 1)
    response = coordinator_client.get(url, {"periode": "q2025-2"})
    figures = response.context["figures"]
    assert (figures.start, figures.end) == (dt.date(2025, 4, 1), dt.date(2025, 6, 30))


def test_default_period_is_the_last_twelve_months(coordinator_client):
    figures = coordinator_client.get(reverse("dashboards:organisation")).context["figures"]
    assert (figures.end - figures.start).days in (364, 365)


@pytest.mark.parametrize(
    "query",
    [
        {"van": "2025-12-31", "tot": "2025-01-01"},
        {"van": "2025-02-30"},
        {"periode": "q2025-9"},
        {"van": "0001-01-01"},
        {"locatie": "999999"},
        {"werker": "abc"},
    ],
)
def test_bad_filter_is_a_400_with_a_dutch_message(coordinator_client, query):
    response = coordinator_client.get(reverse("dashboards:organisation"), query)
    assert response.status_code == 400
    assert response.context["figures"] is None
    assert "Verbeter de keuze" in response.content.decode()


def test_location_of_another_organisation_is_refused(coordinator_client):
    from tests.factories import LocationFactory

    foreign = LocationFactory()
    response = coordinator_client.get(reverse("dashboards:organisation"), {"locatie": foreign.pk})
    assert response.status_code == 400


def test_report_page(coordinator_client, small):
    response = coordinator_client.get(reverse("dashboards:report"), YEAR)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Organisatierapport Welzijn Proefstad" in html
    assert "B Zuid" in html
    assert reverse("dashboards:report_pdf") + "?periode=y2025" in html


def report_pdf(client, query) -> bytes:
    """Ask for the PDF (an export job, run at once here) and download the file."""
    response = client.post(f"{reverse('dashboards:report_pdf')}?periode={query['periode']}")
    assert response.status_code == 302
    job_id = int(response["Location"].rstrip("/").split("/")[-1])
    download = client.get(reverse("exports:download", args=[job_id]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "organisatierapport-20250101-20251231.pdf" in download["Content-Disposition"]
    return download.content


def test_report_pdf(coordinator_client, small, sync_exports):
    data = report_pdf(coordinator_client, YEAR)
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]


def test_report_pdf_text(coordinator_client, small, monkeypatch, sync_exports):
    """The text of the document that became the PDF (WeasyPrint's document API) holds the
    organisation and the networks, and no participant names."""
    from vangnet.dashboards import pdf

    documents = []
    original = pdf.report_document

    def keep(html, **kwargs):
        documents.append(original(html, **kwargs))
        return documents[-1]

    monkeypatch.setattr(pdf, "report_document", keep)
    assert report_pdf(coordinator_client, YEAR).startswith(b"%PDF")
    text = pdf.document_text(documents[0])
    assert "Organisatierapport Welzijn Proefstad" in text
    assert "A Noord" in text and "C Oost" in text
    assert "Deelnemer " not in text


def test_report_pdf_with_bad_filter_goes_back_to_the_report(coordinator_client):
    response = coordinator_client.post(f"{reverse('dashboards:report_pdf')}?periode=nee")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("dashboards:report"))
    get = coordinator_client.get(reverse("dashboards:report_pdf"), YEAR)
    assert get.status_code == 302 and get["Location"].startswith(reverse("dashboards:report"))


@pytest.mark.parametrize("role", ["worker", "backup", "evaluator", "municipality", "admin"])
@pytest.mark.parametrize("name", ["organisation", "report", "report_pdf"])
def test_only_coordinators(client, small, role, name):
    kinds = {
        "worker": {},
        "backup": {"backup": True},
        "evaluator": {"evaluator": True},
        "municipality": {"municipality": True},
        "admin": {"admin": True},
    }
    user = UserFactory(organisation=small["organisation"], **kinds[role])
    response = login(client, user).get(reverse(f"dashboards:{name}"))
    assert response.status_code == 403


def test_anonymous_goes_to_login(client):
    response = client.get(reverse("dashboards:organisation"))
    assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_coordinator_sees_only_own_organisation(client, small):
    from tests.dashboards.factories import bulk_organisation

    other = bulk_organisation(networks=2, weeks=4, people=2)
    user = UserFactory(organisation=other["organisation"], coordinator=True)
    response = login(client, user).get(reverse("dashboards:organisation"), YEAR)
    names = shown_networks(response)
    assert len(names) == 2 and "A Noord" not in names


@pytest.mark.parametrize("weeks,label", [(180, "2025"), (120, "Jan 2025")])
def test_phase_chart_ticks_and_period(weeks, label):
    """Ticks sit at their dates: the period band starts at the 1 January 2025 tick, also
    when the first network started mid-year (yearly and quarterly ticks)."""
    import re

    from django.utils import translation

    from tests.dashboards.factories import bulk_organisation
    from vangnet.dashboards.charts import phase_overview_svg
    from vangnet.dashboards.selectors import organisation_figures

    data = bulk_organisation(networks=2, weeks=weeks, people=2)
    figures = organisation_figures(
        organisation=data["organisation"],
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 12, 31),
        today=dt.date(2025, 12, 31),
    )
    with translation.override("nl"):
        svg = str(
            phase_overview_svg(
                figures.rows, start=figures.start, end=figures.end, as_of=figures.as_of
            )
        )
    band = re.search(r'<rect x="([\d.]+)" y="\d+" width="[\d.]+" height="\d+" fill="#fff4d6"', svg)
    ticks = {
        text: x
        for x, text in re.findall(
            r'<text x="([\d.]+)" y="\d+" font-size="12" text-anchor="middle" fill="#4a5560">'
            r"([^<]+)</text>",
            svg,
        )
    }
    assert ticks.get(label) == band.group(1), ticks
    assert "werkelijk vanaf" in svg and "gepland vanaf" in svg


def test_report_shows_the_phase_table_open_for_printing(coordinator_client, small):
    html = coordinator_client.get(reverse("dashboards:report"), YEAR).content.decode()
    assert "Fasen per vangnetwerk: plan en werkelijkheid" in html
    # The page's own content, not the site menu (which folds behind <details> on a phone).
    assert "<details" not in _main_content(html)
    dashboard = coordinator_client.get(reverse("dashboards:organisation"), YEAR)
    assert "<details" in _main_content(dashboard.content.decode())


def _main_content(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_subgoal_column_appears_with_judgements(coordinator_client, small):
    models = pytest.importorskip("vangnet.network_evaluation.models")
    pytest.importorskip("vangnet.network_evaluation.indicators")
    evaluation = models.NetworkEvaluation.objects.create(
        network=small["networks"]["a"], moment="year_1"
    )
    models.SubgoalJudgement.objects.create(evaluation=evaluation, subgoal="a", judgement="achieved")
    html = coordinator_client.get(reverse("dashboards:organisation"), YEAR).content.decode()
    assert ">Subdoelen</th>" in html
    assert "1 behaald, 0 deels, 0 nog niet, 8 zonder oordeel" in html
