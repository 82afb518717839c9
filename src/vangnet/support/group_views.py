"""The "Steungroep en samenwerking" page of a network-support client and the
coordinator's overview (docs/support.md).

The client page is for the client's own worker and backup worker (like the map): reading
needs VIEW_PARTICIPANTS, writing EDIT_PARTICIPANTS. POSTs carry `action`; each one calls
one service in support.group_services. The coordinator's overview holds counts only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, has_cap, require_cap, visible_networks
from vangnet.core.typing import MemberRequest
from vangnet.organisations.models import Role, User
from vangnet.support import charts_group, group_selectors, group_services, map_selectors
from vangnet.support.group_forms import (
    AgreementForm,
    CoachingForm,
    EndForm,
    FamilyForm,
    MemberForm,
    ReviewForm,
    ShapeForm,
    SupporterForm,
)
from vangnet.support.models import Alter, Client, NetworkMap

COACH_ROLES = (Role.SOCIAL_WORKER, Role.BACKUP_WORKER, Role.COORDINATOR)


def _alters(client: Client) -> list[Alter]:
    latest = NetworkMap.objects.filter(client=client).order_by("-wave_date", "-pk").first()
    if latest is None:
        return []
    return list(latest.alters.present().order_by("name", "pk"))


def _helpers(request: MemberRequest) -> list:
    from vangnet.volunteers.models import HelperKind, NetworkHelper

    today = timezone.localdate()
    return list(
        NetworkHelper.objects.filter(
            network__in=visible_networks(request.user), kind=HelperKind.VOLUNTEER
        )
        .exclude(end_date__lt=today)
        .select_related("network")
        .order_by("name", "pk")
    )


def _coaches(request: MemberRequest) -> list[User]:
    return list(
        User.objects.filter(
            organisation_id=request.user.organisation_id, role__in=COACH_ROLES, is_active=True
        ).order_by("first_name", "username")
    )


def _pick(items, pk):
    return next((item for item in items if item.pk == pk), None)


def _post(
    request: MemberRequest, client: Client, page: Any, choices: dict[str, list[Any]]
) -> tuple[str | None, dict[str, Any]]:
    """Handle one POST action; returns (success message or None, bound forms)."""
    require_cap(request.user, Cap.EDIT_PARTICIPANTS)
    action = request.POST.get("action", "")
    data = request.POST
    common: dict[str, Any] = {"actor": request.user, "request": request}
    bound: dict[str, Any] = {}
    form: Any = None
    try:
        if action == "family":
            form = bound["family"] = FamilyForm(data)
            if form.is_valid():
                group_services.client_family_set(client=client, **form.cleaned_data, **common)
                return _("Het gezin is bewaard."), bound
        elif action == "shape":
            form = bound["shape"] = ShapeForm(data)
            if form.is_valid():
                group_services.group_shape_set(client=client, **form.cleaned_data, **common)
                return _("De vorm van de steungroep is bewaard."), bound
        elif action == "member":
            form = bound["member"] = MemberForm(data, alters=choices["alters"])
            if form.is_valid():
                values: dict[str, Any] = dict(form.cleaned_data)
                values["alter"] = _pick(choices["alters"], values["alter"])
                group_services.group_member_add(client=client, **values, **common)
                return _("De persoon zit nu in de steungroep."), bound
        elif action in ("member_end", "supporter_end", "agreement_end"):
            form = bound["end"] = EndForm(data)
            if form.is_valid():
                item, end = form.cleaned_data["item"], form.cleaned_data["end"]
                if action == "member_end":
                    member = group_selectors.member_of(client, item)
                    group_services.group_member_end(member=member, end=end, **common)
                    return _("De persoon is uit de steungroep."), bound
                if action == "supporter_end":
                    supporter = group_selectors.supporter_of(client, item)
                    group_services.supporter_end(supporter=supporter, end=end, **common)
                    return _("De vrijwilliger is gestopt."), bound
                agreement = group_selectors.agreement_of(client, item)
                group_services.agreement_end(agreement=agreement, ended_on=end, **common)
                return _("De afspraak is gestopt."), bound
        elif action == "supporter":
            form = bound["supporter"] = SupporterForm(
                data, helpers=choices["helpers"], coaches=choices["coaches"]
            )
            if form.is_valid():
                values = dict(form.cleaned_data)
                values["helper"] = _pick(choices["helpers"], values["helper"])
                values["coach"] = _pick(choices["coaches"], values["coach"])
                group_services.supporter_add(client=client, **values, **common)
                return _("De vrijwilliger is netwerkondersteuner."), bound
        elif action == "coaching":
            form = bound["coaching"] = CoachingForm(data, supporters=page.supporters)
            if form.is_valid():
                values = dict(form.cleaned_data)
                supporter = _pick(page.supporters, values.pop("item"))
                group_services.coaching_add(supporter=supporter, **values, **common)
                return _("Het coachmoment is vastgelegd."), bound
        elif action == "agreement":
            form = bound["agreement"] = AgreementForm(data)
            if form.is_valid():
                group_services.agreement_add(client=client, **form.cleaned_data, **common)
                return _("De afspraak is vastgelegd."), bound
        elif action == "review":
            open_agreements = [a for a in page.agreements if a.ended_on is None]
            form = bound["review"] = ReviewForm(data, agreements=open_agreements)
            if form.is_valid():
                values = dict(form.cleaned_data)
                agreement = _pick(open_agreements, values.pop("item"))
                group_services.agreement_review(agreement=agreement, **values, **common)
                return _("De terugblik is vastgelegd."), bound
        else:
            form = bound["shape"] = ShapeForm(data)
            form.is_valid()
            form.add_error(None, _("Kies wat je wilt opslaan."))
    except ValidationError as error:
        assert form is not None
        add_service_errors(form, error)
    return None, bound


@require_http_methods(["GET", "POST"])
def client_group(request: MemberRequest, client_id: int) -> HttpResponse:
    client = map_selectors.client_for(request.user, client_id)
    today = timezone.localdate()
    page = group_selectors.client_group_page(client=client, user=request.user, today=today)
    can_edit = has_cap(request.user, Cap.EDIT_PARTICIPANTS)
    choices: dict[str, list[Any]] = {"alters": _alters(client), "helpers": [], "coaches": []}
    if can_edit:
        choices["helpers"] = _helpers(request)
        choices["coaches"] = _coaches(request)
    bound: dict = {}
    if request.method == "POST":
        done, bound = _post(request, client, page, choices)
        if done:
            messages.success(request, done)
            return redirect(request.path)
    audit_record(
        actor=request.user, action="view", obj=client, detail="support group", request=request
    )
    open_agreements = [a for a in page.agreements if a.ended_on is None]
    context = {
        "client": client,
        "page": page,
        "today": today,
        "can_edit": can_edit,
        "chart": charts_group.contacts_chart(page.months),
        "family_name": client.family.name if client.family_id and client.family else "",
        "family_form": bound.get("family")
        or FamilyForm(initial={"name": client.family.name if client.family else ""}),
        "shape_form": bound.get("shape")
        or ShapeForm(initial={"kinds": page.shape.kinds if page.shape else []}),
        "member_form": bound.get("member") or MemberForm(alters=choices["alters"]),
        "end_form": bound.get("end"),
        "supporter_form": bound.get("supporter")
        or SupporterForm(
            helpers=choices["helpers"],
            coaches=choices["coaches"],
            initial={"coach": request.user.pk},
        ),
        "coaching_form": bound.get("coaching") or CoachingForm(supporters=page.supporters),
        "agreement_form": bound.get("agreement") or AgreementForm(),
        "review_form": bound.get("review") or ReviewForm(agreements=open_agreements),
        "open_agreements": open_agreements,
        "active_supporters": [s for s in page.supporters if s.end is None],
    }
    status = 400 if any(form.errors for form in bound.values()) else 200
    return render(request, "support/client_group.html", context, status=status)


@require_http_methods(["GET"])
def group_overview(request: MemberRequest) -> HttpResponse:
    """The coordinator's overview: counts across the organisation's clients, no names."""
    require_cap(request.user, Cap.VIEW_DASHBOARD)
    overview = group_selectors.organisation_overview(organisation_id=request.user.organisation_id)
    return render(request, "support/group_overview.html", {"overview": overview})
