"""Reads for the parties around the networks, scoped to the user's organisation (the
coordinator's pages) or to one network the user may see (the network page's section)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from vangnet.core.permissions import pk_or_404
from vangnet.stakeholders.models import Agreement, AgreementStatus, Party, StakeholderMeeting

if TYPE_CHECKING:
    from vangnet.core.typing import Member
    from vangnet.networks.models import Network


def is_overdue(agreement: Agreement, today: dt.date) -> bool:
    """Open, with a due date that has passed."""
    return (
        agreement.status == AgreementStatus.OPEN
        and agreement.due_date is not None
        and agreement.due_date < today
    )


def _open_overdue(today: dt.date) -> Q:
    return Q(status=AgreementStatus.OPEN, due_date__lt=today)


def overdue_agreement_dates(*, organisation_id: int, today: dt.date) -> list[tuple[int, dt.date]]:
    """(id, due date) of the organisation's open agreements whose due date has passed, for
    the coordinators' reminder (notifications.due); no text, no party."""
    rows = (
        Agreement.objects.filter(_open_overdue(today), meeting__organisation_id=organisation_id)
        .order_by("due_date", "pk")
        .values_list("pk", "due_date")
    )
    return [(pk, due_date) for pk, due_date in rows if due_date is not None]


def parties(*, user: Member, include_inactive: bool = True) -> list[Party]:
    """The organisation's parties with their networks and open agreements counted
    (two queries)."""
    rows = (
        Party.objects.filter(organisation_id=user.organisation_id)
        .annotate(
            open_agreements=Count("agreements", filter=Q(agreements__status=AgreementStatus.OPEN))
        )
        .prefetch_related("networks")
        .order_by("-active", "name", "pk")
    )
    if not include_inactive:
        rows = rows.filter(active=True)
    return list(rows)


def party_choices(*, user: Member) -> QuerySet[Party]:
    return Party.objects.filter(organisation_id=user.organisation_id).order_by("name", "pk")


def party_for(user: Member, party_id: object) -> Party:
    try:
        return Party.objects.prefetch_related("networks").get(
            pk=pk_or_404(party_id), organisation_id=user.organisation_id
        )
    except Party.DoesNotExist as exc:
        raise Http404 from exc


def _meetings(organisation_id: int) -> QuerySet[StakeholderMeeting]:
    return (
        StakeholderMeeting.objects.filter(organisation_id=organisation_id)
        .select_related("recorded_by")
        .prefetch_related("parties", "networks")
        .annotate(
            open_agreements=Count("agreements", filter=Q(agreements__status=AgreementStatus.OPEN))
        )
        .order_by("-date", "-pk")
    )


def meetings(*, user: Member, party: Party | None = None) -> list[StakeholderMeeting]:
    """The organisation's meetings, newest first (three queries); with `party`, only the
    meetings that party attended."""
    rows = _meetings(user.organisation_id)
    if party is not None:
        rows = rows.filter(parties=party)
    return list(rows)


def meeting_for(user: Member, meeting_id: object) -> StakeholderMeeting:
    try:
        return _meetings(user.organisation_id).get(pk=pk_or_404(meeting_id))
    except StakeholderMeeting.DoesNotExist as exc:
        raise Http404 from exc


def meeting_agreements(meeting: StakeholderMeeting) -> list[Agreement]:
    return list(meeting.agreements.select_related("owner").order_by("due_date", "pk"))


def agreement_for(user: Member, agreement_id: object) -> Agreement:
    try:
        return Agreement.objects.select_related("meeting", "meeting__organisation", "owner").get(
            pk=pk_or_404(agreement_id), meeting__organisation_id=user.organisation_id
        )
    except Agreement.DoesNotExist as exc:
        raise Http404 from exc


@dataclass
class AgreementsOverview:
    today: dt.date
    overdue: list[Agreement] = field(default_factory=list)
    open: list[Agreement] = field(default_factory=list)
    closed: list[Agreement] = field(default_factory=list)


def agreements_overview(
    *, user: Member, today: dt.date, party: Party | None = None
) -> AgreementsOverview:
    """Every agreement of the organisation: overdue first (oldest due date first), then the
    other open ones, then the closed ones, newest first (two queries)."""
    rows = (
        Agreement.objects.filter(meeting__organisation_id=user.organisation_id)
        .select_related("meeting", "owner")
        .prefetch_related("meeting__networks")
        .order_by("due_date", "meeting__date", "pk")
    )
    if party is not None:
        rows = rows.filter(owner=party)
    overview = AgreementsOverview(today=today)
    for row in rows:
        if row.status != AgreementStatus.OPEN:
            overview.closed.append(row)
        elif is_overdue(row, today):
            overview.overdue.append(row)
        else:
            overview.open.append(row)
    overview.open.sort(key=lambda row: (row.due_date is None, row.due_date or today, row.pk))
    overview.closed.sort(key=lambda row: (row.done_on or row.meeting.date, row.pk), reverse=True)
    return overview


def overdue_count(*, user: Member, today: dt.date) -> int:
    return Agreement.objects.filter(
        _open_overdue(today), meeting__organisation_id=user.organisation_id
    ).count()


@dataclass
class NetworkStakeholders:
    parties: list[Party]
    agreements: list[Agreement]  # open, of the meetings about this network
    meetings: list[StakeholderMeeting]  # the latest few about this network
    today: dt.date


def network_stakeholders(
    *, network: Network, today: dt.date, meeting_count: int = 3
) -> NetworkStakeholders:
    """What a worker sees on the network page: the active parties linked to the network,
    the open agreements of the meetings about it (overdue first) and the latest meetings
    (three queries). No contact persons and no meeting notes."""
    linked = list(Party.objects.filter(networks=network, active=True).order_by("name", "pk"))
    agreements = list(
        Agreement.objects.filter(meeting__networks=network, status=AgreementStatus.OPEN)
        .select_related("meeting", "owner")
        .order_by("due_date", "pk")
        .distinct()
    )
    agreements.sort(key=lambda row: (not is_overdue(row, today), row.due_date is None))
    latest = list(
        StakeholderMeeting.objects.filter(networks=network).order_by("-date", "-pk")[:meeting_count]
    )
    return NetworkStakeholders(parties=linked, agreements=agreements, meetings=latest, today=today)
