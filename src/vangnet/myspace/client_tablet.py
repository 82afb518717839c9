"""Tablet mode for a network-support client: the worker hands their own signed-in device to
the client for one task (reading what we know, or scoring their own goals). The lock, its
middleware and the way back are those of `myspace.tablet`; this module holds the client's
start page and tasks. The client needs no account for this.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from django.contrib.auth.hashers import make_password
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, require_cap
from vangnet.myspace.client_views import goals_page
from vangnet.myspace.forms import TabletStartForm
from vangnet.myspace.selectors import person_data, space_enabled
from vangnet.support.map_selectors import client_for

if TYPE_CHECKING:
    from vangnet.core.typing import MemberRequest
    from vangnet.support.models import Client

LOCK_KEY = "myspace_tablet"  # the same lock as myspace.tablet
CLIENT_TASKS: dict[str, Any] = {
    "gegevens": gettext_lazy("Lezen wat we van mij weten"),
    "doelen": gettext_lazy("Mijn doelen: een cijfer geven"),
}


def _client_for_worker(user: Any, client_id: object) -> Client:
    client = client_for(user, client_id)  # type: ignore[arg-type]
    require_cap(user, Cap.EDIT_PARTICIPANTS)
    return client


@require_http_methods(["GET", "POST"])
def client_tablet_start(request: MemberRequest, client_id: int) -> HttpResponse:
    client = _client_for_worker(request.user, client_id)
    space_on = space_enabled(organisation=request.user.organisation, client=client)
    form = TabletStartForm(request.POST or None, tasks=CLIENT_TASKS)
    if request.method == "POST" and space_on and form.is_valid():
        request.session[LOCK_KEY] = {
            "client": client.pk,
            "task": form.cleaned_data["task"],
            "pin": make_password(form.cleaned_data["pin"]),
            "user": request.user.pk,
            "fails": 0,
            "started": int(time.time()),
        }
        audit_record(
            actor=request.user,
            action="update",
            obj=client,
            detail=f"tabletmodus begonnen: {form.cleaned_data['task']}",
            request=request,
        )
        return redirect("myspace:tablet_task")
    if request.method == "GET":
        audit_record(
            actor=request.user, action="view", obj=client, detail="tabletmodus", request=request
        )
    context = {"client": client, "form": form, "space_on": space_on}
    status = 400 if request.method == "POST" else 200
    return render(request, "myspace/client_tablet_start.html", context, status=status)


def locked_client(request: HttpRequest, lock: dict[str, Any]) -> Client:
    """The client the device is locked to, for the worker who locked it (404 otherwise)."""
    user = request.user
    if not getattr(user, "is_authenticated", False) or lock.get("user") != user.pk:
        raise Http404
    return _client_for_worker(user, lock.get("client"))


def client_tablet_task(request: HttpRequest, lock: dict[str, Any]) -> HttpResponse:
    client = locked_client(request, lock)
    if lock.get("task") == "doelen":
        return goals_page(
            request,
            client=client,
            device_user=request.user,  # type: ignore[arg-type]
            context={"tablet": True},
            here=request.path,
        )
    audit_record(
        actor=request.user,
        action="view",
        obj=client,
        detail=f"tabletmodus {lock.get('task')}: cliënt zelf op het apparaat van de werker",
        request=request,
    )
    return render(
        request, "myspace/my_data.html", {"data": person_data(client=client), "tablet": True}
    )
