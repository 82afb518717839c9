"""The coordinator's page for a network helper's own sign-in: create or link an account,
revoke it. Thin: check the capability, call vangnet.volunteers.accounts, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, network_for
from vangnet.core.typing import MemberRequest
from vangnet.volunteers import accounts, selectors
from vangnet.volunteers.forms import HelperAccountForm, HelperAccountLinkForm


@require_http_methods(["GET", "POST"])
def helper_account(request: MemberRequest, network_id: int, helper_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.MANAGE_HELPER_ACCOUNTS)
    helper = selectors.helper_for(network=network, helper_id=helper_id)
    linkable = [a for a in accounts.linkable_accounts(helper=helper) if a.pk != helper.user_id]
    is_link = request.method == "POST" and request.POST.get("action") == "link"
    data = request.POST if request.method == "POST" else None
    form = HelperAccountForm(None if is_link else data)
    link_form = HelperAccountLinkForm(data if is_link else None, accounts=linkable)
    status = 200
    if request.method == "POST":
        today = timezone.localdate()
        bound = link_form if is_link else form
        if bound.is_valid():
            try:
                if is_link:
                    accounts.helper_account_link(
                        helper=helper,
                        actor=request.user,
                        account_id=link_form.cleaned_data["account"],
                        today=today,
                        request=request,
                    )
                else:
                    account, password = accounts.helper_account_create(
                        helper=helper,
                        actor=request.user,
                        username=form.cleaned_data["username"],
                        today=today,
                        request=request,
                    )
                    return render(
                        request,
                        "volunteers/account_created.html",
                        {"network": network, "account": account, "password": password},
                    )
            except ValidationError as error:
                add_service_errors(bound, error)
            else:
                messages.success(request, _("Het account is gekoppeld."))
                return redirect("volunteers:list", network_id=network.pk)
        status = 400
    return render(
        request,
        "volunteers/account.html",
        {
            "network": network,
            "helper": helper,
            "form": form,
            "link_form": link_form if linkable else None,
        },
        status=status,
    )


@require_POST
def helper_account_revoke(request: MemberRequest, network_id: int, helper_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.MANAGE_HELPER_ACCOUNTS)
    helper = selectors.helper_for(network=network, helper_id=helper_id)
    try:
        accounts.helper_account_revoke(helper=helper, actor=request.user, request=request)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Het account is ingetrokken. Inloggen kan niet meer."))
    return redirect("volunteers:list", network_id=network.pk)
