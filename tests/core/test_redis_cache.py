"""The shared cache (VANGNET_CACHE_URL) against a real Redis, started here on loopback: one
Redis client per connection pool serves every call (vangnet.core.redis_cache), from several
threads at once, with Django's behaviour for every operation the application uses."""

import os
import shutil
import socket
import subprocess
import sys
import threading
import time

import pytest

from tests.ports import free_port
from vangnet.core.redis_cache import RedisCache

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS is None, reason="redis-server is not installed")


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(  # noqa: S603 - our own command line
        [REDIS, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            pytest.fail("redis-server did not start")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _cache(url: str) -> RedisCache:
    cache = RedisCache(url, {"KEY_PREFIX": "test"})
    cache.clear()
    return cache


def test_one_client_serves_every_call(redis_url):
    cache = _cache(redis_url)
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client  # one server: one pool, one client
    cache.set("a", {"routes": [1, 2]}, 30)
    assert cache.get("a") == {"routes": [1, 2]}
    assert cache._cache.get_client() is client


def test_the_operations_the_application_uses(redis_url):
    cache = _cache(redis_url)
    cache.set_many({"x": 1, "y": "twee", "z": None}, 30)
    assert cache.get_many(["x", "y", "z", "missing"]) == {"x": 1, "y": "twee", "z": None}
    assert cache.add("claim", "me", 30) is True
    assert cache.add("claim", "you", 30) is False  # single_flight's claims rely on this
    assert cache.get("claim") == "me"
    cache.delete_many(["claim", "x"])
    assert cache.get("claim") is None and cache.get("x", "gone") == "gone"
    assert cache.add("count", 0, 30)  # core.ratelimit: add, then incr
    assert cache.incr("count") == 1 and cache.incr("count") == 2
    cache.delete("count")
    with pytest.raises(ValueError):
        cache.incr("count")
    assert cache.has_key("y") and not cache.has_key("x")
    cache.set("short", 1, 1)
    time.sleep(1.2)
    assert cache.get("short") is None


def test_threads_share_the_client_without_mixing_replies(redis_url):
    cache = _cache(redis_url)
    errors: list[str] = []

    def work(worker: int) -> None:
        for index in range(200):
            key = f"k{worker}-{index}"
            cache.set(key, (worker, index), 30)
            got = cache.get(key)
            if got != (worker, index):
                errors.append(f"{key}: {got!r}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert cache.get_many([f"k3-{i}" for i in range(200)]) == {
        f"k3-{i}": (3, i) for i in range(200)
    }


def test_settings_use_it_for_the_shared_cache(redis_url):
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.core.cache import cache; cache.set('probe', 7, 5); "
        "print(settings.CACHES['default']['BACKEND'], cache.get('probe'))"
    )
    done = subprocess.run(  # noqa: S603 - fixed command, our own interpreter
        [sys.executable, "-c", script],
        env={
            **os.environ,
            "VANGNET_CACHE_URL": redis_url,
            "DJANGO_SETTINGS_MODULE": "vangnet.settings",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["vangnet.core.redis_cache.RedisCache", "7"]
