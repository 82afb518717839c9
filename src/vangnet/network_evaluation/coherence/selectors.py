"""The evidence of the model of coherence for one network and for all networks a user may
see. Reads only: the logbook's tags (counts and dates, never an entry's text), the measured
indicator and the newest judgement per sub-goal, and the change in *meedoen* of the
evaluation conversations (suppressed below the small-cell threshold like every figure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from vangnet.logbook.selectors import BlockCount, building_block_counts
from vangnet.network_evaluation.coherence.model import BLOCKS, DEEPENING, Block
from vangnet.network_evaluation.indicators import (
    SUBGOALS,
    Indicator,
    latest_judgements,
    subgoal_indicators,
    subgoal_status_by_network,
)
from vangnet.network_evaluation.models import SUBGOAL_LETTERS, Judgement
from vangnet.network_evaluation.selectors import network_moments
from vangnet.questionnaires.outcomes import PairedChange, paired_change
from vangnet.questionnaires.selectors import network_pairs

if TYPE_CHECKING:
    from collections.abc import Sequence

    from vangnet.networks.models import Network


@dataclass(frozen=True)
class BlockEvidence:
    block: Block
    count: BlockCount


@dataclass(frozen=True)
class SubgoalEvidence:
    letter: str
    title: str
    judgement: str  # a Judgement value, or "" without a judgement
    judged_on: dt.date | None = None
    indicator: Indicator | None = None

    @property
    def judgement_label(self) -> str:
        return str(Judgement(self.judgement).label) if self.judgement else ""


@dataclass(frozen=True)
class Coherence:
    network: Network
    start: dt.date
    end: dt.date
    blocks: list[BlockEvidence]
    subgoals: dict[str, SubgoalEvidence]
    outcome: PairedChange

    @property
    def judged(self) -> int:
        return sum(1 for row in self.subgoals.values() if row.judgement)

    @property
    def achieved(self) -> int:
        return sum(1 for row in self.subgoals.values() if row.judgement == Judgement.ACHIEVED)

    @property
    def entries(self) -> int:
        return sum(item.count.entries for item in self.blocks)

    @property
    def chain(self) -> list[tuple[BlockEvidence, list[SubgoalEvidence]]]:
        """Each building block with the sub-goals it leads to (the table alternative)."""
        return [(item, [self.subgoals[x] for x in item.block.subgoals]) for item in self.blocks]

    @property
    def deepening(self) -> list[SubgoalEvidence]:
        return [self.subgoals[letter] for letter in DEEPENING]

    @property
    def outcome_text(self) -> str:
        return outcome_words(self.outcome)

    @property
    def outcome_short(self) -> str:
        """The mean change in a few characters for the compact figure ("+1,4", "–")."""
        change = self.outcome.mean_change
        if self.outcome.suppressed or change is None:
            return "–"
        return ("+" if change > 0 else "") + number_format(change, 1)


def outcome_words(outcome: PairedChange) -> str:
    """The change in *meedoen* (post-then-pre, 0-10) in words, or why there is none."""
    if outcome.n == 0:
        return _("nog geen evaluatiegesprekken met een cijfer voor meedoen")
    if outcome.suppressed or outcome.mean_then is None or outcome.mean_now is None:
        return _("minder dan %(k)d gesprekken: geen cijfers, om de privacy te beschermen") % {
            "k": outcome.k
        }
    return _(
        "meedoen (0 tot 10) van gemiddeld %(then)s een jaar geleden naar %(now)s nu; "
        "%(up)d van de %(n)d deelnemers vooruit"
    ) % {
        "then": number_format(outcome.mean_then, 1),
        "now": number_format(outcome.mean_now, 1),
        "up": outcome.improved,
        "n": outcome.n,
    }


def default_period(*, network: Network, today: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the latest evaluation moment that is due, else the network's start
    until today (as the sub-goal page)."""
    due = [
        moment for moment in network_moments(network=network, today=today) if moment.is_due(today)
    ]
    if due:
        return due[-1].period_start, min(due[-1].period_end, today)
    return network.start_date, today


def _outcomes(network_ids: list[int]) -> dict[int, PairedChange]:
    k = settings.VANGNET_SMALL_CELL_K
    pairs = network_pairs(networks=network_ids)
    return {network_id: paired_change(pairs.get(network_id, []), k=k) for network_id in network_ids}


def network_coherence(*, network: Network, start: dt.date, end: dt.date) -> Coherence:
    """One network's evidence on each link of the model in [start, end] (the judgements are
    the newest of any moment; the outcome covers every completed conversation). A fixed
    number of queries."""
    if end < start:
        start, end = end, start
    counts = building_block_counts(network_ids=[network.pk], start=start, end=end)[network.pk]
    indicators = subgoal_indicators(network=network, start=start, end=end)
    latest = latest_judgements(network=network)
    subgoals = {}
    for letter in SUBGOAL_LETTERS:
        judgement = latest.get(letter)
        subgoals[letter] = SubgoalEvidence(
            letter=letter,
            title=str(SUBGOALS[letter]),
            judgement=judgement.judgement if judgement else "",
            judged_on=judgement.recorded_at.date() if judgement else None,
            indicator=indicators[letter],
        )
    return Coherence(
        network=network,
        start=start,
        end=end,
        blocks=[BlockEvidence(block, counts[block.key]) for block in BLOCKS],
        subgoals=subgoals,
        outcome=_outcomes([network.pk])[network.pk],
    )


def organisation_coherence(
    *, networks: Sequence[Network], start: dt.date, end: dt.date
) -> list[Coherence]:
    """Every given network's compact evidence: logbook counts in [start, end], the newest
    judgement per sub-goal, the outcome. Three queries whatever the number of networks
    (the measured indicators are on each network's own page)."""
    if end < start:
        start, end = end, start
    ids = [network.pk for network in networks]
    counts = building_block_counts(network_ids=ids, start=start, end=end)
    status = subgoal_status_by_network(networks=ids)
    outcomes = _outcomes(ids)
    result = []
    for network in networks:
        judgements = status.get(network.pk, {})
        result.append(
            Coherence(
                network=network,
                start=start,
                end=end,
                blocks=[BlockEvidence(block, counts[network.pk][block.key]) for block in BLOCKS],
                subgoals={
                    letter: SubgoalEvidence(
                        letter=letter,
                        title=str(SUBGOALS[letter]),
                        judgement=judgements.get(letter, ""),
                    )
                    for letter in SUBGOAL_LETTERS
                },
                outcome=outcomes[network.pk],
            )
        )
    return result
