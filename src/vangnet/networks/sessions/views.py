"""The session screen (the hot path), this week's session and the session list.

Thin views: ask core.permissions for the network (404 outside the user's scope, 403 without
Cap.RECORD_SESSIONS), call a selector or service, render.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, network_for
from vangnet.core.typing import MemberRequest
from vangnet.networks.sessions.forms import (
    OneOffSessionForm,
    SessionRecordForm,
    encode_contributions,
    encode_ids,
)
from vangnet.networks.sessions.selectors import (
    session_get,
    session_of_week,
    session_screen,
    sessions_for_list,
)
from vangnet.networks.sessions.services import (
    AttendanceMarks,
    session_create_one_off,
    session_record_attendance,
    sessions_generate_from_schedule,
)


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
        "base_note": session.note,
        "note": session.note,
    }


def _render_screen(request, screen, form, *, state: AttendanceMarks, status: int = 200):
    chosen: dict[int, set[str]] = {}
    for pid, task in state.contributions:
        chosen.setdefault(pid, set()).add(task)
    rows = []
    for row in screen.rows:
        pid = row.participant.pk
        mine = chosen.get(pid, set())
        options = [{"text": task, "checked": task in mine} for task in row.options]
        options += [{"text": task, "checked": True} for task in sorted(mine - set(row.options))]
        rows.append(
            {
                "participant": row.participant,
                "is_new": row.is_new,
                "present": pid in state.present,
                "options": options,
                "is_coming": row.is_coming,
            }
        )
    others = [row for row in rows if not row["is_coming"]]
    audit_record(actor=request.user, action="view", obj=screen.session, request=request)
    return render(
        request,
        "networks/session_record.html",
        {
            "network": screen.session.network,
            "session": screen.session,
            "screen": screen,
            "rows": rows,
            "coming_rows": [row for row in rows if row["is_coming"]],
            "other_rows": others,
            # Open the folded list when someone in it is marked, so no mark is hidden.
            "others_open": any(row["present"] for row in others),
            "form": form,
            "present_count": len(state.present),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def session_record(request: MemberRequest, network_id: int, session_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.RECORD_SESSIONS)
    session = session_get(network=network, session_id=session_id)
    if request.method != "POST":
        screen = session_screen(session=session)
        form = SessionRecordForm(initial=_screen_initial(screen))
        return _render_screen(request, screen, form, state=screen.stored)

    form = SessionRecordForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            result = session_record_attendance(
                session=session,
                marks=data["marks"],
                note=data.get("note") or "",
                base_marks=data["base_marks"],
                base_note=data.get("base_note") or "",
                base_version=data["base_version"],
                newcomers=data["newcomers"],
                recorded_by=request.user,
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _confirm(request, result)
            return redirect("networks:session_record", network.pk, session.pk)
    # Show the screen again with the errors. If the worker's choices could be read, keep
    # them (with the state they started from); otherwise start again from the stored state.
    screen = session_screen(session=session)
    state = form.cleaned_data.get("marks")
    if state is None or "base_marks" not in form.cleaned_data:
        data = request.POST.copy()  # the form's data
        initial = _screen_initial(screen)
        for key in ("version", "base_present", "base_contributions", "base_note"):
            data[key] = initial[key]
        form.data = data
        state = screen.stored
    return _render_screen(request, screen, form, state=state, status=400)


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
