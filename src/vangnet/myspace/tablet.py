"""Tablet mode: the worker hands their own signed-in device to one participant for one task.

The worker chooses the task and a PIN of their own for this hand-over. Until that PIN is
typed, the device shows only the task (`TabletLockMiddleware` sends every other address,
staff pages and signing out included, back to it). Five wrong PINs end the worker's session
altogether: the worker signs in again. The participant needs no account for this.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.hashers import check_password, make_password
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, participant_for
from vangnet.myspace import codes
from vangnet.myspace.forms import TabletStartForm, TabletUnlockForm
from vangnet.myspace.questionnaire_views import open_responses, questionnaire_page
from vangnet.myspace.report_views import report_page
from vangnet.myspace.selectors import person_data, space_enabled
from vangnet.participants.models import Participant

if TYPE_CHECKING:
    from vangnet.core.typing import MemberRequest

LOCK_KEY = "myspace_tablet"
TASKS: dict[str, Any] = {
    "gegevens": gettext_lazy("Lezen wat we van mij weten"),
    "verslag": gettext_lazy("Mijn gespreksverslag lezen en zeggen of het klopt"),
    "vragenlijst": gettext_lazy("Mijn vragenlijst invullen"),
}


def tablet_lock(request: HttpRequest) -> dict[str, Any] | None:
    lock = request.session.get(LOCK_KEY) if hasattr(request, "session") else None
    return lock if isinstance(lock, dict) else None


class TabletLockMiddleware:
    """While a device is in tablet mode, only the task and the way back are reachable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        lock = tablet_lock(request)
        if lock is not None and not self._allowed(request.path):
            return redirect("myspace:tablet_task")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        static = str(settings.STATIC_URL or "/static/")
        return path.startswith(("/mijn/tablet/", static, "/taal/"))


@require_http_methods(["GET", "POST"])
def tablet_start(request: MemberRequest, participant_id: int) -> HttpResponse:
    participant = participant_for(request.user, participant_id, Cap.EDIT_PARTICIPANTS)
    space_on = space_enabled(organisation=request.user.organisation, participant=participant)
    form = TabletStartForm(request.POST or None, tasks=TASKS)
    if request.method == "POST" and space_on and form.is_valid():
        request.session[LOCK_KEY] = {
            "participant": participant.pk,
            "task": form.cleaned_data["task"],
            "pin": make_password(form.cleaned_data["pin"]),
            "user": request.user.pk,
            "fails": 0,
            "started": int(time.time()),
        }
        audit_record(
            actor=request.user,
            action="update",
            obj=participant,
            detail=f"tabletmodus begonnen: {form.cleaned_data['task']}",
            request=request,
        )
        return redirect("myspace:tablet_task")
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action="view",
            obj=participant,
            detail="tabletmodus",
            request=request,
        )
    status = 400 if request.method == "POST" else 200
    context = {"participant": participant, "form": form, "space_on": space_on}
    return render(request, "myspace/tablet_start.html", context, status=status)


def _locked_participant(request: HttpRequest, lock: dict[str, Any]) -> Participant:
    user = request.user
    if not getattr(user, "is_authenticated", False) or lock.get("user") != user.pk:
        raise Http404
    return participant_for(user, lock.get("participant"), Cap.EDIT_PARTICIPANTS)


@require_http_methods(["GET", "POST"])
def tablet_task(request: MemberRequest) -> HttpResponse:
    lock = tablet_lock(request)
    if lock is None:
        return redirect("home")
    if "client" in lock:  # a network-support client's task (myspace.client_tablet)
        from vangnet.myspace.client_tablet import client_tablet_task

        return client_tablet_task(request, lock)
    participant = _locked_participant(request, lock)
    if lock.get("task") == "vragenlijst":
        open_ones = open_responses(participant)  # the oldest open one first
        return questionnaire_page(
            request,
            participant=participant,
            response=open_ones[0] if open_ones else None,
            device_user=request.user,
            context={"tablet": True},
        )
    if lock.get("task") == "verslag":
        tablet_context: dict[str, object] = {"tablet": True}
        return report_page(
            request, participant=participant, device_user=request.user, context=tablet_context
        )
    data = person_data(participant=participant)
    audit_record(
        actor=request.user,
        action="view",
        obj=participant,
        detail=f"tabletmodus {lock.get('task')}: deelnemer zelf op het apparaat van de werker",
        request=request,
    )
    context = {"data": data, "tablet": True}
    return render(request, "myspace/my_data.html", context)


@require_http_methods(["GET", "POST"])
def tablet_unlock(request: MemberRequest) -> HttpResponse:
    lock = tablet_lock(request)
    if lock is None:
        return redirect("home")
    participant: Any
    if "client" in lock:
        from vangnet.myspace.client_tablet import locked_client

        participant = locked_client(request, lock)
        back = reverse("support:client_map", args=[participant.pk])
    else:
        participant = _locked_participant(request, lock)
        back = reverse("participants:detail", args=[participant.pk])
    form = TabletUnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if check_password(form.cleaned_data["pin"], str(lock.get("pin", ""))):
            del request.session[LOCK_KEY]
            audit_record(
                actor=request.user,
                action="update",
                obj=participant,
                detail="tabletmodus beëindigd met de pincode van de werker",
                request=request,
            )
            return redirect(back)
        lock["fails"] = int(lock.get("fails", 0)) + 1
        audit_record(
            actor=request.user,
            action="login_failed",
            obj=participant,
            detail="tabletmodus: verkeerde pincode",
            request=request,
        )
        if lock["fails"] >= codes.FAILURE_LIMIT:
            logout(request)  # the worker signs in again; the device is no longer theirs
            return redirect(reverse("login"))
        request.session[LOCK_KEY] = lock
        form.add_error("pin", _("Deze pincode klopt niet."))
    status = 400 if request.method == "POST" else 200
    return render(request, "myspace/tablet_unlock.html", {"form": form}, status=status)
