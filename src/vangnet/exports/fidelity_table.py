"""The fidelity export: per network, quarter and component the score, weight, share,
evidence and next step, as on /methodetrouw/ (docs/benchmark.md). Figures only, no
participant is named, so the same table goes to everyone with the export right; the
networks are the export scope's (one, or every network the user may see). One read of
`fidelity.selectors.fidelity_by_network` for all networks (a fixed number of queries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from django.utils.translation import gettext as _

from vangnet.exports.scope import ExportScope
from vangnet.exports.writers import Table
from vangnet.fidelity.selectors import fidelity_by_network

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation


def fidelity_table(scope: ExportScope, step: Callable[[], None], *, today: dt.date) -> Table:
    table = Table(
        key="methodetrouw",
        title=_("Methodetrouw per kwartaal"),
        headers=[
            _("vangnetwerk_id"),
            _("vangnetwerk"),
            _("jaar"),
            _("kwartaal"),
            _("score"),
            _("onderdeel"),
            _("onderdeel_naam"),
            _("gewicht"),
            _("aandeel"),
            _("bewijs"),
            _("volgende_stap"),
        ],
    )
    if not scope.networks:
        return table
    networks = fidelity_by_network(
        organisation=cast("Organisation", scope.organisation),
        today=today,
        network_ids=scope.network_ids,
    )
    for item in networks:
        for quarter in item.trend:
            for component in quarter.result.components:
                table.rows.append(
                    [
                        item.network_id,
                        item.name,
                        quarter.year,
                        quarter.quarter,
                        quarter.result.score,
                        component.key,
                        component.title,
                        component.weight,
                        None if component.share is None else round(component.share, 3),
                        component.evidence,
                        component.next_step,
                    ]
                )
        step()
    return table
