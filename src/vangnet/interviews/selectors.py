"""Reads of the interviews app: who may see which interview and the lists. The thematic
coding's reads live in `interviews.themes.selectors` and are re-exported at the end of this
module, so other apps (the sub-goal table of vangnet.network_evaluation) keep one facade."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from vangnet.core.permissions import ROLE_CAPABILITIES, Cap, has_cap, network_for, pk_or_404
from vangnet.interviews.member_check import AGREED_STATUSES, ReportStatus
from vangnet.interviews.models import (
    Interview,
    InterviewReport,
    MemberCheckEvent,
    ReportVersion,
)
from vangnet.organisations.models import ASSIGNED_ROLES, ORGANISATION_WIDE_ROLES

if TYPE_CHECKING:
    from vangnet.core.typing import Member
    from vangnet.networks.models import Network
    from vangnet.organisations.models import Organisation, User
    from vangnet.participants.models import Participant


def has_evaluation_consent(*, participant: Participant | None, on: dt.date | None = None) -> bool:
    """Has the participant given consent for evaluation interviews that is still active?"""
    from vangnet.privacy.models import ConsentKind, ConsentRecord

    if participant is None:
        return False
    on = on or timezone.localdate()
    return ConsentRecord.objects.filter(
        participant=participant,
        kind=ConsentKind.EVALUATION_INTERVIEW,
        given_on__lte=on,
        withdrawn_on__isnull=True,
    ).exists()


def interviewer_roles() -> list[str]:
    return [role for role, caps in ROLE_CAPABILITIES.items() if Cap.CONDUCT_INTERVIEWS in caps]


def interviewer_candidates(*, organisation: Organisation) -> QuerySet[User]:
    """Everyone of the organisation who may hold evaluation interviews."""
    from vangnet.organisations.models import User

    return User.objects.filter(
        organisation=organisation, is_active=True, role__in=interviewer_roles()
    ).order_by("first_name", "last_name", "username")


def network_for_planning(user: User, network_id: int | str) -> Network:
    """The network if the user may plan its interviews: coordinators for every network of
    their organisation, a social worker only for the networks they lead."""
    network = network_for(user, network_id, Cap.PLAN_EVALUATIONS)
    if user.role in ASSIGNED_ROLES and network.lead_worker_id != user.pk:
        raise PermissionDenied
    return network


def _interviews() -> QuerySet[Interview]:
    """Interviews with what their lists show; `report_step_by_participant`: the report's
    latest member-check step was the participant's own (Mijn Vangnet), shown in the lists."""
    latest_step = MemberCheckEvent.objects.filter(report__interview=OuterRef("pk")).order_by(
        "-at", "-id"
    )
    return Interview.objects.select_related(
        "network", "participant", "interviewer", "report", "response"
    ).annotate(report_step_by_participant=Subquery(latest_step.values("by_participant")[:1]))


def network_interviews(*, network: Network) -> QuerySet[Interview]:
    return _interviews().filter(network=network).order_by("-planned_at", "-id")


def my_interviews(*, user: Member) -> QuerySet[Interview]:
    """The interviews assigned to this user (and nothing else)."""
    if not has_cap(user, Cap.CONDUCT_INTERVIEWS):
        return Interview.objects.none()
    return (
        _interviews()
        .filter(interviewer=user, organisation_id=user.organisation_id)
        .order_by("-planned_at", "-id")
    )


def interview_for_interviewer(user: Member, interview_id: int | str) -> Interview:
    """An interview assigned to this user; any other interview answers 404."""
    pk = pk_or_404(interview_id)
    try:
        interview = my_interviews(user=user).get(pk=pk)
    except Interview.DoesNotExist as exc:
        raise Http404 from exc
    return interview


def interview_for_planner(user: Member, interview_id: int | str) -> Interview:
    pk = pk_or_404(interview_id)
    try:
        interview = _interviews().get(pk=pk, organisation_id=user.organisation_id)
    except Interview.DoesNotExist as exc:
        raise Http404 from exc
    network_for_planning(user, interview.network_id)
    return interview


def may_code(user: User, interview: Interview) -> bool:
    if not has_cap(user, Cap.CODE_THEMES) or interview.organisation_id != user.organisation_id:
        return False
    if user.role in ORGANISATION_WIDE_ROLES:
        return True
    return interview.interviewer_id == user.pk


def interview_for_coder(user: Member, interview_id: int | str) -> Interview:
    """Coordinators code every report of their organisation, evaluators the reports of the
    interviews they held; anything else answers 404."""
    pk = pk_or_404(interview_id)
    try:
        interview = _interviews().get(pk=pk, organisation_id=user.organisation_id)
    except Interview.DoesNotExist as exc:
        raise Http404 from exc
    if not may_code(user, interview):
        raise Http404
    return interview


def coding_queue(*, user: Member) -> QuerySet[Interview]:
    """Agreed reports this user may code, newest first."""
    if not has_cap(user, Cap.CODE_THEMES):
        return Interview.objects.none()
    qs = _interviews().filter(
        organisation_id=user.organisation_id, report__status__in=list(AGREED_STATUSES)
    )
    if user.role not in ORGANISATION_WIDE_ROLES:
        qs = qs.filter(interviewer=user)
    return qs.order_by("-planned_at", "-id")


def report_of(interview: Interview) -> InterviewReport | None:
    try:
        return interview.report
    except InterviewReport.DoesNotExist:
        return None


def report_versions(*, report: InterviewReport) -> list[ReportVersion]:
    return list(report.versions.select_related("author").order_by("number"))


def latest_version(*, report: InterviewReport | None) -> ReportVersion | None:
    if report is None:
        return None
    return report.versions.order_by("-number").first()


def report_history(*, report: InterviewReport) -> list[MemberCheckEvent]:
    return list(report.events.select_related("by", "version").order_by("at", "id"))


def was_corrected(*, report: InterviewReport) -> bool:
    return report.events.filter(to_status=ReportStatus.CORRECTIONS).exists()


def participant_interviews(*, participant: Participant) -> list[dict[str, Any]]:
    """Everything this app holds about one person, for a data-subject access export: per
    interview the date, place, status and every version of the report with its check."""
    interviews = (
        Interview.objects.filter(participant=participant)
        .select_related("report")
        .prefetch_related("report__versions")
        .order_by("planned_at", "pk")
    )
    rows = []
    for interview in interviews:
        report = getattr(interview, "report", None)
        rows.append(
            {
                "planned_at": interview.planned_at.isoformat(timespec="minutes"),
                "place": interview.place,
                "status": interview.get_status_display(),
                "report_status": report.get_status_display() if report else "",
                "report_versions": [
                    {
                        "number": version.number,
                        "written_at": version.written_at.isoformat(timespec="minutes"),
                        "text": version.text,
                    }
                    for version in (report.versions.all() if report else [])
                ],
            }
        )
    return rows


from vangnet.interviews.themes.selectors import (  # noqa: E402, F401  (the facade)
    ThemeRow,
    agreed_report_count,
    network_names,
    organisation_themes,
    passage_of,
    theme_for,
    theme_report,
    version_passages,
)
