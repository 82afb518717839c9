"""Two-factor authentication pages: set up an authenticator app (TOTP) and verify a code
after signing in with the password."""

from base64 import b32encode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from vangnet.audit.services import audit_record
from vangnet.core.ratelimit import rate_limit
from vangnet.core.security import qr_svg
from vangnet.privacy.forms import TokenForm


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _code_rate_limit(request: HttpRequest) -> HttpResponse | None:
    """Entering codes is limited per account (core.ratelimit, scope "code")."""
    return rate_limit(request, scope="code", ident=f"user:{request.user.pk}")


def twofactor_setup(request: HttpRequest) -> HttpResponse:
    """Show a QR code for an authenticator app; a correct code confirms the device."""
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        if not user.is_verified():
            return redirect("privacy:twofactor_verify")
        messages.info(request, _("Tweestapsverificatie staat al aan."))
        return redirect("account")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    if request.method == "POST" and (limited := _code_rate_limit(request)):
        return limited
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit_record(actor=user, action="update", obj=user, detail="2fa_setup", request=request)
            messages.success(request, _("Tweestapsverificatie staat nu aan."))
            return redirect(_next_url(request))
        form.add_error("token", _("Deze code klopt niet. Probeer de nieuwste code uit je app."))
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "privacy/twofactor_setup.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url),
            "secret": secret,
            "next": _next_url(request),
        },
        status=400 if request.method == "POST" else 200,
    )


def twofactor_verify(request: HttpRequest) -> HttpResponse:
    """Ask the code from the authenticator app after the password."""
    user = request.user
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    if not devices:
        return redirect("privacy:twofactor_setup")
    if user.is_verified():
        return redirect(_next_url(request))
    if request.method == "POST" and (limited := _code_rate_limit(request)):
        return limited
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        for device in devices:
            if device.verify_is_allowed()[0] and device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                audit_record(
                    actor=user, action="login", obj=user, detail="2fa_verified", request=request
                )
                return redirect(_next_url(request))
        audit_record(actor=user, action="login_failed", detail="2fa_code", request=request)
        form.add_error("token", _("Deze code klopt niet. Probeer de nieuwste code uit je app."))
    return render(
        request,
        "privacy/twofactor_verify.html",
        {"form": form, "next": _next_url(request)},
        status=400 if request.method == "POST" else 200,
    )
