"""Reading a client's support group, supporters, agreements and contacts over time for the
"Steungroep en samenwerking" page (a bounded number of queries), and the coordinator's
aggregate overview (counts only, no names)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.utils.translation import gettext as _

from vangnet.support.models import (
    AgreementReview,
    Client,
    CoachingMoment,
    ContactAction,
    GroupKind,
    InformalAgreement,
    Kept,
    NetworkConversation,
    NetworkSupporter,
    SupportGroupMember,
    SupportGroupShape,
)

if TYPE_CHECKING:
    from vangnet.core.typing import Member

MONTHS = 12


def _pk(value: int | str) -> int:
    try:
        pk = int(value)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    if pk <= 0 or pk > 2**62:
        raise Http404
    return pk


def member_of(client: Client, member_id: int | str) -> SupportGroupMember:
    try:
        return SupportGroupMember.objects.select_related("alter", "client").get(
            client=client, pk=_pk(member_id)
        )
    except SupportGroupMember.DoesNotExist as exc:
        raise Http404 from exc


def supporter_of(client: Client, supporter_id: int | str) -> NetworkSupporter:
    try:
        return NetworkSupporter.objects.select_related("client").get(
            client=client, pk=_pk(supporter_id)
        )
    except NetworkSupporter.DoesNotExist as exc:
        raise Http404 from exc


def agreement_of(client: Client, agreement_id: int | str) -> InformalAgreement:
    try:
        return InformalAgreement.objects.select_related("client").get(
            client=client, pk=_pk(agreement_id)
        )
    except InformalAgreement.DoesNotExist as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class TimelineEvent:
    date: dt.date
    text: str


def group_timeline(
    *, shapes: list[SupportGroupShape], members: list[SupportGroupMember]
) -> list[TimelineEvent]:
    """The support group's history, newest first: changes of form, who came and who left."""
    events = [
        TimelineEvent(shape.since, _("Vorm: %(kinds)s") % {"kinds": shape.kinds_label})
        for shape in shapes
    ]
    for member in members:
        events.append(TimelineEvent(member.start, _("%(name)s kwam erbij") % {"name": member.name}))
        if member.end is not None:
            events.append(
                TimelineEvent(member.end, _("%(name)s ging eruit") % {"name": member.name})
            )
    return sorted(events, key=lambda event: event.date, reverse=True)


@dataclass
class MonthRow:
    month: dt.date  # the first day
    contacts: int = 0
    kept: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Kept.values, 0))

    @property
    def reviews(self) -> int:
        return sum(self.kept.values())


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _months_back(today: dt.date, count: int) -> list[dt.date]:
    months = []
    year, month = today.year, today.month
    for _i in range(count):
        months.append(dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(months))


def contacts_over_time(*, client: Client, today: dt.date) -> list[MonthRow]:
    """Per month of the last year, from the first month with anything: the worker's contacts
    with the informal network (contacts logged on the map plus network conversations, family
    conversations included) and the reviews of agreements by outcome (three queries)."""
    months = _months_back(today, MONTHS)
    start = months[0]
    rows = {month: MonthRow(month) for month in months}
    contact_days = ContactAction.objects.filter(
        alter__network_map__client=client, date__gte=start, date__lte=today
    ).values_list("date", flat=True)
    conversation_days = (
        NetworkConversation.objects.filter(
            Q(network_map__client=client) | Q(family_clients=client),
            date__gte=start,
            date__lte=today,
        )
        .distinct()
        .values_list("date", flat=True)
    )
    for day in [*contact_days, *conversation_days]:
        rows[_month(day)].contacts += 1
    for day, kept in AgreementReview.objects.filter(
        agreement__client=client, date__gte=start, date__lte=today
    ).values_list("date", "kept"):
        rows[_month(day)].kept[kept] += 1
    ordered = [rows[month] for month in months]
    first = next((i for i, row in enumerate(ordered) if row.contacts or row.reviews), None)
    return [] if first is None else ordered[first:]


@dataclass
class GroupPage:
    shapes: list[SupportGroupShape]
    members: list[SupportGroupMember]
    supporters: list[NetworkSupporter]
    agreements: list[InformalAgreement]
    family: list[Client]
    months: list[MonthRow]

    @property
    def shape(self) -> SupportGroupShape | None:
        return self.shapes[-1] if self.shapes else None

    @property
    def current_members(self) -> list[SupportGroupMember]:
        return [member for member in self.members if member.end is None]

    @property
    def timeline(self) -> list[TimelineEvent]:
        return group_timeline(shapes=self.shapes, members=self.members)


