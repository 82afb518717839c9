"""Personal network maps (ecomap) in waves, consent per contact person, network
conversations. Every write is audited; consent is enforced here, not in templates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.typing import signed_in
from vangnet.support.group_services import group_mark_set
from vangnet.support.map_selectors import map_consent_withdrawn
from vangnet.support.models import (
    Alter,
    AlterKind,
    Client,
    Closeness,
    Consent,
    ConsentChange,
    NetworkConversation,
    NetworkMap,
    SupportType,
)

if TYPE_CHECKING:
    from vangnet.participants.models import Participant

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation, User
    from vangnet.participants.models import Participant


@transaction.atomic
def client_create(
    *,
    organisation: Organisation,
    display_name: str,
    worker: User,
    backup_worker: Any = None,
    setting: str = "",
    actor: User,
    request: HttpRequest | None = None,
) -> Client:
    display_name = (display_name or "").strip()
    if not display_name:
        raise ValidationError({"display_name": [_("Vul een naam in.")]})
    for field, user in (("worker", worker), ("backup_worker", backup_worker)):
        if user is not None and user.organisation_id != organisation.pk:
            raise ValidationError({field: [_("Kies iemand van je eigen organisatie.")]})
    client = Client.objects.create(
        organisation=organisation,
        display_name=display_name[:80],
        worker=worker,
        backup_worker=backup_worker,
        setting=(setting or "").strip()[:120],
    )
    audit_record(actor=actor, action="create", obj=client, request=request)
    return client


@transaction.atomic
def map_wave_create(
    *,
    participant: Participant | None = None,
    client: Client | None = None,
    wave_date: dt.date,
    actor: User,
    request: HttpRequest | None = None,
) -> NetworkMap:
    """A new wave of the person's map. It starts from the latest earlier wave: every person
    still on it is copied (with their consent) and linked to their earlier self, so change is
    visible. People removed from that wave (alter_remove) are not copied. Refused while the
    person's consent for the network map is withdrawn (nothing is saved then)."""
    if (participant is None) == (client is None):
        raise ValidationError(_("Een netwerkkaart hoort bij één deelnemer of één cliënt."))
    if wave_date > timezone.localdate():
        raise ValidationError({"wave_date": [_("De datum mag niet in de toekomst liggen.")]})
    if map_consent_withdrawn(participant=participant, client=client):
        raise ValidationError(
            _(
                "Er kan geen nieuwe meting komen: de toestemming voor de netwerkkaart is "
                "ingetrokken. Vraag eerst of de kaart weer mag."
            )
        )
    owner: dict[str, Participant | Client | None] = (
        {"participant": participant} if participant is not None else {"client": client}
    )
    waves = NetworkMap.objects.select_for_update().filter(**owner).order_by("wave_date", "id")
    previous = waves.last()
    if previous is not None and wave_date <= previous.wave_date:
        raise ValidationError(
            {
                "wave_date": [
                    _("Kies een datum na de vorige meting (%(date)s).")
                    % {"date": previous.wave_date.isoformat()}
                ]
            }
        )
    network_map = NetworkMap.objects.create(
        **owner, wave_date=wave_date, previous=previous, recorded_by=signed_in(actor)
    )
    if previous is not None:
        Alter.objects.bulk_create(
            Alter(
                network_map=network_map,
                origin=alter,
                name=alter.name,
                kind=alter.kind,
                closeness=alter.closeness,
                support_types=list(alter.support_types),
                in_support_group=alter.in_support_group,
                phone=alter.phone,
                email=alter.email,
                consent=alter.consent,
                linked_participant_id=alter.linked_participant_id,
            )
            for alter in previous.alters.present().order_by("pk")
        )
    audit_record(actor=actor, action="create", obj=network_map, request=request)
    return network_map


def _check_alter(*, name: Any, kind: Any, closeness: Any, support_types: Any) -> None:
    errors: dict[str, list[str]] = {}
    if not (name or "").strip():
        errors["name"] = [_("Vul een naam of rol in, bijvoorbeeld ‘moeder’.")]
    if kind not in AlterKind.values:
        errors["kind"] = [_("Kies een relatie.")]
    if closeness not in Closeness.values:
        errors["closeness"] = [_("Kies hoe dichtbij.")]
    if any(value not in SupportType.values for value in support_types):
        errors["support_types"] = [_("Kies een bekende soort steun.")]
    if errors:
        raise ValidationError(errors)


def _check_link(
    *, network_map: NetworkMap, kind: str, linked_participant: Participant | None
) -> None:
    """A vangnetwerk member may point to a participant of the owner's own network."""
    if linked_participant is None:
        return
    owner = network_map.participant
    if kind != AlterKind.VANGNETWERK:
        raise ValidationError(
            {"linked_participant": [_("Alleen iemand uit het vangnetwerk kun je koppelen.")]}
        )
    if (
        owner is None
        or linked_participant.network_id != owner.network_id
        or linked_participant.pk == owner.pk
    ):
        raise ValidationError({"linked_participant": [_("Kies iemand uit hetzelfde vangnetwerk.")]})


