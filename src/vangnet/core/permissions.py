"""The role x capability matrix and the one layer that enforces it.

Every view and API endpoint asks this module, never the role field directly. The matrix is
documented in docs/permissions.md and enumerated by tests/test_authorization.py.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from vangnet.organisations.models import (
    ASSIGNED_ROLES,
    HELPER_ROLES,
    ORGANISATION_WIDE_ROLES,
    Role,
)

if TYPE_CHECKING:
    from vangnet.networks.models import Network
    from vangnet.participants.models import Participant


class Cap(StrEnum):
    VIEW_NETWORK = "view_network"
    MANAGE_NETWORK = "manage_network"
    EDIT_ACTIVITIES = "edit_activities"
    RECORD_SESSIONS = "record_sessions"
    VIEW_PARTICIPANTS = "view_participants"
    EDIT_PARTICIPANTS = "edit_participants"
    VIEW_LOGBOOK = "view_logbook"
    WRITE_LOGBOOK = "write_logbook"
    MANAGE_FOLLOWUP = "manage_followup"
    MANAGE_PARTNERS = "manage_partners"
    IMPORT_ATTENDANCE = "import_attendance"
    VIEW_AUDIT = "view_audit"
    MANAGE_ORGANISATION = "manage_organisation"
    EXERCISE_DATA_RIGHTS = "exercise_data_rights"
    # Evaluation (issue 4)
    MANAGE_QUESTIONNAIRES = "manage_questionnaires"
    PLAN_EVALUATIONS = "plan_evaluations"
    CONDUCT_INTERVIEWS = "conduct_interviews"
    CODE_THEMES = "code_themes"
    VIEW_EVALUATION = "view_evaluation"
    WRITE_EVALUATION = "write_evaluation"
    # Reporting, exports and the community of practice (issue 5)
    VIEW_DASHBOARD = "view_dashboard"
    VIEW_MUNICIPALITY_REPORT = "view_municipality_report"
    EXPORT_DATA = "export_data"
    RESEARCH_EXPORT = "research_export"
    COMMUNITY_OF_PRACTICE = "community_of_practice"
    MANAGE_REMINDERS = "manage_reminders"
    # Money (issue 18)
    KEEP_ACCOUNTS = "keep_accounts"
    SET_BUDGETS = "set_budgets"
    # The method-fidelity score (issue 19)
    MANAGE_FIDELITY = "manage_fidelity"
    # The worker's growth (issue 18, part 8)
    OWN_GROWTH = "own_growth"
    COACH_WORKERS = "coach_workers"
    # The shared benchmark across organisations (issue 19)
    VIEW_BENCHMARK = "view_benchmark"
    # The shared library across organisations (issue 19 item 4)
    READ_LIBRARY = "read_library"
    SHARE_LIBRARY = "share_library"
    # Learning across evaluations: the process evaluation (issue 18)
    PROCESS_EVALUATION = "process_evaluation"
    # The parties around the networks: project group, sounding board (issue 18, part 7)
    MANAGE_STAKEHOLDERS = "manage_stakeholders"
    # The people around a network with their own limited sign-in (issue 18, part 2)
    VIEW_NETWORK_REPORTS = "view_network_reports"
    RECORD_WORKER_HOURS = "record_worker_hours"
    MANAGE_HELPER_ACCOUNTS = "manage_helper_accounts"


_WORKER = {
    Cap.VIEW_NETWORK,
    Cap.VIEW_NETWORK_REPORTS,
    Cap.RECORD_WORKER_HOURS,
    Cap.EDIT_ACTIVITIES,
    Cap.RECORD_SESSIONS,
    Cap.VIEW_PARTICIPANTS,
    Cap.EDIT_PARTICIPANTS,
    Cap.VIEW_LOGBOOK,
    Cap.WRITE_LOGBOOK,
    Cap.MANAGE_FOLLOWUP,
    Cap.MANAGE_PARTNERS,
    Cap.IMPORT_ATTENDANCE,
    Cap.CONDUCT_INTERVIEWS,
    Cap.VIEW_EVALUATION,
    Cap.WRITE_EVALUATION,
    Cap.COMMUNITY_OF_PRACTICE,
    Cap.KEEP_ACCOUNTS,
    Cap.OWN_GROWTH,
    Cap.READ_LIBRARY,
}

ROLE_CAPABILITIES: dict[str, frozenset[Cap]] = {
    # The lead worker answers a participant's access and erasure requests (only for the
    # networks they lead: vangnet.privacy.selectors.data_subject_for).
    Role.SOCIAL_WORKER: frozenset(
        _WORKER | {Cap.EXERCISE_DATA_RIGHTS, Cap.PLAN_EVALUATIONS, Cap.EXPORT_DATA}
    ),
    Role.BACKUP_WORKER: frozenset(_WORKER),
    Role.COORDINATOR: frozenset(
        {
            Cap.VIEW_NETWORK,
            Cap.VIEW_NETWORK_REPORTS,
            Cap.MANAGE_HELPER_ACCOUNTS,
            Cap.MANAGE_NETWORK,
            Cap.EDIT_ACTIVITIES,
            Cap.VIEW_LOGBOOK,
            Cap.MANAGE_PARTNERS,
            Cap.MANAGE_QUESTIONNAIRES,
            Cap.PLAN_EVALUATIONS,
            Cap.CONDUCT_INTERVIEWS,
            Cap.CODE_THEMES,
            Cap.VIEW_EVALUATION,
            Cap.WRITE_EVALUATION,
            Cap.VIEW_DASHBOARD,
            Cap.VIEW_MUNICIPALITY_REPORT,
            Cap.EXPORT_DATA,
            Cap.RESEARCH_EXPORT,
            Cap.COMMUNITY_OF_PRACTICE,
            Cap.MANAGE_REMINDERS,
            Cap.KEEP_ACCOUNTS,
            Cap.SET_BUDGETS,
            Cap.MANAGE_FIDELITY,
            Cap.OWN_GROWTH,
            Cap.COACH_WORKERS,
            Cap.VIEW_BENCHMARK,
            Cap.READ_LIBRARY,
            Cap.SHARE_LIBRARY,
            Cap.PROCESS_EVALUATION,
            Cap.MANAGE_STAKEHOLDERS,
        }
    ),
    Role.ORG_ADMIN: frozenset(
        {
            Cap.VIEW_NETWORK,
            Cap.VIEW_NETWORK_REPORTS,
            Cap.MANAGE_NETWORK,
            Cap.VIEW_AUDIT,
            Cap.MANAGE_ORGANISATION,
            Cap.EXERCISE_DATA_RIGHTS,
            Cap.MANAGE_REMINDERS,
        }
    ),
    # An evaluator sees only the interviews assigned to them (vangnet.interviews.selectors),
    # codes their agreed reports and takes the pseudonymised research export.
    Role.EVALUATOR: frozenset({Cap.CONDUCT_INTERVIEWS, Cap.CODE_THEMES, Cap.RESEARCH_EXPORT}),
    # A municipality viewer sees the anonymous municipality report and nothing else.
    Role.MUNICIPALITY: frozenset({Cap.VIEW_MUNICIPALITY_REPORT}),
    # A researcher of a knowledge institute following the method nationally sees the
    # benchmark (every participating organisation together) and reads the shared library,
    # and never an organisation's own pages (docs/benchmark.md, docs/library.md).
    Role.KNOWLEDGE_INSTITUTE: frozenset({Cap.VIEW_BENCHMARK, Cap.READ_LIBRARY}),
    # A volunteer, intern or expert by experience with their own sign-in sees only the
    # networks they are attached to today (visible_networks) and records sessions there:
    # no participant files, follow-up, logbook, sociogram, plan, reports, evaluation,
    # money or exports, and their hours are not the worker's (docs/people-around-a-network.md).
    Role.NETWORK_HELPER: frozenset({Cap.VIEW_NETWORK, Cap.RECORD_SESSIONS}),
}


def has_cap(user: Any, cap: Cap) -> bool:
    """May this user use this capability at all (for some object of their organisation)?"""
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        return False
    return cap in ROLE_CAPABILITIES.get(user.role, frozenset())


def require_cap(user: Any, cap: Cap) -> None:
    if not has_cap(user, cap):
        raise PermissionDenied


def visible_networks(user: Any) -> QuerySet[Network]:
    """The networks this user may see: the organisation's for coordinators and admins,
    the assigned ones for (backup) workers, for a network helper the ones they are attached
    to today (their period started and not ended), none for other roles."""
    from vangnet.networks.models import Network

    if not has_cap(user, Cap.VIEW_NETWORK):
        return Network.objects.none()
    networks = Network.objects.filter(organisation_id=user.organisation_id)
    if user.role in ORGANISATION_WIDE_ROLES:
        return networks
    if user.role in ASSIGNED_ROLES:
        return networks.filter(Q(lead_worker=user) | Q(backup_worker=user))
    if user.role in HELPER_ROLES:
        today = timezone.localdate()
        attached = Q(helpers__user=user, helpers__start_date__lte=today) & (
            Q(helpers__end_date__isnull=True) | Q(helpers__end_date__gte=today)
        )
        return networks.filter(pk__in=Network.objects.filter(attached).values("pk"))
    return Network.objects.none()


MAX_PK = 2**62


def pk_or_404(value: Any) -> int:
    """An object id from a URL or form as an int; 404 for anything that cannot be one (text,
    zero, negative, or too large for the database's id column)."""
    try:
        pk = int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    if pk <= 0 or pk > MAX_PK:
        raise Http404
    return pk


def network_for(
    user: Any,
    network_id: object,
    cap: Cap = Cap.VIEW_NETWORK,
    *,
    related: tuple[str, ...] = ("location",),
    annotate: dict[str, Any] | None = None,
) -> Network:
    """Return the network if the user may use `cap` on it, with `related` loaded in the
    same query (none when empty) and `annotate`'s expressions (for example a data version);
    annotations made by `core.network_query.shaped` read through a query compiled once.

    A network the user cannot see answers 404 (its existence is not revealed); a visible
    network without the capability answers 403.
    """
    maker = getattr(annotate, "maker", None)
    if maker is not None:  # annotations of a known shape (core.network_query.shaped)
        from vangnet.core.network_query import visible_network

        found = visible_network(user, pk_or_404(network_id), related=related, annotate=maker)
        if found is None:
            raise Http404
        network = found
    else:
        networks = visible_networks(user)
        if related:  # (select_related() without names would follow every relation)
            networks = networks.select_related(*related)
        if annotate:
            networks = networks.annotate(**annotate)
        try:
            network = networks.get(pk=pk_or_404(network_id))
        except visible_networks(user).model.DoesNotExist as exc:
            raise Http404 from exc
    if not has_cap(user, cap):
        raise PermissionDenied
    return network


def visible_participants(user: Any) -> QuerySet[Participant]:
    """Participants whose personal data this user may see."""
    from vangnet.participants.models import Participant

    if not has_cap(user, Cap.VIEW_PARTICIPANTS):
        return Participant.objects.none()
    return Participant.objects.filter(
        organisation_id=user.organisation_id, network__in=visible_networks(user)
    )


def participant_for(
    user: Any,
    participant_id: object,
    cap: Cap = Cap.VIEW_PARTICIPANTS,
    *,
    related: tuple[str, ...] = ("network",),
) -> Participant:
    """Return the participant if the user may use `cap` on them, with `related` loaded in
    the same query.

    Without the capability the answer is 403 only for a participant of a network the user
    can see (that reveals nothing new); otherwise 404, as for anyone outside the scope.
    """
    from vangnet.participants.models import Participant

    pk = pk_or_404(participant_id)
    if not has_cap(user, cap):
        in_sight = Participant.objects.filter(pk=pk, network__in=visible_networks(user))
        raise PermissionDenied if in_sight.exists() else Http404
    try:
        return visible_participants(user).select_related(*related).get(pk=pk)
    except Participant.DoesNotExist as exc:
        raise Http404 from exc


CAPABILITY_DESCRIPTIONS: dict[Cap, str] = {
    Cap.VIEW_NETWORK: "see a network's page and figures",
    Cap.MANAGE_NETWORK: "create and edit networks, record phase transitions",
    Cap.EDIT_ACTIVITIES: "create and change a network's activities",
    Cap.RECORD_SESSIONS: "open the session screen and record attendance and contributions",
    Cap.VIEW_PARTICIPANTS: "see participants' personal data and routes",
    Cap.EDIT_PARTICIPANTS: "add and edit participants, correct routes",
    Cap.VIEW_LOGBOOK: "read a network's logbook",
    Cap.WRITE_LOGBOOK: "write logbook entries and balance reflections",
    Cap.MANAGE_FOLLOWUP: "see and close dropout follow-up tasks",
    Cap.MANAGE_PARTNERS: "manage the organisation's referral partners",
    Cap.IMPORT_ATTENDANCE: "import sessions and attendance from CSV/XLSX",
    Cap.VIEW_AUDIT: "see and export the organisation's audit trail",
    Cap.MANAGE_ORGANISATION: "manage accounts, locations and method rules",
    Cap.EXERCISE_DATA_RIGHTS: (
        "export a participant's data (right of access) and erase it (right to erasure)"
    ),
    Cap.MANAGE_QUESTIONNAIRES: "edit questionnaire templates and the theme code list",
    Cap.PLAN_EVALUATIONS: "plan evaluation interviews and assign an evaluator",
    Cap.CONDUCT_INTERVIEWS: (
        "hold the evaluation interviews assigned to you: questionnaire, report, member check"
    ),
    Cap.CODE_THEMES: "code agreed interview reports with themes",
    Cap.VIEW_EVALUATION: (
        "see a network's evaluation: sub-goals, thematic report, checklist, outcomes"
    ),
    Cap.WRITE_EVALUATION: "write the network evaluation, sub-goal judgements and checklist",
    Cap.VIEW_DASHBOARD: "see the organisation dashboard and the organisation report",
    Cap.VIEW_MUNICIPALITY_REPORT: "see and download the anonymous municipality report",
    Cap.EXPORT_DATA: "export attendance, routes, ties and answers as XLSX/CSV (audited)",
    Cap.RESEARCH_EXPORT: "take the pseudonymised research export with its data dictionary",
    Cap.COMMUNITY_OF_PRACTICE: "use the community of practice: meetings, lessons, work visits",
    Cap.MANAGE_REMINDERS: "set the organisation's reminder rules (which day, after how many days)",
    Cap.KEEP_ACCOUNTS: (
        "record a network's expenses, income and receipts, see its balance, export the accounts"
    ),
    Cap.SET_BUDGETS: "set the networks' yearly activity budgets and the early-warning share",
    Cap.MANAGE_FIDELITY: "set the weights of the method-fidelity score",
    Cap.OWN_GROWTH: (
        "keep your own self-assessments against the worker's profile and your coaching log"
    ),
    Cap.COACH_WORKERS: "see the workers' self-assessments and coaching logs, coach them",
    Cap.VIEW_BENCHMARK: (
        "see the shared benchmark: distributions of the participating organisations' networks"
    ),
    Cap.READ_LIBRARY: "find and read the shared library of all organisations",
    Cap.SHARE_LIBRARY: (
        "publish to and withdraw from the shared library, adopt from it, host meetings "
        "across organisations"
    ),
    Cap.PROCESS_EVALUATION: (
        "learn across the network evaluations: code their answers with themes, see counts "
        "and pseudonymised quotes, write the synthesis (PDF)"
    ),
    Cap.MANAGE_STAKEHOLDERS: (
        "keep the parties around the networks (project group, sounding board) with their "
        "contact person, record meetings and agreements, export them; workers see their "
        "networks' parties and agreements on the network page"
    ),
    Cap.VIEW_NETWORK_REPORTS: (
        "see a network's analyses: plan and norm, support figures and sociogram, "
        "measures, annual report"
    ),
    Cap.RECORD_WORKER_HOURS: "register your own hours on a network against the worker's norm",
    Cap.MANAGE_HELPER_ACCOUNTS: (
        "give a network's volunteer, intern or expert by experience a sign-in, and revoke it"
    ),
}


def capability_matrix_markdown() -> str:
    """The role x capability matrix as a Markdown table (docs/permissions.md embeds it;
    a test keeps the two identical)."""
    roles = list(Role)
    header = "| capability | " + " | ".join(f"{role.value}" for role in roles) + " |"
    rule = "|---|" + "---|" * len(roles)
    rows = [header, rule]
    for cap in Cap:
        marks = ["yes" if cap in ROLE_CAPABILITIES[role] else "-" for role in roles]
        rows.append(
            f"| `{cap.value}`: {CAPABILITY_DESCRIPTIONS[cap]} | " + " | ".join(marks) + " |"
        )
    return "\n".join(rows) + "\n"
