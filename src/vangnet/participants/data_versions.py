"""Read the data versions of networks: the route facts' token (`NetworkFactVersion`,
`participants.fact_triggers`) and the token of each other kind of data
(`NetworkDataVersion`, `participants.data_triggers.KINDS`), in one indexed query.

A cache of figures derived from several kinds of a network's data keys its entry on the
tokens of exactly those kinds: `network_data_versions(network_ids=..., kinds=("facts",
"ties"))` gives per network a tuple of tokens in the order of `kinds` (None for a kind of
which the network never had a row: nothing of it was written yet). Reading costs one row
per network and kind, whatever the size of the data; the triggers renew a token in every
statement that writes such rows, in the writing transaction (services, bulk loads,
`QuerySet.update`, raw SQL alike).
"""

# ruff: noqa: S608 - table names and placeholders only, every value is a parameter

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connections, router
from django.db.models import OuterRef, QuerySet, Subquery

from vangnet.participants.data_triggers import KINDS
from vangnet.participants.models import NetworkDataVersion, NetworkFactVersion, NetworkPageVersion

FACTS = "facts"  # the route facts' token (NetworkFactVersion)
PAGE = "page"  # the network page's token (NetworkPageVersion, participants.page_triggers)
DataVersion = tuple[int | None, ...]


def network_data_versions(
    *, network_ids: Iterable[int], kinds: Sequence[str]
) -> dict[int, DataVersion]:
    """Per network id of `network_ids`: the tokens of `kinds` (in that order; "facts" is
    the route facts' token), in one query."""
    ids = sorted(set(network_ids))
    unknown = [kind for kind in kinds if kind != FACTS and kind not in KINDS]
    if unknown:
        raise ValueError(f"unknown kinds of data: {unknown}")
    if not ids or not kinds:
        return {network_id: (None,) * len(kinds) for network_id in ids}
    others = [kind for kind in kinds if kind != FACTS]
    # Raw SQL: one indexed read of a few hundred small rows, without the ORM's per-row cost.
    marks = ", ".join(["%s"] * len(ids))
    parts: list[str] = []
    params: list[int | str] = []
    if FACTS in kinds:
        parts.append(
            f"SELECT network_id, '{FACTS}', token FROM {NetworkFactVersion._meta.db_table} "
            f"WHERE network_id IN ({marks})"
        )
        params += ids
    if others:
        kind_marks = ", ".join(["%s"] * len(others))
        parts.append(
            f"SELECT network_id, kind, token FROM {NetworkDataVersion._meta.db_table} "
            f"WHERE network_id IN ({marks}) AND kind IN ({kind_marks})"
        )
        params += [*ids, *others]
    # The database the ORM reads from here (a replica for a report view): the tokens must
    # come from the same database as the data derived under them.
    with connections[router.db_for_read(NetworkDataVersion)].cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        found: dict[tuple[int, str], int] = {
            (network_id, kind): token for network_id, kind, token in cursor.fetchall()
        }
    return {
        network_id: tuple(found.get((network_id, kind)) for kind in kinds) for network_id in ids
    }


def token_subquery(kind: str, *, network: OuterRef | int) -> Subquery:
    """The token of `kind` ("facts", "page" or a kind of `KINDS`) of the network `network`
    (an `OuterRef` to a network id in the outer query, or an id) as a subquery: read in the
    same query as the row a page is about (NULL when the network has no such row yet)."""
    of_network: dict[str, Any] = {"network_id": network}
    rows: QuerySet[Any]
    if kind == FACTS:
        rows = NetworkFactVersion.objects.filter(**of_network)
    elif kind == PAGE:
        rows = NetworkPageVersion.objects.filter(**of_network)
    elif kind in KINDS:
        rows = NetworkDataVersion.objects.filter(kind=kind, **of_network)
    else:
        raise ValueError(f"unknown kind of data: {kind}")
    return Subquery(rows.values("token")[:1])
