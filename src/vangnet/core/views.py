"""Pages that belong to no single domain: the home page per role and the account page."""

from django.contrib.auth.decorators import login_not_required, login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from vangnet.audit.services import audit_record
from vangnet.core import home_selectors
from vangnet.core.context_processors import EVALUATION_CAPS, has_any_cap
from vangnet.core.permissions import Cap, has_cap
from vangnet.core.selectors import evaluation_links, home_overview
from vangnet.core.typing import MemberRequest, member


@login_required
def home(request: MemberRequest) -> HttpResponse:
    user = request.user
    if has_cap(user, Cap.VIEW_MUNICIPALITY_REPORT) and not has_cap(user, Cap.VIEW_NETWORK):
        # A municipality viewer has one page: the anonymous report.
        return redirect("reports:municipality")
    if has_cap(user, Cap.VIEW_BENCHMARK) and not has_cap(user, Cap.VIEW_NETWORK):
        # A knowledge institute sees the benchmark and nothing of an organisation.
        return redirect("benchmark:index")
    overview = home_overview(user=request.user)
    overview.update(_today(request.user, overview["networks"]))
    if overview["absences"]:
        # The coming absences name participants: a read of personal data.
        audit_record(
            actor=request.user,
            action="view",
            object_type="networks.announcedabsence",
            detail="home: absences announced for the coming week",
            request=request,
        )
    if overview["followups"]:
        # The follow-up card names participants: that is a read of personal data.
        audit_record(
            actor=request.user,
            action="view",
            object_type="participants.followuptask",
            detail="home: open follow-up tasks",
            request=request,
        )
    return render(request, "core/home.html", overview)


@login_required
def account(request: MemberRequest) -> HttpResponse:
    return render(
        request,
        "core/account.html",
        {"can_view_networks": has_cap(request.user, Cap.VIEW_NETWORK)},
    )


@login_required
def evaluation_overview(request: MemberRequest) -> HttpResponse:
    """Where the evaluation work starts: the user's interviews, coding, the thematic report,
    the outcomes, the questionnaires, and per visible network its evaluation pages."""
    user = request.user
    if not has_any_cap(user, EVALUATION_CAPS):
        raise PermissionDenied
    return render(request, "core/evaluation.html", evaluation_links(user=user))


@login_not_required
def healthz(request: MemberRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def _today(request_user: object, visible: list) -> dict[str, object]:
    """What this user needs first today, per capability (core.home_selectors)."""
    user = member(request_user)
    today = timezone.localdate()
    coordinator = has_cap(user, Cap.VIEW_DASHBOARD)
    return {
        "attention": home_selectors.networks_needing_attention(user=user, today=today)
        if coordinator
        else [],
        "week": home_selectors.week_figures(user=user, today=today) if coordinator else None,
        "evaluator": home_selectors.evaluator_work(user=user, today=today)
        if has_cap(user, Cap.CONDUCT_INTERVIEWS)
        else None,
        "admin": home_selectors.admin_work(user=user, today=today)
        if has_cap(user, Cap.MANAGE_ORGANISATION)
        else None,
        "absences": home_selectors.absences_coming(user=user, today=today),
        "moments": home_selectors.moments_coming(user=user, today=today, visible=visible)
        if has_cap(user, Cap.RECORD_SESSIONS)
        else [],
    }
