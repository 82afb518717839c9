"""Figures the evaluation apps compute, read through their public functions when they exist.

- sub-goal status: `vangnet.network_evaluation.indicators.subgoal_status_by_network(*, networks)`
- outcome change: `vangnet.questionnaires.selectors.network_pairs` (meedoen then/now) with
  `vangnet.questionnaires.outcomes.paired_change`

Both are built by other teams; while a function is missing the dashboard leaves its column
out (`OrganisationFigures.has_subgoals` / `has_outcomes` stay False).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext as _


def _function(module: str, name: str) -> Callable | None:
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


def subgoal_reader() -> Callable | None:
    return _function("vangnet.network_evaluation.indicators", "subgoal_status_by_network")


def outcome_reader() -> Callable | None:
    """{network id: PairedChange} of the meedoen score (then vs now), from
    `questionnaires.selectors.network_pairs` (one query) and `questionnaires.outcomes.
    paired_change` (which hides groups smaller than VANGNET_SMALL_CELL_K)."""
    pairs_of = _function("vangnet.questionnaires.selectors", "network_pairs")
    change_of = _function("vangnet.questionnaires.outcomes", "paired_change")
    if pairs_of is None or change_of is None:
        return None

    def read(*, networks) -> dict:
        ids = [network.pk for network in networks]
        pairs = pairs_of(networks=ids)
        return {pk: change_of(pairs.get(pk, [])) for pk in ids}

    return read


SUBGOAL_COUNT = 9
JUDGEMENTS = (("achieved", "✓"), ("partly", "±"), ("not_yet", "–"))


def subgoal_text(status: dict[str, str]) -> str:
    """{letter: judgement} as words: "4 behaald, 2 deels, 1 nog niet, 2 zonder oordeel"."""
    if not status:
        return _("nog geen oordeel")
    counts = {value: 0 for value, _symbol in JUDGEMENTS}
    for judgement in status.values():
        if judgement in counts:
            counts[judgement] += 1
    judged = sum(counts.values())
    parts = [
        _("%(n)d behaald") % {"n": counts["achieved"]},
        _("%(n)d deels") % {"n": counts["partly"]},
        _("%(n)d nog niet") % {"n": counts["not_yet"]},
    ]
    if judged < SUBGOAL_COUNT:
        parts.append(_("%(n)d zonder oordeel") % {"n": SUBGOAL_COUNT - judged})
    return ", ".join(parts)


def outcome_text(change: Any) -> str:
    """A PairedChange in words: "+1,4 gemiddeld (8 antwoorden: 6 hoger, 1 gelijk, 1 lager)"."""
    if change is None or not change.n:
        return _("nog geen antwoorden")
    if change.suppressed:
        return _("minder dan %(k)s antwoorden") % {"k": change.k}
    mean = f"{change.mean_change:+.1f}".replace(".", ",")
    return _(
        "%(mean)s gemiddeld (%(n)s antwoorden: %(up)s hoger, %(same)s gelijk, %(down)s lager)"
    ) % {
        "mean": mean,
        "n": change.n,
        "up": change.improved,
        "same": change.same,
        "down": change.worse,
    }


def attach_evaluation(result: Any, *, networks: list) -> None:
    """Set `row.subgoals` / `row.outcome` on the rows of `result` (one call per source)."""
    if not networks:
        return
    read_subgoals = subgoal_reader()
    if read_subgoals is not None:
        by_network = read_subgoals(networks=networks)
        for row in result.rows:
            row.subgoals = by_network.get(row.network_id) or {}
            row.subgoals_text = subgoal_text(row.subgoals)
        result.has_subgoals = True
    read_outcomes = outcome_reader()
    if read_outcomes is not None:
        by_network = read_outcomes(networks=networks)
        for row in result.rows:
            row.outcome = by_network.get(row.network_id)
            row.outcome_text = outcome_text(row.outcome)
        result.has_outcomes = True
