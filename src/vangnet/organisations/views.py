"""Organisation management for the organisation admin: method rules, locations, accounts."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.views import PasswordChangeView
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vangnet.core.permissions import Cap, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.organisations import selectors, services
from vangnet.organisations.forms import LocationForm, OrganisationRulesForm, UserForm


def manage(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_ORGANISATION)
    organisation = request.user.organisation
    form = OrganisationRulesForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.organisation_update_rules(
            organisation=organisation, changes=form.cleaned_data, actor=request.user
        )
        messages.success(request, _("De regels zijn opgeslagen."))
        return redirect("organisations:manage")
    return render(
        request,
        "organisations/manage.html",
        {
            "form": form,
            "locations": selectors.organisation_locations(organisation=organisation),
            "users": selectors.organisation_users(organisation=organisation),
        },
    )


def location_edit(request: MemberRequest, location_id: int | None = None) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_ORGANISATION)
    organisation = request.user.organisation
    location = None
    if location_id is not None:
        location = (
            selectors.organisation_locations(organisation=organisation)
            .filter(pk=location_id)
            .first()
        )
        if location is None:
            raise Http404
    form = LocationForm(request.POST or None, instance=location)
    if request.method == "POST" and form.is_valid():
        name = form.cleaned_data["name"]
        clash = selectors.organisation_locations(organisation=organisation).filter(name=name)
        if location is not None:
            clash = clash.exclude(pk=location.pk)
        if clash.exists():
            form.add_error("name", _("Er is al een locatie met deze naam."))
        else:
            services.location_save(
                organisation=organisation, data=form.cleaned_data, location=location
            )
            messages.success(request, _("De locatie is opgeslagen."))
            return redirect("organisations:manage")
    return render(request, "organisations/location_form.html", {"form": form, "location": location})


def user_edit(request: MemberRequest, user_id: int | None = None) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_ORGANISATION)
    organisation = request.user.organisation
    account = None
    if user_id is not None:
        account = selectors.organisation_users(organisation=organisation).filter(pk=user_id).first()
        if account is None:
            raise Http404
    form = UserForm(request.POST or None, organisation=organisation, instance=account)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if account is None:
            account, password = services.user_create(
                organisation=organisation,
                username=data["username"],
                role=data["role"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                actor=request.user,
            )
            return render(
                request,
                "organisations/password_handover.html",
                {"account": account, "password": password},
            )
        if account == request.user and not data["is_active"]:
            form.add_error("is_active", _("Je kunt je eigen account niet uitzetten."))
        else:
            services.user_update(user=account, data=data, actor=request.user)
            messages.success(request, _("Het account is opgeslagen."))
            return redirect("organisations:manage")
    return render(request, "organisations/user_form.html", {"form": form, "account": account})


@require_POST
def user_reset_password(request: MemberRequest, user_id: int) -> HttpResponse:
    require_cap(request.user, Cap.MANAGE_ORGANISATION)
    account = (
        selectors.organisation_users(organisation=request.user.organisation)
        .filter(pk=user_id)
        .first()
    )
    if account is None:
        raise Http404
    password = services.user_reset_password(user=account, actor=request.user)
    return render(
        request,
        "organisations/password_handover.html",
        {"account": account, "password": password, "reset": True},
    )


class OwnPasswordChangeView(PasswordChangeView):
    """Password change that also clears the 'must change password' flag."""

    success_url = "/"

    def form_valid(self, form):
        response = super().form_valid(form)
        services.user_password_changed(user=self.request.user)
        update_session_auth_hash(self.request, form.user)
        messages.success(self.request, _("Je wachtwoord is gewijzigd."))
        return response
