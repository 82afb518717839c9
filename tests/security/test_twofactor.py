"""TOTP two-factor authentication: required for coordinators and admins, optional for others
unless the organisation requires it; set-up with an inline SVG QR code; reset by the admin."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import TEST_PASSWORD, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.privacy.models import OrganisationSecuritySettings

SETUP = "/privacy/tweestaps/instellen/"
VERIFY = "/privacy/tweestaps/controleren/"


@pytest.fixture(autouse=True)
def _enforce(settings):
    settings.VANGNET_ENFORCE_2FA = True


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _set_up(client: Client) -> TOTPDevice:
    client.get(SETUP)
    device = TOTPDevice.objects.get(confirmed=False)
    response = client.post(SETUP, {"token": _code(device), "next": "/"})
    assert response.status_code == 302
    device.refresh_from_db()
    return device


def test_coordinator_is_sent_to_setup_before_anything_else(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/netwerken/")
    assert response.status_code == 302
    assert response["Location"] == SETUP + "?next=%2Fnetwerken%2F"


def test_setup_page_shows_an_inline_svg_qr_code_without_inline_script_or_style(client, coordinator):
    client.force_login(coordinator)
    response = client.get(SETUP)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<svg" in page
    assert "style=" not in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)  # only external script files
    assert not re.search(r'(src|href)="https?://', page)  # no third-party requests
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_wrong_code_does_not_confirm(client, coordinator):
    client.force_login(coordinator)
    client.get(SETUP)
    response = client.post(SETUP, {"token": "000000"})
    assert response.status_code == 400
    assert "Deze code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    assert client.get("/").status_code == 302


def test_confirmed_code_opens_the_application_and_is_audited(client, coordinator):
    client.force_login(coordinator)
    device = _set_up(client)
    assert device.confirmed
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(actor=coordinator, detail="2fa_setup").count() == 1


def test_next_sign_in_asks_for_a_code(client, coordinator):
    client.force_login(coordinator)
    device = _set_up(client)
    client.logout()
    fresh = Client()
    assert (
        fresh.post(
            "/inloggen/", {"username": coordinator.username, "password": TEST_PASSWORD}
        ).status_code
        == 302
    )
    response = fresh.get("/")
    assert response["Location"].startswith(VERIFY)
    bad = fresh.post(VERIFY, {"token": "12345x"})
    assert bad.status_code == 400
    assert fresh.get("/").status_code == 302
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.last_t = -1
    device.save()
    ok = fresh.post(VERIFY, {"token": _code(device), "next": "/netwerken/"})
    assert ok.status_code == 302 and ok["Location"] == "/netwerken/"
    assert fresh.get("/").status_code == 200


def test_verify_refuses_an_outside_next_url(client, coordinator):
    client.force_login(coordinator)
    device = _set_up(client)
    fresh = Client()
    fresh.force_login(coordinator)
    device.last_t = -1
    device.save()
    ok = fresh.post(VERIFY, {"token": _code(device), "next": "https://evil.example/"})
    assert ok["Location"] == "/"


def test_org_admin_must_use_two_factor(client, org_admin):
    client.force_login(org_admin)
    assert client.get("/organisatie/").status_code == 302


def test_worker_may_skip_two_factor_by_default(worker_client):
    assert worker_client.get("/").status_code == 200


def test_organisation_can_require_two_factor_for_everyone(client, worker, organisation):
    OrganisationSecuritySettings.objects.create(
        organisation=organisation, require_two_factor_for_all=True
    )
    client.force_login(worker)
    assert client.get("/")["Location"].startswith(SETUP)


def test_worker_who_set_it_up_must_verify(client, worker):
    client.force_login(worker)
    _set_up(client)
    fresh = Client()
    fresh.force_login(worker)
    assert fresh.get("/")["Location"].startswith(VERIFY)


def test_admin_edits_the_organisation_setting(client, org_admin, organisation):
    client.force_login(org_admin)
    _set_up(client)
    page = client.get(reverse("privacy:security_settings"))
    assert page.status_code == 200
    response = client.post(
        reverse("privacy:security_settings"), {"require_two_factor_for_all": "on"}
    )
    assert response.status_code == 302
    assert OrganisationSecuritySettings.objects.get(
        organisation=organisation
    ).require_two_factor_for_all


def test_admin_resets_a_users_two_factor(client, org_admin, coordinator):
    other = Client()
    other.force_login(coordinator)
    _set_up(other)
    client.force_login(org_admin)
    admin_device = _set_up(client)
    url = reverse("privacy:twofactor_reset", kwargs={"user_id": coordinator.pk})
    assert client.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert TOTPDevice.objects.filter(pk=admin_device.pk).exists()
    assert AuditEvent.objects.filter(
        actor=org_admin, detail="2fa_reset", object_id=str(coordinator.pk)
    ).exists()


def test_reset_of_another_organisations_user_is_404(client, org_admin):
    foreign = UserFactory()
    TOTPDevice.objects.create(user=foreign, name="app", confirmed=True)
    client.force_login(org_admin)
    _set_up(client)
    url = reverse("privacy:twofactor_reset", kwargs={"user_id": foreign.pk})
    assert client.post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=foreign).exists()


def test_enforcement_off_lets_force_login_users_in(client, coordinator, settings):
    settings.VANGNET_ENFORCE_2FA = False
    client.force_login(coordinator)
    assert client.get("/").status_code == 200
