"""A minimum number of networks per published area (issue 14, item 1).

Finding: an area with a single network effectively published that network, while the page
said "geen losse netwerken". Areas with fewer than VANGNET_MIN_NETWORKS_PER_AREA (default 3)
networks are pooled into "Overige gebieden"; a pool that is still too small is hidden.
"""

from __future__ import annotations

from django.core.cache import cache
from django.urls import reverse

from tests.factories import OrganisationFactory, UserFactory
from tests.reports.conftest import END, START, TODAY, build_network
from vangnet.reports.selectors import municipality_figures, report_areas


def _report(organisation, area=None):
    cache.clear()
    return municipality_figures(
        organisation=organisation, start=START, end=END, today=TODAY, area=area
    )


def test_area_with_a_single_network_is_not_published_on_its_own(db):
    organisation = OrganisationFactory()
    for index in range(3):
        build_network(organisation, name=f"N{index}", area="Noord", regulars=6)
    build_network(organisation, name="Z", area="Zuid", regulars=6)
    report = _report(organisation)
    assert "Zuid" not in report.areas
    assert report.areas == ["Noord", "Overige gebieden"]
    # The pool holds one network: its figures are hidden, and not recoverable from the
    # total minus Noord (Noord or the total is hidden as well).
    pool = report.people.cells[1]
    assert all(cell.hidden for cell in pool) and report.attendance[1].hidden
    noord, total = report.people.cells[0], report.people.column_totals
    assert all(a.hidden or b.hidden for a, b in zip(noord, total, strict=True))
    assert any("minder dan 3 vangnetwerken" in note for note in report.notes)
    assert report_areas(organisation=organisation) == ["Noord"]
    assert _report(organisation, area="Zuid").area is None  # not a published area


def test_small_areas_together_form_other_areas(db):
    organisation = OrganisationFactory()
    for index, area in enumerate(["Oost", "Oost", "West", "Zuid"]):
        build_network(organisation, name=f"N{index}", area=area, regulars=6)
    report = _report(organisation)
    assert report.areas == ["Overige gebieden"]  # four networks together
    assert report.pooled == ["Oost", "West", "Zuid"]
    assert report.people.cells[0][0].value == 24


def test_an_organisation_with_too_few_networks_shows_only_its_total(db):
    organisation = OrganisationFactory()
    build_network(organisation, name="A", area="Noord", regulars=6)
    build_network(organisation, name="B", area="Zuid", regulars=6)
    report = _report(organisation)
    assert report.areas == []
    assert report.people.column_totals[0].value == 12
    assert any("alleen de cijfers" in note for note in report.notes)


def test_page_says_the_minimum_number_of_networks_per_area(client, db, settings):
    settings.VANGNET_MIN_NETWORKS_PER_AREA = 4
    organisation = OrganisationFactory()
    build_network(organisation, name="A", area="Noord", regulars=6)
    client.force_login(UserFactory(organisation=organisation, municipality=True))
    page = client.get(reverse("reports:municipality"), {"periode": "2025-K2"}).content.decode()
    assert "minstens 4 vangnetwerken" in page
    assert "Overige gebieden" in page
