"""Rows of the network page written in Python rather than in its template (issue 21): the
network page is one of the most used pages and Django's template engine spends a few
milliseconds on every loop of date filters and variable lookups. Every text is escaped; the
markup, spacing included, is the template's own (networks/network_detail.html shows the
result; tests/networks/test_network_page_speed.py compares it with the template's)."""

from __future__ import annotations

from collections.abc import Sequence

from django.template.defaultfilters import date as date_filter
from django.utils.formats import localize
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from vangnet.networks.selectors import WeekAttendance


def weekly_rows_html(weeks: Sequence[WeekAttendance]) -> SafeString:
    """The body rows of the "present per week" table, newest week first."""
    parts = []
    for week in reversed(weeks):
        present = escape(localize(week.present)) if week.has_session else "—"
        parts.append(
            f'\n      <tr><th scope="row">{escape(localize(week.iso[1]))}</th>'
            f"<td>{escape(date_filter(week.monday, 'j M Y'))}</td>"
            f"<td>{escape(localize(week.sessions))}</td><td>{present}</td></tr>\n      "
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above
