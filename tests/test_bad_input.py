"""No malformed request gives a server error.

Every URL of the authorization matrix is requested by a user who may use it, with junk in
the query string, and every form is posted with junk in each of its own fields (found by
reading the page the user gets). The answer must be a page (200/302) or a clear refusal
(400/403/404), never a 500.
"""

from __future__ import annotations

import re

import pytest

from tests.test_authorization import ROUTES, expected_allowed, url_for

FIELD_NAMES = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', re.IGNORECASE)
JUNK_VALUES = [
    "",
    "x" * 5000,
    "-1",
    "99999999999999999999",
    "2026-02-30",
    "<script>alert(1)</script>",
    "'; DROP TABLE participants_participant; --",
    "\u0000nul",
    "Ünïcødé 😀",
]
OK = {200, 302, 400, 403, 404, 405}


def allowed_user(name: str, world) -> object:
    route = ROUTES[name]
    for label, user in world["users"].items():
        if expected_allowed(label, user, route, world):
            return user
    raise AssertionError(f"nobody may use {name}")


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_junk_never_gives_a_server_error(client, world, name):
    route = ROUTES[name]
    client.force_login(allowed_user(name, world))
    url = url_for(name, world["kwargs"])
    failures = []
    for junk in JUNK_VALUES[1:4]:
        response = client.get(url, {"pagina": junk, "week": junk, "action": junk, "q": junk})
        if response.status_code not in OK:
            failures.append(f"GET ?{junk[:20]!r}: {response.status_code}")
    if "post" in route.methods:
        page = client.get(url)
        names = (
            sorted(set(FIELD_NAMES.findall(page.content.decode())))
            if page.status_code == 200
            else []
        )
        names = [field for field in names if field != "csrfmiddlewaretoken"] or ["x"]
        for junk in JUNK_VALUES:
            response = client.post(url, {field: junk for field in names})
            if response.status_code not in OK:
                failures.append(f"POST {junk[:20]!r}: {response.status_code}")
    assert not failures, f"{name}: " + "; ".join(failures)
