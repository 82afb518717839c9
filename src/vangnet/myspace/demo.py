"""The demo's participant and network-support client, each with a fresh activation code,
printed by `vangnet demo-data` (`make demo`): Mijn Vangnet switched on for the demo
worker's first network and for the organisation's clients."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from vangnet.myspace import client_services, services
from vangnet.networks.models import Network
from vangnet.organisations.models import Organisation
from vangnet.privacy.models import ConsentKind
from vangnet.privacy.services import consent_set_by_participant
from vangnet.support import map_services
from vangnet.support.models import Client


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


DEMO_CLIENT = "Sem"


def _demo_client(network: Network) -> Client:
    """The demo's network-support client, made once: a map with three people, two goals in
    his own words with his own scores, his support group as he sees it, and research
    consent withdrawn by himself."""
    worker = network.lead_worker
    assert worker is not None
    client = Client.objects.filter(
        organisation=network.organisation, display_name=DEMO_CLIENT
    ).first()
    if client is not None:
        return client
    client = map_services.client_create(
        organisation=network.organisation,
        worker=worker,
        actor=worker,
        display_name=DEMO_CLIENT,
        setting="de nachtopvang",
    )
    today = timezone.localdate()
    wave = map_services.map_wave_create(
        client=client, wave_date=today - dt.timedelta(days=60), actor=worker
    )
    sister = map_services.alter_add(
        network_map=wave,
        name="Zus Ilse",
        kind="relative",
        closeness=1,
        consent="yes",
        support_types=["emotional"],
        in_support_group=True,
        actor=worker,
    )
    map_services.alter_add(
        network_map=wave,
        name="Buurman Gerrit",
        kind="neighbour",
        closeness=2,
        consent="via_client",
        support_types=["practical"],
        actor=worker,
    )
    map_services.alter_add(
        network_map=wave,
        name="Schuldhulpmaatje",
        kind="professional",
        closeness=3,
        consent="no",
        actor=worker,
    )
    home = client_services.goal_add(client=client, text="een eigen woning")
    rest = client_services.goal_add(client=client, text="rust in mijn hoofd")
    for days, score in ((56, 3), (28, 4), (0, 6)):
        client_services.goal_rate(goal=home, score=score, day=today - dt.timedelta(days=days))
    client_services.goal_rate(goal=rest, score=4, day=today - dt.timedelta(days=28))
    client_services.support_group_answer(
        client=client, answer="partly", member_ids=[sister.pk], others="Ali van de opvang"
    )
    # His own choice in Mijn Vangnet: his figures do not count in research.
    consent_set_by_participant(client=client, kind=ConsentKind.RESEARCH_EXPORT, given=False)
    return client


def demo_client_card(*, organisation: Organisation) -> DemoCard | None:
    """Switch the space on for the organisation's clients and make a new code for the demo's
    network-support client (made on the first run; an earlier demo code is revoked)."""
    network = (
        Network.objects.filter(organisation=organisation, lead_worker__isnull=False)
        .select_related("lead_worker", "organisation")
        .order_by("pk")
        .first()
    )
    if network is None or network.lead_worker is None:
        return None
    with transaction.atomic():
        client = _demo_client(network)
        services.space_switch_set(
            organisation=organisation, network=None, on=True, actor=network.lead_worker
        )
        new = services.code_create(actor=network.lead_worker, client=client)
    return DemoCard(name=client.display_name, number=new.account.number, code=new.code)
