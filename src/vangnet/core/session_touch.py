"""Keep a signed-in session alive without writing it on every request.

The idle timeout is the session's age (`SESSION_COOKIE_AGE`, 30 minutes): a session ends
30 minutes after it was last saved. Saving it on every request (Django's
`SESSION_SAVE_EVERY_REQUEST`) costs every page a transaction with an UPDATE (three queries
and a commit on PostgreSQL) only to move that moment forward. This middleware saves a
session that has something in it at most once per `VANGNET_SESSION_REFRESH_SECONDS`
(default 60): a user who keeps working is never signed out, and one who stops is signed out
between 29 and 30 minutes after their last request, never later. A session that is saved
anyway (a change in it) is stamped too, so it costs nothing extra. Anonymous requests
without a session cookie are left alone, and no session is created for them.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

TOUCHED_KEY = "vangnet_touched"


def refresh_seconds() -> int:
    return int(getattr(settings, "VANGNET_SESSION_REFRESH_SECONDS", 60))


def touch(session, now: int | None = None) -> bool:
    """Stamp the session when it is due (or saved anyway); True when it will be saved."""
    if not session.session_key or not session.keys():
        return False  # no cookie, or an empty session (e.g. just signed out): nothing to keep
    now = int(time.time()) if now is None else now
    touched = session.get(TOUCHED_KEY)
    due = not isinstance(touched, int) or now - touched >= refresh_seconds() or touched > now
    if due or session.modified:
        session[TOUCHED_KEY] = now
    return bool(session.modified)


def stamp_on_login(sender, request, user, **kwargs) -> None:
    """Signing in saves the session anyway: stamp it, so the next page need not."""
    if request is not None and hasattr(request, "session"):
        request.session[TOUCHED_KEY] = int(time.time())


class SessionTouchMiddleware:
    """After the view: mark the session for saving when its last save is a minute old."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None:
            touch(session)
        return response
