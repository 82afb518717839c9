"""Security headers on every response and a clean `vangnet check --deploy` in production."""

import os
import secrets
import subprocess
import sys

from django.conf import settings


def test_security_headers_on_the_login_page(client):
    response = client.get("/inloggen/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_cookies_are_not_readable_by_scripts():
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def production_env(tmp_path) -> dict[str, str]:
    """This process's environment as production would have it. The browser tests' conftest
    sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a production server never has it."""
    env = {
        **os.environ,
        "VANGNET_MODE": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "vangnet.example.org",
        "VANGNET_DATA_DIR": str(tmp_path),
        "DATABASE_URL": "",
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return env


def test_deploy_check_is_clean_in_production(tmp_path):
    env = production_env(tmp_path)
    script = (
        "import sys; sys.argv=['vangnet','check','--deploy','--fail-level','WARNING'];"
        "from vangnet.cli import main; main()"
    )
    result = subprocess.run(  # noqa: S603 - fixed command, our own interpreter
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_enforce_two_factor_and_https(tmp_path):
    env = production_env(tmp_path)
    env.pop("VANGNET_ENFORCE_2FA", None)
    script = (
        "import vangnet.settings as s;"
        "print(s.VANGNET_ENFORCE_2FA, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert result.stdout.split() == ["True", "True", "31536000"], result.stderr
