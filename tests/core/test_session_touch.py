"""A signed-in session is saved at most once a minute (vangnet.core.session_touch), and the
idle timeout still ends it 29-30 minutes after the last request, never later."""

import datetime as dt
import time

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import TEST_PASSWORD, UserFactory
from vangnet import settings as project_settings
from vangnet.core.session_touch import TOUCHED_KEY

pytestmark = pytest.mark.django_db
HOME = "/"


@pytest.fixture(autouse=True)
def _a_minute(settings):
    settings.VANGNET_SESSION_REFRESH_SECONDS = project_settings.VANGNET_SESSION_REFRESH_SECONDS


def test_the_session_is_kept_alive_once_a_minute():
    assert project_settings.VANGNET_SESSION_REFRESH_SECONDS == 60
    assert project_settings.SESSION_SAVE_EVERY_REQUEST is False


def test_signing_in_stamps_the_session(signed_in):
    assert abs(signed_in.session[TOUCHED_KEY] - time.time()) < 5
    assert _session_writes(signed_in) == []  # the first page after signing in


@pytest.fixture
def signed_in(organisation):
    UserFactory(organisation=organisation, username="anna")
    client = Client()
    response = client.post("/inloggen/", {"username": "anna", "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def _session_writes(client, path=HOME):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return [q["sql"] for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]]


def _row(client):
    return Session.objects.get(session_key=client.cookies["sessionid"].value)


def _stamp(client, seconds_ago):
    session = client.session
    session[TOUCHED_KEY] = int(time.time()) - seconds_ago
    session.save()


def test_a_request_soon_after_the_last_save_writes_no_session(signed_in):
    _stamp(signed_in, 5)
    expires = _row(signed_in).expire_date
    assert _session_writes(signed_in) == []
    assert _row(signed_in).expire_date == expires
    assert "sessionid" not in signed_in.get(HOME).cookies  # the cookie is not sent again


def test_a_request_a_minute_after_the_last_save_moves_the_idle_timeout(signed_in):
    _stamp(signed_in, 61)
    before = _row(signed_in).expire_date
    assert _session_writes(signed_in)  # saved
    after = _row(signed_in).expire_date
    assert after > before
    assert after <= timezone.now() + dt.timedelta(seconds=30 * 60)
    assert abs(signed_in.session[TOUCHED_KEY] - time.time()) < 5


def test_a_stamp_in_the_future_is_refreshed(signed_in):
    _stamp(signed_in, -3600)  # a clock that jumped back: never trust a stamp ahead of now
    assert _session_writes(signed_in)


def test_the_session_never_lives_longer_than_thirty_minutes_after_the_last_request(signed_in):
    for seconds_ago in (0, 30, 59):
        _stamp(signed_in, seconds_ago)
        signed_in.get(HOME)
        expires = _row(signed_in).expire_date
        latest = timezone.now() + dt.timedelta(seconds=30 * 60)
        assert latest - dt.timedelta(seconds=65) <= expires <= latest


def test_an_idle_session_ends(signed_in):
    Session.objects.filter(session_key=signed_in.cookies["sessionid"].value).update(
        expire_date=timezone.now() - dt.timedelta(seconds=1)
    )
    response = signed_in.get(HOME)
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"]


def test_anonymous_requests_get_no_session(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/inloggen/")
    assert response.status_code == 200
    assert not any("django_session" in q["sql"] for q in queries)
    assert "sessionid" not in response.cookies
    client.cookies["sessionid"] = "not-a-session-of-ours"
    client.get("/inloggen/")
    assert Session.objects.count() == 0


def test_signing_out_leaves_no_session_behind(signed_in):
    _stamp(signed_in, 120)
    signed_in.post("/uitloggen/")
    assert Session.objects.count() == 0
