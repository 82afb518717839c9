"""Behind a reverse proxy, lockout and the audit trail see the client's address.

VANGNET_TRUSTED_PROXY_COUNT = N: the client is the N-th X-Forwarded-For entry from the right.
N = 0 (default): the header is never trusted, so a client cannot pick its own address.
"""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings

from tests.factories import TEST_PASSWORD, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.audit.services import client_ip

LOGIN = "/inloggen/"
PROXY = "10.0.0.1"
CLIENT = "203.0.113.7"


def _request(xff=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().get("/", **extra)


def test_default_is_no_trusted_proxy():
    from django.conf import settings

    assert settings.VANGNET_TRUSTED_PROXY_COUNT == 0


@override_settings(VANGNET_TRUSTED_PROXY_COUNT=0)
def test_without_trusted_proxy_the_header_is_ignored():
    assert client_ip(_request(xff=CLIENT)) == PROXY
    assert client_ip(_request()) == PROXY
    assert client_ip(None) is None


@override_settings(VANGNET_TRUSTED_PROXY_COUNT=1)
def test_one_proxy_takes_the_rightmost_entry():
    assert client_ip(_request(xff=CLIENT)) == CLIENT
    # Whatever the client put in front itself is not trusted.
    assert client_ip(_request(xff=f"1.2.3.4, {CLIENT}")) == CLIENT
    assert client_ip(_request(xff=f"1.2.3.4,{CLIENT}")) == CLIENT


@override_settings(VANGNET_TRUSTED_PROXY_COUNT=2)
def test_two_proxies_take_the_second_entry_from_the_right():
    assert client_ip(_request(xff=f"6.6.6.6, {CLIENT}, 10.0.0.2")) == CLIENT
    assert client_ip(_request(xff=f"{CLIENT}, 10.0.0.2")) == CLIENT


@override_settings(VANGNET_TRUSTED_PROXY_COUNT=2)
def test_short_missing_or_invalid_header_falls_back_to_remote_addr():
    assert client_ip(_request(xff=CLIENT)) == PROXY
    assert client_ip(_request()) == PROXY
    assert client_ip(_request(xff="", remote=PROXY)) == PROXY
    assert client_ip(_request(xff="niet-een-adres, 10.0.0.2")) == PROXY
    assert client_ip(_request(xff="2001:db8::1, 10.0.0.2")) == "2001:db8::1"


@pytest.fixture
def user(organisation):
    return UserFactory(organisation=organisation, username="anna")


def _try(client, xff, password=None):
    return client.post(
        LOGIN,
        {"username": "anna", "password": password or "fout-" + TEST_PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=xff,
    )


@pytest.mark.django_db
@override_settings(VANGNET_TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_lockout_and_audit_use_the_client_address(client, user):
    for _attempt in range(5):
        response = _try(client, CLIENT)
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {CLIENT}
    failed = AuditEvent.objects.filter(action="login_failed")
    assert failed.count() >= 5
    assert set(failed.values_list("ip_address", flat=True)) == {CLIENT}
    # Another client behind the same proxy is not locked out.
    assert _try(client, "198.51.100.4", TEST_PASSWORD).status_code == 302
    assert AuditEvent.objects.get(action="login", actor=user).ip_address == "198.51.100.4"


@pytest.mark.django_db
@override_settings(VANGNET_TRUSTED_PROXY_COUNT=0)
def test_without_trusted_proxy_a_forged_header_does_not_escape_the_lock(client, user):
    for attempt in range(5):
        _try(client, f"198.51.100.{attempt}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {PROXY}
    assert _try(client, "198.51.100.99", TEST_PASSWORD).status_code == 429
    failed = AuditEvent.objects.filter(action="login_failed")
    assert set(failed.values_list("ip_address", flat=True)) == {PROXY}
