"""The authorization matrix: every URL, requested as every role, answers as the permission
matrix in vangnet.core.permissions says (docs/permissions.md).

A new URL pattern that is not listed in ROUTES makes test_every_url_is_listed fail, so the
matrix cannot silently miss a page.
"""

from __future__ import annotations

import copy

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authz import Route, area_public, area_routes
from vangnet.core.context_processors import EVALUATION_CAPS, has_any_cap
from vangnet.core.permissions import Cap, visible_networks, visible_participants

PUBLIC = {"login", "healthz", "readyz", "metrics", "set_language", "logout"}
PUBLIC |= {"signin:oidc_choose", "signin:oidc_start", "signin:oidc_callback", "signin:oidc_failed"}
PUBLIC |= {"password_reset", "password_reset_done", "password_reset_confirm"}
PUBLIC |= {"password_reset_complete", "calendars:feed"}
PUBLIC |= area_public()

ROUTES: dict[str, Route] = {
    "home": Route(None, "none"),
    "account": Route(None, "none"),
    "evaluation_overview": Route(EVALUATION_CAPS, "none"),
    "password_change": Route(None, "none"),
    "organisations:manage": Route(Cap.MANAGE_ORGANISATION, "none", ("get", "post")),
    "organisations:location_create": Route(Cap.MANAGE_ORGANISATION, "none", ("get",)),
    "organisations:location_edit": Route(Cap.MANAGE_ORGANISATION, "organisation", ("get",)),
    "organisations:user_create": Route(Cap.MANAGE_ORGANISATION, "none", ("get",)),
    "organisations:user_edit": Route(Cap.MANAGE_ORGANISATION, "organisation", ("get",)),
    "organisations:user_reset_password": Route(Cap.MANAGE_ORGANISATION, "organisation", ("post",)),
    "audit:list": Route(Cap.VIEW_AUDIT, "none"),
    "audit:export": Route(Cap.VIEW_AUDIT, "none"),
    "networks:list": Route(Cap.VIEW_NETWORK, "none"),
    "networks:detail": Route(Cap.VIEW_NETWORK, "network"),
    "networks:session_current": Route(Cap.RECORD_SESSIONS, "network"),
    "networks:session_list": Route(Cap.RECORD_SESSIONS, "network", ("get", "post")),
    "networks:session_record": Route(Cap.RECORD_SESSIONS, "network", ("get", "post")),
    "networks:import": Route(Cap.IMPORT_ATTENDANCE, "network", ("get", "post")),
    "networks:import_template": Route(Cap.IMPORT_ATTENDANCE, "network"),
    "logbook:list": Route(Cap.VIEW_LOGBOOK, "network"),
    "logbook:create": Route(Cap.WRITE_LOGBOOK, "network", ("get", "post")),
    "logbook:balance": Route(Cap.WRITE_LOGBOOK, "network", ("get", "post")),
    "logbook:edit": Route(Cap.WRITE_LOGBOOK, "network", ("get", "post"), only=("lead",)),
    "participants:list": Route(Cap.VIEW_PARTICIPANTS, "network"),
    "participants:create": Route(Cap.EDIT_PARTICIPANTS, "network", ("get", "post")),
    "participants:detail": Route(Cap.VIEW_PARTICIPANTS, "participant"),
    "participants:edit": Route(Cap.EDIT_PARTICIPANTS, "participant", ("get", "post")),
    "participants:route_event": Route(Cap.EDIT_PARTICIPANTS, "participant", ("post",)),
    "participants:followups": Route(Cap.MANAGE_FOLLOWUP, "none"),
    "participants:followup_close": Route(Cap.MANAGE_FOLLOWUP, "participant", ("get", "post")),
    "participants:partners": Route(Cap.MANAGE_PARTNERS, "none"),
    "participants:partner_create": Route(Cap.MANAGE_PARTNERS, "none", ("get", "post")),
    "participants:partner_edit": Route(Cap.MANAGE_PARTNERS, "organisation", ("get", "post")),
    "privacy:twofactor_setup": Route(None, "none", ("get", "post")),
    "privacy:twofactor_verify": Route(None, "none", ("get", "post")),
    "privacy:security_settings": Route(Cap.MANAGE_ORGANISATION, "none", ("get", "post")),
    "privacy:twofactor_reset": Route(Cap.MANAGE_ORGANISATION, "organisation", ("post",)),
    "privacy:export": Route(Cap.EXERCISE_DATA_RIGHTS, "organisation", only=("lead", "admin")),
    "privacy:export_pdf": Route(
        Cap.EXERCISE_DATA_RIGHTS, "organisation", ("get", "post"), only=("lead", "admin")
    ),
    "privacy:export_json": Route(Cap.EXERCISE_DATA_RIGHTS, "organisation", only=("lead", "admin")),
    "privacy:erase": Route(
        Cap.EXERCISE_DATA_RIGHTS, "organisation", ("get", "post"), only=("lead", "admin")
    ),
    "privacy:client_export": Route(Cap.EXERCISE_DATA_RIGHTS, "none", only=("lead", "admin")),
    "privacy:client_export_json": Route(Cap.EXERCISE_DATA_RIGHTS, "none", only=("lead", "admin")),
    "privacy:client_erase": Route(
        Cap.EXERCISE_DATA_RIGHTS, "none", ("get", "post"), only=("lead", "admin")
    ),
    "privacy:consents": Route(Cap.EDIT_PARTICIPANTS, "participant", ("get", "post")),
    "privacy:client_consents": Route(Cap.VIEW_PARTICIPANTS, "none", only=("lead", "backup")),
    "support:tie_list": Route(Cap.VIEW_PARTICIPANTS, "network"),
    "support:tie_create": Route(Cap.EDIT_PARTICIPANTS, "network", ("get", "post")),
    "support:tie_delete": Route(Cap.EDIT_PARTICIPANTS, "network", ("post",)),
    "support:sociogram": Route(Cap.VIEW_NETWORK_REPORTS, "network"),
    "support:client_list": Route(Cap.VIEW_PARTICIPANTS, "none"),
    "support:client_create": Route(Cap.EDIT_PARTICIPANTS, "none", ("get", "post")),
    "support:client_map": Route(
        Cap.VIEW_PARTICIPANTS, "none", ("get", "post"), only=("lead", "backup")
    ),
    "support:participant_map": Route(Cap.VIEW_PARTICIPANTS, "participant", ("get", "post")),
    "planning:settings": Route(Cap.MANAGE_ORGANISATION, "none", ("get", "post")),
    "planning:network_plan": Route(Cap.VIEW_NETWORK_REPORTS, "network"),
    "planning:network_plan_pdf": Route(Cap.VIEW_NETWORK_REPORTS, "network"),
    "planning:hours": Route(Cap.RECORD_WORKER_HOURS, "network", ("get", "post")),
    "networks:create": Route(Cap.MANAGE_NETWORK, "none", ("get", "post")),
    "networks:edit": Route(Cap.MANAGE_NETWORK, "network", ("get", "post")),
    "networks:phase_transition": Route(Cap.MANAGE_NETWORK, "network", ("get", "post")),
    "networks:activity_list": Route(Cap.EDIT_ACTIVITIES, "network"),
    "networks:activity_create": Route(Cap.EDIT_ACTIVITIES, "network", ("get", "post")),
    "networks:activity_edit": Route(Cap.EDIT_ACTIVITIES, "network", ("get", "post")),
    "networks:activity_change": Route(Cap.EDIT_ACTIVITIES, "network", ("get", "post")),
    "networks:activity_end": Route(Cap.EDIT_ACTIVITIES, "network", ("get", "post")),
}
ROUTES.update(area_routes())


