"""The outcome pages' figures: meedoen then/now per network and pooled, every other
post-then-pre item the same way (`items`), and the sub-goal indicators b (zinvol),
e (veilig) and f (eigen_groep). A fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vangnet.questionnaires.models import Answer
from vangnet.questionnaires.outcomes import PairedChange, paired_change, scale_summary
from vangnet.questionnaires.selectors import (
    PERSON,
    filled_filter,
    network_item_pairs,
    network_pairs,
    newest_per_person,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from vangnet.networks.models import Network

HEADLINE_KEY = "meedoen"  # first in the list of items, and the pages' headline figure

# (item key, sub-goal letter, Dutch label)
INDICATORS = [
    ("zinvol", "b", _("Meedoen voelt zinvol")),
    ("veilig", "e", _("De groep is een veilige plek")),
    ("eigen_groep", "f", _("Het is hun eigen groep")),
]


@dataclass(frozen=True)
class NetworkOutcome:
    network: object
    pairs: list[tuple[int, int]]
    change: PairedChange
    indicators: list[dict[str, Any]]
    items: list[dict[str, Any]]


def indicator_scores(
    *, networks: Iterable[Network | int], filled: str = ""
) -> dict[int, dict[str, list[int]]]:
    """Per network id and indicator key, the scores (value_now) of completed responses,
    one per person (their newest response)."""
    keys = [key for key, _letter, _label in INDICATORS]
    result: dict[int, dict[str, list[int]]] = {}
    rows = (
        Answer.objects.filter(
            response__network__in=networks,
            response__completed_at__isnull=False,
            item__key__in=keys,
            value_now__isnull=False,
            **filled_filter(filled),
        )
        .order_by("response__started_at", "response_id")
        .values_list(
            "response__network_id",
            "item__key",
            *PERSON,
            "value_now",
        )
    )
    keyed = (((network_id, key), *rest) for network_id, key, *rest in rows)
    for (network_id, key), value in newest_per_person(keyed):
        result.setdefault(network_id, {}).setdefault(key, []).append(int(value or 0))
    return result


def _indicators(scores: dict[str, list[int]], k: int) -> list[dict[str, Any]]:
    return [
        {"key": key, "letter": letter, "label": label, **scale_summary(scores.get(key, []), k=k)}
        for key, letter, label in INDICATORS
    ]


def item_outcomes(
    pairs_by_key: dict[str, list[tuple[int, int]]], texts: dict[str, Any], k: int
) -> list[dict[str, Any]]:
    """One row per post-then-pre item key: its question and the paired change (suppressed
    below k like every figure). Meedoen first, then by question."""
    english = (get_language() or "nl")[:2] == "en"

    def label(key: str) -> str:
        text = texts.get(key) or {}
        return (english and text.get("en")) or text.get("nl") or key

    keys = sorted(pairs_by_key, key=lambda key: (key != HEADLINE_KEY, label(key).lower()))
    return [
        {"key": key, "label": label(key), "change": paired_change(pairs_by_key[key], k=k)}
        for key in keys
    ]


def network_outcome(*, network: Network, filled: str = "") -> NetworkOutcome:
    """`filled`: every response (""), or only self-filled or interviewer-filled ones
    (questionnaires.selectors.FILLED_BY)."""
    k = settings.VANGNET_SMALL_CELL_K
    pairs = network_pairs(networks=[network.pk], filled=filled).get(network.pk, [])
    scores = indicator_scores(networks=[network.pk], filled=filled).get(network.pk, {})
    by_item, texts = network_item_pairs(networks=[network.pk], filled=filled)
    return NetworkOutcome(
        network=network,
        pairs=pairs,
        change=paired_change(pairs, k=k),
        indicators=_indicators(scores, k),
        items=item_outcomes(by_item.get(network.pk, {}), texts, k),
    )


def organisation_outcome(*, networks: Iterable[Network], filled: str = "") -> dict[str, Any]:
    """Rows per network and the pooled figures over all of them (`filled` as in
    network_outcome)."""
    k = settings.VANGNET_SMALL_CELL_K
    networks = list(networks)
    ids = [network.pk for network in networks]
    pairs = network_pairs(networks=ids, filled=filled)
    scores = indicator_scores(networks=ids, filled=filled)
    rows = [
        {
            "network": network,
            "change": paired_change(pairs.get(network.pk, []), k=k),
            "indicators": _indicators(scores.get(network.pk, {}), k),
        }
        for network in networks
    ]
    pooled_pairs = [pair for network in networks for pair in pairs.get(network.pk, [])]
    pooled_scores: dict[str, list[int]] = {}
    for network in networks:
        for key, values in scores.get(network.pk, {}).items():
            pooled_scores.setdefault(key, []).extend(values)
    by_item, texts = network_item_pairs(networks=ids, filled=filled)
    pooled_items: dict[str, list[tuple[int, int]]] = {}
    for network in networks:
        for key, item_pairs in by_item.get(network.pk, {}).items():
            pooled_items.setdefault(key, []).extend(item_pairs)
    return {
        "rows": rows,
        "items": item_outcomes(pooled_items, texts, k),
        "pooled": paired_change(pooled_pairs, k=k),
        "pooled_indicators": _indicators(pooled_scores, k),
        "k": k,
    }
