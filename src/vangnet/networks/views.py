"""Network pages. Thin: parse input, call a selector or service, render.

Access: core.permissions. A network the user may not see -> 404, visible without the
capability -> 403 (MANAGE_NETWORK for networks and phases, EDIT_ACTIVITIES for activities).
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, has_cap, network_for, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.networks import charts, page_cache, page_rows, selectors, services
from vangnet.networks.activities import services as activity_services
from vangnet.networks.forms import (
    ActivityEndForm,
    ActivityForm,
    NetworkForm,
    PhaseTransitionForm,
)
from vangnet.networks.models import PHASE_ORDER, Phase


def _data(request: MemberRequest):
    """The posted data for a POST (even an empty one), None otherwise."""
    return request.POST if request.method == "POST" else None


def _status(form) -> int:
    return 400 if form.is_bound and form.errors else 200


@require_http_methods(["GET"])
def network_list(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_NETWORK)
    rows = selectors.network_rows_for_user(user=request.user, today=timezone.localdate())
    return render(
        request,
        "networks/network_list.html",
        {"rows": rows, "can_manage": has_cap(request.user, Cap.MANAGE_NETWORK)},
    )


@require_http_methods(["GET"])
def network_detail(request: MemberRequest, network_id: int) -> HttpResponse:
    user = request.user
    # The access check, the workers and both data versions in one query (page_cache).
    network = page_cache.network_for_page(user=user, network_id=network_id)
    today = timezone.localdate()
    body, followups = page_cache.page_body(
        request=request,
        network=network,
        today=today,
        render=partial(_network_body, request, network, today),
    )
    if followups:
        # The open follow-ups name participants: one audit record for every read.
        audit_record(
            actor=user, action="view", obj=network, detail="open follow-up tasks", request=request
        )
    context = {"network": network, "body": body, **_network_caps(user)}
    return render(request, "networks/network_detail.html", context)


def _network_caps(user) -> dict[str, bool]:
    return {
        "can_manage": has_cap(user, Cap.MANAGE_NETWORK),
        "can_edit_activities": has_cap(user, Cap.EDIT_ACTIVITIES),
        "can_record": has_cap(user, Cap.RECORD_SESSIONS),
        "can_view_participants": has_cap(user, Cap.VIEW_PARTICIPANTS),
        "can_view_logbook": has_cap(user, Cap.VIEW_LOGBOOK),
        "can_import": has_cap(user, Cap.IMPORT_ATTENDANCE),
        "can_view_reports": has_cap(user, Cap.VIEW_NETWORK_REPORTS),
    }


def _network_body(request: MemberRequest, network, today, parts) -> dict[str, tuple]:
    """The body's `parts` (page_cache.SEGMENTS: each the HTML of its segments in page order)
    and whether the fact part lists open follow-up tasks. Rendered without the context
    processors: nothing of the viewer but their capabilities (page_cache.viewer) may enter
    it. The page part sees only what the page version covers: the network, its phases and
    activities (never the figures derived from facts)."""
    page = selectors.network_page(network=network, user=request.user, today=today)
    common = {"request": request, "network": network, "today": today}
    common.update(_network_caps(request.user))
    contexts = {}
    if page_cache.PAGE_PART in parts:
        contexts[page_cache.PAGE_PART] = {
            **common,
            "timeline": page["timeline"],
            "activities": page["activities"],
            "phase_svg": charts.phase_timeline_svg(page["timeline"], today=today),
        }
    if page_cache.FACTS_PART in parts:
        contexts[page_cache.FACTS_PART] = {
            **common,
            **page,
            "attendance_svg": charts.weekly_attendance_svg(
                page["weeks"], typical=page["typical_present"]
            ),
            "steady_svg": charts.steady_bar_svg(steady=page["steady"], target=page["target"]),
            "week_rows": page_rows.weekly_rows_html(page["weeks"]),
        }
    return {
        part: (
            tuple(
                render_to_string(template, context)
                for kind, template in page_cache.SEGMENTS
                if kind == part
            ),
            part == page_cache.FACTS_PART and bool(page["followups"]),
        )
        for part, context in contexts.items()
    }


def _network_kwargs(form: NetworkForm) -> dict:
    return {key: form.cleaned_data[key] for key in services.NETWORK_FIELDS}


@require_http_methods(["GET", "POST"])
def network_create(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_NETWORK)
    organisation = request.user.organisation
    form = NetworkForm(
        _data(request),
        organisation=organisation,
        initial={"start_date": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            network = services.network_create(
                organisation=organisation, actor=request.user, **_network_kwargs(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het vangnetwerk is aangemaakt."))
            return redirect("networks:detail", network.pk)
    return render(
        request, "networks/network_form.html", {"form": form, "network": None}, status=_status(form)
    )


@require_http_methods(["GET", "POST"])
def network_edit(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.MANAGE_NETWORK)
    form = NetworkForm(
        _data(request),
        organisation=network.organisation,
        initial=NetworkForm.initial_for(network),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.network_update(network=network, actor=request.user, **_network_kwargs(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het vangnetwerk is opgeslagen."))
            return redirect("networks:detail", network.pk)
    return render(
        request,
        "networks/network_form.html",
        {"form": form, "network": network},
        status=_status(form),
    )


def _next_phase(timeline) -> str:
    """The phase a transition most likely records: the one after the current phase."""
    if timeline.current is None:
        return Phase.BUILD_UP
    index = PHASE_ORDER.index(timeline.current)
    return PHASE_ORDER[min(index + 1, len(PHASE_ORDER) - 1)]


@require_http_methods(["GET", "POST"])
def phase_transition(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.MANAGE_NETWORK)
    today = timezone.localdate()
    timeline = selectors.network_timeline(network=network, today=today)
    form = PhaseTransitionForm(
        _data(request), initial={"date": today, "phase": _next_phase(timeline)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_transition_record(
                network=network, actor=request.user, today=today, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De faseovergang is vastgelegd."))
            return redirect("networks:detail", network.pk)
    return render(
        request,
        "networks/phase_transition_form.html",
        {
            "form": form,
            "network": network,
            "timeline": timeline,
            "transitions": selectors.network_transitions(network=network),
            "phase_svg": charts.phase_timeline_svg(timeline, today=today),
        },
        status=_status(form),
    )


# --------------------------------------------------------------------------- activities


def _warn(request: MemberRequest, outcome) -> None:
    for warning in outcome.warnings:
        messages.warning(request, warning)


@require_http_methods(["GET"])
def activity_list(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.EDIT_ACTIVITIES)
    today = timezone.localdate()
    activities = selectors.split_activities(selectors.network_activities(network=network), today)
    return render(
        request,
        "networks/activity_list.html",
        {
            "network": network,
            "activities": activities,
            "today": today,
            "norm_minutes": activity_services.ACTIVITY_NORM_MINUTES,
        },
    )


def _activity_kwargs(form: ActivityForm) -> dict:
    keys = [*activity_services.ACTIVITY_FIELDS, "from_date" if form.change else "active_from"]
    return {key: form.cleaned_data[key] for key in keys}


def _activity_form_page(request, *, network, activity, form, mode, save, success):
    """The create, edit and change pages of an activity: save through `save(**fields)`, or
    show the form again with the service's errors."""
    if request.method == "POST" and form.is_valid():
        try:
            outcome = save(actor=request.user, **_activity_kwargs(form))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            _warn(request, outcome)
            return redirect("networks:activity_list", network.pk)
    return render(
        request,
        "networks/activity_form.html",
        {"form": form, "network": network, "activity": activity, "mode": mode},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def activity_create(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.EDIT_ACTIVITIES)
    initial = {
        "active_from": max(timezone.localdate(), network.start_date),
        "duration_minutes": 120,
    }
    return _activity_form_page(
        request,
        network=network,
        activity=None,
        form=ActivityForm(_data(request), initial=initial),
        mode="create",
        save=partial(activity_services.activity_create, network=network),
        success=_("De activiteit is toegevoegd."),
    )


@require_http_methods(["GET", "POST"])
def activity_edit(request: MemberRequest, network_id: int, activity_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.EDIT_ACTIVITIES)
    activity = selectors.activity_get(network=network, activity_id=activity_id)
    return _activity_form_page(
        request,
        network=network,
        activity=activity,
        form=ActivityForm(_data(request), initial=ActivityForm.initial_for(activity)),
        mode="edit",
        save=partial(activity_services.activity_update, activity=activity),
        success=_("De activiteit is opgeslagen."),
    )


@require_http_methods(["GET", "POST"])
def activity_change(request: MemberRequest, network_id: int, activity_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.EDIT_ACTIVITIES)
    activity = selectors.activity_get(network=network, activity_id=activity_id)
    initial = ActivityForm.initial_for(activity)
    initial["from_date"] = max(timezone.localdate(), activity.active_from)
    return _activity_form_page(
        request,
        network=network,
        activity=activity,
        form=ActivityForm(_data(request), initial=initial, change=True),
        mode="change",
        save=partial(activity_services.activity_change, activity=activity),
        success=_("De activiteit is veranderd. De oude versie blijft in de geschiedenis."),
    )


@require_http_methods(["GET", "POST"])
def activity_end(request: MemberRequest, network_id: int, activity_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.EDIT_ACTIVITIES)
    activity = selectors.activity_get(network=network, activity_id=activity_id)
    initial = {"until": max(timezone.localdate(), activity.active_from)}
    form = ActivityEndForm(_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            activity_services.activity_end(
                activity=activity, actor=request.user, until=form.cleaned_data["until"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De activiteit is gestopt."))
            return redirect("networks:activity_list", network.pk)
    return render(
        request,
        "networks/activity_end_form.html",
        {"form": form, "network": network, "activity": activity},
        status=_status(form),
    )
