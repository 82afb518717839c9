"""What followed from a save of the session screen, in plain words for the worker: new
follow-up tasks (by name), people who became steady participants or came back, newcomers.

Read on the screen shown right after a save (the view passes the flag). The follow-up check
normally runs after the save's response; it is idempotent, so it is run here as well to be
sure the answer is complete (the follow-up list does the same when it is opened).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from vangnet.participants.route import RETURNED, STEADY


@dataclass
class SessionOutcome:
    steady: list = field(default_factory=list)  # became a steady participant at this session
    returned: list = field(default_factory=list)  # came back after dropping out
    followups: list = field(default_factory=list)  # open follow-up tasks made today

    @property
    def anything(self) -> bool:
        return bool(self.steady or self.returned or self.followups)


def session_outcome(*, screen, present: set[int], today: dt.date) -> SessionOutcome:
    """The consequences of the saved marks. Two queries (plus the follow-up check)."""
    from vangnet.participants.followup_services import followups_refresh
    from vangnet.participants.models import FollowUpStatus, FollowUpTask

    session = screen.session
    since = screen.previous_date or session.date - dt.timedelta(days=7)
    outcome = SessionOutcome()
    for row in screen.rows:
        person = row.participant
        if person.pk not in present or row.stage is None:  # no route: added back, marked
            continue
        start = row.stage_start
        if start is None or not since < start <= session.date:
            continue
        if row.stage == STEADY:
            outcome.steady.append(person)
        elif row.stage == RETURNED:
            outcome.returned.append(person)
    network = session.network
    followups_refresh(network=network, today=today)
    outcome.followups = list(
        FollowUpTask.objects.filter(network=network, status=FollowUpStatus.OPEN, created_on=today)
        .select_related("participant")
        .order_by("participant__display_name", "id")
    )
    return outcome
