"""The participant role: a participant account reaches its own pages and nothing else.

Every staff URL of the authorization matrix, requested with a participant session, answers
the staff sign-in (or 401/403 for the API); the participant pages show only the signed-in
person's data, never another participant's of the same network or of another organisation.
"""

from django.urls import reverse

from tests.authz.myspace import PUBLIC
from tests.myspace.conftest import activate, sign_in
from tests.test_authorization import ROUTES, url_for


def test_participant_reaches_no_staff_url(client, world):
    participant = world["participant"]
    account = activate(participant, actor=world["users"]["lead"])
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


def test_participant_pages_show_only_their_own_person(client, space):
    anna = activate(space["anna"], actor=space["worker"])
    activate(space["bert"], actor=space["worker"])
    activate(space["carla"], actor=space["foreign_worker"])
    sign_in(client, anna)
    for name in ("myspace:home", "myspace:my_data"):
        html = client.get(reverse(name)).content.decode()
        assert "Anna" in html
        assert "Bertus" not in html and "Carla" not in html


def test_participant_pages_need_a_participant_session(client, space):
    client.force_login(space["worker"])  # a staff user is not a participant
    for name in ("myspace:home", "myspace:my_data"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("myspace:signin"))
    assert {"myspace:home", "myspace:my_data"} <= PUBLIC


def test_a_forged_session_of_an_inactive_account_gets_nothing(client, space):
    account = activate(space["anna"], actor=space["worker"])
    from vangnet.myspace import services

    services.account_close(account=account, actor=space["worker"])
    sign_in(client, account)
    assert client.get(reverse("myspace:home")).status_code == 302


# The participant pages added after the first ones (issue 16): without a participant
# session they send everyone, a staff user too, to the participant sign-in.
NEW_PAGES = ("myspace:absences", "myspace:calendar", "myspace:consents")


def test_new_participant_pages_need_a_participant_session(client, space):
    assert set(NEW_PAGES) <= PUBLIC
    for name in NEW_PAGES:
        for who in (None, space["worker"]):
            client.logout()
            if who is not None:
                client.force_login(who)
            response = client.get(reverse(name))
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("myspace:signin")), name
