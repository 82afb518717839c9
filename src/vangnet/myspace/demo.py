"""The demo's participant with a fresh activation code, printed by `vangnet demo-data`
(`make demo`): Mijn Vangnet switched on for the demo worker's first network."""

from __future__ import annotations

from dataclasses import dataclass

from vangnet.myspace import services
from vangnet.networks.models import Network
from vangnet.organisations.models import Organisation


@dataclass(frozen=True)
class DemoCard:
    name: str
    number: str
    code: str


def demo_card(*, organisation: Organisation) -> DemoCard | None:
    """Switch the space on for the organisation's first network and make a new code for its
    first participant (an earlier demo code is revoked). None when there is no participant."""
    network = (
        Network.objects.filter(organisation=organisation, lead_worker__isnull=False)
        .select_related("lead_worker")
        .order_by("pk")
        .first()
    )
    if network is None or network.lead_worker is None:
        return None
    participant = network.participants.filter(erasure__isnull=True).order_by("pk").first()
    if participant is None:
        return None
    services.space_switch_set(
        organisation=organisation, network=network, on=True, actor=network.lead_worker
    )
    new = services.code_create(actor=network.lead_worker, participant=participant)
    return DemoCard(name=participant.display_name, number=new.account.number, code=new.code)
