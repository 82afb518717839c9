"""Tablet mode: the worker hands their own signed-in device to one participant or one
network-support client for one task.

The worker chooses the task and a PIN of their own for this hand-over. Until that PIN is
typed, the device shows only the task (`TabletLockMiddleware` sends every other address,
staff pages and signing out included, back to it). Five wrong PINs end the worker's session
altogether: the worker signs in again. The person needs no account for this.

One lock for both kinds of person (`KINDS`): what differs is how the worker may reach the
person, which tasks there are, and where the device goes back to. The lock in the session
holds the person's id under the kind's key ("participant" or "client").
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
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
from vangnet.core.permissions import Cap, participant_for, require_cap
from vangnet.myspace import codes
from vangnet.myspace.client_views import goals_page
from vangnet.myspace.forms import TabletStartForm, TabletUnlockForm
from vangnet.myspace.questionnaire_views import open_responses, questionnaire_page
from vangnet.myspace.report_views import report_page
from vangnet.myspace.selectors import person_data, space_enabled
from vangnet.support.map_selectors import client_for

if TYPE_CHECKING:
    from vangnet.core.typing import MemberRequest

LOCK_KEY = "myspace_tablet"
READ_TASK = "gegevens"  # reading what we know: a task of every kind of person
TASKS: dict[str, Any] = {
    READ_TASK: gettext_lazy("Lezen wat we van mij weten"),
    "verslag": gettext_lazy("Mijn gespreksverslag lezen en zeggen of het klopt"),
    "vragenlijst": gettext_lazy("Mijn vragenlijst invullen"),
}
CLIENT_TASKS: dict[str, Any] = {
    READ_TASK: gettext_lazy("Lezen wat we van mij weten"),
    "doelen": gettext_lazy("Mijn doelen: een cijfer geven"),
}


def _participant_task(request: HttpRequest, person: Any, task: str) -> HttpResponse:
    tablet_context: dict[str, object] = {"tablet": True}
    if task == "vragenlijst":
        open_ones = open_responses(person)  # the oldest open one first
        return questionnaire_page(
            request,
            participant=person,
            response=open_ones[0] if open_ones else None,
            device_user=request.user,  # type: ignore[arg-type]
            context=tablet_context,
        )
    return report_page(
        request,
        participant=person,
        device_user=request.user,  # type: ignore[arg-type]
        context=tablet_context,
    )


def _client_task(request: HttpRequest, person: Any, task: str) -> HttpResponse:
    return goals_page(
        request,
        client=person,
        device_user=request.user,  # type: ignore[arg-type]
        context={"tablet": True},
        here=request.path,
    )


def _client_for_worker(user: Any, client_id: object) -> Any:
    # Their own worker or backup worker, else 404.
    client = client_for(user, client_id)  # type: ignore[arg-type]
    require_cap(user, Cap.EDIT_PARTICIPANTS)
    return client


@dataclass(frozen=True)
class PersonKind:
    key: str  # "participant" or "client": the lock's key and person_data's argument
    tasks: dict[str, Any]
    task_label: Any  # the question above the tasks on the start page
    self_words: str  # in the audit detail: who holds the device
    find: Callable[[Any, object], Any]  # the person for a worker who may hand over (404)
    task_page: Callable[[HttpRequest, Any, str], HttpResponse]  # every task but READ_TASK
    access_url: str  # the worker's Mijn Vangnet page of the person
    back_url: str  # where the device goes back to after the worker's PIN
    off_text: Any  # shown when Mijn Vangnet is off for this person


KINDS: dict[str, PersonKind] = {
    "participant": PersonKind(
        key="participant",
        tasks=TASKS,
        task_label=gettext_lazy("Wat gaat de deelnemer doen?"),
        self_words="deelnemer zelf",
        find=lambda user, pk: participant_for(user, pk, Cap.EDIT_PARTICIPANTS),
        task_page=_participant_task,
        access_url="myspace:participant_access",
        back_url="participants:detail",
        off_text=gettext_lazy(
            "Mijn Vangnet staat uit voor dit netwerk. De coördinator kan het aanzetten."
        ),
    ),
    "client": PersonKind(
        key="client",
        tasks=CLIENT_TASKS,
        task_label=gettext_lazy("Wat gaat de cliënt doen?"),
        self_words="cliënt zelf",
        find=_client_for_worker,
        task_page=_client_task,
        access_url="myspace:client_access",
        back_url="support:client_map",
        off_text=gettext_lazy(
            "Mijn Vangnet staat uit voor de cliënten van je organisatie. "
            "De beheerder kan het aanzetten."
        ),
    ),
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
def tablet_start(request: MemberRequest, kind: str, **person_id: int) -> HttpResponse:
    """The worker chooses the task and their PIN; `kind` comes from the address, the
    person's id as `participant_id` or `client_id`."""
    person_kind = KINDS[kind]
    person = person_kind.find(request.user, person_id[f"{kind}_id"])
    space_on = space_enabled(organisation=request.user.organisation, **{kind: person})
    form = TabletStartForm(request.POST or None, tasks=person_kind.tasks)
    form.fields["task"].label = person_kind.task_label
    if request.method == "POST" and space_on and form.is_valid():
        request.session[LOCK_KEY] = {
            person_kind.key: person.pk,
            "task": form.cleaned_data["task"],
            "pin": make_password(form.cleaned_data["pin"]),
            "user": request.user.pk,
            "fails": 0,
            "started": int(time.time()),
        }
        audit_record(
            actor=request.user,
            action="update",
            obj=person,
            detail=f"tabletmodus begonnen: {form.cleaned_data['task']}",
            request=request,
        )
        return redirect("myspace:tablet_task")
    if request.method == "GET":
        audit_record(
            actor=request.user, action="view", obj=person, detail="tabletmodus", request=request
        )
    context = {
        "person": person,
        "form": form,
        "space_on": space_on,
        "access_url": reverse(person_kind.access_url, args=[person.pk]),
        "off_text": person_kind.off_text,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "myspace/tablet_start.html", context, status=status)


