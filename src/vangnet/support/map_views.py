"""Network-map pages (ecomap) for participants and for network-support clients.

One page per owner shows the latest two waves side by side, the people with their consent,
the network conversations of every wave (they belong to the person, not the wave), and
forms; POSTs carry `action` = wave | alter | edit | remove | consent | conversation.
Reading needs VIEW_PARTICIPANTS (clients: only their worker and backup), writing EDIT_PARTICIPANTS.
Contact details reach the page only through map_selectors.map_rows (consent YES).
"""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import (
    Cap,
    has_cap,
    participant_for,
    require_cap,
    visible_participants,
)
from vangnet.core.typing import MemberRequest
from vangnet.support import (
    charts_map,
    contact_services,
    group_selectors,
    map_selectors,
    map_services,
)
from vangnet.support.map_forms import (
    AlterEditForm,
    AlterForm,
    AlterRemoveForm,
    ClientForm,
    ConsentForm,
    ContactForm,
    ConversationForm,
    WaveForm,
)
from vangnet.support.models import ContactAction

ACTIONS = ("wave", "alter", "edit", "remove", "consent", "contact", "conversation")


@require_http_methods(["GET"])
def client_list(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_PARTICIPANTS)
    clients = list(map_selectors.visible_clients(request.user))
    if clients:
        audit_record(
            actor=request.user, action="view", object_type="support.clients", request=request
        )
    return render(
        request,
        "support/client_list.html",
        {"clients": clients, "can_edit": has_cap(request.user, Cap.EDIT_PARTICIPANTS)},
    )


