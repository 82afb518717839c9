"""The dashboard's fidelity column, cached per network.

Public: `cached_current_scores(*, organisation, as_of, network_ids, known=None)`, equal to
`fidelity.selectors.current_scores` with the same arguments (tests compare them after
random writes), but each network's score is kept in Django's cache (setting
`VANGNET_DASHBOARD_CACHE_SECONDS`) under everything it is derived from:

- the network's trigger-kept tokens (`participants.data_versions`): `facts` (sessions,
  marks, participants, route events, phase transitions), `plan` (the network's own row,
  its phases, activities and registered hours) and `evaluation` (evaluations, judgements,
  checklists, follow-up tasks, interviews, member checks, coding), read in one query;
- the organisation's settings that enter the score, by value: the fidelity weights, the
  planning threshold and the route rules;
- the day of the figures (`as_of`, which fixes the quarter) and the active language (the
  score's texts are translated).

The score is a figure of the network, the same for every viewer who may see the column
(the dashboard's capability is checked before, per request). Only the networks whose key
missed are derived, in one call of `current_scores` (a fixed number of queries).

`cached_trend(figures)` is `fidelity_by_network` for the networks of `figures` as of their
day (the organisation report PDF's fidelity section): each quarter's scores are the column
of that quarter, cached as above under the quarter's last day. A quarter's score depends
only on its own last day (facts after it are cut off by date), so the earlier quarters'
entries stay valid until a write changes a network's tokens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from django.utils import translation

from vangnet.dashboards.selectors import OrganisationFigures
from vangnet.fidelity.facts_cache import kept_facts
from vangnet.fidelity.selectors import (
    TREND_QUARTERS,
    NetworkFidelity,
    QuarterScore,
    current_scores,
    organisation_weights,
    trend_quarters,
)
from vangnet.participants.data_versions import DataVersion, network_data_versions
from vangnet.participants.fact_cache import cache_seconds, cached_per_network
from vangnet.participants.route import RouteRules
from vangnet.planning.selectors import planning_settings

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation

KINDS = ("facts", "plan", "evaluation")
CACHE_SECONDS = 3600


def cached_current_scores(
    *,
    organisation: Organisation,
    as_of: dt.date,
    network_ids: Sequence[int],
    known: OrganisationFigures | None = None,
    weights: Mapping[str, int] | None = None,
    versions: Mapping[int, DataVersion] | None = None,
) -> dict[int, QuarterScore]:
    """Per network id, the score of the quarter of `as_of` (see `current_scores`).
    `weights` (the organisation's `organisation_weights`) and `versions` (each network's
    tokens of `KINDS`, in that order, read before its figures) when the caller read them
    in this request (the dashboard's rows, `dashboards.row_cache`): not read again."""
    if not network_ids:
        return {}
    seconds = cache_seconds("VANGNET_DASHBOARD_CACHE_SECONDS", CACHE_SECONDS)
    if seconds <= 0:
        return current_scores(
            organisation=organisation,
            as_of=as_of,
            network_ids=network_ids,
            known=known,
            weights=weights,
        )
    loaded = known.loaded if known is not None else None
    threshold = (
        loaded.threshold
        if loaded is not None
        else planning_settings(organisation).second_worker_above
    )
    if weights is None:
        weights = organisation_weights(organisation)
    parts = (
        organisation.pk,
        as_of,
        tuple(sorted(weights.items())),
        str(threshold),
        RouteRules.from_organisation(organisation),
        translation.get_language(),
    )
    if versions is None:
        versions = network_data_versions(network_ids=network_ids, kinds=KINDS)
    else:
        versions = {pk: versions[pk] for pk in network_ids}
    ordered = list(network_ids)
    read_facts = kept_facts(versions)  # each network's facts kept apart from its score

    def derive(missing: list[int]) -> dict[int, QuarterScore]:
        wanted = [pk for pk in ordered if pk in set(missing)]
        return current_scores(
            organisation=organisation,
            as_of=as_of,
            network_ids=wanted,
            known=known,
            weights=weights,
            read_facts=read_facts,
        )

    return cached_per_network(
        kind="fidelity-column", versions=versions, parts=parts, derive=derive, seconds=seconds
    )


def cached_trend(
    figures: OrganisationFigures, *, quarters: int = TREND_QUARTERS
) -> list[NetworkFidelity]:
    """Equal to `fidelity_by_network(organisation=figures.organisation, today=figures.as_of,
    network_ids=<the rows of figures>, quarters=quarters, known=figures)`: per network of
    `figures` (in their order) the score of each quarter up to the one of `figures.as_of`,
    oldest first, every quarter read through the column cache."""
    rows = figures.rows
    if not rows:
        return []
    ids = [row.network_id for row in rows]
    per_quarter = []
    for _year, _quarter, period in trend_quarters(figures.as_of, quarters):
        day = min(period.end, figures.as_of)
        per_quarter.append(
            cached_current_scores(
                organisation=figures.organisation,
                as_of=day,
                network_ids=ids,
                known=figures if day == figures.as_of else None,
            )
        )
    return [
        NetworkFidelity(
            row.network_id, row.name, tuple(scores[row.network_id] for scores in per_quarter)
        )
        for row in rows
    ]
