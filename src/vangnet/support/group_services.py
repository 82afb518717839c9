"""Writing a client's support group, network supporters, coaching and agreements with the
informal network. Every write validates (clear Dutch messages), runs in one transaction and
is audited. Views, the demo and tests call these functions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.typing import signed_in
from vangnet.support.models import (
    AgreementReview,
    Alter,
    Client,
    CoachingMoment,
    Family,
    GroupKind,
    InformalAgreement,
    Kept,
    NetworkMap,
    NetworkSupporter,
    SupportGroupMember,
    SupportGroupShape,
)

if TYPE_CHECKING:
    from vangnet.organisations.models import User
    from vangnet.volunteers.models import NetworkHelper

EARLIEST = dt.date(2000, 1, 1)


def _day(field: str, day: dt.date | None, *, after: dt.date | None = None, label: str = "") -> None:
    """A date that is not in the future, not absurdly early, and not before `after`."""
    if day is None:
        raise ValidationError({field: [_("Vul een datum in.")]})
    if day > timezone.localdate():
        raise ValidationError({field: [_("De datum mag niet in de toekomst liggen.")]})
    if day < EARLIEST:
        raise ValidationError({field: [_("Deze datum is te ver terug.")]})
    if after is not None and day < after:
        raise ValidationError({field: [_("De datum ligt voor %(what)s.") % {"what": label}]})


def _text(field: str, value: str, *, limit: int, required: bool = True) -> str:
    value = " ".join((value or "").split())
    if required and not value:
        raise ValidationError({field: [_("Vul dit in.")]})
    if len(value) > limit:
        raise ValidationError({field: [_("Houd het kort: hoogstens %(n)s tekens.") % {"n": limit}]})
    return value


def _latest_map(client: Client) -> NetworkMap | None:
    return NetworkMap.objects.filter(client=client).order_by("-wave_date", "-pk").first()


def _write(
    actor: User,
    action: str,
    obj: models.Model,
    request: HttpRequest | None,
    client: Client,
    detail: str = "",
) -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=obj,
        detail=detail,
        request=request,
        organisation=client.organisation,
    )


# ------------------------------------------------------------------ family


@transaction.atomic
def client_family_set(
    *, client: Client, name: str, actor: User, request: HttpRequest | None = None
) -> Family | None:
    """Put the client in the family called `name` (the organisation's family with that name,
    made when there is none); an empty name takes the client out of their family."""
    name = _text("name", name, limit=80, required=False)
    family = None
    if name:
        family = Family.objects.filter(
            organisation=client.organisation, name__iexact=name
        ).first() or Family.objects.create(organisation=client.organisation, name=name)
    client.family = family
    client.save(update_fields=["family"])
    _write(actor, "update", client, request, client, detail="family")
    return family


# ------------------------------------------------------------------ support group


@transaction.atomic
def group_shape_set(
    *,
    client: Client,
    kinds: list[str],
    since: dt.date,
    actor: User,
    request: HttpRequest | None = None,
) -> SupportGroupShape:
    """The support group has this form from `since` on (earlier forms stay as history)."""
    kinds = list(dict.fromkeys(kinds or []))
    if not kinds:
        raise ValidationError({"kinds": [_("Kies minstens één vorm.")]})
    if any(kind not in GroupKind.values for kind in kinds):
        raise ValidationError({"kinds": [_("Kies een vorm uit de lijst.")]})
    _day("since", since)
    if SupportGroupShape.objects.filter(client=client, since=since).exists():
        raise ValidationError(
            {"since": [_("Op deze datum is al een vorm vastgelegd. Kies een andere datum.")]}
        )
    shape = SupportGroupShape.objects.create(
        client=client, kinds=kinds, since=since, recorded_by=signed_in(actor)
    )
    _write(actor, "create", shape, request, client)
    return shape


def _alter_and_later(alter: Alter) -> list[Alter]:
    """The person on the map and the same person in every later wave."""
    chain = [alter]
    seen = {alter.pk}
    current = alter
    while True:
        later = Alter.objects.filter(origin=current).exclude(pk__in=seen).first()
        if later is None:
            return chain
        chain.append(later)
        seen.add(later.pk)
        current = later


def _mark_on_map(alter: Alter | None, on: bool) -> None:
    """Keep the map's mark (and so the client's own view in Mijn Vangnet) in step."""
    if alter is None:
        return
    Alter.objects.filter(pk__in=[a.pk for a in _alter_and_later(alter)]).update(in_support_group=on)


@transaction.atomic
def group_member_add(
    *,
    client: Client,
    name: str = "",
    alter: Alter | None = None,
    start: dt.date,
    actor: User,
    request: HttpRequest | None = None,
) -> SupportGroupMember:
    """Someone joins the support group on `start`: a person on the client's newest map, or
    someone by name."""
    if alter is not None:
        latest = _latest_map(client)
        if latest is None or alter.network_map_id != latest.pk or alter.removed_at is not None:
            raise ValidationError({"alter": [_("Kies iemand van de nieuwste netwerkkaart.")]})
        if SupportGroupMember.objects.filter(
            client=client, alter__in=_alter_and_later(alter), end__isnull=True
        ).exists():
            raise ValidationError({"alter": [_("Deze persoon zit al in de steungroep.")]})
        name = name or alter.name
    name = _text("name", name, limit=80)
    _day("start", start)
    member = SupportGroupMember.objects.create(
        client=client, name=name, alter=alter, start=start, recorded_by=signed_in(actor)
    )
    _mark_on_map(alter, True)
    _write(actor, "create", member, request, client)
    return member


@transaction.atomic
def group_mark_set(
    *,
    alter: Alter,
    on: bool,
    actor: User,
    day: dt.date | None = None,
    request: HttpRequest | None = None,
) -> None:
    """The mark "hoort bij de steungroep" on someone of a map, the one way to set it.

    For a client's map it goes through the timeline: on, they join the support group on
    `day` (today by default) unless a period of theirs is open; off, their open period
    ends on `day`. The map's mark (and so the client's own view in Mijn Vangnet) follows
    from that. A participant's map has no timeline: the mark is set on the person and
    their later waves."""
    day = day or timezone.localdate()
    alter = Alter.objects.select_related("network_map__client").get(pk=alter.pk)
    client = alter.network_map.client
    if client is None:
        _mark_on_map(alter, on)
        return
    chain = _alter_and_later(alter)
    open_periods = list(
        SupportGroupMember.objects.select_for_update()
        .filter(client=client, alter__in=chain, end__isnull=True)
        .order_by("pk")
    )
    if on and not open_periods:
        group_member_add(client=client, alter=alter, start=day, actor=actor, request=request)
    elif not on:
        for member in open_periods:
            group_member_end(member=member, end=day, actor=actor, request=request)
    _mark_on_map(alter, on)


@transaction.atomic
def group_member_end(
    *,
    member: SupportGroupMember,
    end: dt.date,
    actor: User,
    request: HttpRequest | None = None,
) -> SupportGroupMember:
    """The member leaves the support group on `end` (the period stays in the timeline)."""
    if member.end is not None:
        raise ValidationError({"end": [_("Deze persoon is al uit de steungroep.")]})
    _day("end", end, after=member.start, label=_("de datum waarop deze persoon erbij kwam"))
    member.end = end
    member.save(update_fields=["end"])
    if member.alter is not None:
        _mark_on_map(member.alter, False)
    _write(actor, "update", member, request, member.client)
    return member


# ------------------------------------------------------------------ volunteers and coaching


@transaction.atomic
def supporter_add(
    *,
    client: Client,
    name: str = "",
    helper: NetworkHelper | None = None,
    coach: User,
    start: dt.date,
    actor: User,
    request: HttpRequest | None = None,
) -> NetworkSupporter:
    """A volunteer becomes the client's network supporter, coached by `coach`."""
    if coach.organisation_id != client.organisation_id or not coach.is_active:
        raise ValidationError({"coach": [_("Kies een coach van je eigen organisatie.")]})
    if helper is not None:
        if helper.network.organisation_id != client.organisation_id or helper.kind != "volunteer":
            raise ValidationError({"helper": [_("Kies een vrijwilliger van je organisatie.")]})
        name = name or helper.name
    name = _text("name", name, limit=80)
    _day("start", start)
    supporter = NetworkSupporter.objects.create(
        client=client,
        name=name,
        helper=helper,
        coach=coach,
        start=start,
        recorded_by=signed_in(actor),
    )
    _write(actor, "create", supporter, request, client)
    return supporter


