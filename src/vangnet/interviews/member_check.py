"""The member-check state machine of an interview report (gespreksverslag).

Pure: no database. The services (vangnet.interviews.report_services) ask it which moves are
legal and record every move as a MemberCheckEvent (docs/interviews.md).

    draft -> shown_to_participant
    shown_to_participant -> agreed | corrections_requested | declined
        (agreed becomes corrected_and_agreed when corrections were asked before)
    corrections_requested -> shown_to_participant   (only after a new version was written)
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class ReportStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Concept")
    SHOWN = "shown_to_participant", gettext_lazy("Voorgelegd aan deelnemer")
    AGREED = "agreed", gettext_lazy("Akkoord")
    CORRECTIONS = "corrections_requested", gettext_lazy("Correcties gevraagd")
    CORRECTED_AGREED = "corrected_and_agreed", gettext_lazy("Akkoord na correctie")
    DECLINED = "declined", gettext_lazy("Niet akkoord")


AGREED_STATUSES = frozenset({ReportStatus.AGREED, ReportStatus.CORRECTED_AGREED})
FINAL_STATUSES = frozenset(AGREED_STATUSES | {ReportStatus.DECLINED})
# A new version of the text may only be written in these states.
WRITABLE_STATUSES = frozenset({ReportStatus.DRAFT, ReportStatus.CORRECTIONS})

TRANSITIONS: dict[str, frozenset[str]] = {
    ReportStatus.DRAFT: frozenset({ReportStatus.SHOWN}),
    ReportStatus.SHOWN: frozenset(
        {
            ReportStatus.AGREED,
            ReportStatus.CORRECTED_AGREED,
            ReportStatus.CORRECTIONS,
            ReportStatus.DECLINED,
        }
    ),
    ReportStatus.CORRECTIONS: frozenset({ReportStatus.SHOWN}),
    ReportStatus.AGREED: frozenset(),
    ReportStatus.CORRECTED_AGREED: frozenset(),
    ReportStatus.DECLINED: frozenset(),
}


def transition_error(
    *, current: str, target: str, was_corrected: bool, new_version_since_request: bool
) -> str | None:
    """Why `current -> target` is not allowed (a Dutch sentence), or None when it is.

    `was_corrected`: corrections were asked for at some earlier moment.
    `new_version_since_request`: a version was written after the last correction request.
    """
    if target not in ReportStatus.values:
        return _("Onbekende stap.")
    if current in FINAL_STATUSES:
        return _("De member check is al afgerond; het verslag verandert niet meer.")
    if target not in TRANSITIONS.get(current, frozenset()):
        return _("Deze stap kan nu niet: het verslag is %(status)s.") % {
            "status": str(ReportStatus(current).label).lower()
        }
    if target == ReportStatus.AGREED and was_corrected:
        return _("Na een correctie heet akkoord: akkoord na correctie.")
    if target == ReportStatus.CORRECTED_AGREED and not was_corrected:
        return _("Er is nog niets gecorrigeerd: kies akkoord.")
    if (
        current == ReportStatus.CORRECTIONS
        and target == ReportStatus.SHOWN
        and not new_version_since_request
    ):
        return _("Schrijf eerst een nieuwe versie met de correcties.")
    return None


def next_steps(*, current: str, was_corrected: bool) -> list[str]:
    """The moves a user can choose now (agreed or corrected_and_agreed, not both)."""
    steps = []
    for target in TRANSITIONS.get(current, frozenset()):
        if target == ReportStatus.AGREED and was_corrected:
            continue
        if target == ReportStatus.CORRECTED_AGREED and not was_corrected:
            continue
        steps.append(target)
    order = list(ReportStatus.values)
    return sorted(steps, key=order.index)
