"""Derived values made once for many requests at a time: one request derives a missing
cache entry, the others that miss it meanwhile wait for it instead of deriving it too.

Ten coordinators looking at the dashboard while forty workers save sessions all miss the
same network's new row after each save, and each request would derive it (the load test
saw about three derivations of every changed network's row, all but one thrown away). With
`derive_once`, a request first claims each missing key (`cache.add` of a claim key: atomic
in Redis and in the local memory cache), derives the ones it claimed, stores them and lets
the claims go; for the keys another request holds, it waits until their values are in the
cache (polling, at most `WAIT_SECONDS`), and derives itself any whose claim was let go
without a value (that request failed) or is still held at the deadline (a request that
died holds its claim for at most `CLAIM_SECONDS`).

The values are the same whoever derives them: a key holds everything its value depends on
(the data versions), so waiting for another request's value under the same key is as
correct as deriving it here. Inside a transaction (tests, a view that writes) values are
stored only when it commits (`on_commit`), so another request could not see them while it
waits: there each request derives what it misses, as before.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Hashable, Mapping
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

CLAIM_SECONDS = 30
WAIT_SECONDS = 5.0
FIRST_POLL_SECONDS = 0.005
LONGEST_POLL_SECONDS = 0.05


def claim_key(key: str) -> str:
    return f"{key}:deriving"


def store_after_commit(values: Mapping[str, object], seconds: int) -> None:
    """Put `values` in the cache once the current transaction commits (at once outside
    one); nothing is stored when it rolls back."""
    values = dict(values)
    transaction.on_commit(lambda: cache.set_many(values, seconds))


def derive_once(
    keys: Mapping[K, str],
    derive: Callable[[list[K]], Mapping[K, V]],
    *,
    seconds: int,
    remember_none: bool = False,
) -> dict[K, V | None]:
    """Per item of `keys` (each missing from the cache), its value: derived here by
    `derive(items)` in one call for the keys this request claims, or awaited from the
    request that claimed it (module docstring). The values derived here are stored for
    `seconds`; an item `derive` gives nothing for is stored as None when `remember_none`,
    else not at all. The result holds an item's value (None for a remembered nothing), and
    no entry for an item without one."""
    if not keys:
        return {}
    if transaction.get_connection().in_atomic_block:
        return _derive_and_store(keys, list(keys), derive, seconds, remember_none)
    owner = secrets.token_hex(8)
    claimed = [
        item for item, key in keys.items() if cache.add(claim_key(key), owner, CLAIM_SECONDS)
    ]
    values: dict[K, V | None] = {}
    if claimed:
        try:
            values = _derive_and_store(keys, claimed, derive, seconds, remember_none)
        finally:
            cache.delete_many([claim_key(keys[item]) for item in claimed])
    held = {item: key for item, key in keys.items() if item not in claimed}
    if held:
        values.update(_await(held, derive, seconds, remember_none))
    return values


def _derive_and_store(
    keys: Mapping[K, str],
    items: list[K],
    derive: Callable[[list[K]], Mapping[K, V]],
    seconds: int,
    remember_none: bool,
) -> dict[K, V | None]:
    fresh: dict[K, V | None] = dict(derive(items))
    if remember_none:
        for item in items:
            fresh.setdefault(item, None)
    store_after_commit({keys[item]: value for item, value in fresh.items()}, seconds)
    return fresh


def _await(
    held: Mapping[K, str],
    derive: Callable[[list[K]], Mapping[K, V]],
    seconds: int,
    remember_none: bool,
) -> dict[K, V | None]:
    """The values of keys another request claimed, once it stored them; derived here when
    its claim went without a value, or at the deadline."""
    values: dict[K, V | None] = {}
    waiting = dict(held)
    deadline = time.monotonic() + WAIT_SECONDS
    pause = FIRST_POLL_SECONDS
    while waiting and time.monotonic() < deadline:
        time.sleep(pause)
        pause = min(pause * 1.5, LONGEST_POLL_SECONDS)
        found = cache.get_many([*waiting.values(), *map(claim_key, waiting.values())])
        let_go = []
        for item, key in list(waiting.items()):
            if key in found:
                values[item] = found[key]
                del waiting[item]
            elif claim_key(key) not in found:
                let_go.append(item)
        if let_go:  # the claiming request stored nothing for them: derive them here
            mine = {item: waiting.pop(item) for item in let_go}
            values.update(_derive_and_store(mine, let_go, derive, seconds, remember_none))
    if waiting:
        values.update(_derive_and_store(waiting, list(waiting), derive, seconds, remember_none))
    return {item: value for item, value in values.items() if value is not None or remember_none}
