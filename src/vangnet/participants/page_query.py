"""The participant page's one query, compiled once per process (issue 21).

The participant page reads, in one query, the participant with its access check
(`core.permissions.visible_participants`), its relations (`RELATED`) and the five data
versions of its network its body's cache keys on (`TOKENS`, participants.detail_cache).
Building that queryset and compiling it (five subqueries, five joins) cost three quarters of
a cached page's CPU. So the SQL is compiled once per process, database and role
(`core.compiled_query`), for a stand-in viewer and participant with ids no row has
(`_NO_*`); each read puts the viewer's organisation and id and the participant's id in
their places and makes the rows into models as the ORM does.

Only the shapes of the query without today's date are compiled (the roles that see the
networks of their organisation or the ones they are assigned to); a role whose networks
depend on the day (a network helper's attachment) reads through the ORM (`page_people`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, QuerySet

from vangnet.core.compiled_query import CompiledQuery, Plan, stand_in
from vangnet.core.permissions import visible_participants
from vangnet.organisations.models import ASSIGNED_ROLES, ORGANISATION_WIDE_ROLES, User
from vangnet.participants.data_versions import FACTS, PAGE, token_subquery
from vangnet.participants.models import Participant

# The participant's relations the page shows, loaded with it (selectors.DETAIL_RELATED).
RELATED = ("network", "organisation", "referral_partner", "invited_by")
# The versions read with the participant: the fact version, the page version and the data
# versions of kinds person, absences and evaluation (participants.detail_cache).
DATA_KINDS = ("person", "absences", "evaluation")
TOKENS = (
    "page_fact_token",
    "page_view_token",
    *(f"page_{kind}_token" for kind in DATA_KINDS),
)
# Roles whose query has the same shape every day: compiled once.
COMPILED_ROLES = frozenset(ASSIGNED_ROLES | ORGANISATION_WIDE_ROLES)

# Ids no row has, replaced by each read's own.
_NO_PARTICIPANT = stand_in()
_NO_USER = stand_in()
_NO_ORGANISATION = stand_in()


def page_people(user: Any) -> QuerySet[Participant]:
    """The participants `user` may see, with their relations and their network's versions."""
    network = OuterRef("network_id")
    kinds = (FACTS, PAGE, *DATA_KINDS)
    tokens = {
        name: token_subquery(kind, network=network)
        for name, kind in zip(TOKENS, kinds, strict=True)
    }
    return visible_participants(user).select_related(*RELATED).annotate(**tokens)


def _stand_in_query(role: str) -> QuerySet[Participant]:
    stand_in_user = User(pk=_NO_USER, organisation_id=_NO_ORGANISATION, role=role)
    return page_people(stand_in_user).filter(pk=_NO_PARTICIPANT)


QUERY = CompiledQuery(
    Participant,
    _stand_in_query,
    stand_ins=(_NO_PARTICIPANT, _NO_USER, _NO_ORGANISATION),
    required=(_NO_PARTICIPANT,),
    constants=DATA_KINDS,
    name="participant page",
)


def compiled(alias: str, role: str) -> Plan | None:
    """The page's query for viewers of `role` on database `alias`, compiled at first use."""
    return QUERY.plan(alias, str(role))


def page_participant(*, user: Any, pk: int) -> Participant | None:
    """The participant `pk` if `user` (who may view participants) may see it, with its
    relations and the versions `TOKENS` as attributes; None otherwise."""
    if user.role not in COMPILED_ROLES:
        return page_people(user).filter(pk=pk).first()
    values = {
        _NO_PARTICIPANT: pk,
        _NO_USER: user.pk,
        _NO_ORGANISATION: user.organisation_id,
    }
    return QUERY.first(str(user.role), values)
