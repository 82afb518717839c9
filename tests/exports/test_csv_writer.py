"""The CSV writer: the same bytes as the plain writer it replaced (one text cell at a time,
through a text wrapper), on random rows of every kind of value."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st

from vangnet.exports.writers import Table, _text, csv_bytes, safe_cell


def _plain_csv(table: Table) -> bytes:
    """Every cell neutralised anew, written row by row through a UTF-8-with-BOM wrapper:
    the writer as it was before it cached cells and encoded in batches."""
    buffer = io.BytesIO()
    text = io.TextIOWrapper(buffer, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow([safe_cell(_text(h)) for h in table.headers])
    for row in table.rows:
        writer.writerow([safe_cell(v if isinstance(v, str) else _text(v)) for v in row])
    text.flush()
    text.detach()
    return buffer.getvalue()


VALUES = st.one_of(
    st.none(),
    st.sampled_from(["", "aanwezig", "=1+1", "a, b", 'zei "ja"', "r\r\nn", " @x", "1"]),
    st.text(max_size=6),
    st.integers(-3, 3),
    st.booleans(),
    st.floats(allow_nan=False, width=32),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-5, max_value=5),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.just(gettext_lazy("ja")),
)
PLAIN = st.one_of(
    st.none(),
    st.sampled_from(["", "aanwezig", "=1+1", "a, b", "1"]),
    st.text(max_size=4),
    st.integers(-3, 3),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)),
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.lists(PLAIN, max_size=12), max_size=12),
    st.lists(st.lists(VALUES, max_size=12), max_size=6),
    st.integers(1, 5),
)
def test_csv_bytes_as_the_plain_writer(plain, mixed, batch):
    """Rows of texts, whole numbers, dates and None (looked up in one pass) mixed with rows
    of every kind (1, True, 1.0 and Decimal("1.00") apart), over more than one batch."""
    import vangnet.exports.writers as writers

    rows = [*plain, *mixed, *plain, [True, 1, 1.0, Decimal("1.00"), 1]]
    headers = ["Kop", "=kop", "a, b"]
    old = writers.BATCH
    writers.BATCH = batch
    try:
        new = csv_bytes(Table(key="t", title="t", headers=headers, rows=iter(rows)))
    finally:
        writers.BATCH = old
    assert new == _plain_csv(Table(key="t", title="t", headers=headers, rows=rows))
