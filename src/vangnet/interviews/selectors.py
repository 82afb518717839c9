"""Reads of the interviews app: who may see which interview, the lists, and the thematic
report (also used by the sub-goal table of vangnet.network_evaluation)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from vangnet.core.permissions import ROLE_CAPABILITIES, Cap, has_cap, network_for
from vangnet.interviews.member_check import AGREED_STATUSES, ReportStatus
from vangnet.interviews.models import (
    CodedPassage,
    Interview,
    InterviewReport,
    MemberCheckEvent,
    ReportVersion,
    Theme,
)
from vangnet.interviews.pseudonym import pseudonymise
from vangnet.organisations.models import ASSIGNED_ROLES, ORGANISATION_WIDE_ROLES


def _pk(value) -> int:
    try:
        pk = int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    if pk <= 0 or pk > 2**62:
        raise Http404
    return pk


def has_evaluation_consent(*, participant, on: dt.date | None = None) -> bool:
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


def interviewer_candidates(*, organisation) -> QuerySet:
    """Everyone of the organisation who may hold evaluation interviews."""
    from vangnet.organisations.models import User

    return User.objects.filter(
        organisation=organisation, is_active=True, role__in=interviewer_roles()
    ).order_by("first_name", "last_name", "username")


def network_for_planning(user, network_id):
    """The network if the user may plan its interviews: coordinators for every network of
    their organisation, a social worker only for the networks they lead."""
    network = network_for(user, network_id, Cap.PLAN_EVALUATIONS)
    if user.role in ASSIGNED_ROLES and network.lead_worker_id != user.pk:
        raise PermissionDenied
    return network


def _interviews() -> QuerySet:
    return Interview.objects.select_related(
        "network", "participant", "interviewer", "report", "response"
    )


def network_interviews(*, network) -> QuerySet:
    return _interviews().filter(network=network).order_by("-planned_at", "-id")


def my_interviews(*, user) -> QuerySet:
    """The interviews assigned to this user (and nothing else)."""
    if not has_cap(user, Cap.CONDUCT_INTERVIEWS):
        return Interview.objects.none()
    return (
        _interviews()
        .filter(interviewer=user, organisation_id=user.organisation_id)
        .order_by("-planned_at", "-id")
    )


def interview_for_interviewer(user, interview_id) -> Interview:
    """An interview assigned to this user; any other interview answers 404."""
    pk = _pk(interview_id)
    try:
        interview = my_interviews(user=user).get(pk=pk)
    except Interview.DoesNotExist as exc:
        raise Http404 from exc
    return interview


def interview_for_planner(user, interview_id) -> Interview:
    pk = _pk(interview_id)
    try:
        interview = _interviews().get(pk=pk, organisation_id=user.organisation_id)
    except Interview.DoesNotExist as exc:
        raise Http404 from exc
    network_for_planning(user, interview.network_id)
    return interview


def may_code(user, interview: Interview) -> bool:
    if not has_cap(user, Cap.CODE_THEMES) or interview.organisation_id != user.organisation_id:
        return False
    if user.role in ORGANISATION_WIDE_ROLES:
        return True
    return interview.interviewer_id == user.pk


def interview_for_coder(user, interview_id) -> Interview:
    """Coordinators code every report of their organisation, evaluators the reports of the
    interviews they held; anything else answers 404."""
    pk = _pk(interview_id)
    try:
        interview = _interviews().get(pk=pk, organisation_id=user.organisation_id)
    except Interview.DoesNotExist as exc:
        raise Http404 from exc
    if not may_code(user, interview):
        raise Http404
    return interview


def coding_queue(*, user) -> QuerySet:
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


def version_passages(*, version: ReportVersion) -> list[CodedPassage]:
    return list(
        version.passages.select_related("coder").prefetch_related("themes").order_by("start", "id")
    )


def passage_of(*, interview: Interview, passage_id) -> CodedPassage | None:
    try:
        pk = _pk(passage_id)
    except Http404:
        return None
    return CodedPassage.objects.filter(pk=pk, version__report__interview=interview).first()


def organisation_themes(*, organisation, active_only: bool = False) -> QuerySet:
    qs = Theme.objects.filter(organisation=organisation)
    if active_only:
        qs = qs.filter(active=True)
    return qs.order_by("position", "name", "id")


def theme_for(user, theme_id) -> Theme:
    pk = _pk(theme_id)
    try:
        return Theme.objects.get(pk=pk, organisation_id=user.organisation_id)
    except Theme.DoesNotExist as exc:
        raise Http404 from exc


# -- thematic report ----------------------------------------------------------------------


@dataclass
class ThemeRow:
    theme: Theme
    report_count: int = 0
    passages: list[str] = field(default_factory=list)

    @property
    def subgoals(self) -> tuple[str, ...]:
        """The method's sub-goals (letters a-i) the theme speaks to."""
        return self.theme.subgoal_letters


