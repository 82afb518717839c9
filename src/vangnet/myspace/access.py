"""The participant's session: separate from staff sign-in.

A participant is never a Django user: the session holds only their account id and the
moment of their last request. After 30 minutes without a request the session ends (the
session cookie's age is the same 30 minutes). Signing in as a participant signs out any
staff user in that browser first, so one browser is never both.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from vangnet.myspace.codes import IDLE_SECONDS
from vangnet.myspace.models import ParticipantAccount
from vangnet.myspace.selectors import account_for_session

ACCOUNT_KEY = "myspace_account"
SEEN_KEY = "myspace_seen"
PENDING_CODE_KEY = "myspace_pending_code"
NUMBER_COOKIE = "mijn_nummer"
NUMBER_COOKIE_AGE = 365 * 24 * 3600


def space_sign_in(request: HttpRequest, account: ParticipantAccount) -> None:
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        logout(request)  # flushes the staff session
    request.session.cycle_key()
    request.session.pop(PENDING_CODE_KEY, None)
    request.session[ACCOUNT_KEY] = account.pk
    request.session[SEEN_KEY] = int(time.time())


def signed_in_redirect(
    request: HttpRequest, account: ParticipantAccount, target: str
) -> HttpResponse:
    """Sign the person in (by PIN or by e-mail link) and go on; the browser remembers their
    number for the sign-in page."""
    space_sign_in(request, account)
    response = redirect(target)
    response.set_cookie(
        NUMBER_COOKIE,
        account.number,
        max_age=NUMBER_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return response


def space_sign_out(request: HttpRequest) -> None:
    request.session.flush()


def current_account(request: HttpRequest) -> ParticipantAccount | None:
    account_id = request.session.get(ACCOUNT_KEY)
    if account_id is None:
        return None
    seen = request.session.get(SEEN_KEY)
    now = int(time.time())
    if not isinstance(seen, int) or now - seen > IDLE_SECONDS:
        request.session.flush()
        return None
    account = account_for_session(account_id)
    if account is None:
        request.session.flush()
        return None
    request.session[SEEN_KEY] = now
    return account


def participant_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page of Mijn Vangnet: only for a signed-in participant account (the account is put
    on `request.space_account`); everyone else goes to the participant sign-in."""

    @login_not_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        account = current_account(request)
        if account is None:
            target = reverse("myspace:signin")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.path})
            return redirect(target)
        request.space_account = account  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapper
