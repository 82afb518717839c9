"""`html_format`: Django's `format_html`, with the same output, in less than half the time.

The server-rendered charts (sociogram, network page, participant page, forecast) build one
fragment per node, tie, bar or label: a sociogram page calls `format_html` over a thousand
times, a third of its CPU time. Most arguments are plain strings and integers; those are
escaped directly here (`html.escape`, which is what Django's `escape` calls), everything else
(safe strings, lazy translations, floats, None) goes through Django's `conditional_escape`.
tests/core/test_markup.py compares the two on awkward values.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString


def _escaped(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return html.escape(value)
    if kind is int:
        return str(value)
    if kind is SafeString:
        return value
    return conditional_escape(value)


def html_format(template: str, *args: Any, **kwargs: Any) -> SafeString:
    """`template.format(...)` with every argument escaped unless it is safe (as
    `django.utils.html.format_html`), marked safe."""
    return SafeString(
        template.format(
            *[_escaped(value) for value in args],
            **{name: _escaped(value) for name, value in kwargs.items()},
        )
    )


def html_join(separator: str, template: str, rows: Iterable[Sequence[Any]]) -> SafeString:
    """`django.utils.html.format_html_join` for rows of positional arguments."""
    return SafeString(_escaped(separator).join(html_format(template, *row) for row in rows))