def network_names(networks: Iterable) -> dict[int, list[str]]:
    """Every participant name per network (full name and first word), for pseudonymising."""
    from vangnet.participants.models import Participant

    names: dict[int, list[str]] = {}
    rows = Participant.objects.filter(network__in=list(networks)).values_list(
        "network_id", "display_name"
    )
    for network_id, name in rows:
        bucket = names.setdefault(network_id, [])
        bucket.append(name)
        first = name.split()[0] if name.split() else ""
        if first and first != name and len(first) > 1:
            bucket.append(first)
    return names


def _agreed_passages(networks) -> QuerySet:
    """Passages coded on the latest version of an agreed report (older versions' passages
    stay on record but do not count)."""
    return (
        CodedPassage.objects.filter(
            version__report__interview__network__in=list(networks),
            version__report__status__in=list(AGREED_STATUSES),
        )
        .select_related("version__report__interview")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("position", "id")))
        .order_by("version__report__interview__planned_at", "version_id", "start", "id")
    )


def agreed_report_count(*, networks) -> int:
    """How many interviews of these networks have a report the participant agreed with."""
    return InterviewReport.objects.filter(
        interview__network__in=list(networks), status__in=list(AGREED_STATUSES)
    ).count()


def theme_report(*, networks) -> list[ThemeRow]:
    """Per theme of the networks' organisation(s): how many agreed reports mention it and the
    quoted passages, pseudonymised (every participant name of the network becomes
    "[deelnemer]"; who said it is never shown). Themes without passages are listed with 0
    when they are active."""
    networks = list(networks)
    if not networks:
        return []
    organisation_ids = {n.organisation_id for n in networks}
    names = network_names(networks)
    latest: dict[int, int] = {}
    for report_id, version_id in (
        ReportVersion.objects.filter(
            report__interview__network__in=networks, report__status__in=list(AGREED_STATUSES)
        )
        .order_by("report_id", "number")
        .values_list("report_id", "id")
    ):
        latest[report_id] = version_id
    rows: dict[int, ThemeRow] = {}
    reports: dict[int, set[int]] = {}
    for theme in Theme.objects.filter(organisation_id__in=organisation_ids).order_by(
        "position", "name", "id"
    ):
        if theme.active:
            rows[theme.pk] = ThemeRow(theme=theme)
    for passage in _agreed_passages(networks):
        report_id = passage.version.report_id
        if latest.get(report_id) != passage.version_id:
            continue
        network_id = passage.version.report.interview.network_id
        quote = pseudonymise(passage.quote, names.get(network_id, []))
        for theme in passage.themes.all():
            row = rows.get(theme.pk)
            if row is None:  # a theme switched off after coding
                row = rows[theme.pk] = ThemeRow(theme=theme)
            reports.setdefault(theme.pk, set()).add(report_id)
            if quote:  # an erased participant's passage still counts, without its text
                row.passages.append(quote)
    for theme_id, row in rows.items():
        row.report_count = len(reports.get(theme_id, ()))
    return sorted(rows.values(), key=lambda r: (r.theme.position, r.theme.name, r.theme.pk))


def participant_interviews(*, participant) -> list[dict]:
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
