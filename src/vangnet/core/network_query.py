"""A network with its access check, relations and versions, compiled once (issue 21).

The network page and the session screen read their network in one query: the access check
(`core.permissions.visible_networks`), the relations the page shows and the data versions
its cached body keys on. Building and compiling that queryset cost about half of a cached
view's CPU, so `visible_network` compiles it once per process, database and shape
(`core.compiled_query`): the viewer's role, the relations and the function that makes the
annotations (`Annotations`). The viewer's id and organisation and the network's id are
stand-ins, replaced by each read's own.

Only the roles whose networks do not depend on the day are compiled (the organisation's
networks, or the ones a worker is assigned to); a network helper (attached for a period)
and every other role read through the ORM, as `visible_networks` builds it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from vangnet.core.compiled_query import CompiledQuery, stand_in
from vangnet.core.permissions import visible_networks
from vangnet.networks.models import Network
from vangnet.organisations.models import ASSIGNED_ROLES, ORGANISATION_WIDE_ROLES, User
from vangnet.participants.data_versions import KINDS

# Makes the annotations read with the network (always the same expressions for the same
# function: the function is part of the compiled query's key).
Annotations = Callable[[], dict[str, Any]]
# Roles whose networks are the same every day: their query is compiled once.
COMPILED_ROLES = frozenset(ASSIGNED_ROLES | ORGANISATION_WIDE_ROLES)

_NO_NETWORK = stand_in()
_NO_USER = stand_in()
_NO_ORGANISATION = stand_in()


def networks_for(
    user: Any, *, related: tuple[str, ...] = (), annotate: Annotations | None = None
) -> QuerySet[Network]:
    """The networks `user` may see, with `related` and `annotate()` (the ORM's form)."""
    networks = visible_networks(user)
    if related:  # (select_related() without names would follow every relation)
        networks = networks.select_related(*related)
    if annotate is not None:
        networks = networks.annotate(**annotate())
    return networks


class Shaped(dict[str, Any]):
    """Annotations with the function that made them (`shaped`)."""

    maker: Annotations


def shaped(maker: Annotations) -> dict[str, Any]:
    """`maker()`'s annotations, marked with `maker`: `core.permissions.network_for` given
    them reads the network through the compiled query of that shape (`visible_network`)."""
    made = Shaped(maker())
    made.maker = maker
    return made


Shape = tuple[str, tuple[str, ...], Annotations | None]


def _stand_in_query(shape: Shape) -> QuerySet[Network]:
    role, related, annotate = shape
    user = User(pk=_NO_USER, organisation_id=_NO_ORGANISATION, role=role)
    return networks_for(user, related=related, annotate=annotate).filter(pk=_NO_NETWORK)


QUERY = CompiledQuery(
    Network,
    _stand_in_query,
    stand_ins=(_NO_NETWORK, _NO_USER, _NO_ORGANISATION),
    required=(_NO_NETWORK,),
    constants=KINDS,
    name="network",
)


def visible_network(
    user: Any, pk: int, *, related: tuple[str, ...] = (), annotate: Annotations | None = None
) -> Network | None:
    """The network `pk` if `user` may see it, with `related` loaded and `annotate()`'s
    values as attributes, in one query; None otherwise."""
    if user.role not in COMPILED_ROLES:
        return networks_for(user, related=related, annotate=annotate).filter(pk=pk).first()
    values = {_NO_NETWORK: pk, _NO_USER: user.pk, _NO_ORGANISATION: user.organisation_id}
    return QUERY.first((str(user.role), tuple(related), annotate), values)
