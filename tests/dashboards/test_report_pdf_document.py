"""The organisation report PDF as a document: every network and its figures can be read
back from the PDF file itself; the phase chart's parts each fit their page and have their
own ids (WeasyPrint warned "Anchor defined twice" when every part had the same ones)."""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections import Counter

import pytest
from django.template.loader import render_to_string
from pypdf import PdfReader

from tests.dashboards.factories import bulk_organisation
from tests.factories import UserFactory
from vangnet.dashboards import charts, pdf
from vangnet.dashboards.glyphs import digit_outline
from vangnet.dashboards.selectors import organisation_figures
from vangnet.dashboards.templatetags.dashboards_tags import one_decimal, pct

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 3, 1)
NETWORKS = 20  # two parts of the phase chart (CHART_ROWS_PER_PAGE networks a part)


@pytest.fixture
def report():
    made = bulk_organisation(networks=NETWORKS, weeks=30, people=3)
    user = UserFactory(organisation=made["organisation"], coordinator=True)
    form = pdf.report_form(user, {"periode": "y2025"}, today=TODAY)
    assert form.is_valid()
    figures = organisation_figures(organisation=user.organisation, today=TODAY, **form.filters())
    return user, figures, render_to_string(pdf.PDF_TEMPLATE, pdf.pdf_context(form, figures))


def test_every_network_and_its_figures_read_back_from_the_pdf(report):
    _user, figures, html = report
    data = pdf.report_document(html).write_pdf()
    reader = PdfReader(io.BytesIO(data))
    lines = [line for page in reader.pages for line in page.extract_text().splitlines()]
    text = "\n".join(lines)
    assert f"Organisatierapport {figures.organisation.name}" in text
    assert reader.metadata.title == f"Organisatierapport {figures.organisation.name}"
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert len(figures.rows) == NETWORKS
    for row in figures.rows:
        # the figures table's first line of this network: its name, then its figures
        first = [line for line in lines if re.match(rf"\s*{re.escape(row.name)}\s{{2}}", line)]
        assert len(first) == 3, row.name  # once in each per-network table
        line = next(line for line in first if f"{row.steady} / {row.target}" in line)
        # its figures, in the table's order, each standing apart
        expected = [
            f"{row.steady} / {row.target}",
            str(row.reached),
            str(row.long_term),
            f"{row.became_steady} / {row.acquainted}",
            str(row.dropouts),
            str(row.returns),
            str(pct(row.attendance_rate)),
            str(one_decimal(row.present_per_week)),
        ]
        pattern = r"\s+".join(re.escape(value) for value in expected)
        assert re.search(rf"\s{pattern}\s", line), (expected, line)


def _boxes(page):
    stack = [page._page_box]
    while stack:
        box = stack.pop()
        yield box
        stack.extend(reversed(getattr(box, "children", None) or []))  # in document order


def _classes(box) -> str:
    element = getattr(box, "element", None)
    return (element.get("class") or "") if element is not None else ""


def test_chart_names_stand_on_their_rows(report):
    """The networks' names are text beside each part's bars (not SVG text, drawn letter by
    letter), every name on its row's baseline: the first part holds the first networks."""
    _user, figures, html = report
    document = pdf.report_document(html)
    parts = 0
    for page in document.pages:
        boxes = list(_boxes(page))
        svgs = [box for box in boxes if type(box).__name__ == "BlockReplacedBox"]
        names = [
            box
            for box in boxes
            if type(box).__name__ == "LineBox" and "pdf-phase-names" in _classes(box)
        ]
        if not svgs:
            assert not names
            continue
        (svg,) = svgs
        scale = svg.width / charts.WIDTH
        texts = [child for line in names for child in line.children]
        rows = figures.rows[parts * pdf.CHART_ROWS_PER_PAGE : (parts + 1) * pdf.CHART_ROWS_PER_PAGE]
        assert [box.text for box in texts] == [charts.chart_label(row.name) for row in rows]
        for index, box in enumerate(texts):
            expected = svg.content_box_y() + (charts.TOP + index * charts.ROW + 17) * scale
            assert abs(box.position_y + box.baseline - expected) < 1.0, (index, box.text)
        parts += 1
    assert parts == 2


def test_table_blocks_each_stay_on_one_page(report):
    """A block of a per-network table fills at most one page; the next block of the same
    table starts a page (a block tried on a filled page and moved on was laid out twice)."""
    _user, _figures, html = report
    document = pdf.report_document(html)
    pages_of: dict[int, set[int]] = {}
    for number, page in enumerate(document.pages):
        for box in _boxes(page):
            if "pdf-grid" in _classes(box).split() and type(box).__name__ == "BlockBox":
                pages_of.setdefault(id(box.element), set()).add(number)
    assert len(pages_of) >= 4  # the figures table (3 lines a network) has two blocks here
    assert all(len(pages) == 1 for pages in pages_of.values())
    assert "pre.pdf-grid + pre.pdf-grid { break-before: page; }" in html


def test_table_lines_fit_the_page_width(report):
    """The per-network tables' columns are as wide as the page allows (the fidelity
    table's next step on one line); no line of them runs past the body's content box."""
    _user, _figures, html = report
    document = pdf.report_document(html)
    lines = 0
    for page in document.pages:
        body = page._page_box.children[0].children[0]
        right = body.content_box_x() + body.width
        for box in _boxes(page):
            if type(box).__name__ == "LineBox" and "pdf-grid" in _classes(box).split():
                lines += 1
                end = max(child.position_x + child.width for child in box.children)
                assert end <= right, (end, right)
    assert lines > 3 * NETWORKS


def test_chart_parts_have_their_own_ids_and_each_fits_its_page(report, caplog):
    _user, figures, html = report
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert ids and max(ids.values()) == 1, [name for name, n in ids.items() if n > 1]
    assert html.count('aria-labelledby="dash-phases-2-title dash-phases-2-desc"') == 1
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        document = pdf.report_document(html)
    assert not [r for r in caplog.records if "defined twice" in r.getMessage()]
    charts = []
    for page in document.pages:
        box = page._page_box
        bottom = box.content_box_y() + box.height
        stack = [box]
        while stack:
            child = stack.pop()
            if type(child).__name__ == "BlockReplacedBox":
                charts.append(child.position_y + child.margin_height() <= bottom + 0.5)
            stack.extend(getattr(child, "children", None) or [])
    assert len(charts) == 2 and all(charts)


def test_digit_strokes():
    one, twelve = digit_outline("1", x=50, y=20), digit_outline("12", x=50, y=20)
    assert one is not None and twelve is not None
    assert one.startswith("M") and twelve.count("M") == 2
    assert digit_outline("a", x=0, y=0) is None and digit_outline("", x=0, y=0) is None
    # centred on x, standing on the baseline y
    points = [float(n) for n in re.findall(r"-?\d+\.\d", twelve)]
    xs, ys = points[0::2], points[1::2]
    assert abs((min(xs) + max(xs)) / 2 - 50) < 0.6 and max(ys) == 20.0
