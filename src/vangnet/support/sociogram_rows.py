"""The sociogram page's long lists, written in Python: the table rows (who supported whom,
giving and receiving per person, often together) and the person menu.

A network's sociogram lists every tie and every person, a hundred rows or more; Django's
template engine spent over a third of the page's server time on those loops (a variable
lookup, a localisation and an escape per cell). `html_join` writes the same markup in a
fraction of that, every text escaped. The tables' heads and the rest of the page stay in
support/sociogram.html; tests/support/test_sociogram_rows.py compares these rows with the
template's loops they replace.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.safestring import SafeString

from vangnet.core.markup import html_format, html_join

# A row's cells are followed by the template's line break and indentation.
_TIE_ROW = "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n      "


def tie_rows_html(rows: Iterable[Mapping[str, Any]], empty: str) -> SafeString:
    """The body rows of "Wie steunde wie, en hoe vaak"; `empty` when there are none."""
    cells = [(row["giver"], row["receiver"], row["type"], row["count"]) for row in rows]
    if not cells:
        return html_format('<tr><td colspan="4">{}</td></tr>', empty)
    return html_join("", _TIE_ROW, cells)


def balance_rows_html(rows: Iterable[Mapping[str, Any]]) -> SafeString:
    """The body rows of "Geven en krijgen per persoon"."""
    return html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
        ((row["label"], row["given"], row["received"]) for row in rows),
    )


def pair_rows_html(rows: Iterable[Mapping[str, Any]]) -> SafeString:
    """The body rows of "Vaak samen aanwezig"."""
    return html_join(
        "", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", ((r["a"], r["b"], r["n"]) for r in rows)
    )


def person_options_html(options: Iterable[Mapping[str, Any]]) -> SafeString:
    """The <option> of every person in the "Kies een persoon" menu."""
    return html_join("", '<option value="{}">{}</option>', ((o["id"], o["label"]) for o in options))
