"""The sociogram page's tables and person list as HTML rows written in Python.

The tables (who supported whom, giving and receiving per person, often together) and the
person list have a row per tie, person or pair: a busy network's page has hundreds, and
Django's template engine spent about a tenth of the page's CPU on them. Every value is
escaped (`core.markup.html_format`); tests/support/test_sociogram_rows.py compares the
rows with what the template wrote.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.safestring import SafeString

from vangnet.core.markup import html_join


def _rows(template: str, rows: Iterable[Mapping[str, Any]], keys: tuple[str, ...]) -> SafeString:
    return html_join("", template, ([row[key] for key in keys] for row in rows))


def tie_rows(rows: Iterable[Mapping[str, Any]]) -> SafeString:
    """Who supported whom: giver, receiver, kind, count."""
    return _rows(
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n      ",
        rows,
        ("giver", "receiver", "type", "count"),
    )


def balance_rows(rows: Iterable[Mapping[str, Any]]) -> SafeString:
    return _rows("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows, ("label", "given", "received"))


def pair_rows(rows: Iterable[Mapping[str, Any]]) -> SafeString:
    return _rows("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows, ("a", "b", "n"))


def person_options(options: Iterable[Mapping[str, Any]]) -> SafeString:
    return _rows('<option value="{}">{}</option>', options, ("id", "label"))
