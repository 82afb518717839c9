"""The network-support client's role: a client account reaches its own pages and nothing else.

Every staff URL of the authorization matrix, requested with a client session, answers the
staff sign-in (or 401/403 for the API); every page of Mijn Vangnet shows only the signed-in
client's data, never another client's of the same worker or of another organisation.
"""

from django.urls import reverse

from tests.authz.myspace_clients import PUBLIC
from tests.myspace.conftest import activate, sign_in
from tests.myspace.test_contacts import _client_with_map
from tests.test_authorization import ROUTES, url_for
from vangnet.myspace import client_services

CLIENT_PAGES = sorted(PUBLIC | {"myspace:home", "myspace:my_data", "myspace:contacts"})


def test_client_reaches_no_staff_url(client, world):
    kees = world["kwargs"]["client_id"]
    from vangnet.support.models import Client

    account = activate(None, actor=world["users"]["lead"], client=Client.objects.get(pk=kees))
    failures = []
    for name, route in sorted(ROUTES.items()):
        url = url_for(name, world["kwargs"])
        for method in route.methods:
            sign_in(client, account)
            response = getattr(client, method)(url)
            status = response.status_code
            if name.startswith("api:"):
                if status not in (401, 403):
                    failures.append(f"{method} {name}: {status}")
            elif status != 302 or not response["Location"].startswith("/inloggen/"):
                failures.append(f"{method} {name}: {status}")
    assert not failures, "\n".join(failures)


def test_client_pages_show_only_their_own_person(client, space):
    worker = space["worker"]
    kees, _mother = _client_with_map(worker)
    piet, _their_mother = _client_with_map(worker, name="Piet")
    foreign, _foreign_mother = _client_with_map(space["foreign_worker"], name="Fenna")
    for other in (piet, foreign):
        client_services.goal_add(client=other, text=f"doel van {other.display_name}")
        activate(None, actor=other.worker, client=other)
    client_services.goal_add(client=kees, text="een eigen woning")
    sign_in(client, activate(None, actor=worker, client=kees))
    for name in CLIENT_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "Piet" not in html and "Fenna" not in html, name
    assert "een eigen woning" in client.get(reverse("myspace:goals")).content.decode()


def test_client_pages_need_a_space_session(client, space):
    client.force_login(space["worker"])  # a staff user is not a client
    for name in CLIENT_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("myspace:signin"))
    client.logout()
    for name in CLIENT_PAGES:
        assert client.post(reverse(name), {"action": "add", "text": "x"}).status_code == 302


def test_the_space_switched_off_ends_the_clients_session(client, space):
    from vangnet.myspace import services

    kees, _mother = _client_with_map(space["worker"])
    sign_in(client, activate(None, actor=space["worker"], client=kees))
    assert client.get(reverse("myspace:goals")).status_code == 200
    services.space_switch_set(
        organisation=kees.organisation, network=None, on=False, actor=space["worker"]
    )
    assert client.get(reverse("myspace:goals")).status_code == 302
