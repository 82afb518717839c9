"""The session screen (the hot path), this week's session and the session list.

Thin views: ask core.permissions for the network (404 outside the user's scope, 403 without
Cap.RECORD_SESSIONS), call a selector or service, render.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, network_for
from vangnet.core.typing import MemberRequest
from vangnet.neighbourhood.screen import screen_form, section_errors, section_save
from vangnet.networks.models import Session
from vangnet.networks.sessions import screen_body, screen_page
from vangnet.networks.sessions.forms import (
    OneOffSessionForm,
    SessionRecordForm,
    encode_contributions,
    encode_ids,
)
from vangnet.networks.sessions.newcomers import resolve_newcomers
from vangnet.networks.sessions.outcome import session_outcome
from vangnet.networks.sessions.paper import note_with_paper_line
from vangnet.networks.sessions.schedule_services import (
    session_create_one_off,
    sessions_generate_from_schedule,
)
from vangnet.networks.sessions.selectors import (
    session_for_save,
    session_get,
    session_of_week,
    session_screen,
    sessions_for_list,
)
from vangnet.networks.sessions.services import AttendanceMarks, session_record_attendance
from vangnet.participants import fact_cache


@require_http_methods(["GET"])
def session_current(request: MemberRequest, network_id: int) -> HttpResponse:
    """Open this week's session: generate the schedule up to today, take this ISO week's
    session; if the schedule has one later this week, that one; else a one-off for today."""
    network = network_for(request.user, network_id, Cap.RECORD_SESSIONS)
    today = timezone.localdate()
    sessions_generate_from_schedule(network=network, until=today)
    session = session_of_week(network=network, today=today)
    if session is None:
        sunday = today + dt.timedelta(days=6 - today.weekday())
        sessions_generate_from_schedule(network=network, until=sunday)
        session = session_of_week(network=network, today=today)
    if session is None:
        session = session_create_one_off(
            network=network, date=today, title=_("Bijeenkomst"), actor=request.user
        )
    return redirect("networks:session_record", network.pk, session.pk)


def _screen_initial(screen) -> dict:
    """The hidden state a fresh screen carries: what it was rendered with."""
    session = screen.session
    return {
        "version": str(session.version),
        "base_present": encode_ids(screen.stored.present),
        "base_contributions": encode_contributions(screen.stored.contributions),
        "base_absent": encode_contributions(screen.stored.absent),
        "base_note": session.note,
        "note": session.note,
    }


# The flag that asks the next view of the screen to say what followed from a save: a short,
# signed cookie with the session's id (no personal data), so the save does not write the
# login session (a transaction with an UPDATE of it) only to carry it. Read and removed
# by the next view of that session's screen.
SAVED_COOKIE = "vangnet_saved"
SAVED_COOKIE_SALT = "vangnet.networks.sessions.saved"
SAVED_COOKIE_AGE = 10 * 60


def _just_saved(request, session_id: int) -> bool:
    """True when this browser's last save was of this session (the flag set by the save)."""
    value = request.get_signed_cookie(
        SAVED_COOKIE, default=None, salt=SAVED_COOKIE_SALT, max_age=SAVED_COOKIE_AGE
    )
    return value == str(session_id)


