"""The network-support client's own pages in Mijn Vangnet: their goals with their own
scores over time, their support group as they see it, and their network map as a picture.

Goals and support group are the client's (404 for a participant account); the map picture
is there for everyone with a map. The person comes from the session only, never from the
address; a goal or a person of someone else answers 404. The goals page also serves the
worker's device in tablet mode (`myspace.tablet`), then with the worker as `device_user`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.permissions import pk_or_404
from vangnet.myspace import client_services
from vangnet.myspace.access import participant_required
from vangnet.myspace.client_charts import goal_line_svg
from vangnet.myspace.client_models import ClientGoal, GroupAnswer
from vangnet.myspace.client_selectors import goal_rows, support_group_view
from vangnet.myspace.contact_views import latest_map
from vangnet.myspace.models import ParticipantAccount
from vangnet.support.charts_map import ecomap_svg
from vangnet.support.map_selectors import owner_waves
from vangnet.support.models import Alter, AlterKind, Closeness

if TYPE_CHECKING:
    from vangnet.organisations.models import User
    from vangnet.support.models import Client


def _account(request: HttpRequest) -> ParticipantAccount:
    return request.space_account  # type: ignore[attr-defined,no-any-return]


def _client(account: ParticipantAccount) -> Client:
    if account.client is None:
        raise Http404
    return account.client


def _audit_view(request: HttpRequest, person: Any, what: str, device_user: User | None) -> None:
    where = " op het apparaat van de werker" if device_user is not None else ""
    audit_record(
        actor=device_user,
        action="view",
        obj=person,
        detail=f"mijn vangnet {what} {client_services.BY_CLIENT}{where}",
        request=request,
        organisation=person.organisation,
    )


def _errors(error: ValidationError) -> list[str]:
    return list(error.messages)


def goals_page(
    request: HttpRequest,
    *,
    client: Client,
    device_user: User | None,
    context: dict[str, Any],
    here: str,
) -> HttpResponse:
    """The goals page: rate a goal today, add one, put one aside."""
    errors: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "add":
                client_services.goal_add(
                    client=client,
                    text=request.POST.get("text", "")[:500],
                    actor=device_user,
                    request=request,
                )
                done = _("Je doel staat erbij.")
            elif action in ("rate", "close"):
                goal = ClientGoal.objects.filter(
                    client=client, pk=pk_or_404(request.POST.get("goal"))
                ).first()
                if goal is None:
                    raise Http404
                if action == "rate":
                    client_services.goal_rate(
                        goal=goal,
                        score=request.POST.get("score", ""),
                        actor=device_user,
                        request=request,
                    )
                    done = _("Je cijfer is bewaard.")
                else:
                    client_services.goal_close(goal=goal, actor=device_user, request=request)
                    done = _("Je hebt dit doel opzij gezet.")
            else:
                return HttpResponse(_("Onbekende actie."), status=400)
        except ValidationError as error:
            errors = _errors(error)
        else:
            messages.success(request, done)
            return redirect(here)
    else:
        _audit_view(request, client, "eigen doelen", device_user)
    rows = goal_rows(client=client)
    goals = [
        {"row": row, "svg": goal_line_svg(row, chart_id=f"goal-{row.pk}") if row.ratings else ""}
        for row in rows
    ]
    page = {
        **context,
        "goals": goals,
        "open_count": sum(1 for row in rows if row.closed_on is None),
        "scores": range(1, 11),
        "errors": errors,
        "text": request.POST.get("text", "")[:500] if errors else "",
    }
    status = 400 if errors else 200
    return render(request, "myspace/goals.html", page, status=status)


@participant_required
@require_http_methods(["GET", "POST"])
def goals(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    return goals_page(
        request,
        client=_client(account),
        device_user=None,
        context={"account": account},
        here=request.path,
    )


@participant_required
@require_http_methods(["GET", "POST"])
def support_group(request: HttpRequest) -> HttpResponse:
    """ "Heb ik een steungroep?" and who is in it, as the client sees it."""
    account = _account(request)
    client = _client(account)
    network_map = latest_map(account)
    people = (
        list(Alter.objects.present().filter(network_map=network_map).order_by("name", "pk"))
        if network_map is not None
        else []
    )
    errors: list[str] = []
    if request.method == "POST":
        try:
            member_ids = [pk_or_404(value) for value in request.POST.getlist("members")[:100]]
            client_services.support_group_answer(
                client=client,
                answer=request.POST.get("answer", ""),
                member_ids=member_ids,
                others=request.POST.get("others", "")[:1000],
                request=request,
            )
        except ValidationError as error:
            errors = _errors(error)
        else:
            messages.success(request, _("Bewaard. Je begeleider ziet het meteen."))
            return redirect(request.path)
    else:
        _audit_view(request, client, "steungroep", None)
    view = support_group_view(client=client)
    chosen = (
        {pk_or_404(value) for value in request.POST.getlist("members")[:100]}
        if errors
        else set(view.member_ids if view else [])
    )
    context = {
        "account": account,
        "view": view,
        "people": people,
        "chosen": chosen,
        "answer": request.POST.get("answer", "") if errors else (view.answer if view else ""),
        "others": request.POST.get("others", "")[:200] if errors else (view.others if view else ""),
        "answers": GroupAnswer.choices,
        "errors": errors,
        "worker_group": [person.name for person in people if person.in_support_group],
    }
    return render(request, "myspace/support_group.html", context, status=400 if errors else 200)


@participant_required
def network_map(request: HttpRequest) -> HttpResponse:
    """Their own latest network map as a picture, with a legend and the same people as a list."""
    account = _account(request)
    person = account.participant if account.participant is not None else account.client
    assert person is not None
    waves = owner_waves(participant=account.participant, client=account.client)
    latest = waves[-1] if waves else None
    _audit_view(request, person, "netwerkkaart", None)
    circles = []
    if latest is not None:
        alters = list(latest.alters.all())
        for value, label in Closeness.choices:
            names = sorted(
                (
                    alter.name,
                    str(AlterKind(alter.kind).label),
                    alter.in_support_group,
                )
                for alter in alters
                if alter.closeness == value
            )
            circles.append({"label": label, "people": names})
    context = {
        "account": account,
        "latest": latest,
        "svg": (
            ecomap_svg(latest, name=_("Jij"), chart_id=f"ecomap-{latest.pk}") if latest else ""
        ),
        "circles": circles,
    }
    return render(request, "myspace/network_map.html", context)