def all_url_names() -> set[str]:
    names: set[str] = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(
                    pattern.url_patterns,
                    f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace,
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns)
    return names


def test_every_url_is_listed():
    assert all_url_names() - PUBLIC == set(ROUTES), (
        "Add new URLs to ROUTES (and to docs/permissions.md if a capability is new)."
    )


def url_for(name: str, kwargs: dict) -> str:
    return reverse(name, kwargs={key: kwargs[key] for key in _pattern_kwargs(name)})


def _pattern_kwargs(name: str) -> list[str]:
    resolver = get_resolver()
    namespace, _, short = name.rpartition(":")
    if namespace:
        resolver = resolver.namespace_dict[namespace][1]
    for candidate in resolver.reverse_dict.getlist(short):
        # candidate: (possibilities, pattern, defaults, converters)
        possibilities = candidate[0]
        return list(possibilities[0][1])
    raise AssertionError(f"cannot reverse {name}")


def expected_allowed(label: str, user, route: Route, world) -> bool:
    if route.only and label not in route.only:
        return False
    if not has_any_cap(user, route.cap):
        return False
    if route.scope == "network":
        return visible_networks(user).filter(pk=world["network"].pk).exists()
    if route.scope == "participant":
        return visible_participants(user).filter(pk=world["participant"].pk).exists()
    if route.scope == "organisation":
        return user.organisation_id == world["organisation"].pk
    return True


