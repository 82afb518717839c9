"""The organisation report PDF's tables as aligned text and its chart in parts: the same
figures as the page's tables, laid out with far fewer boxes (dashboards/pdf_tables.py)."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
import textwrap

import pytest
from django.template.loader import render_to_string
from hypothesis import given
from hypothesis import strategies as st

from tests.dashboards.factories import small_organisation
from tests.factories import UserFactory
from vangnet.dashboards.charts import phase_chart_parts, phase_overview_svg
from vangnet.dashboards.pdf import PDF_TEMPLATE, pdf_context, report_form
from vangnet.dashboards.pdf_tables import LINES_PER_BLOCK, Column, _cell_lines, text_table
from vangnet.dashboards.selectors import organisation_figures
from vangnet.dashboards.table_rows import figures_rows_html, phase_rows_html
from vangnet.fidelity.selectors import current_scores

TODAY = dt.date(2026, 3, 1)


def _blocks(html: str) -> list[str]:
    return [
        html_lib.unescape(re.sub(r"<[^>]+>", "", block))
        for block in re.findall(r"<pre[^>]*>.*?</pre>", html, flags=re.S)
    ]


def test_text_table_wraps_aligns_and_repeats_the_heads():
    columns = [Column("Naam", 10), Column("Aantal", 6, right=True)]
    rows = [["Een lange naam <b>", "7"], *[[f"N{i}", str(i)] for i in range(60)]]
    html = text_table(columns, rows, caption="Proef")
    assert "<b>" not in html and "&lt;b&gt;" in html  # escaped
    blocks = _blocks(html)
    assert len(blocks) == 2  # 63 lines of rows: two blocks, never more than the limit
    for block in blocks:
        lines = block.split("\n")
        assert lines[0].startswith("Naam") and lines[0].endswith("Aantal")
        assert set(lines[1]) == {"─", " "}
        assert len(lines) - 2 <= LINES_PER_BLOCK
    first = blocks[0].split("\n")
    # the long name wraps within its column; the number is right-aligned beside it
    assert first[2] == "Een lange".ljust(10) + "  " + "7".rjust(6)
    assert first[3].rstrip() == "naam <b>"
    # every row is in one block, in order
    names = [line.split()[0] for block in blocks for line in block.split("\n")[2:]]
    assert names[2:] == [f"N{i}" for i in range(60)]


@pytest.mark.django_db
def test_pdf_tables_hold_the_page_figures_and_the_chart_is_split():
    world = small_organisation()
    user = UserFactory(organisation=world["organisation"], coordinator=True)
    form = report_form(user, {"periode": "y2025"}, today=TODAY)
    assert form.is_valid()
    figures = organisation_figures(organisation=user.organisation, today=TODAY, **form.filters())
    context = pdf_context(form, figures)
    text = " ".join(
        _blocks(context["figures_text"] + context["phase_text"] + context["fidelity_text"])
    )
    words = set(text.split())
    # Every word and number of the page's rows is in the PDF's text tables.
    fidelity = current_scores(
        organisation=figures.organisation,
        as_of=figures.as_of,
        network_ids=[row.network_id for row in figures.rows],
    )
    page_rows = figures_rows_html(figures, fidelity=fidelity, links=False)
    page_rows += phase_rows_html(figures)
    page_text = html_lib.unescape(
        re.sub(r"<[^>]+>", " ", re.sub(r' data-label="[^"]*"', "", page_rows))
    )
    missing = {word for word in page_text.split() if word not in words}
    assert not missing
    t = figures.totals
    assert f"{t.steady} / {t.target}" in text and str(t.reached) in words
    for row in figures.rows:
        assert row.name in text
    # The chart: one part per network here, one time axis, no hover titles.
    parts = phase_chart_parts(
        figures.rows, start=figures.start, end=figures.end, as_of=figures.as_of, per_chart=1
    )
    assert len(parts) == len(figures.rows) >= 2
    ticks = [re.findall(r'text-anchor="middle" fill="#4a5560">([^<]+)<', part) for part in parts]
    assert all(tick == ticks[0] and tick for tick in ticks)
    whole = phase_overview_svg(
        figures.rows, start=figures.start, end=figures.end, as_of=figures.as_of
    )
    assert "<title>" in whole and all("<title>" not in part.split("</desc>")[1] for part in parts)
    # the page's chart is unchanged: a rect per bar; the printed one has a few paths
    assert whole.count("<rect") > sum(part.count("<rect") for part in parts)
    html = render_to_string(PDF_TEMPLATE, context)
    assert html.count('class="dash-chart dash-phases"') == 1  # 3 networks: one part
    assert "<table" not in html.split("Zo tellen we")[0]


@given(
    text=st.text(alphabet=st.sampled_from("ab €-·\n\t/"), max_size=40),
    width=st.integers(min_value=1, max_value=20),
)
def test_cell_lines_as_textwrap(text, width):
    """The shortcut for cells that fit gives textwrap's lines."""
    expected = []
    for part in text.split("\n"):
        expected.extend(textwrap.wrap(part, width, break_on_hyphens=False) or [""])
    assert _cell_lines(text, width) == expected


@pytest.mark.django_db
def test_printed_chart_parts_leave_the_names_to_the_text_beside_them():
    world = small_organisation()
    user = UserFactory(organisation=world["organisation"], coordinator=True)
    form = report_form(user, {"periode": "y2025"}, today=TODAY)
    assert form.is_valid()
    figures = organisation_figures(organisation=user.organisation, today=TODAY, **form.filters())
    context = pdf_context(form, figures)
    (part,) = context["phase_charts"]
    assert part.names.split("\n") == [row.name for row in figures.rows]
    assert all(row.name not in part.svg for row in figures.rows)
    html = render_to_string(PDF_TEMPLATE, context)
    names = re.search(r'<pre class="pdf-phase-names">(.*?)</pre>', html, flags=re.S)
    assert names and html_lib.unescape(names.group(1)) == part.names
    # the page's chart keeps its names
    whole = phase_overview_svg(
        figures.rows, start=figures.start, end=figures.end, as_of=figures.as_of
    )
    assert all(row.name in whole for row in figures.rows)
