"""The four data exports as tables: attendance, routes, support ties and answers.

Each builder reads one network at a time (a fixed number of queries per network) and calls
`step()` after each, so a job can show its progress. Participants of a network the user may
not see by name get a pseudonym that is random for this export and the same in every row
(`scope.Pseudonyms`); free text (tie notes, open answers) is then left out as well, and so
is typed text that can name people: a contribution typed on the session screen ("koken met
Zwaantje") shows as "(eigen omschrijving)" unless it is one of the activities' own tasks,
and a one-off session's title as "Losse bijeenkomst".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from operator import itemgetter
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.exports.scope import ExportScope, Pseudonyms
from vangnet.exports.writers import Table, iso_week
from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution, Session
from vangnet.networks.sessions.absences import absence_reasons
from vangnet.participants.models import CameInVia, Participant, RouteStage
from vangnet.participants.selectors import network_routes
from vangnet.questionnaires.models import Answer, ItemKind
from vangnet.support.models import SupportTie, SupportType

Step = Callable[[], None]

STAGE_LABELS = dict(RouteStage.choices)
CAME_IN_VIA_LABELS = dict(CameInVia.choices)
SUPPORT_LABELS = dict(SupportType.choices)
ITEM_KIND_LABELS = dict(ItemKind.choices)


class Names:
    """A participant's name where the scope allows it, else this export's pseudonym."""

    def __init__(self, scope: ExportScope):
        self.scope = scope
        self.pseudonyms = Pseudonyms(prefix=_("Deelnemer") + "-", nbytes=3)
        self.names: dict[int, str] = {}

    def load(self, network_id: int) -> None:
        if self.scope.named(network_id):
            self.names.update(
                Participant.objects.filter(network_id=network_id).values_list("pk", "display_name")
            )

    def of(self, network_id: int) -> Callable[[int | None], str]:
        """`self(network_id, participant_id)` as a function of the participant alone, for
        a loop over one network's rows."""
        named = self.scope.named(network_id)
        names, pseudonyms, erased = self.names, self.pseudonyms, _("(verwijderd)")

        def who(participant_id: int | None) -> str:
            if participant_id is None:
                return erased
            return names.get(participant_id, "") if named else pseudonyms(participant_id)

        return who

    def __call__(self, network_id: int, participant_id: int | None) -> str:
        if participant_id is None:
            return _("(verwijderd)")
        if self.scope.named(network_id):
            return self.names.get(participant_id, "")
        return self.pseudonyms(participant_id)


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def _absence_reason(reason: str, *, named: bool, listed: set[str]) -> str:
    """A reason as the export shows it: as typed where names may be shown, else only a
    reason of the organisation's list (a reason typed otherwise may name people)."""
    if named or not reason or reason.casefold() in listed:
        return reason
    return _("(eigen omschrijving)")


def attendance_table(scope: ExportScope, step: Step) -> Table:
    """One row per participant present at a session, with what they contributed, and one
    per announced absence (afgemeld) with its reason. An announced absence is absent for
    every attendance figure; the Status column tells the two kinds of rows apart."""
    table = Table(
        key="aanwezigheid",
        title=_("Aanwezigheid"),
        headers=[
            _("Vangnetwerk"),
            _("Datum"),
            _("Week"),
            _("Bijeenkomst"),
            _("Deelnemer"),
            _("Bijdragen"),
            _("Status"),
            _("Reden afmelding"),
        ],
    )
    table.rows = _attendance_rows(scope, step)
    return table


def _attendance_rows(scope: ExportScope, step: Step) -> Iterator[list[Any]]:
    """The attendance rows, one network at a time (a fixed number of queries each), so a
    writer can consume them while only one network's rows are in memory."""
    names = Names(scope)
    present_label, absent_label = _("aanwezig"), _("afgemeld")
    for network in scope.networks:
        names.load(network.pk)
        listed = {reason.casefold() for reason in absence_reasons(network.organisation)}
        named = scope.named(network.pk)
        # The activities of each session in their usual order (Activity.Meta.ordering),
        # and the activities' own tasks, in one query.
        activity_names: dict[int, list[str]] = defaultdict(list)
        known_tasks: set[str] = set()
        for session_id, name, tasks in (
            Session.activities.through.objects.filter(session__network=network)
            .order_by("activity__weekday", "activity__start_time", "activity__name")
            .values_list("session_id", "activity__name", "activity__tasks")
        ):
            activity_names[session_id].append(name)
            if not named:
                known_tasks.update(str(task).casefold() for task in tasks or [])
        one_off = _("Losse bijeenkomst")
        # (date, week, title) per session, worked out once.
        about: dict[int, tuple[dt.date, str, str]] = {}
        for session_id, day, session_title in Session.objects.filter(network=network).values_list(
            "pk", "date", "title"
        ):
            title = session_title or ", ".join(activity_names.get(session_id, ()))
            if session_title and not named:
                title = one_off
            about[session_id] = (day, iso_week(day), title)
        del activity_names
        contributions: dict[tuple[int, int], list[str]] = defaultdict(list)
        for session_id, participant_id, task in (
            Contribution.objects.filter(session__network=network)
            .order_by("task")
            .values_list("session_id", "participant_id", "task")
        ):
            if not named and task.casefold() not in known_tasks:
                task = _("(eigen omschrijving)")
            contributions[(session_id, participant_id)].append(task)
        # What each present or absent participant contributed, joined once.
        given = {key: "; ".join(tasks) for key, tasks in contributions.items()}.get
        who = names.of(network.pk)
        name = network.name
        rows = [
            [
                name,
                *about[session_id],
                who(participant_id),
                given((session_id, participant_id), ""),
                present_label,
                "",
            ]
            for session_id, participant_id in Attendance.objects.filter(
                session__network=network
            ).values_list("session_id", "participant_id")
        ]
        reasons: dict[str, str] = {}
        for session_id, participant_id, reason in AnnouncedAbsence.objects.filter(
            session__network=network
        ).values_list("session_id", "participant_id", "reason"):
            shown = reasons.get(reason)
            if shown is None:
                shown = reasons[reason] = _absence_reason(reason, named=named, listed=listed)
            rows.append(
                [
                    name,
                    *about[session_id],
                    who(participant_id),
                    given((session_id, participant_id), ""),
                    absent_label,
                    shown,
                ]
            )
        rows.sort(key=itemgetter(1, 4, 6))  # date, participant, status
        yield from rows
        del rows, contributions, about
        step()


