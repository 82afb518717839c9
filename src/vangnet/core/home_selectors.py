"""What each role needs first on the home page: what to do today.

- the worker: this week's sessions (core.selectors.home_overview), follow-up tasks, the
  absences announced for the coming week, evaluation moments coming up;
- the coordinator: the networks that need attention and why, and the week in figures;
- the evaluator (anyone who holds interviews): planned interviews with their date, reports
  waiting for the participant's answer, agreed reports still to code;
- the organisation's administrator: accounts without two-factor sign-in, switched-off
  accounts, failed sign-ins of the last week, exports waiting.

Reads only, scoped through core.permissions and the user's organisation; a bounded number
of queries per network (the coordinator's list reuses the reminders' checks)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.audit.models import AuditEvent
from vangnet.core.permissions import Cap, has_cap, visible_networks
from vangnet.interviews.member_check import ReportStatus
from vangnet.interviews.models import Interview, InterviewStatus
from vangnet.interviews.selectors import coding_queue, my_interviews
from vangnet.networks.models import AnnouncedAbsence, Attendance, Network, Session
from vangnet.networks.selectors import typical_present, weekly_attendance
from vangnet.notifications.due import network_checks, rules_for_id
from vangnet.notifications.kinds import ReminderKind
from vangnet.participants.models import FollowUpStatus, FollowUpTask

if TYPE_CHECKING:
    from vangnet.core.typing import Member

LOW_ATTENDANCE_WEEKS = 4
FAILED_SIGN_IN_DAYS = 7


@dataclass
class Attention:
    network: Network
    reasons: list[tuple[str, str]] = field(default_factory=list)  # (what, where to look)


@dataclass(frozen=True)
class WeekFigures:
    networks: int
    recorded: int
    present: int


def _monday(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=today.weekday())


def _reason(kind: str) -> str:
    texts: dict[str, str] = {
        ReminderKind.MOMENT_DUE: _("Het evaluatiemoment is aangebroken."),
        ReminderKind.NETWORK_BEHIND: _("Loopt achter op de planning van de fasen."),
        ReminderKind.CHECKLIST_DUE: _("De checklist is al lang niet ingevuld."),
        ReminderKind.MOMENT_ANNOUNCED: _("Binnenkort is er een evaluatiemoment."),
    }
    return texts.get(kind, "")


def _network_id(key: str) -> int:
    return int(key.split(":")[1])


def networks_needing_attention(*, user: Member, today: dt.date) -> list[Attention]:
    """Networks of the user's organisation with something to act on, each with its reasons:
    behind the phase plan, an evaluation moment due, a checklist due, follow-up tasks open
    too long, few people present in recent weeks."""
    networks = list(
        visible_networks(user)
        .filter(start_date__lte=today)
        .select_related("lead_worker")
        .prefetch_related("activities")
    )
    if not networks:
        return []
    rules = rules_for_id(user.organisation_id)
    found: dict[int, Attention] = {network.pk: Attention(network) for network in networks}
    for due in network_checks(networks, [user.pk], rules, today):
        if due.user_id == user.pk:
            found[_network_id(due.key)].reasons.append((_reason(due.kind), due.path))
    overdue = (
        FollowUpTask.objects.filter(
            network__in=networks,
            status=FollowUpStatus.OPEN,
            created_on__lte=today - dt.timedelta(days=rules.followup_days),
        )
        .values("network_id")
        .annotate(count=Count("id"))
    )
    for row in overdue:
        found[row["network_id"]].reasons.append(
            (
                ngettext(
                    "%(count)d nabeltaak staat langer dan %(days)d dagen open.",
                    "%(count)d nabeltaken staan langer dan %(days)d dagen open.",
                    row["count"],
                )
                % {"count": row["count"], "days": rules.followup_days},
                reverse("networks:detail", args=[row["network_id"]]) + "#followup-heading",
            )
        )
    for network in networks:
        weeks = weekly_attendance(network=network, today=today, weeks=LOW_ATTENDANCE_WEEKS)
        recorded = [week for week in weeks if week.has_session]
        typical = typical_present(network.target_core_size)
        if recorded:
            average = sum(week.present for week in recorded) / len(recorded)
            if average < typical / 2:
                found[network.pk].reasons.append(
                    (
                        _(
                            "Weinig mensen aanwezig: gemiddeld %(average)s in de laatste "
                            "%(weeks)d weken, in een gewone week ongeveer %(typical)d."
                        )
                        % {
                            "average": f"{average:.1f}".replace(".", ","),
                            "weeks": LOW_ATTENDANCE_WEEKS,
                            "typical": typical,
                        },
                        reverse("networks:detail", args=[network.pk]) + "#attendance-heading",
                    )
                )
    return [item for item in found.values() if item.reasons]


def week_figures(*, user: Member, today: dt.date) -> WeekFigures:
    """This week across the user's networks: how many networks, how many filled in this
    week's session, how many different people came."""
    networks = list(visible_networks(user).values_list("pk", flat=True))
    monday = _monday(today)
    sessions = Session.objects.filter(
        network__in=networks, recorded=True, date__gte=monday, date__lte=today
    )
    present = (
        Attendance.objects.filter(session__in=sessions).values("participant_id").distinct().count()
    )
    return WeekFigures(
        networks=len(networks),
        recorded=sessions.values("network_id").distinct().count(),
        present=present,
    )


