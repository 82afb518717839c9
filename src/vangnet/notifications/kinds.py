"""The reminder kinds: who gets which, and what the mail says (never a name: only that
there is something to see, with a link)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.organisations.models import Role


class ReminderKind(models.TextChoices):
    SESSION_UNRECORDED = "session_unrecorded", _("Bijeenkomst van deze week nog niet ingevuld")
    FOLLOWUP_OPEN = "followup_open", _("Nabeltaak staat al lang open")
    MOMENT_ANNOUNCED = "moment_announced", _("Evaluatiemoment komt eraan")
    INTERVIEW_TOMORROW = "interview_tomorrow", _("Evaluatiegesprek morgen")
    NETWORK_BEHIND = "network_behind", _("Vangnetwerk loopt achter op de planning")
    MOMENT_DUE = "moment_due", _("Evaluatiemoment is aangebroken")
    CHECKLIST_DUE = "checklist_due", _("Checklist invullen")
    AGREEMENT_OVERDUE = "agreement_overdue", _("Afspraak met een partij is over de datum")


KINDS_BY_ROLE: dict[str, tuple[ReminderKind, ...]] = {
    Role.SOCIAL_WORKER: (
        ReminderKind.SESSION_UNRECORDED,
        ReminderKind.FOLLOWUP_OPEN,
        ReminderKind.MOMENT_ANNOUNCED,
    ),
    Role.BACKUP_WORKER: (ReminderKind.FOLLOWUP_OPEN,),
    Role.EVALUATOR: (ReminderKind.INTERVIEW_TOMORROW,),
    Role.COORDINATOR: (
        ReminderKind.NETWORK_BEHIND,
        ReminderKind.MOMENT_DUE,
        ReminderKind.CHECKLIST_DUE,
        ReminderKind.AGREEMENT_OVERDUE,
    ),
}

# The one sentence of a reminder mail, per kind (Dutch msgids; translated per recipient).
SENTENCES = {
    ReminderKind.SESSION_UNRECORDED: _(
        "De bijeenkomst van deze week is nog niet ingevuld. Wil je de aanwezigheid invullen?"
    ),
    ReminderKind.FOLLOWUP_OPEN: _("Er staat al een tijd een nabeltaak voor je open."),
    ReminderKind.MOMENT_ANNOUNCED: _(
        "Binnenkort is er een evaluatiemoment voor een vangnetwerk van jou."
    ),
    ReminderKind.INTERVIEW_TOMORROW: _("Je hebt morgen een evaluatiegesprek."),
    ReminderKind.NETWORK_BEHIND: _("Een vangnetwerk loopt achter op de planning van de fasen."),
    ReminderKind.MOMENT_DUE: _("Een evaluatiemoment van een vangnetwerk is aangebroken."),
    ReminderKind.CHECKLIST_DUE: _("De checklist van een vangnetwerk is al een tijd niet ingevuld."),
    ReminderKind.AGREEMENT_OVERDUE: _(
        "Een afspraak uit een overleg met partijen is over de datum en nog niet afgerond."
    ),
}


def kinds_for(role: str) -> tuple[ReminderKind, ...]:
    return KINDS_BY_ROLE.get(role, ())
