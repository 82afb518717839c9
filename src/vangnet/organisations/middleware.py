"""Account middleware: a one-time password is changed first, a session ends 12 hours after
signing in however active the user is, and two-factor authentication comes before anything
else for those who need it."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from vangnet.core.security import LOGIN_AT_SESSION_KEY, two_factor_enforced, two_factor_required


class RequirePasswordChangeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse("password_change"), reverse("logout"), reverse("set_language")}
            if request.path not in allowed and not request.path.startswith("/static/"):
                return redirect("password_change")
        return self.get_response(request)


class AbsoluteSessionLifetimeMiddleware:
    """End the session `VANGNET_SESSION_ABSOLUTE_SECONDS` after signing in (the idle timeout
    is the session cookie age). Sessions without a sign-in moment get one now."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            login_at = request.session.get(LOGIN_AT_SESSION_KEY)
            if not isinstance(login_at, int):
                request.session[LOGIN_AT_SESSION_KEY] = now
            elif now - login_at > settings.VANGNET_SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(reverse(settings.LOGIN_URL) + "?sessie=verlopen")
        return self.get_response(request)


# Session key: the user does not need a second factor (decided once per session).
NO_SECOND_FACTOR_KEY = "vangnet_2fa_not_needed"


class RequireTwoFactorMiddleware:
    """Send a user who needs two-factor authentication to set-up or verification first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is None
            or not user.is_authenticated
            or not two_factor_enforced()
            or user.is_verified()
            or request.session.get(NO_SECOND_FACTOR_KEY)
        ):
            return self.get_response(request)
        setup, verify = reverse("privacy:twofactor_setup"), reverse("privacy:twofactor_verify")
        allowed = {setup, verify, reverse("logout"), reverse("set_language")}
        if request.path in allowed or request.path.startswith(settings.STATIC_URL):
            return self.get_response(request)
        if not two_factor_required(user):
            request.session[NO_SECOND_FACTOR_KEY] = True
            return self.get_response(request)
        from django_otp import user_has_device

        target = verify if user_has_device(user, confirmed=True) else setup
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
