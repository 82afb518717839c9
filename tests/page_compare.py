"""Pages as the cache tests compare them: a cached body against one rendered from scratch.

What differs per request is masked (the CSRF token, the print line's minute in base.html),
and the request's on-commit work runs, as it does after a real response (a cache entry is
stored only when the transaction commits)."""

from __future__ import annotations

import re

from django.db import connection
from django.test import Client, TestCase

CSRF = re.compile(r'(csrfmiddlewaretoken" value="|csrf-token" content="|CSRFToken": ")[^"]+')
MINUTE = re.compile(r"(Gemaakt op [^,<]*, |Made on [^,<]*, )\d\d:\d\d")


def page_text(client: Client, url: str) -> str:
    """The page at `url` as `client` gets it (200 asserted), per-request parts masked."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return MINUTE.sub(r"\1…", CSRF.sub(r"\1…", response.content.decode()))


def raw_sql(sql: str, params: list) -> None:
    """A write around the ORM, as SQL by hand would make it (the triggers must see it)."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def cached_equals_fresh(clients: dict, render) -> dict[tuple[str, str], str]:
    """For each viewer's client and language: `render(client, cached=..., language=...)`
    with the caches on equals it with them off. The pages, by (viewer, language)."""
    pages = {}
    for name, client in clients.items():
        for language in ("nl", "en"):
            cached = render(client, cached=True, language=language)
            assert cached == render(client, cached=False, language=language), (name, language)
            pages[name, language] = cached
    return pages


def counted_compilations(monkeypatch, query) -> list:
    """`query` (a core.compiled_query.CompiledQuery) emptied, and from now on the model of
    every SQL compilation appended to the list returned."""
    from django.db.models.sql.compiler import SQLCompiler

    query.clear()
    compiled: list = []
    as_sql = SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        compiled.append(self.query.model)
        return as_sql(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)
    return compiled
