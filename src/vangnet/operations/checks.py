"""The readiness checks Vangnet itself brings: the database answers a query and the cache
stores and returns a value. Other apps add theirs (the worker's heartbeat) through
`registry.register_readiness_check`."""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection

from vangnet.operations.registry import NotReady, readiness_checks, register_readiness_check

logger = logging.getLogger(__name__)


def database_check() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise NotReady("database answered wrongly")
    return None


def cache_check() -> str | None:
    key = f"operations:readyz:{secrets.token_hex(8)}"
    cache.set(key, "1", timeout=10)
    try:
        if cache.get(key) != "1":
            raise NotReady("cache did not return what was stored")
    finally:
        cache.delete(key)
    return None


def register_builtin_checks() -> None:
    register_readiness_check("database", database_check)
    register_readiness_check("cache", cache_check)


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float


def run_checks() -> list[CheckResult]:
    """Every registered check, each on its own: one failing does not hide another."""
    results = []
    for name, fn in readiness_checks().items():
        start = time.perf_counter()
        try:
            detail = fn() or ""
            ok = True
        except Exception as exc:  # a readiness check reports, never raises
            ok, detail = False, f"{type(exc).__name__}: {exc}"[:200]
            logger.warning("Readiness check %s failed: %s", name, detail)
        results.append(CheckResult(name, ok, detail, time.perf_counter() - start))
    return results
