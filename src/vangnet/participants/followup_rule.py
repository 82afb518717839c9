"""The follow-up (nabellen) rule as one pure function: who is due a follow-up task.

A steady participant who missed sessions without letting anyone know is called after
`missed_needed` such sessions in a row (organisation.followup_after_missed_sessions). An
announced absence (afgemeld, networks.AnnouncedAbsence) is not a missed session: the group
knows why. But many announced absences in a row still deserve a call, so after
`announced_needed` of them (organisation.followup_after_announced_absences; 0 = never) a
task is made as well. No Django import: the service loads the facts and calls this.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Absences:
    """The sessions someone missed since their last visit, split by announcement."""

    unannounced: int
    announced: int


def count_absences(*, missed_sessions: Sequence[int], announced: Collection[int]) -> Absences:
    """`missed_sessions`: ids of the recorded sessions since the last visit;
    `announced`: ids of sessions for which the person announced their absence."""
    announced_count = sum(1 for session_id in missed_sessions if session_id in announced)
    return Absences(unannounced=len(missed_sessions) - announced_count, announced=announced_count)


def followup_due(*, absences: Absences, missed_needed: int, announced_needed: int) -> bool:
    """True when the missed sessions call for a follow-up task."""
    missed_needed = max(1, int(missed_needed))
    announced_needed = max(0, int(announced_needed))
    if absences.unannounced >= missed_needed:
        return True
    return announced_needed > 0 and absences.announced >= announced_needed


def candidate_threshold(*, missed_needed: int, announced_needed: int) -> int:
    """The fewest missed sessions (of either kind) that can make someone due: the cheap
    pre-filter of participants.followup_selectors.followup_candidates uses it."""
    missed_needed = max(1, int(missed_needed))
    announced_needed = max(0, int(announced_needed))
    return min(missed_needed, announced_needed) if announced_needed else missed_needed
