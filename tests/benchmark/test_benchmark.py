"""The benchmark from taking part to the page: snapshots from real figures, the page beside
the viewer's own networks, names only of organisations that chose so, withdrawing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.dashboards.factories import bulk_organisation
from tests.factories import OrganisationFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.benchmark import metrics as m
from vangnet.benchmark.models import Participation, Snapshot
from vangnet.benchmark.selectors import benchmark_view
from vangnet.benchmark.services import snapshot_refresh
from vangnet.dashboards.periods import quarter_of

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 12, 31)


def test_snapshots_from_the_figures_and_the_published_bands():
    orgs = [bulk_organisation(networks=2, weeks=20, people=6)["organisation"] for _ in range(3)]
    for organisation in orgs:
        Participation.objects.create(organisation=organisation)
        assert snapshot_refresh(organisation=organisation, today=TODAY) == 4
    rows = Snapshot.objects.get(organisation=orgs[0], year=2025, quarter=4).rows
    assert len(rows) == 2 and rows[0]["phase"] == "build_up"
    assert rows[0]["values"][m.FIDELITY] is not None
    assert rows[0]["people"]["reached"] == 6

    view = benchmark_view(organisation=orgs[0], year=2025, quarter=4, phase="all")
    bands = {band.metric: band for band in view.bands}
    assert view.own_participates and view.participating == 3
    assert bands[m.FIDELITY].published
    assert (bands[m.FIDELITY].networks, bands[m.FIDELITY].organisations) == (6, 3)
    assert len(bands[m.FIDELITY].own) == 2
    # Nobody answered a questionnaire: no meedoen figure to show.
    assert not bands[m.MEEDOEN].published
    # A phase with no network is not shown either.
    view = benchmark_view(organisation=orgs[0], year=2025, quarter=4, phase="deepening")
    assert not any(band.published for band in view.bands)


def test_a_withdrawn_organisation_is_not_refreshed():
    organisation = bulk_organisation(networks=1, weeks=4, people=2)["organisation"]
    assert snapshot_refresh(organisation=organisation, today=TODAY) == 0
    assert not Snapshot.objects.exists()


def rows(n: int, fidelity: int, prefix: str = "Netwerk") -> list[dict]:
    return [
        {
            "network_id": 1000 + i,
            "name": f"{prefix} {i}",
            "phase": "build_up",
            "values": {m.FIDELITY: fidelity, m.CONVERSION: 0.5},
            "people": {"acquainted": 3, "reached": 9},
        }
        for i in range(n)
    ]


@pytest.fixture
def three():
    year, quarter = quarter_of(timezone.localdate())
    orgs = [OrganisationFactory(name=name) for name in ("Alfa Welzijn", "Beta Zorg", "Gamma")]
    for organisation, named in zip(orgs, (False, True, False), strict=True):
        Participation.objects.create(organisation=organisation, named=named)
        Snapshot.objects.create(
            organisation=organisation,
            year=year,
            quarter=quarter,
            rows=rows(2, 40 + 10 * len(organisation.name), organisation.name[:4]),
            computed_at=timezone.now(),
        )
    return orgs


def test_the_page_beside_the_own_networks_names_only_the_named(client, three):
    client.force_login(UserFactory(organisation=three[0], coordinator=True))
    response = client.get(reverse("benchmark:index"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "3 organisaties doen mee" in page
    assert "Beta Zorg" in page  # chose to be named
    assert "Gamma" not in page  # did not
    assert "Alfa 0" in page  # the viewer's own networks, by name
    assert "Beta 0" not in page and "Gamm 0" not in page  # never another's networks
    assert "<svg" in page and "niet getoond" in page  # conversion: fewer than k new people
    # Another organisation's coordinator sees its own networks, never Alfa's.
    client.force_login(UserFactory(organisation=three[2], coordinator=True))
    assert "Alfa Welzijn" not in client.get(reverse("benchmark:index")).content.decode()


def test_a_coordinator_of_an_organisation_that_does_not_take_part_sees_no_figures(client, three):
    client.force_login(UserFactory(coordinator=True))
    page = client.get(reverse("benchmark:index")).content.decode()
    assert "doet nog niet mee" in page and "<svg" not in page


def test_bad_choices_fall_back_to_the_defaults(client, three):
    client.force_login(UserFactory(organisation=three[0], coordinator=True))
    for query in ("?kwartaal=1999-9&fase=x", "?kwartaal=%00&fase=<b>", "?kwartaal=" + "9" * 500):
        response = client.get(reverse("benchmark:index") + query)
        assert response.status_code == 200
        assert "3 organisaties doen mee" in response.content.decode()


def test_the_page_reads_in_a_fixed_number_of_queries(client, three):
    client.force_login(UserFactory(organisation=three[0], coordinator=True))
    client.get(reverse("benchmark:index"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("benchmark:index"))
    for index in range(6):
        organisation = OrganisationFactory()
        Participation.objects.create(organisation=organisation)
        Snapshot.objects.create(
            organisation=organisation,
            year=timezone.localdate().year,
            quarter=quarter_of(timezone.localdate())[1],
            rows=rows(3, 50 + index),
            computed_at=timezone.now(),
        )
    with CaptureQueriesContext(connection) as more:
        client.get(reverse("benchmark:index"))
    assert len(more) == len(few)


def test_the_administrator_takes_part_and_withdraws(client, three):
    admin = UserFactory(organisation=three[0], admin=True)
    Participation.objects.filter(organisation=three[0]).delete()
    client.force_login(admin)
    url = reverse("benchmark:participation")
    assert "doet nu niet mee" in client.get(url).content.decode()
    response = client.post(url, {"action": "save", "named": "on"})
    assert response.status_code == 302
    assert Participation.objects.get(organisation=three[0]).named
    response = client.post(url, {"action": "withdraw"})
    assert response.status_code == 302
    assert not Participation.objects.filter(organisation=three[0]).exists()
    assert not Snapshot.objects.filter(organisation=three[0]).exists()
    details = list(
        AuditEvent.objects.filter(organisation=three[0]).values_list("detail", flat=True)
    )
    assert "benchmark: joined, named=True" in details and "benchmark: withdrawn" in details
    # Withdrawing twice says so in words.
    response = client.post(url, {"action": "withdraw"})
    assert response.status_code == 400
    assert "doet niet mee aan de benchmark" in response.content.decode()


def test_a_knowledge_institute_sees_the_benchmark_and_nothing_of_an_organisation(client, three):
    researcher = UserFactory(knowledge_institute=True)
    client.force_login(researcher)
    assert client.get(reverse("home"))["Location"] == reverse("benchmark:index")
    page = client.get(reverse("benchmark:index")).content.decode()
    assert "3 organisaties doen mee" in page and "<svg" in page
    assert "Jouw netwerken" not in page and "Alfa 0" not in page
    for name in ("networks:list", "dashboards:organisation", "fidelity:organisation"):
        assert client.get(reverse(name)).status_code in (403, 404), name


def test_a_knowledge_institute_reads_the_library_but_never_shares_or_adopts(client):
    from vangnet.library.models import Kind
    from vangnet.library.services import publication_publish

    author = UserFactory(coordinator=True)
    publication = publication_publish(
        user=author, kind=Kind.LESSON, title="Vaste taken", text="Iedereen krijgt een vaste taak."
    )
    client.force_login(UserFactory(knowledge_institute=True))
    assert "Vaste taken" in client.get(reverse("library:index")).content.decode()
    detail = client.get(reverse("library:detail", args=[publication.pk])).content.decode()
    assert "Iedereen krijgt" in detail and "Overnemen in mijn organisatie" not in detail
    assert client.post(reverse("library:adopt", args=[publication.pk])).status_code == 403
    assert client.get(reverse("library:publish")).status_code == 403
    assert client.get(reverse("library:meeting_list")).status_code == 403
