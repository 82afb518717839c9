"""The support URLs in the authorization matrix (until the lead adds them to ROUTES in
tests/test_authorization.py) and under junk input."""

import pytest

from tests.test_authorization import Route, expected_allowed, url_for
from vangnet.core.permissions import Cap

SUPPORT_ROUTES = {
    "support:tie_list": Route(Cap.VIEW_PARTICIPANTS, "network"),
    "support:tie_create": Route(Cap.EDIT_PARTICIPANTS, "network", ("get", "post")),
    "support:tie_delete": Route(Cap.EDIT_PARTICIPANTS, "network", ("post",)),
    "support:sociogram": Route(Cap.VIEW_NETWORK, "network"),
    "support:client_list": Route(Cap.VIEW_PARTICIPANTS, "none"),
    "support:client_create": Route(Cap.EDIT_PARTICIPANTS, "none", ("get", "post")),
    "support:client_map": Route(
        Cap.VIEW_PARTICIPANTS, "none", ("get", "post"), only=("lead", "backup")
    ),
    "support:participant_map": Route(Cap.VIEW_PARTICIPANTS, "participant", ("get", "post")),
}


@pytest.fixture
def world(world):
    """The shared world plus a network-support client of the lead worker (the lead should
    add these lines to the `world` fixture in tests/conftest.py)."""
    from vangnet.support.models import Client

    network = world["network"]
    client_record = Client.objects.create(
        organisation=world["organisation"],
        display_name="Kees",
        worker=network.lead_worker,
        backup_worker=network.backup_worker,
    )
    world["kwargs"]["client_id"] = client_record.pk
    return world


def test_every_support_url_is_listed():
    from tests.test_authorization import all_url_names

    assert {n for n in all_url_names() if n.startswith("support:")} == set(SUPPORT_ROUTES)


def test_matrix(client, world):
    failures = []
    for name, route in SUPPORT_ROUTES.items():
        url = url_for(name, world["kwargs"])
        for method in route.methods:
            anonymous = getattr(client, method)(url)
            assert anonymous.status_code == 302 and "/inloggen/" in anonymous["Location"]
            for label, user in world["users"].items():
                client.force_login(user)
                status = getattr(client, method)(url).status_code
                client.logout()
                allowed = expected_allowed(label, user, route, world)
                ok = (200, 302, 400) if method == "post" else (200, 302)
                if allowed and status not in ok:
                    failures.append(f"{label} {method} {name}: {status}")
                if not allowed and status not in (403, 404):
                    failures.append(f"{label} {method} {name}: {status}")
                if (
                    not allowed
                    and label.startswith(("foreign", "other"))
                    and route.scope in ("network", "participant")
                    and status != 404
                ):
                    failures.append(f"{label} {method} {name}: {status} leaks")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", sorted(SUPPORT_ROUTES))
def test_junk(client, world, name):
    from tests.test_bad_input import FIELD_NAMES, JUNK_VALUES, OK

    route = SUPPORT_ROUTES[name]
    user = next(
        u for label, u in world["users"].items() if expected_allowed(label, u, route, world)
    )
    client.force_login(user)
    url = url_for(name, world["kwargs"])
    for junk in JUNK_VALUES:
        query = {"van": junk, "start": junk, "end": junk, "support_type": junk, "split": junk}
        assert client.get(url, query).status_code in OK
    if "post" in route.methods:
        page = client.get(url)
        names = FIELD_NAMES.findall(page.content.decode()) if page.status_code == 200 else []
        names = [n for n in set(names) if n != "csrfmiddlewaretoken"] or ["tie"]
        for junk in JUNK_VALUES:
            assert client.post(url, {n: junk for n in names}).status_code in OK