def _flag_saved(response: HttpResponse, request, session_id: int) -> HttpResponse:
    response.set_signed_cookie(
        SAVED_COOKIE,
        str(session_id),
        salt=SAVED_COOKIE_SALT,
        max_age=SAVED_COOKIE_AGE,
        path=request.path,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def _render_screen(
    request,
    screen,
    form,
    *,
    state: AttendanceMarks,
    status: int = 200,
    outcome=None,
    pending=(),
    buurt=None,
):
    """The screen rendered for this request alone (a bound form, the outcome, the paper
    list taken over): never from or into the body cache (networks/sessions/screen_body.py)."""
    html, _keep = screen_page.render_body(
        user=request.user,
        screen=screen,
        form=form,
        state=state,
        outcome=outcome,
        pending=pending,
        buurt=buurt,
        paper=request.GET.get("van") == "papier",
    )
    audit_record(actor=request.user, action="view", obj=screen.session, request=request)
    body = screen_body.with_token(request, html)
    return render(request, "networks/session_record.html", {"body": body}, status=status)


def _plain_body(user, network, session_id: int) -> tuple[str, bool]:
    """The body of a plain opening (screen_body.screen_body renders it on a miss)."""
    # The session read with its network's organisation (one query), then joined to the
    # network read with the access check and its versions (the screen's base keys on them).
    session = session_get(network=network, session_id=session_id)
    network.organisation = session.network.organisation
    session.network = network
    screen = session_screen(session=session)
    form = SessionRecordForm(initial=_screen_initial(screen))
    return screen_page.render_body(user=user, screen=screen, form=form, state=screen.stored)


@require_http_methods(["GET", "POST"])
def session_record(request: MemberRequest, network_id: int, session_id: int) -> HttpResponse:
    if request.method == "POST":
        return _session_save(request, session_id=session_id, network_id=network_id)
    saved = SAVED_COOKIE in request.COOKIES
    just_saved = saved and _just_saved(request, session_id)
    # A plain view of the screen writes no facts: the network's fact version (the screen's
    # cache key) and the versions of the body's other data are read with the network. Not
    # right after a save: the follow-up check of the outcome below may write.
    read_only = not just_saved
    plain = read_only and not request.GET  # the body may come from the cache
    # The organisation with the network, so the session is read without them again; not
    # for a plain opening, whose cached body needs none of it (its version is in the key).
    network = network_for(
        request.user,
        network_id,
        Cap.RECORD_SESSIONS,
        related=() if plain else ("organisation",),
        annotate=screen_body.versions_with_network() if read_only else None,
    )
    if read_only:
        fact_cache.keep_version_read_with_network(network)
    if plain:
        head = screen_body.session_head(network=network, session_id=session_id)
        body = screen_body.screen_body(
            request=request,
            network=network,
            session=head,
            today=timezone.localdate(),
            render=partial(_plain_body, request.user, network, head.pk),
        )
        audit_record(
            actor=request.user,
            action="view",
            object_type=Session._meta.label_lower,
            object_id=head.pk,
            request=request,
        )
        response = render(request, "networks/session_record.html", {"body": body})
        if saved:  # another session's flag: taken away
            response.delete_cookie(SAVED_COOKIE, path=request.path, samesite="Lax")
        return response
    session = session_get(network=network, session_id=session_id)
    screen = session_screen(session=session)
    initial = _screen_initial(screen)
    if request.GET.get("van") == "papier":  # taking a paper list over: say so in the note
        initial["note"] = note_with_paper_line(session.note)
    form = SessionRecordForm(initial=initial)
    outcome = None
    if just_saved:  # right after this save
        outcome = session_outcome(
            screen=screen, present=set(screen.stored.present), today=timezone.localdate()
        )
    response = _render_screen(request, screen, form, state=screen.stored, outcome=outcome)
    if saved:  # shown once
        response.delete_cookie(SAVED_COOKIE, path=request.path, samesite="Lax")
    return response


def _session_save(request: MemberRequest, *, network_id: int, session_id: int) -> HttpResponse:
    """The screen posted back: save it and go back to the screen, or show it again with
    what is wrong. One transaction from the session's read on: the session is read locked,
    with its network, organisation and access check (`session_for_save`), and the save
    merges into it without reading it again; a refused save leaves the transaction, so
    nothing of it is kept."""
    pending: list = []
    result = None
    try:
        with transaction.atomic():
            session = session_for_save(
                user=request.user, network_id=network_id, session_id=session_id, lock=True
            )
            form = SessionRecordForm(request.POST)
            buurt = screen_form(session=session, data=request.POST)
            if section_errors(buurt):  # checked first: nothing is saved or created then
                form.add_error(None, _("Kijk bij ‘Voor de buurt’: daar klopt iets niet."))
            if form.is_valid():
                data = form.cleaned_data
                names = resolve_newcomers(
                    session=session,
                    names=data["newcomers"],
                    answers=request.POST,
                    actor=request.user,
                    request=request,
                )
                marks = names.marks_with_chosen(data["marks"])
                form.cleaned_data["marks"] = marks
                pending = names.pending
            if form.is_valid() and not pending:  # the attendance and "voor de buurt"
                result = session_record_attendance(
                    session=session,
                    marks=marks,
                    note=data.get("note") or "",
                    base_marks=data["base_marks"],
                    base_note=data.get("base_note") or "",
                    base_version=data["base_version"],
                    newcomers=names.newcomers,
                    recorded_by=request.user,
                    request=request,
                    and_then=lambda: section_save(
                        form=buurt, session=session, actor=request.user, request=request
                    ),
                    locked=True,
                )
    except ValidationError as exc:  # the transaction is rolled back: nothing saved
        add_service_errors(form, exc)
    if result is not None:
        _confirm(request, result)
        url = reverse("networks:session_record", args=[session.network_id, session.pk])
        if request.headers.get("X-Vangnet-Save") == "fetch":  # offline.js: saved, go there
            return _flag_saved(JsonResponse({"saved": True, "url": url}), request, session.pk)
        return _flag_saved(redirect(url), request, session.pk)
    if form.is_valid() and pending:
        # A typed name resembles someone known: ask first, save nothing yet.
        screen = session_screen(session=session)
        return _render_screen(request, screen, form, state=marks, pending=pending, buurt=buurt)
    # Show the screen again with the errors. If the worker's choices could be read, keep
    # them (with the state they started from); otherwise start again from the stored state.
    screen = session_screen(session=session)
    state = form.cleaned_data.get("marks")
    if state is None or "base_marks" not in form.cleaned_data:
        data = request.POST.copy()  # the form's data
        initial = _screen_initial(screen)
        for key in ("version", "base_present", "base_contributions", "base_absent", "base_note"):
            data[key] = initial[key]
        form.data = data
        state = screen.stored
    return _render_screen(request, screen, form, state=state, status=400, buurt=buurt)


def _confirm(request: MemberRequest, result) -> None:
    messages.success(
        request,
        ngettext(
            "Opgeslagen: %(count)d aanwezig.",
            "Opgeslagen: %(count)d aanwezig.",
            result.present_count,
        )
        % {"count": result.present_count},
    )
    if result.merged:
        messages.info(
            request,
            _(
                "Iemand anders heeft deze bijeenkomst ook net opgeslagen. "
                "Jullie aanvullingen zijn allebei bewaard."
            ),
        )
    if result.note_conflict:
        messages.warning(
            request,
            _(
                "De notitie was intussen door iemand anders veranderd. Beide teksten staan nu "
                "in de notitie. Kijk of dat klopt."
            ),
        )


@require_http_methods(["GET", "POST"])
def session_list(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.RECORD_SESSIONS)
    today = timezone.localdate()
    if request.method == "POST":
        form = OneOffSessionForm(request.POST, network=network)
        if form.is_valid():
            try:
                session = session_create_one_off(
                    network=network,
                    date=form.cleaned_data["date"],
                    title=form.cleaned_data["title"],
                    activities=list(form.cleaned_data["activities"]),
                    actor=request.user,
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("De bijeenkomst is aangemaakt."))
                return redirect("networks:session_record", network.pk, session.pk)
    else:
        sessions_generate_from_schedule(network=network, until=today)
        form = OneOffSessionForm(network=network, initial={"date": today})
    context = {"network": network, "form": form, "today": today}
    context.update(sessions_for_list(network=network, today=today))
    return render(
        request,
        "networks/session_list.html",
        context,
        status=400 if form.is_bound and form.errors else 200,
    )
