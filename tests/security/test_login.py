"""Login lockout (django-axes), password rules, session lifetimes and logout."""

import time

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import TEST_PASSWORD, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.core.security import LOGIN_AT_SESSION_KEY

LOGIN = "/inloggen/"


def _try(client, username, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def user(organisation):
    return UserFactory(organisation=organisation, username="anna")


def test_correct_password_signs_in(client, user):
    response = _try(client, "anna", TEST_PASSWORD)
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="login", actor=user).count() == 1


def test_five_failures_lock_username_and_ip_for_fifteen_minutes(client, user):
    for _attempt in range(5):
        response = _try(client, "anna", "wrong-password")
    # The fifth failure already answers with the lockout page.
    assert response.status_code == 429
    response = _try(client, "anna", TEST_PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "15 minuten op slot" in page
    assert 'name="username"' in page  # the login page itself, with the message
    assert "_auth_user_id" not in client.session
    # Failed logins stay audited (audit/signals.py), without the password tried.
    failed = AuditEvent.objects.filter(action="login_failed")
    assert failed.count() >= 5
    assert not failed.filter(detail__contains="wrong-password").exists()


def test_four_failures_do_not_lock(client, user):
    for _attempt in range(4):
        _try(client, "anna", "wrong-password")
    assert _try(client, "anna", TEST_PASSWORD).status_code == 302


def test_lockout_is_per_username_and_ip(client, organisation, user):
    UserFactory(organisation=organisation, username="bert")
    for _attempt in range(5):
        _try(client, "anna", "wrong-password", ip="10.0.0.1")
    assert _try(Client(), "anna", TEST_PASSWORD, ip="10.0.0.2").status_code == 302
    assert _try(Client(), "bert", TEST_PASSWORD, ip="10.0.0.1").status_code == 302
    assert _try(Client(), "anna", TEST_PASSWORD, ip="10.0.0.1").status_code == 429


def test_lock_ends_after_fifteen_minutes(client, user):
    for _attempt in range(5):
        _try(client, "anna", "wrong-password")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timezone.timedelta(minutes=16))
    assert _try(client, "anna", TEST_PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "password",
    ["kort1234", "123456789012345", "password1234", "annabelle-jansen1"],
)
def test_password_rules_refuse_weak_passwords(password, organisation):
    user = UserFactory(organisation=organisation, username="annabelle-jansen")
    with pytest.raises(ValidationError):
        validate_password(password, user=user)


def test_password_rules_accept_a_long_uncommon_password(user):
    validate_password("fiets-lantaarn-pannenkoek-42", user=user)


def test_idle_timeout_is_thirty_minutes():
    assert django_settings.SESSION_COOKIE_AGE == 30 * 60
    # Kept alive by vangnet.core.session_touch (tests/core/test_session_touch.py).


def test_session_ends_twelve_hours_after_signing_in_however_active(client, user):
    assert _try(client, "anna", TEST_PASSWORD).status_code == 302
    assert client.get("/").status_code == 200
    session = client.session
    session[LOGIN_AT_SESSION_KEY] = int(time.time()) - 12 * 3600 + 60
    session.save()
    assert client.get("/").status_code == 200
    session = client.session
    session[LOGIN_AT_SESSION_KEY] = int(time.time()) - 12 * 3600 - 60
    session.save()
    key = session.session_key
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("login") + "?sessie=verlopen"
    assert "Je sessie is verlopen" in client.get(response["Location"]).content.decode()
    assert not SessionStore().exists(key)
    assert client.get("/").status_code == 302


def test_logout_ends_the_server_side_session(client, user):
    _try(client, "anna", TEST_PASSWORD)
    key = client.session.session_key
    assert SessionStore().exists(key)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert not SessionStore().exists(key)
    assert client.get("/").status_code == 302
