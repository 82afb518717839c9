"""A participating organisation's benchmark figures per network and quarter (a read).

`organisation_rows(organisation=, today=)` gives, for the running quarter and the three
before it, one row per started network: its phase and the figures of `metrics.py`, with the
people counts they describe. The measured figures come from the dashboard
(`dashboards.selectors.organisation_figures`, once per quarter) and the fidelity score
(`fidelity.selectors.fidelity_by_network`), so every figure means what it means there
(docs/dashboards.md, docs/benchmark.md). The fidelity score is recomputed with the default
weights: organisations that weigh differently are still compared on one scale.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from vangnet.benchmark import metrics as m
from vangnet.dashboards.figures import NetworkFigures
from vangnet.dashboards.selectors import organisation_figures
from vangnet.fidelity.score import DEFAULT_WEIGHTS, FidelityScore
from vangnet.fidelity.selectors import fidelity_by_network, trend_quarters

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation

Row = dict[str, Any]


def default_weight_score(result: FidelityScore) -> float | None:
    """The fidelity score with the default weights, from the components' shares."""
    counted = [
        (DEFAULT_WEIGHTS.get(c.key, 0), c.share)
        for c in result.components
        if c.share is not None and DEFAULT_WEIGHTS.get(c.key, 0) > 0
    ]
    total = sum(weight for weight, _share in counted)
    if not total:
        return None
    return round(100 * sum(weight * share for weight, share in counted) / total)


def _days_behind(row: NetworkFigures, as_of: dt.date) -> int:
    if row.phase_on_plan or row.planned_phase is None:
        return 0
    planned_start = row.timeline.span(row.planned_phase).planned_start
    return max(0, (as_of - planned_start).days) if planned_start else 0


def _subgoal_share(status: Any) -> float | None:
    if not status:
        return None
    achieved = sum(1 for value in status.values() if value == "achieved")
    partly = sum(1 for value in status.values() if value == "partly")
    return (achieved + 0.5 * partly) / 9


def network_row(row: NetworkFigures, as_of: dt.date, fidelity: float | None) -> Row:
    outcome = row.outcome
    change = None
    answers = 0
    if outcome is not None and outcome.n:
        answers = int(outcome.n)
        if not outcome.suppressed and outcome.mean_change is not None:
            change = float(outcome.mean_change)
    values: dict[str, float | None] = {
        m.PHASE_DELAY: float(_days_behind(row, as_of)),
        m.CONVERSION: row.conversion,
        m.STEADY_TARGET: row.steady / row.target if row.target else None,
        m.ATTENDANCE: row.present_per_week,
        m.FIDELITY: fidelity,
        m.SUBGOALS: _subgoal_share(row.subgoals),
        m.MEEDOEN: change,
    }
    return {
        "network_id": row.network_id,
        "name": row.name,
        "phase": row.phase.value if row.phase else "",
        "values": values,
        "people": {"acquainted": row.acquainted, "reached": row.reached, "answers": answers},
    }


def organisation_rows(
    *, organisation: Organisation, today: dt.date
) -> dict[tuple[int, int], list[Row]]:
    """{(year, quarter): rows} for the running quarter and the three before it; networks
    that had not started by the quarter's end are left out."""
    scores: dict[tuple[int, int, int], float | None] = {}
    for network in fidelity_by_network(organisation=organisation, today=today):
        for scored in network.trend:
            key = (network.network_id, scored.year, scored.quarter)
            scores[key] = default_weight_score(scored.result)
    result: dict[tuple[int, int], list[Row]] = {}
    for year, quarter, period in trend_quarters(today):
        figures = organisation_figures(
            organisation=organisation, start=period.start, end=period.end, today=today
        )
        result[(year, quarter)] = [
            network_row(row, figures.as_of, scores.get((row.network_id, year, quarter)))
            for row in figures.rows
            if row.phase is not None
        ]
    return result
