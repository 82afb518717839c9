"""Reads: a session's output, and what a network's sessions for the neighbourhood produced
in a period (the network page, the annual report, the API and the export)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef

from vangnet.neighbourhood.models import NeighbourhoodOutput, OutputKind
from vangnet.neighbourhood.services import Item, OutputData
from vangnet.networks.models import Audience

if TYPE_CHECKING:
    from vangnet.networks.models import Network, Session


# The name of the annotation `neighbourhood_annotation` adds to a query of sessions.
NEIGHBOURHOOD_FLAG = "has_neighbourhood_activity"


def neighbourhood_annotation() -> dict[str, Exists]:
    """For `Session.objects.annotate(**...)`: whether one of the session's activities is
    for the neighbourhood, read in the session's own query (the session screen's save), so
    `is_for_neighbourhood` needs neither a query nor the prefetched activities."""
    from vangnet.networks.models import Session

    through = Session.activities.through.objects.filter(
        session_id=OuterRef("pk"), activity__audience=Audience.NEIGHBOURHOOD
    )
    return {NEIGHBOURHOOD_FLAG: Exists(through)}


def is_for_neighbourhood(session: Session) -> bool:
    """A session of an activity "voor de buurt", or a one-off (often for the neighbourhood).
    Uses the session's `neighbourhood_annotation` when it was read with it, else its
    prefetched activities when there are."""
    if session.is_one_off:
        return True
    flag = getattr(session, NEIGHBOURHOOD_FLAG, None)
    if flag is not None:
        return bool(flag)
    return any(a.audience == Audience.NEIGHBOURHOOD for a in session.activities.all())


def session_output(*, session: Session) -> OutputData | None:
    """What is stored for the session (two queries), or None."""
    output = (
        NeighbourhoodOutput.objects.filter(session=session)
        .prefetch_related("items", "partners")
        .first()
    )
    if output is None:
        return None
    partners = list(output.partners.all())
    return OutputData(
        guests=output.guests,
        items=[Item(i.kind, i.number, i.description) for i in output.items.all()],
        partner_ids=sorted(p.partner_id for p in partners if p.partner_id),
        other_partners=[p.name for p in partners if not p.partner_id],
    )


@dataclass
class SessionLine:
    """One session's output, for lists."""

    session_id: int
    date: dt.date
    title: str
    guests: int
    items: list[tuple[str, int, str]]  # (kind label, number, description)
    partners: list[str]
    coded_items: list[tuple[str, str, int, str]]  # (kind, label, number, description)


@dataclass
class Produced:
    """A network's (or several networks') outputs in a period."""

    start: dt.date
    end: dt.date
    sessions: int = 0  # sessions with an output
    guests: int = 0
    per_kind: list[tuple[str, str, int]] = field(default_factory=list)  # (kind, label, n)
    per_description: list[tuple[str, int]] = field(default_factory=list)  # ("pakketten", n)
    partners: list[tuple[str, int]] = field(default_factory=list)  # (name, sessions helped)
    lines: list[SessionLine] = field(default_factory=list)  # newest first

    @property
    def is_empty(self) -> bool:
        return self.sessions == 0


def _title(session: Session) -> str:
    if session.title:
        return session.title
    return ", ".join(a.name for a in session.activities.all())


def _line(output: NeighbourhoodOutput, labels: Mapping[str, Any]) -> SessionLine:
    items = list(output.items.all())
    return SessionLine(
        session_id=output.session_id,
        date=output.session.date,
        title=_title(output.session),
        guests=output.guests,
        items=[(str(labels.get(i.kind, i.kind)), i.number, i.description) for i in items],
        partners=sorted({p.name for p in output.partners.all()}),
        coded_items=[
            (i.kind, str(labels.get(i.kind, i.kind)), i.number, i.description) for i in items
        ],
    )


def session_output_lines(*, session: Session) -> SessionLine | None:
    """One session's output as a line (three queries), or None."""
    output = (
        NeighbourhoodOutput.objects.filter(session=session)
        .select_related("session")
        .prefetch_related("session__activities", "items", "partners")
        .first()
    )
    return None if output is None else _line(output, dict(OutputKind.choices))


def network_produced(*, network: Network, start: dt.date, end: dt.date) -> Produced:
    """What the network's sessions in [start, end] produced for the neighbourhood (four
    queries: outputs with their sessions, the sessions' activities, items, partners)."""
    outputs = list(
        NeighbourhoodOutput.objects.filter(
            session__network=network, session__date__gte=start, session__date__lte=end
        )
        .select_related("session")
        .prefetch_related("session__activities", "items", "partners")
        .order_by("-session__date", "-session_id")
    )
    produced = Produced(start=start, end=end, sessions=len(outputs))
    labels = dict(OutputKind.choices)
    kinds: dict[str, int] = defaultdict(int)
    described: dict[str, int] = defaultdict(int)
    helped: dict[str, int] = defaultdict(int)
    for output in outputs:
        produced.guests += output.guests
        line = _line(output, labels)
        for kind, label, number, description in line.coded_items:
            kinds[kind] += number
            described[description or label] += number
        for name in line.partners:
            helped[name] += 1
        produced.lines.append(line)
    produced.per_kind = [
        (kind, str(label), kinds[kind]) for kind, label in OutputKind.choices if kinds.get(kind)
    ]
    produced.per_description = sorted(described.items(), key=lambda kv: (-kv[1], kv[0]))
    produced.partners = sorted(helped.items(), key=lambda kv: (-kv[1], kv[0]))
    return produced


# The municipality report's measures (`reports.grid_counts`, `reports.disclosure`): sums
# over a network's recorded sessions. "sessions" (sessions with an output) are meetings, not
# people, and published as they are; guests and every kind are protected.
PROTECTED_MEASURES: tuple[str, ...] = ("guests", *OutputKind.values)


def counts_per_quarter(
    *, network_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, dict[tuple[str, int], int]]:
    """For the municipality report's grid (`reports.grid_counts`): per network,
    (measure, quarter) -> sum, measures `guests`, `sessions` and each kind (two queries)."""
    result: dict[int, dict[tuple[str, int], int]] = defaultdict(lambda: defaultdict(int))
    for network_id, day, guests in NeighbourhoodOutput.objects.filter(
        session__network_id__in=network_ids,
        session__recorded=True,
        session__date__gte=start,
        session__date__lte=end,
    ).values_list("session__network_id", "session__date", "guests"):
        quarter = (day.month - 1) // 3 + 1
        result[network_id][("sessions", quarter)] += 1
        result[network_id][("guests", quarter)] += guests
    from vangnet.neighbourhood.models import OutputItem

    for network_id, day, kind, number in OutputItem.objects.filter(
        output__session__network_id__in=network_ids,
        output__session__recorded=True,
        output__session__date__gte=start,
        output__session__date__lte=end,
    ).values_list("output__session__network_id", "output__session__date", "kind", "number"):
        result[network_id][(kind, (day.month - 1) // 3 + 1)] += number
    return {network_id: dict(counts) for network_id, counts in result.items()}
