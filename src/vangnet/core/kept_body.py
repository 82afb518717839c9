"""A page body kept in the cache for many requests holds `CSRF` where its forms' CSRF token
goes (the body is rendered with it as the token); each request puts its own token there
with `with_token`. Used by the participant page (participants.detail_cache) and the session
screen (networks.sessions.screen_body)."""

from __future__ import annotations

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# The CSRF token's place in a kept body: NUL never occurs in the markup (forms refuse it).
CSRF = "\x00csrf\x00"


def with_token(request: HttpRequest, html: str) -> SafeString:
    """A body rendered with `CSRF` for the token, with this request's token."""
    return mark_safe(html.replace(CSRF, escape(get_token(request))))  # noqa: S308 - rendered by the template engine
