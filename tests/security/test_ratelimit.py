"""core.ratelimit: sign-in, two-factor code entry (and, through the same function, password
reset) answer 429 once the rate is passed."""

import pytest
from django.urls import reverse

from vangnet.audit.models import AuditEvent
from vangnet.core.ratelimit import hit, parse_rate, rate_limit

pytestmark = pytest.mark.usefixtures("ratelimit_clock")


def test_parse_rate():
    assert parse_rate("10/minute").count == 10 and parse_rate("10/minute").seconds == 60
    assert parse_rate("5/h").seconds == 3600
    assert parse_rate("off") is None and parse_rate("") is None
    with pytest.raises(ValueError):
        parse_rate("ten a minute")


def test_fixed_window_counts_per_identity(settings):
    settings.VANGNET_RATE_LIMITS = {"try": "2/minute"}
    assert hit("try", "a", now=120.0) is None
    assert hit("try", "a", now=121.0) is None
    over = hit("try", "a", now=130.0)
    assert over.retry_after == 50 and over.first
    assert not hit("try", "a", now=131.0).first
    assert hit("try", "b", now=131.0) is None  # another identity has its own count
    assert hit("try", "a", now=180.0) is None  # the next window starts afresh
    assert hit("unlisted", "a") is None


def test_login_is_rate_limited_per_account(settings, client, worker):
    settings.VANGNET_RATE_LIMITS = {"login": "100/minute", "login_account": "3/minute"}
    url = reverse("login")
    data = {"username": "nobody-here", "password": "wrong password"}
    codes = [client.post(url, data).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = client.post(url, data)
    assert response.status_code == 429 and "Te veel pogingen" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    # Logged once per window, not once per refused request.
    assert AuditEvent.objects.filter(detail="rate limit login_account").count() == 1
    other = client.post(url, {"username": worker.username, "password": "x"})
    assert other.status_code == 200


def test_login_is_rate_limited_per_address(settings, client, db):
    settings.VANGNET_RATE_LIMITS = {"login": "2/minute", "login_account": "100/minute"}
    url = reverse("login")
    codes = [client.post(url, {"username": f"u{i}", "password": "x"}).status_code for i in range(3)]
    assert codes == [200, 200, 429]


def test_two_factor_code_entry_is_rate_limited(settings, client, worker):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.VANGNET_RATE_LIMITS = {"code": "2/minute"}
    TOTPDevice.objects.create(user=worker, name="app", confirmed=True)
    client.force_login(worker)
    url = reverse("privacy:twofactor_verify")
    codes = [client.post(url, {"token": "000000"}).status_code for _ in range(3)]
    assert codes == [400, 400, 429]


def test_rate_limit_is_the_function_other_apps_use(settings, rf, db):
    settings.VANGNET_RATE_LIMITS = {"password_reset": "1/hour"}
    request = rf.post("/wachtwoord-vergeten/")
    assert rate_limit(request, scope="password_reset", ident="a@example.org") is None
    response = rate_limit(request, scope="password_reset", ident="A@example.org ")
    assert response.status_code == 429
