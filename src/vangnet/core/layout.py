"""The base layout's shared markup (head, menu, offline status, footer), written once.

Every page extends `base.html`, whose fixed parts (`includes/layout_start.html`,
`layout_top.html`, `layout_end.html`) took the template engine about 2 ms a page: two
dozen translations, nine static URLs, the menu's loop, the language form. They depend on
a few things only: the language, the menu (`core.context_processors.Navigation`, itself
keyed by the viewer's capabilities), whether someone is signed in and whether the offline
screen is on. So each part is rendered once per such key, with markers in the places of
the per-request values (the CSRF token, the user's name and id, the page's path, the
moment of printing), and kept for the life of the process; a page fills the markers in.

Same markup as rendering the parts each time: `tests/core/test_layout.py` compares both
for every role in Dutch and English. Where the context is unusual (no request, no CSRF
token, autoescape off, a menu the context processor did not make) the part is rendered
from scratch as before. Settings changes (tests) empty the cache.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.template import Context
from django.template.base import Template, render_value_in_context
from django.template.defaultfilters import date as date_filter
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from vangnet.core.context_processors import Navigation

START = "includes/layout_start.html"
TOP = "includes/layout_top.html"
END = "includes/layout_end.html"
MESSAGES = "includes/messages.html"
# Markers for the per-request values: NUL never occurs in the markup, escaping keeps it.
CSRF, USER, USER_PK, PATH, MADE = (
    f"\x00{name}\x00" for name in ("csrf", "user", "pk", "path", "made")
)
_MARKER = re.compile("(\x00[a-z]+\x00)")
# As in includes/site_footer.html ({% now %}).
MADE_FORMAT = "j F Y, H:i"


class _Someone:
    """Stands for the signed-in user while a part is written."""

    is_authenticated = True
    pk = USER_PK

    def __str__(self) -> str:
        return USER


class _Anyone:
    is_authenticated = False
    pk = None

    def __str__(self) -> str:
        return "AnonymousUser"


class _AnyRequest:
    def get_full_path(self) -> str:
        return PATH


# (template, key) -> the part split at its markers: text, marker, text, marker, ...
_PARTS: dict[tuple, list[str]] = {}


def _template(name: str) -> Template:
    return get_template(name).template  # type: ignore[attr-defined]


def _written(name: str, key: tuple, navigation: Navigation, authenticated: bool) -> list[str]:
    """The part rendered once for this key, with markers for the per-request values."""
    parts = _PARTS.get(key)
    if parts is None:
        context = Context(
            {
                "csrf_token": CSRF,
                "user": _Someone() if authenticated else _Anyone(),
                "request": _AnyRequest(),
                "navigation": navigation,
                "offline_enabled": key[-1],
                "layout_made": MADE,
                "LANGUAGE_CODE": get_language(),
            }
        )
        parts = _MARKER.split(_template(name).render(context))
        if len(_PARTS) > 4096:  # bounded by roles x sections x languages; a safety net
            _PARTS.clear()
        _PARTS[key] = parts
    return parts


def _fast(context: Any) -> tuple[Any, str] | None:
    """(request, CSRF token) when the part can be filled in, else None."""
    request = context.get("request")
    token = context.get("csrf_token")
    if request is None or not context.autoescape:
        return None
    token = str(token) if token else ""
    # Django's marker for "no CSRF middleware" makes {% csrf_token %} write nothing.
    if not token or token == "NOTPROVIDED" or "\x00" in token:  # noqa: S105
        return None
    if not isinstance(context.get("navigation"), Navigation):
        return None
    return request, token


def _made() -> str:
    """The moment of printing as `{% now "j F Y, H:i" %}` writes it."""
    tzinfo = timezone.get_current_timezone() if settings.USE_TZ else None
    return date_filter(datetime.now(tz=tzinfo), MADE_FORMAT)


def _fill(parts: list[str], context: Any, token: str) -> SafeString:
    values: dict[str, str | None] = dict.fromkeys((CSRF, USER, USER_PK, PATH, MADE))
    out = []
    for index, part in enumerate(parts):
        if index % 2 == 0:
            out.append(part)
            continue
        value = values[part]
        if value is None:
            value = values[part] = _value(part, context, token)
        out.append(value)
    return mark_safe("".join(out))  # noqa: S308 (the parts are rendered templates, values escaped)


def _value(marker: str, context: Any, token: str) -> str:
    if marker == CSRF:
        return render_value_in_context(token, context)
    if marker == USER:
        return render_value_in_context(context.get("user"), context)
    if marker == USER_PK:
        return render_value_in_context(context.get("user").pk, context)
    if marker == PATH:
        return render_value_in_context(context["request"].get_full_path(), context)
    return render_value_in_context(_made(), context)


def _key(name: str, context: Any, request: Any) -> tuple[tuple, Navigation, bool]:
    navigation = context["navigation"]
    user = context.get("user")
    authenticated = bool(getattr(user, "is_authenticated", False))
    key = (
        name,
        get_language(),
        get_script_prefix(),
        getattr(request, "urlconf", None),
        navigation.key,
        authenticated,
        bool(context.get("offline_enabled")),
    )
    return key, navigation, authenticated


def layout_part(name: str, context: Any) -> SafeString:
    """One fixed part of the base layout for this page."""
    if name == START:
        # As base.html's {% get_current_language as LANGUAGE_CODE %} did, for the blocks.
        context["LANGUAGE_CODE"] = get_language()
    fast = _fast(context)
    if fast is None:
        return mark_safe(_template(name).render(context))  # noqa: S308
    request, token = fast
    key, navigation, authenticated = _key(name, context, request)
    return _fill(_written(name, key, navigation, authenticated), context, token)


_NO_MESSAGES: dict[str, str] = {}


def layout_messages(context: Any) -> SafeString:
    """The messages block: rendered when there are messages, else its empty markup."""
    if context.get("messages"):
        return mark_safe(_template(MESSAGES).render(context))  # noqa: S308
    empty = _NO_MESSAGES.get(MESSAGES)
    if empty is None:
        empty = _NO_MESSAGES[MESSAGES] = _template(MESSAGES).render(Context({}))
    return mark_safe(empty)  # noqa: S308


def _forget(**kwargs: Any) -> None:
    _PARTS.clear()
    _NO_MESSAGES.clear()


setting_changed.connect(_forget)
