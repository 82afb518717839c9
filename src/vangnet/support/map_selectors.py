"""Reading network maps: scoping of clients, consent-filtered contact details, the
difference between two waves."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from vangnet.core.permissions import Cap, has_cap
from vangnet.support.models import (
    Alter,
    AlterKind,
    Client,
    Closeness,
    Consent,
    ConsentChange,
    NetworkConversation,
    NetworkMap,
)

if TYPE_CHECKING:
    from vangnet.core.typing import Member
    from vangnet.participants.models import Participant

HIDDEN = None  # contact details without consent are never read into a page


def visible_clients(user: Member) -> QuerySet[Client]:
    """Clients whose map this user may see: VIEW_PARTICIPANTS and assigned to them."""
    if not has_cap(user, Cap.VIEW_PARTICIPANTS):
        return Client.objects.none()
    return Client.objects.filter(organisation_id=user.organisation_id).filter(
        Q(worker=user) | Q(backup_worker=user)
    )


def client_for(user: Member, client_id: int | str) -> Client:
    try:
        pk = int(client_id)
        if pk <= 0 or pk > 2**62:
            raise ValueError
        return visible_clients(user).get(pk=pk)
    except (TypeError, ValueError, Client.DoesNotExist) as exc:
        raise Http404 from exc


@dataclass
class AlterRow:
    pk: int
    name: str
    kind: str
    kind_label: str
    closeness: int
    support_types: list[str]
    in_support_group: bool
    consent: str
    consent_label: str
    phone: str | None  # None: hidden (no consent)
    email: str | None
    origin_id: int | None
    linked_participant_id: int | None = None
    linked_name: str = ""
    # Every decision about contact with this person, oldest first, across the waves this
    # person was carried through (attach_consent_history).
    consent_history: list[ConsentStep] = field(default_factory=list)


@dataclass(frozen=True)
class ConsentStep:
    """One decision about contact with a person on the map: when, what, and who recorded
    it (`by_person`: the client or participant themselves in Mijn Vangnet; otherwise the
    worker's name, or "" when unknown)."""

    changed_at: object
    label: str
    by_person: bool
    by_name: str


def map_consent_withdrawn(
    *, participant: Participant | None = None, client: Client | None = None
) -> bool:
    """The person withdrew their consent for their network map
    (privacy.ConsentKind.NETWORK_MAP): the map is not shown, and no new wave is made."""
    from vangnet.privacy.models import ConsentKind
    from vangnet.privacy.selectors import consent_withdrawn

    return consent_withdrawn(
        kind=ConsentKind.NETWORK_MAP,
        participant_id=participant.pk if participant is not None else None,
        client_id=client.pk if client is not None else None,
    )


def contact_withdrawn(network_map: NetworkMap) -> bool:
    """The participant (or client) withdrew their consent for contact with the people on
    their map (privacy.ConsentKind.CONTACT_RELATIVES): no contact details, no contact,
    whatever the consent per person says."""
    from vangnet.privacy.models import ConsentKind
    from vangnet.privacy.selectors import consent_withdrawn

    return consent_withdrawn(
        kind=ConsentKind.CONTACT_RELATIVES,
        participant_id=network_map.participant_id,
        client_id=network_map.client_id,
    )


def map_rows(*, network_map: NetworkMap) -> list[AlterRow]:
    """The people on a map; contact details only where consent is YES (one query). Pages
    render these rows, never Alter objects, so a withheld detail cannot reach a template."""
    rows = []
    alters = network_map.alters.present().select_related("linked_participant")
    no_contact = contact_withdrawn(network_map)
    for alter in alters.order_by("closeness", "name", "id"):
        allowed = alter.consent == Consent.YES and not no_contact
        rows.append(
            AlterRow(
                pk=alter.pk,
                name=alter.name,
                kind=alter.kind,
                kind_label=str(AlterKind(alter.kind).label),
                closeness=alter.closeness,
                support_types=list(alter.support_types),
                in_support_group=alter.in_support_group,
                consent=alter.consent,
                consent_label=str(Consent(alter.consent).label),
                phone=alter.phone if allowed else HIDDEN,
                email=alter.email if allowed else HIDDEN,
                origin_id=alter.origin_id,
                linked_participant_id=alter.linked_participant_id,
                linked_name=(
                    alter.linked_participant.display_name if alter.linked_participant else ""
                ),
            )
        )
    return rows


def owner_waves(
    *, participant: Participant | None = None, client: Client | None = None
) -> list[NetworkMap]:
    owner: dict[str, Participant | Client | None] = (
        {"participant": participant} if participant is not None else {"client": client}
    )
    return list(
        NetworkMap.objects.filter(**owner)
        .order_by("wave_date", "id")
        .prefetch_related(Prefetch("alters", queryset=Alter.objects.present().order_by("pk")))
    )


def owner_conversations(
    *, waves: list[NetworkMap], client: Client | None = None
) -> list[NetworkConversation]:
    """Every network conversation of the owner, across all waves, newest first (two
    queries). Conversations and their agreements belong to the person, not to one wave: a
    new wave must not hide the earlier ones. Each carries its wave (`network_map`) and the
    people who took part, removed ones included (history stays visible). For a client, a
    family conversation recorded on a family member's map is listed too (three queries)."""
    if not waves and client is None:
        return []
    mine = Q(network_map__in=[wave.pk for wave in waves])
    if client is not None:
        mine |= Q(family_clients=client)
    conversations = list(
        NetworkConversation.objects.filter(mine)
        .distinct()
        .select_related("network_map", "network_map__client")
        .prefetch_related(
            Prefetch("alters", queryset=Alter.objects.order_by("name", "pk")),
            Prefetch("family_clients", queryset=Client.objects.order_by("display_name", "pk")),
        )
        .order_by("-date", "-id")
    )
    for conversation in conversations:
        family = list(conversation.family_clients.all())
        owner = conversation.network_map.client
        if family and owner is not None:
            family = [owner, *family]
        # The other family members in the conversation (the page's own client left out).
        conversation.family_with = [  # type: ignore[attr-defined]
            other.display_name for other in family if client is None or other.pk != client.pk
        ]
    return conversations


def _step(change: ConsentChange) -> ConsentStep:
    worker = change.recorded_by
    return ConsentStep(
        changed_at=change.changed_at,
        label=str(Consent(change.consent).label),
        by_person=change.by_person,
        by_name=(worker.get_full_name() or worker.username) if worker is not None else "",
    )


def consent_histories(*, waves: list[NetworkMap]) -> dict[int, list[ConsentStep]]:
    """Per person on these waves (alter id), every consent decision about them, oldest
    first, following the person back through earlier waves (`Alter.origin`): a new wave
    copies the person and their current consent, not the history. Two queries."""
    wave_ids = [wave.pk for wave in waves]
    if not wave_ids:
        return {}
    origins = dict(Alter.objects.filter(network_map__in=wave_ids).values_list("pk", "origin_id"))
    own: dict[int, list[ConsentStep]] = {}
    changes = (
        ConsentChange.objects.filter(alter__network_map__in=wave_ids)
        .select_related("recorded_by")
        .order_by("changed_at", "pk")
    )
    for change in changes:
        own.setdefault(change.alter_id, []).append(_step(change))
    histories: dict[int, list[ConsentStep]] = {}
    for pk in origins:
        chain: list[int] = []
        current: int | None = pk
        while current is not None and current not in chain:
            chain.append(current)
            current = origins.get(current)
        histories[pk] = [step for alter_id in reversed(chain) for step in own.get(alter_id, [])]
    return histories


def attach_consent_history(rows: list[AlterRow], *, waves: list[NetworkMap]) -> None:
    """Give each row of the map its consent history (two queries for all rows)."""
    histories = consent_histories(waves=waves)
    for row in rows:
        row.consent_history = histories.get(row.pk, [])


@dataclass
class RemovedRow:
    """Someone taken off a wave: name, when, and the consent history that stays."""

    pk: int
    name: str
    removed_at: object
    wave_date: object
    consent_history: list[ConsentStep] = field(default_factory=list)


def removed_rows(*, waves: list[NetworkMap]) -> list[RemovedRow]:
    """People removed from any of these waves, newest removal first, with their consent
    history (two queries). No contact details."""
    removed = (
        Alter.objects.filter(network_map__in=[wave.pk for wave in waves], removed_at__isnull=False)
        .select_related("network_map")
        .prefetch_related(
            Prefetch(
                "consent_changes",
                queryset=ConsentChange.objects.select_related("recorded_by"),
            )
        )
        .order_by("-removed_at", "-pk")
    )
    return [
        RemovedRow(
            pk=alter.pk,
            name=alter.name,
            removed_at=alter.removed_at,
            wave_date=alter.network_map.wave_date,
            consent_history=[_step(change) for change in alter.consent_changes.all()],
        )
        for alter in removed
    ]


@dataclass
class WaveDifference:
    size_before: int
    size_after: int
    support_before: int
    support_after: int
    per_circle_before: dict[int, int] = field(default_factory=dict)
    per_circle_after: dict[int, int] = field(default_factory=dict)
    new: list[str] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    new_from_vangnetwerk: list[str] = field(default_factory=list)
    closer: list[str] = field(default_factory=list)


def wave_difference(before: NetworkMap, after: NetworkMap) -> WaveDifference:
    """What changed between two waves (uses prefetched alters when present). Only people
    still on a map count: someone removed from the later wave shows as gone."""
    old = [alter for alter in before.alters.all() if alter.removed_at is None]
    new = [alter for alter in after.alters.all() if alter.removed_at is None]
    carried = {alter.origin_id: alter for alter in new if alter.origin_id}
    return WaveDifference(
        size_before=len(old),
        size_after=len(new),
        support_before=sum(1 for alter in old if alter.support_types),
        support_after=sum(1 for alter in new if alter.support_types),
        per_circle_before={c: sum(a.closeness == c for a in old) for c in Closeness.values},
        per_circle_after={c: sum(a.closeness == c for a in new) for c in Closeness.values},
        new=[a.name for a in new if a.origin_id is None],
        gone=[a.name for a in old if a.pk not in carried],
        new_from_vangnetwerk=[
            a.name for a in new if a.origin_id is None and a.kind == AlterKind.VANGNETWERK
        ],
        closer=[
            carried[a.pk].name
            for a in old
            if a.pk in carried and carried[a.pk].closeness < a.closeness
        ],
    )
