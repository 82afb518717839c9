"""Work that may wait until the user has their answer.

`after_response(job)` runs `job` once the response of the request being served has been
sent: Django sends `request_finished` when the WSGI server closes the response, after its
last byte. Outside a request (the command line, a service called from a test) the job runs
at once. A job that fails is logged; the response has gone and is not affected.

Only for work whose result nobody waits for and that is made good later anyway, such as
the follow-up check after a session save (idempotent; the follow-up list runs it again
when it is opened).

A response that is never closed (a streamed download the client abandoned, a test that does
not read a streamed response) sends no `request_finished`; its jobs then run when the same
thread starts its next request, so no job is lost and none runs twice.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

logger = logging.getLogger(__name__)

_local = threading.local()


def after_response(job: Callable[[], object]) -> None:
    """Run `job` after the current response has been sent, or at once outside a request."""
    jobs = getattr(_local, "jobs", None)
    if jobs is None:
        job()
    else:
        jobs.append(job)


def request_started(**_kwargs) -> None:
    leftover = getattr(_local, "jobs", None) or []
    _local.jobs = []
    _run(leftover)


def request_finished(**_kwargs) -> None:
    jobs = getattr(_local, "jobs", None) or []
    _local.jobs = None
    _run(jobs)


def _run(jobs: list[Callable[[], object]]) -> None:
    for job in jobs:
        try:
            job()
        except Exception:
            logger.exception("Work after the response failed: %r", job)
