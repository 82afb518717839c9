"""Participant pages. Thin: check permission, parse, call a selector or service, render.

Every page that shows a participant's personal data writes exactly one audit "view"
record; writes are audited by the services.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.audit.services import audit_record
from vangnet.core import kept_body
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import (
    Cap,
    has_cap,
    network_for,
    participant_for,
    require_cap,
    visible_networks,
)
from vangnet.core.typing import MemberRequest
from vangnet.participants import (
    detail_cache,
    followup_selectors,
    followup_services,
    selectors,
    services,
)
from vangnet.participants.charts import route_timeline_svg
from vangnet.participants.forms import (
    ROUTE_FORMS,
    FollowUpCloseForm,
    ParticipantForm,
    PartnerForm,
    prerender_unbound,
    route_forms,
)
from vangnet.participants.models import FollowUpTask, RouteStage
from vangnet.participants.names import NameMatch, name_key, similar_participants
from vangnet.participants.presenters import route_rows, stage_counts, stage_label

DETAIL_BODY = "participants/participant_detail_body.html"
LIST_AUDIT_TYPE = "participants.network_list"
FOLLOWUP_LIST_AUDIT_TYPE = "participants.followup_list"


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc


def participant_list(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_PARTICIPANTS)
    today = timezone.localdate()
    people = selectors.network_participants(network=network, today=today)
    counts = stage_counts(people)
    for person in people:
        person.stage_label = stage_label(person.route.current)
    stage = request.GET.get("fase", "")
    if stage in RouteStage.values:
        shown = [p for p in people if p.route.current == stage]
    else:
        stage, shown = "", people
    audit_record(
        actor=request.user,
        action="view",
        object_type=LIST_AUDIT_TYPE,
        object_id=network.pk,
        request=request,
    )
    return render(
        request,
        "participants/participant_list.html",
        {
            "network": network,
            "people": shown,
            "total": len(people),
            "counts": counts,
            "stage": stage,
            "can_edit": has_cap(request.user, Cap.EDIT_PARTICIPANTS),
        },
    )


def _render_detail(request, participant, *, forms=None, status=200) -> HttpResponse:
    today = timezone.localdate()
    body = detail_cache.page_body(
        request=request,
        participant=participant,
        today=today,
        render=partial(_detail_body, request.user, participant, today, forms),
        cacheable=forms is None,
    )
    audit_record(actor=request.user, action="view", obj=participant, request=request)
    return render(
        request,
        "participants/participant_detail.html",
        {"participant": participant, "body": body},
        status=status,
    )


def _detail_body(user, participant, today, forms) -> str:
    """The page below the layout (participants/participant_detail_body.html), with
    `core.kept_body.CSRF` for the CSRF token. Rendered without the context processors:
    nothing of the viewer but what `detail_cache.viewer` names may enter it."""
    data = selectors.participant_detail(participant=participant, today=today)
    rules = selectors.route_rules(data["participant"].organisation)
    route = data["route"]
    forms = forms or route_forms(today=today)
    prerender_unbound(forms)
    context = {
        **data,
        "rows": route_rows(route, rules),
        "current_label": stage_label(route.current),
        "timeline": route_timeline_svg(route, name=participant.display_name),
        "share": _percent(route.attendance_share),
        "forms": forms,
        "can_edit": has_cap(user, Cap.EDIT_PARTICIPANTS),
        "can_followup": has_cap(user, Cap.MANAGE_FOLLOWUP),
        "is_lead": data["participant"].network.lead_worker_id == user.pk,
        "user": user,
        "csrf_token": kept_body.CSRF,
    }
    return get_template(DETAIL_BODY).render(context)


def _percent(share: float | None) -> int | None:
    return None if share is None else round(share * 100)


def participant_detail(request: MemberRequest, participant_id: int) -> HttpResponse:
    # The access check, the relations and the data versions in one query (detail_cache).
    participant = detail_cache.participant_for_page(
        user=request.user, participant_id=participant_id
    )
    return _render_detail(request, participant)


@require_http_methods(["GET", "POST"])
def participant_create(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.EDIT_PARTICIPANTS)
    form = ParticipantForm(request.POST or None, network=network)
    name_matches: list[NameMatch] = []
    if request.method == "POST" and form.is_valid():
        name_matches = _name_check(request, network, form.cleaned_data["display_name"])
    if request.method == "POST" and form.is_valid() and not name_matches:
        try:
            participant = services.participant_create(
                network=network, actor=request.user, request=request, **form.profile()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De deelnemer is toegevoegd."))
            return redirect("participants:detail", participant.pk)
    # The form lists the network's participants ("invited by"): that is personal data.
    audit_record(
        actor=request.user,
        action="view",
        object_type=LIST_AUDIT_TYPE,
        object_id=network.pk,
        request=request,
    )
    return render(
        request,
        "participants/participant_form.html",
        {"form": form, "network": network, **_name_context(form, name_matches)},
    )


def _name_check(request: MemberRequest, network, name: str, participant=None) -> list[NameMatch]:
    """The people whose name resembles the typed one, until the worker has answered "nee,
    een nieuw persoon" for this very name (a changed name is checked again)."""
    if participant is not None and name_key(name) == name_key(participant.display_name):
        return []
    if name_key(request.POST.get("name_confirmed", "")) == name_key(name):
        return []
    matches = similar_participants(
        network=network, name=name, exclude_id=participant.pk if participant else None
    )
    if matches:
        audit_record(
            actor=request.user,
            action="view",
            object_type="participants.participant",
            object_id=network.pk,
            detail=f"naamcontrole deelnemer: {len(matches)}",
            request=request,
        )
    return matches


