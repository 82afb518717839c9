"""The method's model of coherence (*model van samenhang*, method description chapter 3.4),
pure: the social worker's three building blocks each lead to sub-goals; working from all
three consistently brings deepening (a group feeling, "their group") from which the
participants support each other (f-i); that relieves their isolation (the main goal).

    1 Positief bij elkaar brengen          -> a
    2 Activiteiten in georganiseerde chaos  -> b, c, d
    3 Sociaal tolken                        -> e
    verdieping (groepsgevoel)               -> f, g, h, i
    f-i                                     -> hoofddoel
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Block:
    key: str  # logbook.models.BuildingBlock value
    number: int
    title: Promise
    subgoals: tuple[str, ...]


BLOCKS = (
    Block("bringing_together", 1, _("Positief bij elkaar brengen"), ("a",)),
    Block("organised_chaos", 2, _("Activiteiten in georganiseerde chaos"), ("b", "c", "d")),
    Block("social_interpreting", 3, _("Sociaal tolken"), ("e",)),
)
DEEPENING = ("f", "g", "h", "i")
DEEPENING_TITLE = _("Verdieping: een groepsgevoel, het is 'hun groep'")
MAIN_GOAL = _(
    "Hoofddoel: het isolement van de deelnemers wordt verlicht, omdat zij deel uitmaken "
    "van een (vervangend) sociaal netwerk"
)


def block_of(letter: str) -> Block | None:
    """The building block that leads to sub-goal `letter` (None for f-i: deepening)."""
    return next((block for block in BLOCKS if letter in block.subgoals), None)
