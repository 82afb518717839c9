"""Single sign-on with OpenID Connect against a real provider process on loopback: the
whole code flow (start, the provider's page, the callback with token exchange and ID
token checks), matching to existing accounts, optional account creation, local sign-in
switched off, and the organisation admin's settings."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.urls import reverse

from tests.factories import UserFactory
from tests.signin.conftest import configure
from vangnet.audit.models import AuditEvent
from vangnet.organisations.middleware import NO_SECOND_FACTOR_KEY
from vangnet.organisations.models import Role, User
from vangnet.signin.models import OrganisationSignIn


def sign_in(client, code: str, sub: str):
    """Start at Vangnet, sign in at the provider as `sub`, come back: the final answer."""
    start = client.get(reverse("signin:oidc_start", kwargs={"code": code}))
    assert start.status_code == 302
    authorize = start["Location"]
    query = parse_qs(urlsplit(authorize).query)
    assert query["code_challenge_method"] == ["S256"] and query["nonce"]
    at_provider = requests.post(authorize, data={"sub": sub}, allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302, at_provider.text
    back = urlsplit(at_provider.headers["Location"])
    assert back.path == reverse("signin:oidc_callback")
    return client.get(f"{back.path}?{back.query}")


def signed_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_existing_user_signs_in_by_email(client, sso, coordinator, settings):
    settings.VANGNET_ENFORCE_2FA = True
    coordinator.email = "Coordinator@Example.org"
    coordinator.save()
    response = sign_in(client, "wijkwerk", "coordinator@example.org")
    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_user(client) == coordinator
    assert client.session[NO_SECOND_FACTOR_KEY] is True
    # The provider vouched for the second factor: no TOTP set-up page in between.
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(action="login", actor_username=coordinator.username).exists()


def test_unknown_person_is_refused_without_account_creation(client, sso):
    response = sign_in(client, "wijkwerk", "stranger@example.org")
    assert response["Location"] == reverse("signin:oidc_failed")
    assert signed_in_user(client) is None
    assert not User.objects.filter(email="stranger@example.org").exists()
    assert AuditEvent.objects.filter(action="login_failed", detail="sso").exists()
    page = client.get(response["Location"], follow=True).content.decode()
    assert "niet gelukt" in page


def test_account_of_another_organisation_is_never_matched(client, sso):
    UserFactory(email="elsewhere@example.org")  # another organisation
    sign_in(client, "wijkwerk", "elsewhere@example.org")
    assert signed_in_user(client) is None


def test_organisation_may_create_accounts_without_a_role_from_the_provider(
    client, organisation, org_admin, oidc_provider
):
    configure(organisation, oidc_provider, org_admin, create_users=True)
    oidc_provider.set_claims(
        "new@example.org",
        {"email": "new@example.org", "given_name": "Nieuw", "role": "org_admin"},
    )
    sign_in(client, "wijkwerk", "new@example.org")
    user = signed_in_user(client)
    assert user.organisation == organisation and user.email == "new@example.org"
    assert user.role == Role.SOCIAL_WORKER  # roles stay in Vangnet
    assert not user.has_usable_password() and user.first_name == "Nieuw"


def test_match_on_another_claim(client, organisation, org_admin, worker, oidc_provider):
    configure(
        organisation,
        oidc_provider,
        org_admin,
        match_claim="preferred_username",
        match_field="username",
    )
    oidc_provider.set_claims("sub-123", {"preferred_username": worker.username.upper()})
    sign_in(client, "wijkwerk", "sub-123")
    assert signed_in_user(client) == worker


def test_inactive_account_cannot_sign_in(client, sso, worker):
    worker.email, worker.is_active = "worker@example.org", False
    worker.save()
    sign_in(client, "wijkwerk", "worker@example.org")
    assert signed_in_user(client) is None


def test_local_sign_in_can_be_switched_off(client, organisation, org_admin, worker, oidc_provider):
    from tests.factories import TEST_PASSWORD

    data = {"username": worker.username, "password": TEST_PASSWORD}
    assert client.post(reverse("login"), data).status_code == 302
    client.logout()
    configure(organisation, oidc_provider, org_admin, local_login_allowed=False)
    response = client.post(reverse("login"), data)
    assert response.status_code == 200 and signed_in_user(client) is None
    assert "organisatie-account" in response.content.decode()
    # Another organisation's users still sign in with their password.
    other = UserFactory()
    assert client.post(reverse("login"), {**data, "username": other.username}).status_code == 302


def test_unknown_or_disabled_code(client, sso):
    assert client.get("/inloggen/organisatie/onbekend/").status_code == 404
    response = client.post(reverse("signin:oidc_choose"), {"code": "onbekend"})
    assert response.status_code == 400 and "kennen we niet" in response.content.decode()
    chosen = client.post(reverse("signin:oidc_choose"), {"code": "wijkwerk"})
    assert chosen["Location"] == reverse("signin:oidc_start", kwargs={"code": "wijkwerk"})
    OrganisationSignIn.objects.update(enabled=False)
    assert client.get("/inloggen/organisatie/wijkwerk/").status_code == 404


def test_callback_without_a_started_sign_in_fails_cleanly(client, db):
    response = client.get(reverse("signin:oidc_callback") + "?code=x&state=y")
    assert response["Location"] == reverse("signin:oidc_failed")


# --------------------------------------------------------------------------- settings page


def settings_form(provider, **changes):
    return {
        "enabled": "on",
        "code": "wijkwerk",
        "issuer": provider.issuer,
        "client_id": "vangnet-client",
        "client_secret": "s3cret-value",
        "match_claim": "email",
        "match_field": "email",
        "local_login_allowed": "on",
    } | changes


def test_admin_saves_settings_secret_encrypted(client, org_admin, oidc_provider):
    client.force_login(org_admin)
    url = reverse("signin:settings")
    assert client.get(url).status_code == 200
    assert client.post(url, settings_form(oidc_provider)).status_code == 302
    config = OrganisationSignIn.objects.get()
    assert config.token_endpoint.startswith(oidc_provider.issuer)  # discovered
    assert "s3cret-value" not in config.client_secret_encrypted
    from vangnet.signin import crypto

    assert crypto.decrypt(config.client_secret_encrypted) == "s3cret-value"
    # An empty secret keeps the stored one; the page never shows it.
    client.post(url, settings_form(oidc_provider, client_secret=""))
    config.refresh_from_db()
    assert crypto.decrypt(config.client_secret_encrypted) == "s3cret-value"
    assert "s3cret-value" not in client.get(url).content.decode()
    assert AuditEvent.objects.filter(detail="sign-in settings").count() == 2


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"issuer": "http://idp.example.org"}, "https-adres"),
        ({"issuer": "http://127.0.0.1:9/none"}, "niet ophalen"),
        ({"enabled": "", "local_login_allowed": ""}, "anders kan niemand"),
        ({"match_claim": "two words"}, "één claim"),
    ],
)
def test_settings_refuse_bad_input(client, org_admin, oidc_provider, changes, message):
    client.force_login(org_admin)
    response = client.post(reverse("signin:settings"), settings_form(oidc_provider, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not OrganisationSignIn.objects.exists()


def test_settings_code_must_be_unique(client, org_admin, oidc_provider):
    other_admin = UserFactory(admin=True)
    configure(other_admin.organisation, oidc_provider, other_admin)
    client.force_login(org_admin)
    response = client.post(reverse("signin:settings"), settings_form(oidc_provider))
    assert response.status_code == 400 and "al in gebruik" in response.content.decode()


def test_choose_page_lets_its_form_end_at_the_provider(client, sso):
    """Regression (browser test): the site's CSP form-action 'self' blocked the redirect
    from the code form to the provider's sign-in page."""
    policy = client.get(reverse("signin:oidc_choose"))["Content-Security-Policy"]
    assert f"form-action 'self' {sso.issuer}" in policy
    assert "form-action 'self'" in client.get(reverse("login"))["Content-Security-Policy"]


def _sign_in_after_change(client, sso, worker, **changes):
    worker.email = "worker@example.org"
    worker.save()
    start = client.get(reverse("signin:oidc_start", kwargs={"code": "wijkwerk"}))
    OrganisationSignIn.objects.filter(pk=sso.pk).update(**changes)
    at_provider = requests.post(
        start["Location"], data={"sub": "worker@example.org"}, allow_redirects=False, timeout=10
    )
    back = urlsplit(at_provider.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def test_id_token_of_another_issuer_is_refused(client, sso, worker):
    """Regression: a failed ID token check (SuspiciousOperation) answered 400, not the
    Dutch failure message."""
    response = _sign_in_after_change(client, sso, worker, issuer="http://127.0.0.1:1")
    assert response["Location"] == reverse("signin:oidc_failed")
    assert signed_in_user(client) is None


def test_code_the_provider_refuses_gives_no_server_error(client, sso, worker):
    """Regression: the provider's 400 on the token exchange (here: the code was issued to
    another client) raised out of the callback as a 500."""
    response = _sign_in_after_change(client, sso, worker, client_id="someone-else")
    assert response["Location"] == reverse("signin:oidc_failed")
    assert signed_in_user(client) is None