def _name_context(form, matches: list[NameMatch]) -> dict:
    if not matches:
        return {}
    return {"name_matches": matches, "typed_name": form.cleaned_data["display_name"]}


@require_http_methods(["GET", "POST"])
def participant_edit(request: MemberRequest, participant_id: int) -> HttpResponse:
    participant = participant_for(request.user, participant_id, Cap.EDIT_PARTICIPANTS)
    network = participant.network
    form = ParticipantForm(request.POST or None, network=network, participant=participant)
    stale_fields: list[str] = []
    name_matches: list[NameMatch] = []
    if request.method == "POST" and form.is_valid():
        name_matches = _name_check(
            request, network, form.cleaned_data["display_name"], participant=participant
        )
    if request.method == "POST" and form.is_valid() and not name_matches:
        version = form.cleaned_data.get("version")
        try:
            services.participant_update(
                participant=participant,
                actor=request.user,
                version=-1 if version is None else version,
                changes=form.profile(),
                request=request,
            )
        except ValidationError as error:
            if getattr(error, "code", None) == "stale":
                participant.refresh_from_db()
                stale_fields = [
                    str(form.fields[name].label)
                    for name, value in form.profile().items()
                    if getattr(participant, name) != value
                ]
                data = request.POST.copy()
                data["version"] = str(participant.version)
                form = ParticipantForm(data, network=network, participant=participant)
                form.is_valid()
            add_service_errors(form, error)
        else:
            messages.success(request, _("De gegevens zijn opgeslagen."))
            return redirect("participants:detail", participant.pk)
    audit_record(actor=request.user, action="view", obj=participant, request=request)
    return render(
        request,
        "participants/participant_form.html",
        {
            "form": form,
            "network": network,
            "participant": participant,
            "stale_fields": stale_fields,
            **_name_context(form, name_matches),
        },
    )


@require_POST
def route_event(request: MemberRequest, participant_id: int) -> HttpResponse:
    participant = participant_for(request.user, participant_id, Cap.EDIT_PARTICIPANTS)
    kind = request.POST.get("kind", "")
    if kind not in ROUTE_FORMS:
        messages.error(request, _("Kies wat je wilt vastleggen."))
        return redirect("participants:detail", participant.pk)
    forms = route_forms(request.POST, kind=kind)
    form = forms[kind]
    if form.is_valid():
        try:
            services.route_event_record(
                participant=participant,
                actor=request.user,
                kind=kind,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De route is bijgewerkt."))
            return redirect("participants:detail", participant.pk)
    return _render_detail(request, participant, forms=forms)


def followup_list(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_FOLLOWUP)
    today = timezone.localdate()
    followup_services.followups_refresh_networks(
        networks=visible_networks(request.user).select_related("organisation"), today=today
    )
    tasks = followup_selectors.followups_for_user(user=request.user, today=today)
    audit_record(
        actor=request.user,
        action="view",
        object_type=FOLLOWUP_LIST_AUDIT_TYPE,
        detail=f"{len(tasks['open'])} open",
        request=request,
    )
    return render(request, "participants/followup_list.html", tasks)


@require_http_methods(["GET", "POST"])
def followup_close(request: MemberRequest, task_id: int) -> HttpResponse:
    if not has_cap(request.user, Cap.MANAGE_FOLLOWUP):
        in_sight = FollowUpTask.objects.filter(
            pk=_int(task_id), network__in=visible_networks(request.user)
        ).exists()
        raise PermissionDenied if in_sight else Http404
    task = followup_selectors.followup_for_user(user=request.user, task_id=task_id)
    if task is None:
        raise Http404
    if task.status != "open":
        messages.info(request, _("Deze taak is al afgerond."))
        return redirect("participants:followups")
    form = FollowUpCloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            followup_services.followup_close(
                task=task, outcome=form.cleaned_data["outcome"], actor=request.user, request=request
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De taak is afgerond."))
            if request.POST.get("next_page") == "detail":
                return redirect("participants:detail", task.participant_id)
            return redirect("participants:followups")
    audit_record(actor=request.user, action="view", obj=task, request=request)
    return render(request, "participants/followup_close.html", {"form": form, "task": task})


def partner_list(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_PARTNERS)
    partners = selectors.partner_summary(
        organisation=request.user.organisation, today=timezone.localdate()
    )
    return render(request, "participants/partner_list.html", {"partners": partners})


@require_http_methods(["GET", "POST"])
def partner_edit(request: MemberRequest, partner_id: int | None = None) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_PARTNERS)
    organisation = request.user.organisation
    partner = None
    if partner_id is not None:
        partner = selectors.partner_for(organisation=organisation, partner_id=partner_id)
        if partner is None:
            raise Http404
    initial = {"name": partner.name, "kind": partner.kind} if partner else None
    form = PartnerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_save(
                organisation=organisation,
                partner=partner,
                actor=request.user,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De partner is opgeslagen."))
            return redirect("participants:partners")
    return render(request, "participants/partner_form.html", {"form": form, "partner": partner})
