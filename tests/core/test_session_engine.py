"""Where sign-in sessions are read from: the shared cache when there is one, with the
database behind it; the database alone when each worker would have its own memory."""

import os
import subprocess
import sys

import pytest


def session_engine(cache_url: str) -> str:
    env = {**os.environ, "VANGNET_CACHE_URL": cache_url}
    script = "from django.conf import settings; print(settings.SESSION_ENGINE)"
    done = subprocess.run(  # noqa: S603 - fixed command, our own interpreter
        [sys.executable, "-c", "import django; django.setup(); " + script],
        env={**env, "DJANGO_SETTINGS_MODULE": "vangnet.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("cache_url", "engine"),
    [
        ("redis://127.0.0.1:6379/3", "django.contrib.sessions.backends.cached_db"),
        ("", "django.contrib.sessions.backends.db"),
    ],
)
def test_sessions_come_from_the_shared_cache_only(cache_url, engine):
    assert session_engine(cache_url) == engine