@transaction.atomic
def alter_add(
    *,
    network_map: NetworkMap,
    name: str,
    kind: str,
    closeness: int = Closeness.MIDDLE,
    support_types: list[str] | None = None,
    in_support_group: bool = False,
    phone: str = "",
    email: str = "",
    consent: str = Consent.NO,
    linked_participant: Participant | None = None,
    actor: User,
    request: HttpRequest | None = None,
) -> Alter:
    support_types = list(dict.fromkeys(support_types or []))
    _check_alter(name=name, kind=kind, closeness=closeness, support_types=support_types)
    _check_link(network_map=network_map, kind=kind, linked_participant=linked_participant)
    if consent not in Consent.values:
        raise ValidationError({"consent": [_("Kies wat de persoon zelf wil.")]})
    alter = Alter.objects.create(
        network_map=network_map,
        name=name.strip()[:80],
        kind=kind,
        closeness=closeness,
        support_types=support_types,
        phone=(phone or "").strip()[:40],
        email=(email or "").strip(),
        consent=consent,
        linked_participant=linked_participant,
    )
    ConsentChange.objects.create(alter=alter, consent=consent, recorded_by=signed_in(actor))
    audit_record(actor=actor, action="create", obj=alter, request=request)
    if in_support_group:  # through the client's steungroep timeline, from the map's date
        day = min(network_map.wave_date, timezone.localdate())
        group_mark_set(alter=alter, on=True, day=day, actor=actor, request=request)
        alter.refresh_from_db(fields=["in_support_group"])
    return alter


@transaction.atomic
def conversation_create(
    *,
    network_map: NetworkMap,
    date: dt.date,
    alters: list[Alter],
    others: str = "",
    agreements: str = "",
    family_clients: list[Client] | tuple[Client, ...] = (),
    actor: User,
    request: HttpRequest | None = None,
) -> NetworkConversation:
    """A network conversation on the owner's map; for a client, optionally with other
    clients of the same family (the family as the unit of the conversation)."""
    if date > timezone.localdate():
        raise ValidationError({"date": [_("De datum mag niet in de toekomst liggen.")]})
    if family_clients:
        owner = network_map.client
        if (
            owner is None
            or owner.family_id is None
            or any(
                other.family_id != owner.family_id or other.pk == owner.pk
                for other in family_clients
            )
        ):
            raise ValidationError(
                {"family_clients": [_("Kies alleen andere cliënten van hetzelfde gezin.")]}
            )
    chosen = {alter.pk for alter in alters}
    on_map = set(network_map.alters.present().filter(pk__in=chosen).values_list("pk", flat=True))
    if any(alter.network_map_id != network_map.pk for alter in alters) or chosen != on_map:
        raise ValidationError({"alters": [_("Kies mensen van deze netwerkkaart.")]})
    conversation = NetworkConversation.objects.create(
        network_map=network_map,
        date=date,
        others=(others or "").strip()[:200],
        agreements=agreements or "",
        recorded_by=signed_in(actor),
    )
    conversation.alters.set(alters)
    if family_clients:
        conversation.family_clients.set(family_clients)
    audit_record(actor=actor, action="create", obj=conversation, request=request)
    return conversation


def check_on_map(alter: Alter) -> None:
    if alter.removed_at is not None:
        raise ValidationError(_("Deze persoon staat niet meer op de kaart."))


def _check_latest(alter: Alter) -> None:
    network_map = alter.network_map
    owner: dict[str, int | None] = (
        {"participant_id": network_map.participant_id}
        if network_map.participant_id
        else {"client_id": network_map.client_id}
    )
    latest = NetworkMap.objects.filter(**owner).order_by("wave_date", "id").last()
    if latest is None or latest.pk != network_map.pk:
        raise ValidationError(_("Je kunt alleen de nieuwste meting aanpassen."))


@transaction.atomic
def alter_update(
    *,
    alter: Alter,
    name: str,
    kind: str,
    closeness: int,
    support_types: list[str] | None = None,
    linked_participant: Participant | None = None,
    in_support_group: bool | None = None,
    actor: User,
    request: HttpRequest | None = None,
) -> Alter:
    """Change name, relation, circle and support of someone on the latest wave, and (when
    given) whether they belong to the support group, through the steungroep timeline
    (`group_services.group_mark_set`). Consent and its history are not touched here (see
    `support.contact_services.alter_set_consent`)."""
    support_types = list(dict.fromkeys(support_types or []))
    _check_alter(name=name, kind=kind, closeness=closeness, support_types=support_types)
    alter = Alter.objects.select_for_update().select_related("network_map").get(pk=alter.pk)
    check_on_map(alter)
    _check_latest(alter)
    _check_link(network_map=alter.network_map, kind=kind, linked_participant=linked_participant)
    alter.name = name.strip()[:80]
    alter.kind = kind
    alter.closeness = closeness
    alter.support_types = support_types
    alter.linked_participant = linked_participant
    alter.save(update_fields=["name", "kind", "closeness", "support_types", "linked_participant"])
    audit_record(actor=actor, action="update", obj=alter, detail="map person", request=request)
    if in_support_group is not None and in_support_group != alter.in_support_group:
        group_mark_set(alter=alter, on=in_support_group, actor=actor, request=request)
        alter.refresh_from_db(fields=["in_support_group"])
    return alter


@transaction.atomic
def alter_remove(*, alter: Alter, actor: User, request: HttpRequest | None = None) -> Alter:
    """Take someone off the latest wave: a soft removal. The row stays with its consent
    history, contacts and conversations; the person is hidden from the map, its counts and
    contact actions, and a later wave does not copy them. Earlier waves are not touched."""
    alter = Alter.objects.select_for_update().select_related("network_map").get(pk=alter.pk)
    check_on_map(alter)
    _check_latest(alter)
    if alter.in_support_group:  # off the map is out of the support group, from today
        group_mark_set(alter=alter, on=False, actor=actor, request=request)
    alter.removed_at = timezone.now()
    alter.removed_by = signed_in(actor)
    alter.save(update_fields=["removed_at", "removed_by"])
    audit_record(
        actor=actor, action="delete", obj=alter, detail="removed from map", request=request
    )
    return alter