class SignedIn:
    """A client signed in as one user once, for many requests: before each request it has
    the cookies it had right after signing in (as a fresh sign-in would), and it signs in
    again only when a request changed or ended the session (a sign-out, a password change,
    tablet mode). Signing in and out around every request took half the matrix's time."""

    def __init__(self, user) -> None:
        self.user = user
        self.client = Client()
        self._sign_in()

    def _sign_in(self) -> None:
        self.client.logout()
        self.client.force_login(self.user)
        self.cookies = copy.deepcopy(self.client.cookies)
        self.session = dict(self.client.session.items())

    def request(self, method: str, url: str):
        self.client.cookies = copy.deepcopy(self.cookies)
        response = getattr(self.client, method)(url)
        self.client.cookies = copy.deepcopy(self.cookies)
        if dict(self.client.session.items()) != self.session:
            self._sign_in()
        return response


def test_matrix_for_every_url_and_role(client, world):
    failures = []
    signed_in = {label: SignedIn(user) for label, user in world["users"].items()}
    for name, route in sorted(ROUTES.items()):
        url = url_for(name, world["kwargs"])
        for method in route.methods:
            anonymous = getattr(client, method)(url)
            if name.startswith("api:"):
                # The API answers an anonymous request with 401/403, not a login redirect.
                if anonymous.status_code not in (401, 403):
                    failures.append(f"anonymous {method.upper()} {name}: {anonymous.status_code}")
            elif anonymous.status_code != 302 or "/inloggen/" not in anonymous["Location"]:
                failures.append(f"anonymous {method.upper()} {name}: {anonymous.status_code}")
            for label, user in world["users"].items():
                user.refresh_from_db()
                response = signed_in[label].request(method, url)
                allowed = expected_allowed(label, user, route, world)
                status = response.status_code
                # An allowed empty POST may answer 400: the form again, with its errors.
                ok = (200, 302, 400) if method == "post" else (200, 302)
                to_login = status == 302 and response["Location"].startswith("/inloggen/")
                if allowed and (status not in ok or to_login):
                    failures.append(f"{label} {method.upper()} {name}: {status}, expected allowed")
                if not allowed and status not in (403, 404):
                    failures.append(f"{label} {method.upper()} {name}: {status}, expected denied")
                if (
                    not allowed
                    and label.startswith(("foreign", "other"))
                    and route.scope
                    in (
                        "network",
                        "participant",
                    )
                    and status != 404
                ):
                    failures.append(f"{label} {method.upper()} {name}: {status}, must not leak")
    assert not failures, "\n".join(failures)