@require_http_methods(["GET", "POST"])
def client_create(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.EDIT_PARTICIPANTS)
    form = ClientForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            client = map_services.client_create(
                organisation=request.user.organisation,
                worker=request.user,
                actor=request.user,
                request=request,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De cliënt is toegevoegd."))
            return redirect("support:client_map", client_id=client.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "support/client_form.html", {"form": form}, status=status)


def _withheld(
    request: MemberRequest, *, person, name: str, back_url: str, consents_url: str = ""
) -> HttpResponse:
    """The person withdrew their consent for the network map: it is not shown or changed."""
    audit_record(
        actor=request.user,
        action="view",
        obj=person,
        detail="network map withheld: consent withdrawn",
        request=request,
    )
    context = {"name": name, "back_url": back_url, "consents_url": consents_url}
    return render(request, "support/map_withdrawn.html", context)


@require_http_methods(["GET", "POST"])
def participant_map(request: MemberRequest, participant_id: int) -> HttpResponse:
    participant = participant_for(request.user, participant_id, Cap.VIEW_PARTICIPANTS)
    name = participant.display_name
    if map_selectors.map_consent_withdrawn(participant=participant):
        back_url = reverse("participants:detail", args=[participant.pk])
        return _withheld(request, person=participant, name=name, back_url=back_url)
    return _map_page(request, owner={"participant": participant}, name=name)


@require_http_methods(["GET", "POST"])
def client_map(request: MemberRequest, client_id: int) -> HttpResponse:
    client = map_selectors.client_for(request.user, client_id)
    if map_selectors.map_consent_withdrawn(client=client):
        back_url = reverse("support:client_list")
        consents_url = reverse("privacy:client_consents", args=[client.pk])
        return _withheld(
            request,
            person=client,
            name=client.display_name,
            back_url=back_url,
            consents_url=consents_url,
        )
    return _map_page(request, owner={"client": client}, name=client.display_name)


def _network_members(request, owner) -> list:
    """Participants of the owner's vangnetwerk that a vangnetwerk member can be linked to."""
    participant = owner.get("participant")
    if participant is None:
        return []
    return list(
        visible_participants(request.user)
        .filter(network_id=participant.network_id)
        .exclude(pk=participant.pk)
        .order_by("display_name", "pk")
    )


def _with_link(data: dict, members: list) -> dict:
    link = data.get("linked_participant")
    if link is not None:
        data["linked_participant"] = next(p for p in members if p.pk == link)
    return data


def _family(request, owner) -> list:
    """Other clients of a client's family, as far as this user may see them."""
    client = owner.get("client")
    if client is None:
        return []
    return group_selectors.family_members(client=client, user=request.user)


def _post(request, owner, latest, alters, members, family):
    """Handle one POST action; returns (response or None, bound forms)."""
    require_cap(request.user, Cap.EDIT_PARTICIPANTS)
    action = request.POST.get("action", "")
    forms: dict = {}
    common = {"actor": request.user, "request": request}
    try:
        if action == "wave":
            form = forms["wave"] = WaveForm(request.POST)
            if form.is_valid():
                map_services.map_wave_create(**owner, **form.cleaned_data, **common)
                return _("Een nieuwe meting is begonnen."), forms
        elif action == "alter" and latest is not None:
            form = forms["alter"] = AlterForm(request.POST, participants=members)
            if form.is_valid():
                data = _with_link(dict(form.cleaned_data), members)
                map_services.alter_add(network_map=latest, **data, **common)
                return _("De persoon staat op de kaart."), forms
        elif action in ("edit", "remove") and latest is not None:
            form_class = AlterEditForm if action == "edit" else AlterRemoveForm
            extra = {"participants": members} if action == "edit" else {}
            form = forms["edit"] = form_class(request.POST, **extra)
            if form.is_valid():
                data = _with_link(dict(form.cleaned_data), members)
                chosen = data.pop("alter")
                alter = next((a for a in alters if a.pk == chosen), None)
                if alter is None:
                    form.add_error(None, _("Deze persoon staat niet op de nieuwste kaart."))
                elif action == "edit":
                    map_services.alter_update(alter=alter, **data, **common)
                    return _("De gegevens zijn aangepast."), forms
                else:
                    map_services.alter_remove(alter=alter, **common)
                    return _("De persoon staat niet meer op deze kaart."), forms
        elif action == "contact" and latest is not None:
            form = forms["contact"] = ContactForm(request.POST, alters=alters)
            if form.is_valid():
                data = dict(form.cleaned_data)
                chosen = data.pop("alter")
                alter = next(a for a in alters if a.pk == chosen)
                contact_services.contact_log_create(alter=alter, **data, **common)
                return _("Het contact is vastgelegd."), forms
        elif action == "consent" and latest is not None:
            form = forms["consent"] = ConsentForm(request.POST)
            if form.is_valid():
                alter = next((a for a in alters if a.pk == form.cleaned_data["alter"]), None)
                if alter is None:
                    form.add_error(None, _("Deze persoon staat niet op de kaart."))
                else:
                    contact_services.alter_set_consent(
                        alter=alter, consent=form.cleaned_data["consent"], **common
                    )
                    return _("De toestemming is aangepast."), forms
        elif action == "conversation" and latest is not None:
            form = forms["conversation"] = ConversationForm(
                request.POST, alters=alters, family=family
            )
            if form.is_valid():
                chosen = [a for a in alters if a.pk in set(form.cleaned_data["alters"])]
                wanted = set(form.cleaned_data.get("family_clients") or [])
                data = {
                    **form.cleaned_data,
                    "alters": chosen,
                    "family_clients": [c for c in family if c.pk in wanted],
                }
                map_services.conversation_create(network_map=latest, **data, **common)
                return _("Het netwerkgesprek is vastgelegd."), forms
        else:
            form = forms["wave"] = WaveForm(request.POST)
            form.is_valid()
            form.add_error(None, _("Kies wat je wilt opslaan."))
    except ValidationError as error:
        add_service_errors(form, error)
    return None, forms


def _map_page(request: MemberRequest, *, owner: dict, name: str) -> HttpResponse:
    waves = map_selectors.owner_waves(**owner)
    latest = waves[-1] if waves else None
    # Prefetched by owner_waves: only people still on the map (soft removal hides the rest
    # from every form and action of this page).
    alters = list(latest.alters.all()) if latest else []
    bound: dict = {}
    members = _network_members(request, owner)
    family = _family(request, owner)
    if request.method == "POST":
        done, bound = _post(request, owner, latest, alters, members, family)
        if done:
            messages.success(request, done)
            return redirect(request.path)
    (obj,) = owner.values()
    audit_record(actor=request.user, action="view", obj=obj, detail="network map", request=request)
    previous = waves[-2] if len(waves) > 1 else None
    rows = map_selectors.map_rows(network_map=latest) if latest else []
    map_selectors.attach_consent_history(rows, waves=waves)
    linked = {row.linked_participant_id for row in rows} - {None}
    may_see = (
        set(visible_participants(request.user).filter(pk__in=linked).values_list("pk", flat=True))
        if linked
        else set()
    )
    shown = [w for w in (previous, latest) if w is not None]
    context = {
        "name": name,
        "owner": obj,
        "is_client": "client" in owner,
        # The client's worker and the organisation admin answer the client's access and
        # erasure requests (vangnet.privacy.client_rights).
        "client_rights": "client" in owner
        and has_cap(request.user, Cap.EXERCISE_DATA_RIGHTS)
        and (request.user.sees_whole_organisation or obj.worker_id == request.user.pk),
        "waves": waves,
        "latest": latest,
        "rows": rows,
        "may_see": may_see,
        "members": members,
        "maps": [
            {"wave": w, "svg": charts_map.ecomap_svg(w, name=name, chart_id=f"ecomap-{w.pk}")}
            for w in shown
        ],
        "difference": (
            map_selectors.wave_difference(previous, latest) if previous and latest else None
        ),
        "removed": map_selectors.removed_rows(waves=waves) if waves else [],
        "contacts": list(
            ContactAction.objects.filter(alter__network_map__in=[w.pk for w in waves])
            .select_related("alter")
            .order_by("-date", "-id")[:100]
        ),
        "contact_form": bound.get("contact") or ContactForm(alters=alters),
        "conversations": map_selectors.owner_conversations(waves=waves, client=owner.get("client")),
        "can_edit": has_cap(request.user, Cap.EDIT_PARTICIPANTS),
        "wave_form": bound.get("wave") or WaveForm(),
        "alter_form": bound.get("alter") or AlterForm(participants=members),
        "consent_form": bound.get("consent"),
        "edit_form": bound.get("edit"),
        "kind_choices": cast(forms.ChoiceField, AlterEditForm.base_fields["kind"]).choices,
        "closeness_choices": cast(
            forms.ChoiceField, AlterEditForm.base_fields["closeness"]
        ).choices,
        "support_choices": cast(
            forms.ChoiceField, AlterEditForm.base_fields["support_types"]
        ).choices,
        "conversation_form": bound.get("conversation")
        or ConversationForm(alters=alters, family=family),
        "consent_choices": cast(forms.ChoiceField, ConsentForm.base_fields["consent"]).choices,
    }
    status = 400 if any(form.errors for form in bound.values()) else 200
    return render(request, "support/network_map.html", context, status=status)
