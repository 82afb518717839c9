"""The outcome pages' figures: meedoen then/now per network and pooled, and the sub-goal
indicators b (zinvol), e (veilig) and f (eigen_groep). A fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vangnet.questionnaires.models import Answer
from vangnet.questionnaires.outcomes import PairedChange, paired_change, scale_summary
from vangnet.questionnaires.selectors import network_pairs

if TYPE_CHECKING:
    from collections.abc import Iterable

    from vangnet.networks.models import Network

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


def indicator_scores(*, networks: Iterable[Network | int]) -> dict[int, dict[str, list[int]]]:
    """Per network id and indicator key, the scores (value_now) of completed responses."""
    keys = [key for key, _letter, _label in INDICATORS]
    result: dict[int, dict[str, list[int]]] = {}
    rows = (
        Answer.objects.filter(
            response__network__in=networks,
            response__completed_at__isnull=False,
            item__key__in=keys,
            value_now__isnull=False,
        )
        .order_by("response__started_at", "response_id")
        .values_list("response__network_id", "item__key", "value_now")
    )
    for network_id, key, value in rows:
        if value is not None:  # always: filtered above
            result.setdefault(network_id, {}).setdefault(key, []).append(int(value))
    return result


def _indicators(scores: dict[str, list[int]], k: int) -> list[dict[str, Any]]:
    return [
        {"key": key, "letter": letter, "label": label, **scale_summary(scores.get(key, []), k=k)}
        for key, letter, label in INDICATORS
    ]


def network_outcome(*, network: Network) -> NetworkOutcome:
    k = settings.VANGNET_SMALL_CELL_K
    pairs = network_pairs(networks=[network.pk]).get(network.pk, [])
    scores = indicator_scores(networks=[network.pk]).get(network.pk, {})
    return NetworkOutcome(
        network=network,
        pairs=pairs,
        change=paired_change(pairs, k=k),
        indicators=_indicators(scores, k),
    )


def organisation_outcome(*, networks: Iterable[Network]) -> dict[str, Any]:
    """Rows per network and the pooled figures over all of them."""
    k = settings.VANGNET_SMALL_CELL_K
    networks = list(networks)
    ids = [network.pk for network in networks]
    pairs = network_pairs(networks=ids)
    scores = indicator_scores(networks=ids)
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
    return {
        "rows": rows,
        "pooled": paired_change(pooled_pairs, k=k),
        "pooled_indicators": _indicators(pooled_scores, k),
        "k": k,
    }