@transaction.atomic
def supporter_end(
    *, supporter: NetworkSupporter, end: dt.date, actor: User, request: HttpRequest | None = None
) -> NetworkSupporter:
    if supporter.end is not None:
        raise ValidationError({"end": [_("Deze vrijwilliger is al gestopt.")]})
    _day("end", end, after=supporter.start, label=_("de start van deze vrijwilliger"))
    supporter.end = end
    supporter.save(update_fields=["end"])
    _write(actor, "update", supporter, request, supporter.client)
    return supporter


@transaction.atomic
def coaching_add(
    *,
    supporter: NetworkSupporter,
    date: dt.date,
    theme: str,
    next_step: str = "",
    actor: User,
    request: HttpRequest | None = None,
) -> CoachingMoment:
    """The coach talked with the volunteer: on `date`, about `theme`, agreeing `next_step`."""
    _day("date", date, after=supporter.start, label=_("de start van deze vrijwilliger"))
    if supporter.end is not None and date > supporter.end:
        raise ValidationError({"date": [_("Deze vrijwilliger was toen al gestopt.")]})
    moment = CoachingMoment.objects.create(
        supporter=supporter,
        date=date,
        theme=_text("theme", theme, limit=120),
        next_step=_text("next_step", next_step, limit=200, required=False),
        recorded_by=signed_in(actor),
    )
    _write(actor, "create", moment, request, supporter.client)
    return moment


