"""Demo data for network support, further (seeds 003 and 004), continuing the demo client's
story: Sem, in the night shelter, whose sister Ilse is on his map and who named "Ali van de
opvang" in his own support group. His group began as one close person (Ilse) and became a
WhatsApp group; Henk, a volunteer of the demo's first vangnetwerk when there is one, is his
network supporter, coached by the worker; the agreements with Ilse and his neighbour Gerrit
are reviewed every few weeks. A second story shows the family as the unit of a network
conversation: Esra and her son Kerem, two clients of the Yilmaz family, in one conversation.

Everything goes through the services (so every row is a state the pages can reach) and runs
once: a second call changes nothing. Called by `vangnet demo-data` after the demo client.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from vangnet.support import contact_services, group_services, map_services
from vangnet.support.models import Alter, Client, NetworkMap, SupportGroupShape

FAMILY = "Gezin Yilmaz"


def _days(today: dt.date, n: int) -> dt.date:
    return today - dt.timedelta(days=n)


def _sem(client: Client, worker, today: dt.date) -> None:
    wave = NetworkMap.objects.filter(client=client).order_by("-wave_date", "-pk").first()
    ilse = Alter.objects.filter(network_map=wave, name="Zus Ilse").first() if wave else None
    gerrit = Alter.objects.filter(network_map=wave, name="Buurman Gerrit").first() if wave else None
    start = wave.wave_date if wave else _days(today, 60)
    group_services.group_shape_set(client=client, kinds=["one_person"], since=start, actor=worker)
    group_services.group_shape_set(
        client=client, kinds=["chat", "one_person"], since=_days(today, 21), actor=worker
    )
    if ilse is not None and not ilse.group_memberships.exists():
        group_services.group_member_add(client=client, alter=ilse, start=start, actor=worker)
    ali = group_services.group_member_add(
        client=client, name="Ali van de opvang", start=_days(today, 45), actor=worker
    )
    if gerrit is not None:
        group_services.group_member_add(
            client=client, alter=gerrit, start=_days(today, 21), actor=worker
        )
    group_services.group_member_end(member=ali, end=_days(today, 10), actor=worker)

    from vangnet.volunteers.models import HelperKind, NetworkHelper

    helper = (
        NetworkHelper.objects.filter(
            network__organisation=client.organisation, kind=HelperKind.VOLUNTEER
        )
        .order_by("pk")
        .first()
    )
    supporter = group_services.supporter_add(
        client=client,
        name="" if helper else "Henk",
        helper=helper,
        coach=worker,
        start=_days(today, 50),
        actor=worker,
    )
    for days, theme, step in (
        (42, "Kennismaking met Sem", "Samen met Sem zijn steungroep op papier zetten"),
        (21, "Grenzen stellen: niet alles oplossen", "Sem zelf de appgroep laten beginnen"),
        (7, "Hoe loopt de appgroep?", "Bij het volgende gesprek met Ilse erbij zijn"),
    ):
        group_services.coaching_add(
            supporter=supporter, date=_days(today, days), theme=theme, next_step=step, actor=worker
        )
    sunday = group_services.agreement_add(
        client=client,
        who="Zus Ilse",
        what="Belt Sem elke zondagavond even.",
        made_on=_days(today, 55),
        actor=worker,
    )
    post = group_services.agreement_add(
        client=client,
        who="Buurman Gerrit",
        what="Helpt Sem één keer per maand met de post.",
        made_on=_days(today, 40),
        actor=worker,
    )
    for agreement, reviews in (
        (sunday, ((41, "yes"), (27, "partly"), (13, "yes"))),
        (post, ((26, "no"), (12, "partly"))),
    ):
        for days, kept in reviews:
            group_services.agreement_review(
                agreement=agreement, date=_days(today, days), kept=kept, actor=worker
            )
    if ilse is not None and ilse.consent == "yes":
        for days in (50, 34, 20, 6):
            contact_services.contact_log_create(
                alter=ilse, date=_days(today, days), method="phone", actor=worker
            )


def _family(organisation, worker, today: dt.date) -> None:
    esra = map_services.client_create(
        organisation=organisation,
        worker=worker,
        actor=worker,
        display_name="Esra",
        setting="de wijk",
    )
    kerem = map_services.client_create(
        organisation=organisation,
        worker=worker,
        actor=worker,
        display_name="Kerem",
        setting="de wijk",
    )
    for client in (esra, kerem):
        group_services.client_family_set(client=client, name=FAMILY, actor=worker)
    wave = map_services.map_wave_create(client=esra, wave_date=_days(today, 30), actor=worker)
    murat = map_services.alter_add(
        network_map=wave,
        name="Oom Murat",
        kind="relative",
        closeness=1,
        consent="yes",
        support_types=["practical"],
        actor=worker,
    )
    neighbour = map_services.alter_add(
        network_map=wave,
        name="Buurvrouw Fatma",
        kind="neighbour",
        closeness=2,
        consent="via_client",
        support_types=["companionship"],
        actor=worker,
    )
    esra.refresh_from_db()
    map_services.conversation_create(
        network_map=wave,
        date=_days(today, 16),
        alters=[murat, neighbour],
        family_clients=[kerem],
        agreements="Oom Murat haalt Kerem op woensdag op van school. Fatma drinkt op vrijdag "
        "koffie met Esra.",
        actor=worker,
    )
    group_services.group_shape_set(
        client=esra, kinds=["meetings"], since=_days(today, 16), actor=worker
    )
    for alter in (murat, neighbour):
        group_services.group_member_add(
            client=esra, alter=alter, start=_days(today, 16), actor=worker
        )
    agreement = group_services.agreement_add(
        client=esra,
        who="Oom Murat",
        what="Haalt Kerem op woensdag op van school.",
        made_on=_days(today, 16),
        actor=worker,
    )
    group_services.agreement_review(
        agreement=agreement, date=_days(today, 2), kept="yes", actor=worker
    )


@transaction.atomic
def support_demo_group(*, client: Client, today: dt.date) -> bool:
    """Continue the demo client's story and add the Yilmaz family; False when done before."""
    if SupportGroupShape.objects.filter(client=client).exists():
        return False
    worker = client.worker
    _sem(client, worker, today)
    _family(client.organisation, worker, today)
    return True
