"""Reading support ties for pages (bounded queries)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from vangnet.participants.models import Participant
from vangnet.support.models import SupportTie

if TYPE_CHECKING:
    from vangnet.networks.models import Network


def network_ties(*, network: Network, limit: int | None = None) -> list[SupportTie]:
    """The network's ties, newest first, with both people (one query)."""
    ties = SupportTie.objects.filter(network=network).select_related("giver", "receiver")
    return list(ties[:limit] if limit else ties)


def network_tie_count(*, network: Network) -> int:
    return SupportTie.objects.filter(network=network).count()


def tie_get(*, network: Network, tie_id: int | str) -> SupportTie:
    try:
        pk = int(tie_id)
        if pk <= 0 or pk > 2**62:
            raise ValueError
        return SupportTie.objects.get(network=network, pk=pk)
    except (TypeError, ValueError, SupportTie.DoesNotExist) as exc:
        raise Http404 from exc


def participant_choices(*, network: Network) -> QuerySet[Participant]:
    return Participant.objects.filter(network=network).order_by("display_name", "id")


def network_participant_names(*, network: Network) -> dict[int, str]:
    """Participant id -> display name for the whole network (one query)."""
    return dict(participant_choices(network=network).values_list("id", "display_name"))
