"""Tokens: only a hash is stored, the key is shown once; revoked, expired and unknown
tokens answer 401; the token page is the user's own."""

import datetime as dt
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.api.conftest import TokenClient, make_key
from tests.factories import UserFactory
from vangnet.api.models import ApiToken
from vangnet.api.services import (
    MAX_ACTIVE_TOKENS,
    api_token_create,
    api_token_mark_used,
    api_token_revoke,
)
from vangnet.audit.models import AuditEvent

NETWORKS = "/api/networks/"


def test_only_the_hash_of_the_key_is_stored(worker):
    created = api_token_create(user=worker, name="  mijn   script ", valid_days=30)
    token = ApiToken.objects.get()
    assert created.key.startswith("vn_") and len(created.key) > 40
    assert token.key_hash == hashlib.sha256(created.key.encode()).hexdigest()
    assert token.prefix == created.key[:11]
    assert token.name == "mijn script"
    stored = [str(value) for value in ApiToken.objects.values_list().get()]
    assert created.key not in stored
    assert token.expires_at - timezone.now() > dt.timedelta(days=29)
    assert AuditEvent.objects.filter(action="create", object_type="api.apitoken").count() == 1


@pytest.mark.parametrize(
    ("name", "days", "field"),
    [
        ("", 30, "name"),
        ("x" * 101, 30, "name"),
        ("ok", 0, "valid_days"),
        ("ok", None, "valid_days"),
    ],
)
def test_create_validates(worker, name, days, field):
    with pytest.raises(ValidationError) as info:
        api_token_create(user=worker, name=name, valid_days=days)
    assert field in info.value.message_dict
    assert not ApiToken.objects.exists()


def test_create_is_limited(worker):
    for index in range(MAX_ACTIVE_TOKENS):
        api_token_create(user=worker, name=f"t{index}", valid_days=366)
    with pytest.raises(ValidationError):
        api_token_create(user=worker, name="one more", valid_days=366)


def test_token_and_bearer_authenticate(worker):
    key = make_key(worker)
    assert TokenClient(key).get(NETWORKS).status_code == 200
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert bearer.get(NETWORKS).status_code == 200
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize(
    "header",
    ["Token vn_unknown", "Token", "Token a b", "Bearer ", "Token " + "x" * 300, "Token é"],
)
def test_bad_tokens_answer_401(worker, header):
    make_key(worker)
    response = Client(HTTP_AUTHORIZATION=header).get(NETWORKS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert "detail" in response.json()


def test_a_refused_token_is_audited_as_a_failed_sign_in(worker):
    key = make_key(worker)
    Client(HTTP_AUTHORIZATION=f"Token {key}x").get(NETWORKS)
    event = AuditEvent.objects.get(action="login_failed")
    assert event.path == NETWORKS and key not in event.detail


def test_no_credentials_answer_401(db):
    response = Client().get(NETWORKS)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_revoked_token_answers_401(worker):
    created = api_token_create(user=worker, name="s", valid_days=30)
    api_token_revoke(token=created.token, actor=worker)
    api_token_revoke(token=created.token, actor=worker)  # twice: no change, one audit row
    assert TokenClient(created.key).get(NETWORKS).status_code == 401
    assert AuditEvent.objects.filter(action="update", detail="revoked").count() == 1


def test_expired_token_answers_401(worker):
    created = api_token_create(user=worker, name="s", valid_days=1)
    ApiToken.objects.filter(pk=created.token.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert TokenClient(created.key).get(NETWORKS).status_code == 401


def test_token_of_deactivated_user_answers_401(worker):
    key = make_key(worker)
    worker.is_active = False
    worker.save(update_fields=["is_active"])
    assert TokenClient(key).get(NETWORKS).status_code == 401


def test_last_used_is_written_at_most_once_a_minute(worker):
    created = api_token_create(user=worker, name="s", valid_days=30)
    token = created.token
    now = timezone.now()
    api_token_mark_used(token=token, now=now)
    api_token_mark_used(token=token, now=now + dt.timedelta(seconds=30))
    token.refresh_from_db()
    assert token.last_used_at == now
    api_token_mark_used(token=token, now=now + dt.timedelta(minutes=2))
    token.refresh_from_db()
    assert token.last_used_at == now + dt.timedelta(minutes=2)


# --------------------------------------------------------------------------- the page


def test_page_creates_a_token_and_shows_the_key_once(worker_client, worker):
    url = reverse("api:tokens")
    response = worker_client.post(url, {"name": "Rapportage", "valid": "90"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=worker)
    page = response.content.decode()
    key = page.split('class="api-key">')[1].split("<")[0]
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert "Kopieer de sleutel nu" in page
    again = worker_client.get(url).content.decode()
    assert key not in again and token.prefix in again and "Rapportage" in again


def test_page_refuses_bad_input(worker_client, worker):
    response = worker_client.post(reverse("api:tokens"), {"name": "", "valid": "forever"})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_page_has_no_never_expiring_choice(worker_client, worker):
    response = worker_client.post(
        reverse("api:tokens"), {"name": "Altijd", "valid": "never", "scope": "read"}
    )
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_page_makes_a_read_only_token_that_ends(worker_client, worker):
    response = worker_client.post(
        reverse("api:tokens"), {"name": "Script", "valid": "90", "scope": "read"}
    )
    assert response.status_code == 200
    token = ApiToken.objects.get()
    assert token.scope == "read" and token.role == worker.role
    assert dt.timedelta(days=89) < token.expires_at - timezone.now() <= dt.timedelta(days=90)


def test_revoke_own_token_only(worker_client, worker, organisation):
    own = api_token_create(user=worker, name="mijn", valid_days=30)
    colleague = UserFactory(organisation=organisation)
    theirs = api_token_create(user=colleague, name="van een ander", valid_days=30)
    url = reverse("api:token_revoke")
    assert worker_client.post(url, {"token": theirs.token.pk}).status_code == 404
    theirs.token.refresh_from_db()
    assert theirs.token.revoked_at is None
    assert worker_client.post(url, {"token": "junk"}).status_code == 302
    assert worker_client.post(url, {"token": own.token.pk}).status_code == 302
    own.token.refresh_from_db()
    assert own.token.revoked_at is not None
    assert "van een ander" not in worker_client.get(reverse("api:tokens")).content.decode()


def test_page_needs_sign_in_and_csrf(csrf_client, worker):
    response = csrf_client.get(reverse("api:tokens"))
    assert response.status_code == 401
    assert "/inloggen/" in response.content.decode()
    csrf_client.force_login(worker)
    assert csrf_client.post(reverse("api:tokens"), {"name": "x", "valid": "30"}).status_code == 403
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("role", ["evaluator", "municipality"])
def test_every_role_can_make_a_token(client, organisation, role):
    user = UserFactory(organisation=organisation, **{role: True})
    client.force_login(user)
    client.post(reverse("api:tokens"), {"name": "x", "valid": "30"})
    assert ApiToken.objects.filter(user=user).count() == 1
