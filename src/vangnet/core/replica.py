"""Reads on a PostgreSQL streaming replica: the scale-out path for the heavy read pages.

With `DATABASE_REPLICA_URL` set, settings add a database alias "replica" and this router.
Only code that asks for it reads from the replica: the dashboard, the organisation report,
the municipality and annual reports and the export jobs run inside `replica_reads()` (a
view decorator and a context manager). Everything else, and every write, uses the primary
("default"). Without a replica nothing changes.

Read your own writes: a user who has just changed something (any POST, PUT, PATCH or DELETE
answered without a server error) reads from the primary for `VANGNET_REPLICA_PIN_SECONDS`
(default 10 s), so the page after a save never shows the state before it, however far the
replica lags. `ReplicaPinMiddleware` sets that mark in the session.

Background jobs have no session to pin: an export job reads from the replica only once the
replica has replayed everything the primary had written when the job started
(`replica_reads(consistent=True)`, waiting up to `VANGNET_REPLICA_WAIT_SECONDS`), else from
the primary; so a job never misses what was saved before it was asked for.

A replica that does not answer is skipped: the request reads from the primary (and the
failure is logged), so a broken replica slows the reports down but never breaks them.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PIN_KEY = "vangnet_primary_until"
logger = logging.getLogger(__name__)

_use_replica: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "vangnet_use_replica", default=False
)

View = TypeVar("View", bound=Callable[..., HttpResponse])


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_answers() -> bool:
    """Whether the replica accepts a connection now (a reused connection is health-checked
    by Django first, a new one is opened here)."""
    try:
        connections[REPLICA].ensure_connection()
    except DatabaseError:
        logger.warning("The read replica does not answer; reading from the primary.")
        return False
    return True


def pin_seconds() -> int:
    return int(getattr(settings, "VANGNET_REPLICA_PIN_SECONDS", 10))


def pinned_to_primary(request: HttpRequest | None) -> bool:
    """True while the request's user wrote something less than the pin time ago."""
    session = getattr(request, "session", None)
    if session is None:
        return False
    until = session.get(PIN_KEY)
    return isinstance(until, (int, float)) and until > time.time()


def replica_caught_up(*, wait_seconds: float | None = None) -> bool:
    """Whether the replica has replayed all the primary has written until now, waiting up
    to `wait_seconds` (default VANGNET_REPLICA_WAIT_SECONDS) for it. PostgreSQL only."""
    if connections[REPLICA].vendor != "postgresql":
        return True
    if wait_seconds is None:
        wait_seconds = float(getattr(settings, "VANGNET_REPLICA_WAIT_SECONDS", 5))
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        target = cursor.fetchone()[0]
    deadline = time.monotonic() + wait_seconds
    while True:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(
                "SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, false)", [target]
            )
            if cursor.fetchone()[0]:
                return True
        if time.monotonic() >= deadline:
            logger.warning(
                "The read replica lags more than %ss; reading from the primary.", wait_seconds
            )
            return False
        time.sleep(0.05)


@contextlib.contextmanager
def replica_reads(
    request: HttpRequest | None = None, *, consistent: bool = False
) -> Iterator[bool]:
    """Inside: reads go to the replica when one is configured, answers, and the request's
    user has not just written (with `consistent`: and it has caught up with the primary).
    Yields whether the replica is used."""
    use = replica_configured() and not pinned_to_primary(request) and replica_answers()
    if use and consistent:
        try:
            use = replica_caught_up()
        except DatabaseError:
            logger.warning("Could not compare the replica with the primary; using the primary.")
            use = False
    token = _use_replica.set(use)
    try:
        yield use
    finally:
        _use_replica.reset(token)


def reads_from_replica(view: View) -> View:
    """View decorator: the view's reads come from the replica (see `replica_reads`)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with replica_reads(request):
            return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


class ReplicaRouter:
    """Reads inside `replica_reads()` go to the replica; writes and migrations never do.
    Objects of both aliases may be related: they are the same data."""

    def db_for_read(self, model: type, **hints: Any) -> str | None:
        return REPLICA if _use_replica.get() else None

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        databases = {"default", REPLICA}
        if obj1._state.db in databases and obj2._state.db in databases:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return False if db == REPLICA else None


WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class ReplicaPinMiddleware:
    """After a write by a signed-in user, their reads stay on the primary for a while."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            replica_configured()
            and request.method in WRITE_METHODS
            and response.status_code < 500
            and getattr(request, "session", None) is not None
        ):
            request.session[PIN_KEY] = time.time() + pin_seconds()
        return response
