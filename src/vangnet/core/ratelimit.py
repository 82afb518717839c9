"""Rate limits for the pages that guess-able secrets go through: sign-in, password reset and
code entry (the API has DRF throttling, `api.throttling`, on the same cache).

    limited = rate_limit(request, scope="login", ident=username)
    if limited:
        return limited          # 429 with a Dutch page and Retry-After

A fixed window per scope and identity on Django's default cache: shared between every
worker and server once VANGNET_CACHE_URL names a Redis (per process otherwise, which still
slows a guesser down). The rates are `settings.VANGNET_RATE_LIMITS`, e.g. "10/minute";
a scope that is not listed, or "off", is not limited. The identity is hashed before it is
used in a key, so no username or address ends up in the cache.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

PERIODS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600}
PERIODS |= {"hour": 3600, "d": 86400, "day": 86400}


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


def parse_rate(text: str | None) -> Rate | None:
    """ "10/minute" -> Rate(10, 60); None, "" or "off" -> None (not limited)."""
    if not text or text.strip().lower() in {"off", "none", "0"}:
        return None
    number, _, period = text.strip().partition("/")
    try:
        count = int(number)
        seconds = PERIODS[period.strip().lower()]
    except (ValueError, KeyError):
        raise ValueError(f"Rate {text!r} is not like '10/minute'.") from None
    return Rate(count=count, seconds=seconds) if count > 0 else None


def clock() -> float:
    return time.time()


def rate_for(scope: str) -> Rate | None:
    return parse_rate(getattr(settings, "VANGNET_RATE_LIMITS", {}).get(scope))


def _key(scope: str, ident: str, window: int) -> str:
    digest = hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}:{window}"


@dataclass(frozen=True)
class Over:
    retry_after: int  # seconds until the window ends
    first: bool  # the first attempt over the limit in this window


def hit(scope: str, ident: str, *, now: float | None = None) -> Over | None:
    """Count one attempt; how long to wait when it is over the limit, else None."""
    rate = rate_for(scope)
    if rate is None:
        return None
    now = clock() if now is None else now
    window = int(now // rate.seconds)
    key = _key(scope, ident, window)
    cache.add(key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # the entry expired between add and incr
        cache.set(key, 1, timeout=rate.seconds + 1)
        count = 1
    if count <= rate.count:
        return None
    retry_after = max(1, int((window + 1) * rate.seconds - now))
    return Over(retry_after=retry_after, first=count == rate.count + 1)


def too_many_response(request: HttpRequest, retry_after: int) -> HttpResponse:
    body = render_to_string(
        "core/too_many_requests.html", {"retry_after": retry_after}, request=request
    )
    response = HttpResponse(body, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def rate_limit(
    request: HttpRequest, *, scope: str, ident: str | None = None
) -> HttpResponse | None:
    """Count this request under `scope` for `ident` (default: the client's address). Returns
    the 429 answer to send when the limit is passed, None when the request may go on."""
    if ident is None:
        from vangnet.audit.services import client_ip

        ident = client_ip(request) or "unknown"
    over = hit(scope, str(ident).strip().lower())
    if over is None:
        return None
    if over.first:  # once per window: a flood of refused requests is not a flood of writes
        from vangnet.audit.services import audit_record

        audit_record(
            actor=None, action="login_failed", detail=f"rate limit {scope}", request=request
        )
    return too_many_response(request, over.retry_after)