def family_members(*, client: Client, user: Member) -> list[Client]:
    """The other clients of the client's family that this user may see."""
    from vangnet.support.map_selectors import visible_clients

    if client.family_id is None:
        return []
    return list(visible_clients(user).filter(family_id=client.family_id).exclude(pk=client.pk))


def client_group_page(*, client: Client, user: Member | None, today: dt.date) -> GroupPage:
    """Everything on the page (eight queries)."""
    reviews = Prefetch("reviews", queryset=AgreementReview.objects.order_by("date", "pk"))
    coaching = Prefetch("coaching", queryset=CoachingMoment.objects.order_by("-date", "-pk"))
    return GroupPage(
        shapes=list(SupportGroupShape.objects.filter(client=client).order_by("since", "pk")),
        members=list(SupportGroupMember.objects.filter(client=client).order_by("start", "pk")),
        supporters=list(
            NetworkSupporter.objects.filter(client=client)
            .select_related("coach")
            .prefetch_related(coaching)
            .order_by("start", "pk")
        ),
        agreements=list(
            InformalAgreement.objects.filter(client=client)
            .prefetch_related(reviews)
            .order_by("made_on", "pk")
        ),
        family=family_members(client=client, user=user) if user is not None else [],
        months=contacts_over_time(client=client, today=today),
    )


# ------------------------------------------------------------------ coordinator overview


@dataclass(frozen=True)
class Overview:
    clients: int
    with_group: int
    per_kind: list[tuple[str, int]]
    supporters: int
    coaching_moments: int
    reviews: dict[str, int]


def organisation_overview(*, organisation_id: int) -> Overview:
    """Counts across the organisation's clients, without names: how many have a support
    group and in which form, active network supporters and their coaching, agreement
    reviews by outcome (five queries)."""
    clients = Client.objects.filter(organisation_id=organisation_id)
    latest: dict[int, list[str]] = {}
    for client_id, kinds in (
        SupportGroupShape.objects.filter(client__organisation_id=organisation_id)
        .order_by("client_id", "since", "pk")
        .values_list("client_id", "kinds")
    ):
        latest[client_id] = kinds
    per_kind: Counter[str] = Counter(kind for kinds in latest.values() for kind in kinds)
    reviews = dict(
        AgreementReview.objects.filter(agreement__client__organisation_id=organisation_id)
        .values_list("kept")
        .annotate(n=Count("pk"))
        .values_list("kept", "n")
    )
    return Overview(
        clients=clients.count(),
        with_group=len(latest),
        per_kind=[(str(label), per_kind.get(value, 0)) for value, label in GroupKind.choices],
        supporters=NetworkSupporter.objects.filter(
            client__organisation_id=organisation_id, end__isnull=True
        ).count(),
        coaching_moments=CoachingMoment.objects.filter(
            supporter__client__organisation_id=organisation_id
        ).count(),
        reviews={value: reviews.get(value, 0) for value in Kept.values},
    )


def client_group_export(*, client: Client) -> dict[str, Any]:
    """The client's support group, supporters, coaching and agreements for their
    data-subject export (privacy.client_rights)."""
    page = client_group_page(client=client, user=None, today=dt.date.max)
    return {
        "family": client.family.name if client.family_id and client.family else "",
        "shapes": [{"since": s.since.isoformat(), "kinds": list(s.kinds)} for s in page.shapes],
        "members": [
            {
                "name": m.name,
                "start": m.start.isoformat(),
                "end": m.end.isoformat() if m.end else "",
            }
            for m in page.members
        ],
        "supporters": [
            {
                "name": s.name,
                "start": s.start.isoformat(),
                "end": s.end.isoformat() if s.end else "",
                "coaching": [
                    {"date": c.date.isoformat(), "theme": c.theme, "next_step": c.next_step}
                    for c in s.coaching.all()
                ],
            }
            for s in page.supporters
        ],
        "agreements": [
            {
                "who": a.who,
                "what": a.what,
                "made_on": a.made_on.isoformat(),
                "ended_on": a.ended_on.isoformat() if a.ended_on else "",
                "reviews": [
                    {"date": r.date.isoformat(), "kept": r.kept, "note": r.note}
                    for r in a.reviews.all()
                ],
            }
            for a in page.agreements
        ],
    }
