"""The pseudonymised research export and its data dictionary.

Guarantees (docs/exports.md): every id is a random code made for this export only
(`secrets`), so two exports cannot be linked through the ids; no names, contact details,
addresses, free-text notes, open answers or referral partners; every date is coarsened to
its ISO week ("2025-W07"); networks with fewer participants than VANGNET_SMALL_CELL_K are
flagged (`small_network`). The DICTIONARY below is the single description of every table
and column: the tables are built from it and the README and dictionary sheet print it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator

from django.conf import settings
from django.utils import timezone

from vangnet.exports.research_dictionary import (
    DICTIONARY,
    coding,
    columns,
    dictionary_table,
    readme,
)
from vangnet.exports.research_facts import Person, ResearchFacts, weeks_of
from vangnet.exports.scope import ExportScope, Pseudonyms
from vangnet.exports.writers import Table, iso_week
from vangnet.networks.models import PHASE_ORDER, AnnouncedAbsence
from vangnet.networks.selectors import network_timeline
from vangnet.participants.models import Participant, RouteStage
from vangnet.privacy.models import ConsentKind
from vangnet.privacy.selectors import consent_withdrawn_ids
from vangnet.questionnaires.models import Answer, ItemKind
from vangnet.support.models import SupportTie

__all__ = [
    "DICTIONARY",
    "RESEARCH_STEPS_PER_NETWORK",
    "coding",
    "columns",
    "dictionary_table",
    "readme",
    "research_tables",
]

Step = Callable[[], None]


def research_tables(scope: ExportScope, step: Step, *, today: dt.date) -> list[Table]:
    """The five research tables, in DICTIONARY order. The networks table is made at once;
    the rows of the others are generators that read one network at a time as a writer
    consumes them (each table is read once, however many files it goes into), calling
    step() once per network in each of the participants, attendance, ties and answers
    passes (4 x networks)."""
    k = int(getattr(settings, "VANGNET_SMALL_CELL_K", 5))
    network_code = Pseudonyms(prefix="N-", nbytes=3)
    person_code = Pseudonyms(prefix="P-")
    response_code = Pseudonyms(prefix="R-")
    # Codes are handed out in a random order, never in database order.
    networks = sorted(scope.networks, key=lambda n: network_code(n.pk))
    # Whoever withdrew their consent for research is left out of every table.
    excluded = consent_withdrawn_ids(kind=ConsentKind.RESEARCH_EXPORT)
    # The people of each network (id, how they came in, invited on), read once: the
    # networks table counts them and the participants table lists them.
    members: dict[int, list[Person]] = defaultdict(list)
    for pk, network_id, came_in_via, invited_on in (
        Participant.objects.filter(network__in=[n.pk for n in networks])
        .order_by()
        .values_list("id", "network_id", "came_in_via", "invited_on")
    ):
        if pk not in excluded:
            members[network_id].append((pk, came_in_via, invited_on))
    weeks = _Weeks()
    # Sessions, route events and attendance marks, each read once (research_facts).
    facts = ResearchFacts(networks, members, excluded=excluded, today=today)

    def network_rows() -> list[list]:
        rows = []
        for network in networks:
            timeline = network_timeline(network=network, today=today)
            starts = {
                span.phase.value: span.actual_start
                for span in timeline.spans
                if span.started and span.actual_start is not None
            }
            count = len(members[network.pk])
            rows.append(
                [
                    network_code(network.pk),
                    weeks(network.start_date),
                    timeline.current.value if timeline.current else "",
                    *[weeks(starts.get(phase.value)) for phase in PHASE_ORDER],
                    network.target_core_size,
                    count,
                    1 if count < k else 0,
                ]
            )
        return rows

    stages = [stage.value for stage in RouteStage]

    def participant_rows() -> Iterator[list]:
        for network in networks:
            routes = facts.routes(network)
            code = network_code(network.pk)
            people = members[network.pk]
            for pk, came_in_via, _invited in sorted(people, key=lambda p: person_code(p[0])):
                route = routes[pk]
                first: dict[str, dt.date | None] = {}
                for route_step in route.steps:
                    first.setdefault(route_step.stage, route_step.start)
                yield [
                    person_code(pk),
                    code,
                    came_in_via,
                    weeks(route.first_visit),
                    weeks(route.last_visit),
                    route.visits,
                    weeks(route.long_term_since),
                    route.current,
                    *[weeks(first.get(stage)) for stage in stages],
                ]
            step()

    def attendance_rows() -> Iterator[list]:
        # The week of every session, worked out once; each network's marks (read with its
        # routes) counted per (participant, week) in one pass each; the announced absences
        # of every network in one query.
        week_of = weeks_of(facts, weeks)
        absences: dict[int, Counter[tuple[int, str]]] = defaultdict(Counter)
        for participant_id, session_id in (
            AnnouncedAbsence.objects.filter(session__network__in=[n.pk for n in networks])
            .order_by()
            .values_list("participant_id", "session_id")
        ):
            if participant_id not in excluded:
                absences[facts.network_of[session_id]][participant_id, week_of[session_id]] += 1
        for network in networks:
            participant_ids, session_ids = facts.marks(network.pk)
            present = Counter(
                zip(participant_ids, map(week_of.__getitem__, session_ids), strict=True)
            )
            absent = absences.pop(network.pk, Counter())
            code = network_code(network.pk)
            codes = {pk: person_code(pk) for pk in {*participant_ids, *(p for p, _w in absent)}}
            if absent:
                rows = [
                    [codes[pk], code, week, count, absent.get((pk, week), 0)]
                    for (pk, week), count in present.items()
                ]
                rows += [
                    [codes[pk], code, week, 0, count]
                    for (pk, week), count in absent.items()
                    if (pk, week) not in present
                ]
            else:
                rows = [[codes[pk], code, week, count, 0] for (pk, week), count in present.items()]
            # By participant, then week: a (code, week) pair is one row, so the lists
            # compare as their first and third cells do.
            rows.sort()
            yield from rows
            step()

    def tie_rows() -> Iterator[list]:
        for network in networks:
            ties = SupportTie.objects.filter(network=network).values_list(
                "giver_id", "receiver_id", "support_type", "date", "outside_hours"
            )
            code = network_code(network.pk)
            rows = [
                [person_code(g), person_code(r), code, kind, weeks(day), 1 if outside else 0]
                for g, r, kind, day, outside in ties
                if g not in excluded and r not in excluded
            ]
            yield from sorted(rows, key=lambda row: (row[4], row[0], row[1]))
            step()

    def answer_rows() -> Iterator[list]:
        for network in networks:
            answers = (
                Answer.objects.filter(
                    response__network=network, response__completed_at__isnull=False
                )
                .exclude(item__kind=ItemKind.OPEN)
                .values_list(
                    "response_id",
                    "response__participant_id",
                    "response__version__template__key",
                    "response__version__number",
                    "response__completed_at",
                    "item__key",
                    "item__kind",
                    "value_now",
                    "value_then",
                    "choice",
                )
            )
            code = network_code(network.pk)
            grouped: dict[str, list] = defaultdict(list)
            for row in answers:
                response_id, participant_id, template, version, completed = row[:5]
                if participant_id in excluded:
                    continue
                key, kind, now, then, choice = row[5:]
                response = response_code(response_id)
                grouped[response].append(
                    [
                        response,
                        person_code(participant_id) if participant_id else "",
                        code,
                        template,
                        version,
                        weeks(timezone.localtime(completed).date()),
                        key,
                        kind,
                        now,
                        then,
                        choice,
                    ]
                )
            for response in sorted(grouped):
                yield from grouped[response]
            step()

    rows = {
        "networks": network_rows(),
        "participants": participant_rows(),
        "attendance": attendance_rows(),
        "ties": tie_rows(),
        "answers": answer_rows(),
    }
    return [
        Table(key=name, title=name, headers=columns(name), rows=rows[name]) for name in DICTIONARY
    ]


class _Weeks:
    """`iso_week` of a date, worked out once per distinct date of an export."""

    def __init__(self) -> None:
        self.known: dict[dt.date | None, str] = {}

    def __call__(self, day: dt.date | None) -> str:
        week = self.known.get(day)
        if week is None:
            week = self.known[day] = iso_week(day)
        return week


RESEARCH_STEPS_PER_NETWORK = 4
