"""Pages of e-mail sign-in (`email_signin`): the person's choice in their space, asking for a
link on the sign-in page, and opening the link. A link is used with a button (POST), so a
mail program that opens links by itself does not spend it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.audit.services import audit_record, client_ip
from vangnet.core.ratelimit import hit
from vangnet.myspace import email_signin
from vangnet.myspace.access import participant_required, signed_in_redirect
from vangnet.myspace.email_models import LinkPurpose
from vangnet.myspace.forms import EmailAddressForm, SignInForm
from vangnet.myspace.models import ParticipantAccount

# The same answer whether or not the address is known.
SENT = gettext_lazy(
    "Als dit adres bij ons bekend is, krijg je zo een mail met een link. "
    "De link werkt een half uur. Kijk ook bij de ongewenste mail."
)


@participant_required
@require_http_methods(["GET", "POST"])
def email_setting(request: HttpRequest) -> HttpResponse:
    """*Inloggen met e-mail*: choose (or change, or stop) the address for sign-in links."""
    account: ParticipantAccount = request.space_account  # type: ignore[attr-defined]
    current = email_signin.own_email(account=account)
    known = account.participant.email if account.participant is not None else ""
    initial = {"email": current.email if current else known}
    form = EmailAddressForm(request.POST or None, initial=initial)
    if request.method == "POST" and request.POST.get("action") == "remove":
        if email_signin.signin_email_remove(account=account, request=request):
            messages.success(request, _("Klaar. Je logt weer alleen in met je nummer en pincode."))
        return redirect("myspace:email_setting")
    if request.method == "POST" and form.is_valid():
        try:
            email_signin.signin_email_choose(
                account=account, email=form.cleaned_data["email"], request=request
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("email", message)
        else:
            messages.success(
                request, _("We hebben je een mail gestuurd. Klik op de link in die mail.")
            )
            return redirect("myspace:email_setting")
    if request.method == "GET":
        audit_record(
            actor=None,
            action="view",
            obj=account,
            detail=f"inloggen met e-mail {email_signin.SELF}",
            request=request,
            organisation=account.organisation,
        )
    status = 400 if request.method == "POST" else 200
    context = {"account": account, "form": form, "current": current}
    return render(request, "myspace/email_setting.html", context, status=status)


def _too_many(request: HttpRequest, scope: str, ident: str) -> HttpResponse | None:
    over = hit(scope, ident)
    if over is None:
        return None
    if over.first:
        audit_record(
            actor=None, action="login_failed", detail=f"rate limit {scope}", request=request
        )
    response = render(request, "myspace/email_link_wait.html", status=429)
    response["Retry-After"] = str(over.retry_after)
    return response


@login_not_required
@require_POST
def email_link_request(request: HttpRequest) -> HttpResponse:
    """*Stuur mij een inloglink* on the sign-in page."""
    limited = _too_many(request, "mail_link_ip", client_ip(request) or "unknown")
    form = EmailAddressForm(request.POST)
    if limited is None and form.is_valid():
        address = form.cleaned_data["email"].strip().lower()
        limited = _too_many(request, "mail_link", address)
        if limited is None:
            email_signin.signin_link_request(email=address, request=request)
            return render(request, "myspace/email_link_sent.html", {"sent": SENT})
    if limited is not None:
        return limited
    context = {"form": SignInForm(), "email_form": form, "next": ""}
    return render(request, "myspace/signin.html", context, status=400)


_PROBLEMS = {
    "unknown": gettext_lazy("Deze link klopt niet. Kijk of je de hele link hebt gebruikt."),
    "used": gettext_lazy("Deze link is al gebruikt. Een link werkt maar één keer."),
    "expired": gettext_lazy("Deze link werkt niet meer. Een link werkt maar een half uur."),
    "closed": gettext_lazy("Met deze link kun je nu niet inloggen. Vraag je begeleider om hulp."),
}


def _refused(request: HttpRequest, reason: str) -> HttpResponse:
    context = {"problem": _PROBLEMS.get(reason, _PROBLEMS["unknown"])}
    return render(request, "myspace/email_link_refused.html", context, status=400)


@login_not_required
@require_http_methods(["GET", "POST"])
def email_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link from the mail: a page with one button; the button uses the link."""
    if request.method == "GET":
        link = email_signin.link_find(token)
        problem = email_signin.link_problem(link)
        if problem or link is None:
            return _refused(request, problem)
        return render(request, "myspace/email_link.html", {"purpose": link.purpose})
    try:
        link = email_signin.link_use(token=token, request=request)
    except email_signin.LinkRefused as refused:
        return _refused(request, refused.reason)
    if link.purpose == LinkPurpose.CONFIRM:
        messages.success(request, _("Je e-mailadres klopt. Je kunt nu inloggen met een link."))
        return redirect("myspace:email_setting")
    return signed_in_redirect(request, link.account, "myspace:home")