# ------------------------------------------------------------------ agreements


@transaction.atomic
def agreement_add(
    *,
    client: Client,
    who: str,
    what: str,
    made_on: dt.date,
    actor: User,
    request: HttpRequest | None = None,
) -> InformalAgreement:
    _day("made_on", made_on)
    agreement = InformalAgreement.objects.create(
        client=client,
        who=_text("who", who, limit=80),
        what=_text("what", what, limit=200),
        made_on=made_on,
        recorded_by=signed_in(actor),
    )
    _write(actor, "create", agreement, request, client)
    return agreement


@transaction.atomic
def agreement_review(
    *,
    agreement: InformalAgreement,
    date: dt.date,
    kept: str,
    note: str = "",
    actor: User,
    request: HttpRequest | None = None,
) -> AgreementReview:
    """Look back on an agreement: kept, partly or not (one review per agreement per day)."""
    if kept not in Kept.values:
        raise ValidationError({"kept": [_("Kies nagekomen, deels of niet nagekomen.")]})
    _day("date", date, after=agreement.made_on, label=_("de datum van de afspraak"))
    if agreement.ended_on is not None and date > agreement.ended_on:
        raise ValidationError({"date": [_("Deze afspraak was toen al gestopt.")]})
    if AgreementReview.objects.filter(agreement=agreement, date=date).exists():
        raise ValidationError({"date": [_("Op deze datum is al teruggeblikt op deze afspraak.")]})
    review = AgreementReview.objects.create(
        agreement=agreement,
        date=date,
        kept=kept,
        note=_text("note", note, limit=200, required=False),
        recorded_by=signed_in(actor),
    )
    _write(actor, "create", review, request, agreement.client)
    return review


@transaction.atomic
def agreement_end(
    *,
    agreement: InformalAgreement,
    ended_on: dt.date,
    actor: User,
    request: HttpRequest | None = None,
) -> InformalAgreement:
    if agreement.ended_on is not None:
        raise ValidationError({"ended_on": [_("Deze afspraak is al gestopt.")]})
    _day("ended_on", ended_on, after=agreement.made_on, label=_("de datum van de afspraak"))
    agreement.ended_on = ended_on
    agreement.save(update_fields=["ended_on"])
    _write(actor, "update", agreement, request, agreement.client)
    return agreement
