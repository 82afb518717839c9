"""Reports read well: every PDF page says whose report it is, of when, when it was made and
which page it is; charts carry a visible title and text readable on a phone."""

from __future__ import annotations

import re

from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone
from django.utils.formats import date_format

from tests.reports.test_views import PERIOD, document_text
from vangnet.reports import views
from vangnet.reports.charts import FONT, WIDTH, bars_svg
from vangnet.reports.pdf import render_document
from vangnet.reports.suppression import Cell

PHONE_CHART_WIDTH = 358  # a 390 px phone minus the page's padding


def test_bar_chart_has_a_visible_title_and_phone_sized_text():
    svg = str(
        bars_svg(
            chart_id="c",
            title="Bereikte mensen",
            desc="Per gebied.",
            rows=[("Tilburg Noord met een lange naam", 12), ("Zuid", Cell(None, hidden="primary"))],
        )
    )
    assert '<title id="c-title">Bereikte mensen</title>' in svg
    assert re.search(r'<text [^>]*aria-hidden="true">Bereikte mensen</text>', svg)
    assert "Tilburg Noord met een lange naam" in svg, "labels sit above the bar, uncut"
    sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]
    assert min(sizes) == FONT
    assert FONT * PHONE_CHART_WIDTH / WIDTH >= 12


def _pages_text(document) -> list[str]:
    return [document_text(type("One", (), {"pages": [page]})()) for page in document.pages]


def test_municipality_pdf_pages_carry_organisation_period_date_and_number(small_world):
    cache.clear()
    request = RequestFactory().get("/rapportages/gemeente/pdf/", PERIOD)
    request.user = small_world["municipality"]
    context = views._municipality_context(request)
    document = render_document("reports/municipality_pdf.html", context, request=request)
    made = date_format(timezone.localdate(), "j F Y")
    pages = _pages_text(document)
    for number, text in enumerate(pages, start=1):
        assert f"pagina {number} van {len(pages)}" in text
        assert f"gemaakt op {made}" in text
        assert context["period"].label in text
        assert context["report"].organisation_name in text


def test_annual_pdf_pages_carry_the_network_and_the_date_made(small_world):
    network = small_world["networks"]["A"]
    request = RequestFactory().get("/", {"jaar": "2025"})
    request.user = network.lead_worker
    context = views._annual_context(request, network.pk)
    document = render_document("reports/annual_pdf.html", context, request=request)
    made = date_format(timezone.localdate(), "j F Y")
    for number, text in enumerate(_pages_text(document), start=1):
        assert f"pagina {number} van" in text
        assert network.organisation.name in text and network.name in text
        assert f"gemaakt op {made}" in text
