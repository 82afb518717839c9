"""The participant's own pages (Mijn Vangnet): getting in, the home page, their own data.

Every page here is open without a staff sign-in (`login_not_required`) and guarded by
`access.participant_required` instead; a participant account never reaches a staff page.
"""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from vangnet.audit.services import audit_record
from vangnet.core.ratelimit import rate_limit
from vangnet.myspace import services
from vangnet.myspace.access import (
    NUMBER_COOKIE,
    PENDING_CODE_KEY,
    current_account,
    participant_required,
    space_sign_out,
)
from vangnet.myspace.access import signed_in_redirect as _signed_in
from vangnet.myspace.forms import (
    ChooseSecretForm,
    CodeForm,
    EmailAddressForm,
    SignInForm,
    WishesForm,
)
from vangnet.myspace.models import ParticipantAccount
from vangnet.myspace.questionnaire_views import questionnaire_page
from vangnet.myspace.report_views import report_page
from vangnet.myspace.selectors import own_data
from vangnet.participants.services import participant_update
from vangnet.questionnaires.models import Response

PENDING_SECONDS = 15 * 60


def _account(request: HttpRequest) -> ParticipantAccount:
    return request.space_account  # type: ignore[attr-defined,no-any-return]


def _audit_view(request: HttpRequest, account: ParticipantAccount, what: str) -> None:
    person = account.participant if account.participant is not None else account.client
    audit_record(
        actor=None,
        action="view",
        obj=person,
        detail=f"mijn vangnet {what} {services.SELF} (account {account.pk})",
        request=request,
        organisation=account.organisation,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest) -> HttpResponse:
    """Step 1: the code from the card (typed, or filled in by the QR code's link)."""
    if request.method == "POST":
        if limited := rate_limit(request, scope="code"):
            return limited
        form = CodeForm(request.POST)
        if form.is_valid():
            code = services.code_usable(form.cleaned_data["code"])
            if code is not None:
                request.session[PENDING_CODE_KEY] = [code.pk, int(time.time())]
                return redirect("myspace:choose_secret")
            audit_record(
                actor=None,
                action="login_failed",
                detail=f"activatiecode {services.SELF}",
                request=request,
            )
            form.add_error(
                "code",
                _("Deze code klopt niet of werkt niet meer. Kijk goed of vraag je begeleider."),
            )
        return render(request, "myspace/activate.html", {"form": form}, status=400)
    form = CodeForm(initial={"code": request.GET.get("code", "")[:20]})
    return render(request, "myspace/activate.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "POST"])
def choose_secret(request: HttpRequest) -> HttpResponse:
    """Step 2: the person chooses their PIN (or a password) and is signed in."""
    pending = request.session.get(PENDING_CODE_KEY)
    if (
        not isinstance(pending, list)
        or len(pending) != 2
        or int(time.time()) - int(pending[1]) > PENDING_SECONDS
    ):
        request.session.pop(PENDING_CODE_KEY, None)
        return redirect("myspace:activate")
    form = ChooseSecretForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account = services.account_activate(
                code_id=int(pending[0]),
                secret=form.cleaned_data["secret"],
                repeat=form.cleaned_data["repeat"],
                request=request,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("secret", message)
        else:
            return _signed_in(request, account, "myspace:home")
    status = 400 if request.method == "POST" else 200
    return render(request, "myspace/choose_secret.html", {"form": form}, status=status)


@login_not_required
@require_http_methods(["GET", "POST"])
def signin(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        number = request.POST.get("number", "")[:12]
        limited = rate_limit(request, scope="login") or rate_limit(
            request, scope="login_account", ident=f"mijn:{number.strip()}"
        )
        if limited:
            return limited
        form = SignInForm(request.POST)
        if form.is_valid():
            result = services.account_sign_in(
                number=form.cleaned_data["number"],
                secret=form.cleaned_data["secret"],
                request=request,
            )
            if result.account is not None:
                target = request.POST.get("next", "")
                if not url_has_allowed_host_and_scheme(
                    target, allowed_hosts={request.get_host()}
                ) or not target.startswith("/mijn/"):
                    target = "myspace:home"
                return _signed_in(request, result.account, target)
            if result.locked_until and result.locked_until > timezone.now():
                form.add_error(
                    None,
                    _("Te vaak een verkeerde pincode. Probeer het over een kwartier weer."),
                )
            else:
                form.add_error(None, _("Je nummer of pincode klopt niet. Probeer het nog eens."))
        context: dict[str, object] = {"form": form, "email_form": EmailAddressForm()}
        return render(request, "myspace/signin.html", context, status=400)
    if current_account(request) is not None:
        return redirect("myspace:home")
    number = request.COOKIES.get(NUMBER_COOKIE, "")
    form = SignInForm(initial={"number": number if number.isdigit() else ""})
    email_form = EmailAddressForm()
    context = {
        "form": form,
        "email_form": email_form,
        "next": request.GET.get("next", ""),
    }
    return render(request, "myspace/signin.html", context)


@login_not_required
@require_POST
def signout(request: HttpRequest) -> HttpResponse:
    space_sign_out(request)
    return redirect("myspace:signin")


@participant_required
def home(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    data = own_data(account=account)
    _audit_view(request, account, "start")
    return render(request, "myspace/home.html", {"account": account, "data": data})


@participant_required
@require_http_methods(["GET", "POST"])
def reports(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    if account.participant is None:
        raise Http404
    context = {"account": account}
    return report_page(request, participant=account.participant, device_user=None, context=context)


@participant_required
@require_http_methods(["GET", "POST"])
def questionnaire(request: HttpRequest, response_id: int | None = None) -> HttpResponse:
    account = _account(request)
    if account.participant is None:
        raise Http404
    response = None
    if response_id is not None:
        response = Response.objects.filter(pk=response_id, participant=account.participant).first()
        if response is None:
            raise Http404
    return questionnaire_page(
        request,
        participant=account.participant,
        response=response,
        device_user=None,
        context={"account": account},
    )


@participant_required
@require_http_methods(["GET", "POST"])
def wishes(request: HttpRequest) -> HttpResponse:
    """The participant writes their own wishes and talents (the worker sees them at once)."""
    account = _account(request)
    participant = account.participant
    if participant is None:
        raise Http404
    initial = {
        "wishes": ", ".join(participant.wishes),
        "talents": ", ".join(participant.talents),
        "version": participant.version,
    }
    form = WishesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            participant_update(
                participant=participant,
                actor=None,
                version=form.cleaned_data["version"],
                changes={
                    "wishes": form.cleaned_data["wishes"],
                    "talents": form.cleaned_data["talents"],
                },
                request=request,
                by_participant=True,
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:  # audited by participant_update, "door deelnemer zelf"
            messages.success(request, _("Bewaard. Je begeleider ziet het meteen."))
            return redirect("myspace:home")
    status = 400 if request.method == "POST" else 200
    context = {"account": account, "form": form}
    return render(request, "myspace/wishes.html", context, status=status)


@participant_required
def my_data(request: HttpRequest) -> HttpResponse:
    account = _account(request)
    data = own_data(account=account)
    _audit_view(request, account, "mijn gegevens")
    return render(request, "myspace/my_data.html", {"account": account, "data": data})
