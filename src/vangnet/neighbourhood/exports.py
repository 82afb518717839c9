"""A network's outputs for the neighbourhood as a table (XLSX or CSV): one row per result,
and a row for a session with guests or partners only."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from vangnet.exports.writers import Table
from vangnet.neighbourhood.selectors import network_produced

if TYPE_CHECKING:
    from vangnet.networks.models import Network


def outputs_table(*, network: Network, year: int) -> Table:
    produced = network_produced(
        network=network, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)
    )
    table = Table(
        key="buurt",
        title=_("Voor de buurt %(year)s") % {"year": year},
        headers=[
            _("Datum"),
            _("Bijeenkomst"),
            _("Gasten uit de buurt"),
            _("Soort"),
            _("Wat precies"),
            _("Aantal"),
            _("Partners die hielpen"),
        ],
    )
    for line in reversed(produced.lines):  # oldest first
        partners = ", ".join(line.partners)
        if not line.items:
            table.rows.append([line.date, line.title, line.guests, "", "", "", partners])
        for index, (label, number, description) in enumerate(line.items):
            guests = line.guests if index == 0 else ""  # counted once per session
            table.rows.append([line.date, line.title, guests, label, description, number, partners])
    return table
