"""A real OpenID Connect provider (the oidc-provider-mock package) in its own process on
an ephemeral loopback port, for the single sign-on tests. Whoever signs in at its page
types a subject; PUT /users/<sub> sets that person's claims beforehand."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import requests

SCRIPT = """
import sys
import werkzeug.serving
from oidc_provider_mock import app

server = werkzeug.serving.make_server("127.0.0.1", 0, app(require_nonce=True), threaded=True)
print(server.server_port, flush=True)
server.serve_forever(0.1)
"""


@dataclass(frozen=True)
class Provider:
    issuer: str

    def set_claims(self, sub: str, claims: dict) -> None:
        response = requests.put(f"{self.issuer}/users/{sub}", json=claims, timeout=10)
        response.raise_for_status()


@contextmanager
def provider_process() -> Iterator[Provider]:
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-c", SCRIPT], stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(process.stdout.readline().strip())
        yield Provider(issuer=f"http://127.0.0.1:{port}")
    finally:
        process.terminate()
        process.wait(timeout=10)
