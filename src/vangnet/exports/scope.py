"""Who may export what: the networks in an export and whose names may appear in it.

All permission questions go through vangnet.core.permissions. A data export covers one
network (`network_for(user, id, Cap.EXPORT_DATA)`) or every network the user can see in the
organisation (all of them for a coordinator, their own for a social worker). Participant
names appear only for networks whose participants the user may see
(`visible_participants`); everyone else gets pseudonyms. The research export covers the
whole organisation and never shows names.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied

from vangnet.core.permissions import (
    Cap,
    has_cap,
    network_for,
    visible_networks,
    visible_participants,
)
from vangnet.networks.models import Network

ORGANISATION = "organisation"


@dataclass
class ExportScope:
    organisation: object
    networks: list[Network]
    named_network_ids: frozenset[int] = frozenset()
    label: str = ORGANISATION  # "organisation" or "network <id>", for the audit detail

    @property
    def network_ids(self) -> list[int]:
        return [network.pk for network in self.networks]

    def named(self, network_id: int) -> bool:
        return network_id in self.named_network_ids


def data_scope(user, *, network_id=None) -> ExportScope:
    """The scope of a data export for this user: 404 for a network outside their sight,
    403 without the capability."""
    if not has_cap(user, Cap.EXPORT_DATA):
        raise PermissionDenied
    if network_id not in (None, "", ORGANISATION):
        networks = [network_for(user, network_id, Cap.EXPORT_DATA)]
        label = f"network {networks[0].pk}"
    else:
        networks = list(visible_networks(user).select_related("organisation").order_by("name"))
        label = ORGANISATION
    ids = [network.pk for network in networks]
    named = frozenset(
        visible_participants(user)
        .filter(network_id__in=ids)
        .values_list("network_id", flat=True)
        .distinct()
    )
    # Networks without participants yet: named when the user could see their participants.
    if has_cap(user, Cap.VIEW_PARTICIPANTS):
        named |= frozenset(visible_networks(user).filter(pk__in=ids).values_list("pk", flat=True))
    return ExportScope(
        organisation=user.organisation,
        networks=networks,
        named_network_ids=named,
        label=label,
    )


def research_scope(user) -> ExportScope:
    """Every network of the user's organisation, never with names."""
    if not has_cap(user, Cap.RESEARCH_EXPORT):
        raise PermissionDenied
    return organisation_scope(user.organisation)


def organisation_scope(organisation, *, network_id=None) -> ExportScope:
    """For the command line (an operator, no user): pseudonyms only."""
    networks = Network.objects.filter(organisation=organisation).select_related("organisation")
    label = ORGANISATION
    if network_id is not None:
        networks = networks.filter(pk=network_id)
        label = f"network {network_id}"
    return ExportScope(organisation=organisation, networks=list(networks), label=label)


@dataclass
class Pseudonyms:
    """Random codes, new for every export (secrets), the same for one person within it."""

    prefix: str
    codes: dict[object, str] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    nbytes: int = 4

    def __call__(self, key) -> str:
        if key is None:
            return ""
        code = self.codes.get(key)
        if code is None:
            while True:
                code = f"{self.prefix}{secrets.token_hex(self.nbytes)}"
                if code not in self.taken:
                    break
            self.taken.add(code)
            self.codes[key] = code
        return code
