"""The schema and the browsable docs: behind sign-in, self-hosted, no inline script, nothing
from another host (the site's CSP)."""

import re

import yaml
from django.urls import reverse

from tests.api.conftest import token_client

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.IGNORECASE | re.DOTALL)
URL_ATTR = re.compile(r'\b(?:src|href)\s*=\s*["\']([^"\']+)["\']', re.IGNORECASE)


def test_schema_and_docs_need_sign_in(client, db):
    assert client.get(reverse("api:schema")).status_code == 401
    assert client.get(reverse("api:docs")).status_code == 401


def test_docs_page_has_no_inline_script_and_no_other_host(worker_client):
    response = worker_client.get(reverse("api:docs"))
    assert response.status_code == 200
    page = response.content.decode()
    scripts = SCRIPT_TAG.findall(page)
    assert scripts, "the docs page loads its scripts"
    for attributes, body in scripts:
        assert "src=" in attributes, f"inline script: {body[:80]!r}"
        assert not body.strip()
    assert not re.search(r"\son[a-z]+\s*=", page), "inline event handler"
    assert "style=" not in page
    for url in URL_ATTR.findall(page):
        assert url.startswith("/") and not url.startswith("//"), f"loads {url}"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"].split("script-src")[1]
    # The init script is served from this site.
    init = next(src for src in URL_ATTR.findall(page) if "script" in src and "?" in src)
    script = worker_client.get(init)
    assert script.status_code == 200
    assert "javascript" in script["Content-Type"]


def test_schema_describes_every_endpoint(worker):
    api = token_client(worker)
    response = api.get(reverse("api:schema"))
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    paths = schema["paths"]
    for path in (
        "/api/networks/",
        "/api/networks/{network_id}/",
        "/api/networks/{network_id}/sessions/",
        "/api/networks/{network_id}/sessions/{session_id}/",
        "/api/networks/{network_id}/sessions/{session_id}/attendance/",
        "/api/networks/{network_id}/routes/",
        "/api/networks/{network_id}/ties/",
        "/api/networks/{network_id}/measures/",
        "/api/reports/organisation/",
    ):
        assert path in paths, path
    post = paths["/api/networks/{network_id}/sessions/{session_id}/attendance/"]["post"]
    assert {"200", "400", "401", "403", "404"} <= set(post["responses"])
    assert "tokenAuth" in schema["components"]["securitySchemes"]
    assert not any("sleutels" in path for path in paths)  # the HTML pages are no API
