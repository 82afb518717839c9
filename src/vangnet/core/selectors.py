"""What the home page shows a signed-in user."""

from __future__ import annotations

from typing import Any

from vangnet.core.permissions import Cap, has_cap, visible_networks
from vangnet.participants.selectors import open_followups_for_user


def home_overview(*, user) -> dict[str, Any]:
    networks = list(visible_networks(user).select_related("location"))
    return {
        "networks": networks,
        "can_view_networks": has_cap(user, Cap.VIEW_NETWORK),
        "can_record": has_cap(user, Cap.RECORD_SESSIONS),
        "followups": open_followups_for_user(user=user)
        if has_cap(user, Cap.MANAGE_FOLLOWUP)
        else [],
    }
