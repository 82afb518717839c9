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
from operator import itemgetter

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vangnet.exports.scope import ExportScope, Pseudonyms
from vangnet.exports.writers import Table, iso_week
from vangnet.networks.models import PHASE_ORDER, AnnouncedAbsence, Attendance, Session
from vangnet.networks.selectors import network_timeline
from vangnet.participants.models import CameInVia, Participant, RouteStage
from vangnet.participants.selectors import attach_routes, network_route_map, route_rules
from vangnet.privacy.models import ConsentKind
from vangnet.privacy.selectors import consent_withdrawn_ids
from vangnet.questionnaires.models import Answer, ItemKind
from vangnet.support.models import SupportTie, SupportType

Step = Callable[[], None]
L = gettext_lazy  # the dictionary is defined at import time: lazy translations

WEEK = L("tekst, ISO-week JJJJ-Www (bijv. 2025-W07); leeg = onbekend of nog niet")
CODE = L("tekst, willekeurige code, alleen geldig binnen deze export")


def _codes(choices) -> str:
    return "; ".join(f"{value} = {label}" for value, label in choices)


def _phase_codes() -> str:
    return "; ".join(f"{phase.value} = {phase.label}" for phase in PHASE_ORDER)


# table -> (description, [(column, meaning, type and coding)])
DICTIONARY: dict[str, tuple] = {
    "networks": (
        L("Eén rij per vangnetwerk van de organisatie."),
        [
            ("network_id", L("Code van het vangnetwerk."), CODE),
            ("start_week", L("Week waarin het netwerk begon (startdatum)."), WEEK),
            ("current_phase", L("Fase op de dag van de export."), "phase"),
            *[
                (
                    f"{phase.value}_week",
                    L("Week waarin deze fase begon (vastgelegd of volgens plan)."),
                    WEEK,
                )
                for phase in PHASE_ORDER
            ],
            ("target_core_size", L("Doel voor de vaste kern (aantal deelnemers)."), "integer"),
            (
                "participants",
                L(
                    "Aantal deelnemers ooit in dit netwerk, zonder wie de toestemming voor "
                    "onderzoek introk."
                ),
                "integer",
            ),
            (
                "small_network",
                L(
                    "1 als het netwerk minder deelnemers heeft dan de drempel voor kleine "
                    "aantallen (VANGNET_SMALL_CELL_K): wees voorzichtig met uitsplitsen."
                ),
                L("geheel getal: 1 = klein, 0 = niet klein"),
            ),
        ],
    ),
    "participants": (
        L("Eén rij per deelnemer, met de afgeleide route."),
        [
            ("participant_id", L("Code van de deelnemer."), CODE),
            ("network_id", L("Code van het vangnetwerk (zie networks)."), CODE),
            ("came_in_via", L("Hoe de deelnemer binnenkwam."), "came_in_via"),
            ("first_week", L("Week van het eerste bezoek."), WEEK),
            ("last_week", L("Week van het laatste bezoek."), WEEK),
            ("visits", L("Aantal keer aanwezig."), "integer"),
            (
                "long_term_week",
                L(
                    "Week waarin de deelnemer langdurig ging meedoen: langer dan drie maanden "
                    "zonder lange pauze, in minstens drie maanden (docs/participants.md); "
                    "leeg als dat (nog) niet zo is."
                ),
                WEEK,
            ),
            ("current_stage", L("Fase van de route op de dag van de export."), "stage"),
            *[
                (
                    f"{stage.value}_week",
                    L("Week waarin de deelnemer deze fase van de route voor het eerst bereikte."),
                    WEEK,
                )
                for stage in RouteStage
            ],
        ],
    ),
    "attendance": (
        L(
            "Eén rij per deelnemer per week waarin die aanwezig was of zich had afgemeld. "
            "Een afmelding telt als afwezig; de reden staat er niet in."
        ),
        [
            ("participant_id", L("Code van de deelnemer (zie participants)."), CODE),
            ("network_id", L("Code van het vangnetwerk (zie networks)."), CODE),
            ("week", L("Week van de bijeenkomst(en)."), WEEK),
            (
                "sessions",
                L("Aantal bijeenkomsten die week waarbij de deelnemer er was."),
                "integer",
            ),
            (
                "announced_absent",
                L(
                    "Aantal bijeenkomsten die week waarvoor de deelnemer zich had afgemeld "
                    "(afgemeld, niet aanwezig)."
                ),
                "integer",
            ),
        ],
    ),
    "ties": (
        L("Eén rij per vastgelegde keer steun van de ene deelnemer aan de andere."),
        [
            ("giver_id", L("Code van de deelnemer die steun gaf."), CODE),
            ("receiver_id", L("Code van de deelnemer die steun kreeg."), CODE),
            ("network_id", L("Code van het vangnetwerk (zie networks)."), CODE),
            ("support_type", L("Soort steun."), "support_type"),
            ("week", L("Week waarin de steun gegeven werd."), WEEK),
            (
                "outside_hours",
                L("Buiten de groepstijden gegeven."),
                L("geheel getal: 1 = ja, 0 = nee"),
            ),
        ],
    ),
    "answers": (
        L(
            "Eén rij per antwoord in een afgeronde vragenlijst. Antwoorden op open vragen "
            "staan er niet in."
        ),
        [
            ("response_id", L("Code van de ingevulde vragenlijst."), CODE),
            (
                "participant_id",
                L("Code van de deelnemer; leeg als die gegevens zijn verwijderd."),
                CODE,
            ),
            ("network_id", L("Code van het vangnetwerk (zie networks)."), CODE),
            ("questionnaire", L("Vaste sleutel van de vragenlijst."), L("tekst")),
            ("version", L("Versie van de vragenlijst."), "integer"),
            ("completed_week", L("Week waarin de vragenlijst is afgerond."), WEEK),
            ("item_key", L("Vaste sleutel van de vraag, gelijk in alle versies."), L("tekst")),
            ("item_kind", L("Soort vraag."), "item_kind"),
            ("value_now", L("Cijfer nu (0 tot 10)."), L("geheel getal 0-10; leeg = geen")),
            (
                "value_then",
                L("Cijfer voor een jaar geleden (0 tot 10), bij nu-en-toen-vragen."),
                L("geheel getal 0-10; leeg = geen"),
            ),
            ("choice", L("Gekozen antwoord bij een keuzevraag (de code)."), L("tekst")),
        ],
    ),
}


