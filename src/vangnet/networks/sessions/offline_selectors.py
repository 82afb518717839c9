"""Which session screens a phone may keep for offline use (docs/privacy.md, "Op het apparaat").

Only this week's and last week's sessions of the networks the user works in themselves (as
the network's worker or backup worker), and only for a user who may record sessions. Nothing
else is ever offered to the service worker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.urls import reverse
from django.utils.formats import date_format

from vangnet.core.permissions import Cap, has_cap, visible_networks
from vangnet.networks.models import Network, Session

if TYPE_CHECKING:
    from vangnet.core.typing import Member


@dataclass(frozen=True)
class OfflineScreen:
    network_id: int
    session_id: int
    url: str
    label: str  # network name and date, for the offline page's list of stored screens
    week: str  # "this" or "last"


def offline_networks(*, user: Member) -> list[Network]:
    """The user's own networks (lead or backup worker) in which they may record sessions."""
    if not has_cap(user, Cap.RECORD_SESSIONS):
        return []
    return list(
        visible_networks(user)
        .filter(Q(lead_worker=user) | Q(backup_worker=user))
        .order_by("name", "pk")
    )


def offline_screens(*, networks: list[Network], today: dt.date) -> list[OfflineScreen]:
    """This week's and last week's sessions (Monday to Sunday) of `networks`, newest first
    per network. One query."""
    monday = today - dt.timedelta(days=today.weekday())
    last_monday = monday - dt.timedelta(days=7)
    sunday = monday + dt.timedelta(days=6)
    by_id = {network.pk: network for network in networks}
    sessions = Session.objects.filter(
        network_id__in=list(by_id), date__gte=last_monday, date__lte=sunday
    ).order_by("network_id", "-date", "-id")
    screens = []
    for session in sessions:
        network = by_id[session.network_id]
        screens.append(
            OfflineScreen(
                network_id=network.pk,
                session_id=session.pk,
                url=reverse("networks:session_record", args=[network.pk, session.pk]),
                label=f"{network.name}, {date_format(session.date, 'l j F')}",
                week="this" if session.date >= monday else "last",
            )
        )
    return screens
