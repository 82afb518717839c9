"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django's `RedisCacheClient.get_client` makes a new `redis.Redis` for every cache operation,
and each new client builds its own table of some 170 reply handlers (redis-py's
`CaseInsensitiveDict`): in the load test's saturated mix, with a dozen cache calls per page,
that was 7% of the server's CPU (benchmarks/profile_mix.py under cProfile). A `redis.Redis`
takes a connection from its pool for each command and gives it back, so one client per pool
serves every call (redis-py: clients may be shared between threads; Django keeps a cache
object per thread anyway). Everything else, the pools, the serializer and the options, is
Django's.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class OneClientPerPool(RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[Any, Any] = {}  # connection pool -> its client

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        # Django's own helpers (django-stubs leave the private ones out).
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(pool)
        if client is None:
            client = self._client(connection_pool=pool)  # type: ignore[attr-defined]
            self._clients[pool] = client
        return client


class RedisCache(DjangoRedisCache):
    """`django.core.cache.backends.redis.RedisCache` with `OneClientPerPool`."""

    def __init__(self, server: Any, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = OneClientPerPool