def _locked(request: HttpRequest, lock: dict[str, Any]) -> tuple[PersonKind, Any]:
    """The kind and the person the device is locked to, for the worker who locked it
    (404 for anyone else, or when the worker may no longer reach the person)."""
    user = request.user
    if not getattr(user, "is_authenticated", False) or lock.get("user") != user.pk:
        raise Http404
    person_kind = KINDS["client"] if "client" in lock else KINDS["participant"]
    if lock.get("task") not in person_kind.tasks:
        raise Http404
    return person_kind, person_kind.find(user, lock.get(person_kind.key))


@require_http_methods(["GET", "POST"])
def tablet_task(request: MemberRequest) -> HttpResponse:
    lock = tablet_lock(request)
    if lock is None:
        return redirect("home")
    person_kind, person = _locked(request, lock)
    task = str(lock.get("task"))
    if task != READ_TASK:
        return person_kind.task_page(request, person, task)
    audit_record(
        actor=request.user,
        action="view",
        obj=person,
        detail=f"tabletmodus {task}: {person_kind.self_words} op het apparaat van de werker",
        request=request,
    )
    data = person_data(**{person_kind.key: person})
    return render(request, "myspace/my_data.html", {"data": data, "tablet": True})


@require_http_methods(["GET", "POST"])
def tablet_unlock(request: MemberRequest) -> HttpResponse:
    lock = tablet_lock(request)
    if lock is None:
        return redirect("home")
    person_kind, person = _locked(request, lock)
    form = TabletUnlockForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if check_password(form.cleaned_data["pin"], str(lock.get("pin", ""))):
            del request.session[LOCK_KEY]
            audit_record(
                actor=request.user,
                action="update",
                obj=person,
                detail="tabletmodus beëindigd met de pincode van de werker",
                request=request,
            )
            return redirect(reverse(person_kind.back_url, args=[person.pk]))
        lock["fails"] = int(lock.get("fails", 0)) + 1
        audit_record(
            actor=request.user,
            action="login_failed",
            obj=person,
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
