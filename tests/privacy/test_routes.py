"""The privacy URLs against the authorization matrix, for every role (same rules as
tests/test_authorization.py; PRIVACY_ROUTES are the lines the lead adds to ROUTES), and
junk input never gives a server error."""

import pytest

from tests.test_authorization import Route, all_url_names, expected_allowed, url_for
from tests.test_bad_input import FIELD_NAMES, JUNK_VALUES, OK
from vangnet.core.permissions import Cap

PRIVACY_ROUTES: dict[str, Route] = {
    "privacy:twofactor_setup": Route(None, "none", ("get", "post")),
    "privacy:twofactor_verify": Route(None, "none", ("get", "post")),
    "privacy:security_settings": Route(Cap.MANAGE_ORGANISATION, "none", ("get", "post")),
    "privacy:twofactor_reset": Route(Cap.MANAGE_ORGANISATION, "organisation", ("post",)),
    "privacy:export": Route(None, "organisation", only=("lead", "admin")),
    "privacy:export_json": Route(None, "organisation", only=("lead", "admin")),
    "privacy:erase": Route(None, "organisation", ("get", "post"), only=("lead", "admin")),
    "privacy:consents": Route(Cap.EDIT_PARTICIPANTS, "participant", ("get", "post")),
}


def test_every_privacy_url_is_listed():
    names = {name for name in all_url_names() if name.startswith("privacy:")}
    assert names == set(PRIVACY_ROUTES)


def test_privacy_urls_for_every_role(client, world):
    failures = []
    for name, route in sorted(PRIVACY_ROUTES.items()):
        url = url_for(name, world["kwargs"])
        for method in route.methods:
            anonymous = getattr(client, method)(url)
            if anonymous.status_code != 302 or "/inloggen/" not in anonymous["Location"]:
                failures.append(f"anonymous {method.upper()} {name}: {anonymous.status_code}")
            for label, user in world["users"].items():
                client.force_login(user)
                status = getattr(client, method)(url).status_code
                client.logout()
                allowed = expected_allowed(label, user, route, world)
                ok = (200, 302, 400) if method == "post" else (200, 302)
                if allowed and status not in ok:
                    failures.append(f"{label} {method.upper()} {name}: {status}, expected allowed")
                if not allowed and status not in (403, 404):
                    failures.append(f"{label} {method.upper()} {name}: {status}, expected denied")
                leaks = route.scope in ("network", "participant")
                if (
                    not allowed
                    and leaks
                    and label.startswith(("foreign", "other"))
                    and status != 404
                ):
                    failures.append(f"{label} {method.upper()} {name}: {status}, must not leak")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", sorted(PRIVACY_ROUTES))
def test_junk_never_gives_a_server_error(client, world, name):
    route = PRIVACY_ROUTES[name]
    user = next(
        user
        for label, user in world["users"].items()
        if expected_allowed(label, user, route, world)
    )
    client.force_login(user)
    url = url_for(name, world["kwargs"])
    failures = []
    for junk in JUNK_VALUES[1:4]:
        response = client.get(url, {"next": junk, "pagina": junk})
        if response.status_code not in OK:
            failures.append(f"GET {junk[:20]!r}: {response.status_code}")
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
    assert not failures, "\n".join(failures)