def coding(value) -> str:
    """A column's type and coding as text (code lists written out)."""
    if value == "phase":
        return _("tekst, code: %(codes)s") % {"codes": _phase_codes()}
    if value == "stage":
        return _("tekst, code: %(codes)s") % {"codes": _codes(RouteStage.choices)}
    if value == "came_in_via":
        return _("tekst, code (leeg = onbekend): %(codes)s") % {"codes": _codes(CameInVia.choices)}
    if value == "support_type":
        return _("tekst, code: %(codes)s") % {"codes": _codes(SupportType.choices)}
    if value == "item_kind":
        return _("tekst, code: %(codes)s") % {"codes": _codes(ItemKind.choices)}
    if value == "integer":
        return _("geheel getal")
    return str(value)


def columns(table: str) -> list[str]:
    return [column for column, _meaning, _coding in DICTIONARY[table][1]]


def dictionary_table() -> Table:
    table = Table(
        key="dictionary",
        title=_("Woordenboek"),
        headers=["table", "column", "meaning", "type_and_coding"],
    )
    for name, (_description, cols) in DICTIONARY.items():
        for column, meaning, kind in cols:
            table.rows.append([name, column, str(meaning), coding(kind)])
    return table


def readme(*, made_on: dt.date, k: int) -> str:
    lines = [
        "# " + _("Onderzoeksexport Vangnet"),
        "",
        _("Gemaakt in week %(week)s.") % {"week": iso_week(made_on)},
        "",
        _(
            "Gepseudonimiseerd: alle codes zijn willekeurig en alleen geldig binnen deze "
            "export; een volgende export heeft andere codes. Er staan geen namen, "
            "contactgegevens, adressen, notities of antwoorden op open vragen in. Alle data "
            "zijn afgerond op ISO-weken. Netwerken met minder dan %(k)s deelnemers zijn "
            "gemarkeerd (small_network = 1)."
        )
        % {"k": k},
        "",
        _(
            "Let op: gepseudonimiseerde gegevens zijn nog steeds persoonsgegevens (AVG). "
            "Bewaar ze veilig en deel ze niet verder."
        ),
        "",
        "## " + _("Woordenboek"),
    ]
    for name, (description, cols) in DICTIONARY.items():
        lines += ["", f"### {name} ({name}.csv)", "", str(description), ""]
        lines += ["| column | " + _("betekenis") + " | " + _("type en codering") + " |"]
        lines += ["|---|---|---|"]
        for column, meaning, kind in cols:
            lines.append(f"| `{column}` | {meaning} | {coding(kind)} |")
    return "\n".join(lines) + "\n"


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
    # The people of each network (id, how they came in), read once: the networks table
    # counts them and the participants table lists them.
    members: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, network_id, came_in_via in (
        Participant.objects.filter(network__in=[n.pk for n in networks])
        .order_by()
        .values_list("id", "network_id", "came_in_via")
    ):
        if pk not in excluded:
            members[network_id].append((pk, came_in_via))
    weeks = _Weeks()

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

    def participant_rows() -> Iterator[list]:
        for network in networks:
            people = members[network.pk]
            # Read-only: the routes the pages cached for the network's current facts, else
            # derived now (and not stored); never an entry of older facts.
            routes = network_route_map(network=network, today=today, read_only=True)
            if any(pk not in routes for pk, _via in people):  # written in the meantime
                routes = attach_routes(
                    list(
                        Participant.objects.filter(pk__in=[pk for pk, _via in people]).only(
                            "id", "network", "invited_on"
                        )
                    ),
                    rules=route_rules(network.organisation),
                    today=today,
                )
            code = network_code(network.pk)
            for pk, came_in_via in sorted(people, key=lambda p: person_code(p[0])):
                route = routes.get(pk)
                if route is None:  # erased since the people were read
                    continue
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
                    *[weeks(first.get(stage.value)) for stage in RouteStage],
                ]
            step()

    def attendance_rows() -> Iterator[list]:
        # The week of every session, worked out once (one query); then each network's
        # marks counted per (participant, week) in one pass each.
        week_of = {
            pk: weeks(day)
            for pk, day in Session.objects.filter(network__in=[n.pk for n in networks])
            .order_by()
            .values_list("pk", "date")
        }
        for network in networks:
            present = Counter(
                (participant_id, week_of[session_id])
                for participant_id, session_id in Attendance.objects.filter(
                    session__network=network
                ).values_list("participant_id", "session_id")
            )
            absent = Counter(
                (participant_id, week_of[session_id])
                for participant_id, session_id in AnnouncedAbsence.objects.filter(
                    session__network=network
                ).values_list("participant_id", "session_id")
            )
            code = network_code(network.pk)
            rows = [
                [person_code(participant_id), code, week, present[key], absent[key]]
                for key in present.keys() | absent.keys()
                for participant_id, week in (key,)
                if participant_id not in excluded
            ]
            rows.sort(key=itemgetter(0, 2))  # participant, week
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