def route_headers() -> list[str]:
    return [
        _("Vangnetwerk"),
        _("Deelnemer"),
        _("Hoe binnengekomen"),
        _("Fase nu"),
        _("Sinds"),
        _("Eerste bezoek"),
        _("Laatste bezoek"),
        _("Keer aanwezig"),
        _("Langdurig sinds"),
        *[_("%(stage)s (eerste keer)") % {"stage": label} for label in STAGE_LABELS.values()],
        _("Verloop"),
    ]


def routes_table(scope: ExportScope, step: Step, *, today: dt.date) -> Table:
    """One row per participant: the derived route (participants.route) with its dates."""
    table = Table(key="routes", title=_("Routes van deelnemers"), headers=route_headers())
    names = Names(scope)
    for network in scope.networks:
        names.load(network.pk)
        who = names.of(network.pk)
        for person in network_routes(network=network, today=today, cached=False):
            route = person.route
            first: dict[str, dt.date | None] = {}
            for route_step in route.steps:
                first.setdefault(route_step.stage, route_step.start)
            course = " → ".join(
                f"{STAGE_LABELS.get(s.stage, s.stage)} {s.start.isoformat() if s.start else '?'}"
                for s in route.steps
            )
            table.rows.append(
                [
                    network.name,
                    who(person.pk),
                    CAME_IN_VIA_LABELS.get(person.came_in_via, ""),
                    STAGE_LABELS.get(route.current, route.current),
                    route.current_step.start,
                    route.first_visit,
                    route.last_visit,
                    route.visits,
                    route.long_term_since,
                    *[first.get(stage) for stage in STAGE_LABELS],
                    course,
                ]
            )
        step()
    return table


def ties_table(scope: ExportScope, step: Step) -> Table:
    """One row per recorded act of support. The note only where names may be shown."""
    table = Table(
        key="steunrelaties",
        title=_("Steunrelaties"),
        headers=[
            _("Vangnetwerk"),
            _("Datum"),
            _("Week"),
            _("Van"),
            _("Aan"),
            _("Soort steun"),
            _("Buiten de groepstijden"),
            _("Korte notitie"),
        ],
    )
    names = Names(scope)
    for network in scope.networks:
        names.load(network.pk)
        named = scope.named(network.pk)
        for giver, receiver, kind, day, outside, note in (
            SupportTie.objects.filter(network=network)
            .order_by("date", "id")
            .values_list("giver_id", "receiver_id", "support_type", "date", "outside_hours", "note")
        ):
            table.rows.append(
                [
                    network.name,
                    day,
                    iso_week(day),
                    names(network.pk, giver),
                    names(network.pk, receiver),
                    SUPPORT_LABELS.get(kind, kind),
                    _yes_no(outside),
                    note if named else "",
                ]
            )
        step()
    return table


def answers_table(scope: ExportScope, step: Step) -> Table:
    """One row per answer in a completed questionnaire of the scope's networks. Open
    answers only where names may be shown."""
    table = Table(
        key="antwoorden",
        title=_("Antwoorden op vragenlijsten"),
        headers=[
            _("Vangnetwerk"),
            _("Deelnemer"),
            _("Vragenlijst"),
            _("Versie"),
            _("Ingevulde lijst"),
            _("Afgerond op"),
            _("Vraag (sleutel)"),
            _("Soort vraag"),
            _("Cijfer nu"),
            _("Cijfer een jaar geleden"),
            _("Keuze"),
            _("Antwoord (open vraag)"),
        ],
    )
    names = Names(scope)
    response_numbers: dict[int, int] = {}
    for network in scope.networks:
        names.load(network.pk)
        named = scope.named(network.pk)
        rows = (
            Answer.objects.filter(response__network=network, response__completed_at__isnull=False)
            .order_by("response__completed_at", "response_id", "item__section__position")
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
                "text",
            )
        )
        for row in rows:
            response_id, participant_id, template, version, completed = row[:5]
            key, kind, now, then, choice, text = row[5:]
            number = response_numbers.setdefault(response_id, len(response_numbers) + 1)
            table.rows.append(
                [
                    network.name,
                    names(network.pk, participant_id),
                    template,
                    version,
                    number,
                    timezone.localtime(completed).date() if completed else None,
                    key,
                    ITEM_KIND_LABELS.get(kind, kind),
                    now,
                    then,
                    choice,
                    text if named else "",
                ]
            )
        step()
    return table
