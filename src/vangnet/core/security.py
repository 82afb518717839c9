"""Account security helpers: who must use two-factor authentication, the QR code for
setting it up, and the page shown when a login is locked out (django-axes).

Two-factor authentication is required for every account that holds a capability to manage
networks, the organisation or its audit trail (today: coordinators and organisation admins),
for everyone when the organisation's security settings say so, and for anyone who set it up
themselves. `settings.VANGNET_ENFORCE_2FA` switches the enforcement (on in production).
"""

from __future__ import annotations

import segno
from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import render
from django.utils.translation import gettext as _

from vangnet.core.permissions import Cap, has_cap

# Holding any of these capabilities makes two-factor authentication compulsory.
TWO_FACTOR_CAPABILITIES = (Cap.MANAGE_NETWORK, Cap.MANAGE_ORGANISATION, Cap.VIEW_AUDIT)

# Session key: the moment (epoch seconds) the user signed in.
LOGIN_AT_SESSION_KEY = "vangnet_login_at"


def two_factor_enforced() -> bool:
    return bool(getattr(settings, "VANGNET_ENFORCE_2FA", True))


def two_factor_required_by_role(user) -> bool:
    return any(has_cap(user, cap) for cap in TWO_FACTOR_CAPABILITIES)


def two_factor_required(user) -> bool:
    """Must this user confirm a code from an authenticator app after the password?"""
    from django_otp import user_has_device

    from vangnet.privacy.models import OrganisationSecuritySettings

    if not getattr(user, "is_authenticated", False):
        return False
    if two_factor_required_by_role(user) or user_has_device(user, confirmed=True):
        return True
    if user.organisation_id is None:
        return False
    return OrganisationSecuritySettings.objects.filter(
        organisation_id=user.organisation_id, require_two_factor_for_all=True
    ).exists()


def qr_svg(text: str) -> str:
    """An inline SVG QR code (no request to any other site, no style attributes)."""
    return segno.make(text, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff")


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """django-axes: the login page again, with a Dutch explanation of the lockout."""
    from vangnet.organisations.forms import LoginForm

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = LoginForm(request)
    return render(
        request,
        "registration/login.html",
        {
            "form": form,
            "locked_out": True,
            "lockout_message": _(
                "Je bent te vaak met een verkeerd wachtwoord ingelogd. Je account is "
                "%(minutes)s minuten op slot. Probeer het daarna opnieuw of vraag de "
                "beheerder van je organisatie om hulp."
            )
            % {"minutes": minutes},
        },
        status=429,
    )