def absences_coming(*, user: Member, today: dt.date) -> list[AnnouncedAbsence]:
    """Absences announced for sessions in the coming week of the networks the user works in."""
    if not has_cap(user, Cap.RECORD_SESSIONS):
        return []
    return list(
        AnnouncedAbsence.objects.filter(
            session__network__in=visible_networks(user),
            session__date__gte=today,
            session__date__lte=today + dt.timedelta(days=7),
        )
        .select_related("participant", "session__network")
        .order_by("session__date", "participant__display_name", "id")
    )


def moments_coming(
    *, user: Member, today: dt.date, visible: list[Network] | None = None
) -> list[tuple[Network, str]]:
    """Evaluation moments coming up in the networks this worker leads (`visible`: the
    user's visible networks when the page has them already). A fixed number of queries."""
    if visible is None:
        visible = list(visible_networks(user))
    networks = [
        network
        for network in visible
        if network.lead_worker_id == user.pk and network.start_date <= today
    ]
    if not networks:
        return []
    by_pk = {network.pk: network for network in networks}
    rules = rules_for_id(user.organisation_id)
    return [
        (by_pk[_network_id(due.key)], due.path)
        for due in network_checks(networks, [], rules, today)
        if due.user_id == user.pk and due.kind == ReminderKind.MOMENT_ANNOUNCED
    ]


@dataclass(frozen=True)
class EvaluatorWork:
    planned: list[Interview]
    waiting: list[Interview]
    to_code: list[Interview]


def evaluator_work(*, user: Member, today: dt.date) -> EvaluatorWork:
    interviews = list(my_interviews(user=user))
    planned = sorted(
        (
            interview
            for interview in interviews
            if interview.status == InterviewStatus.PLANNED
            and timezone.localtime(interview.planned_at).date() >= today
        ),
        key=lambda interview: interview.planned_at,
    )
    waiting_statuses = {ReportStatus.SHOWN, ReportStatus.CORRECTIONS}
    waiting = [
        interview
        for interview in interviews
        if hasattr(interview, "report") and interview.report.status in waiting_statuses
    ]
    uncoded = list(
        coding_queue(user=user)
        .annotate(passages=Count("report__versions__passages"))
        .filter(passages=0)
        .values_list("pk", flat=True)
    )
    to_code = list(coding_queue(user=user).filter(pk__in=uncoded))
    return EvaluatorWork(planned=planned, waiting=waiting, to_code=to_code)


@dataclass(frozen=True)
class AdminWork:
    without_two_factor: int
    switched_off: int
    failed_sign_ins: int
    exports_waiting: int


def admin_work(*, user: Member, today: dt.date) -> AdminWork:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from vangnet.exports.models import ExportJob, JobStatus
    from vangnet.organisations.models import User

    accounts = User.objects.filter(organisation_id=user.organisation_id)
    with_device = TOTPDevice.objects.filter(user__in=accounts, confirmed=True).values("user_id")
    since = timezone.now() - dt.timedelta(days=FAILED_SIGN_IN_DAYS)
    return AdminWork(
        without_two_factor=accounts.filter(is_active=True).exclude(pk__in=with_device).count(),
        switched_off=accounts.filter(is_active=False).count(),
        failed_sign_ins=AuditEvent.objects.filter(
            organisation_id=user.organisation_id, action="login_failed", at__gte=since
        ).count(),
        exports_waiting=ExportJob.objects.filter(
            organisation_id=user.organisation_id,
            status__in=[JobStatus.QUEUED, JobStatus.RUNNING],
        ).count(),
    )
