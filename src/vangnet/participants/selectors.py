"""Reads of participant data. Every function is scoped through vangnet.core.permissions."""

from __future__ import annotations

from vangnet.core.permissions import visible_participants
from vangnet.participants.models import FollowUpStatus, FollowUpTask


def open_followups_for_user(*, user) -> list[FollowUpTask]:
    """Open follow-up tasks for the participants this user may see, oldest first."""
    return list(
        FollowUpTask.objects.filter(
            status=FollowUpStatus.OPEN, participant__in=visible_participants(user)
        )
        .select_related("participant", "network")
        .order_by("created_on", "id")
    )
