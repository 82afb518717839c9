"""What a participant changed or answered themselves in Mijn Vangnet, for the worker's
participant page (*Zelf aangepast*, issue 16 part 4): newest first, at most a handful.

Read from the facts the models keep themselves (each marked as the participant's own:
`Participant.wishes_by_participant_at`, `AnnouncedAbsence.by_participant`,
`Response.self_filled`, `MemberCheckEvent.by_participant`,
`ConsentRecord.given_by_participant` / `withdrawn_by_participant`, `ConsentChange.by_person`),
not from the audit trail: those marks are what the worker's other pages show, and each is a
cheap indexed read. One query (a UNION) whatever the history holds. Only fixed wording and dates
reach the page: never a reason, a note or a name someone typed, and no worker's note."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connections, router
from django.db.models import CharField, DateField, DateTimeField, F, QuerySet, Value
from django.db.models.functions import Cast, Greatest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vangnet.interviews.member_check import AGREED_STATUSES, ReportStatus
from vangnet.interviews.models import MemberCheckEvent
from vangnet.networks.models import AnnouncedAbsence
from vangnet.privacy.models import ConsentKind, ConsentRecord
from vangnet.questionnaires.models import Response
from vangnet.support.models import ConsentChange

if TYPE_CHECKING:
    from vangnet.participants.models import Participant

LIMIT = 5


@dataclass(frozen=True)
class SelfChange:
    """One change the participant made themselves: the day and what, in fixed words."""

    day: dt.date
    text: str
    at: dt.datetime  # for the order only (a day-only fact counts from the start of its day)
    withdrawal: bool = False  # for the order only


# The UNION's SQL per database and limit, made once per process: building the six parts'
# querysets and compiling them cost a fifth of the participant page's server time. Made for
# an id no participant has, which each read replaces by the participant's.
_NO_PARTICIPANT = -(2**52) - 7
_COMPILED: dict[tuple[str, int], tuple[str, tuple[Any, ...]]] = {}


def _facts(participant: Participant, limit: int) -> list[dict[str, Any]]:
    """The newest self-made facts of every kind in one query (`_union`), with the SQL
    compiled once per process and database."""
    alias = router.db_for_read(ConsentRecord)
    key = (alias, limit)
    if key not in _COMPILED:
        union = _union(_NO_PARTICIPANT, limit)
        sql, params = union.query.get_compiler(using=alias).as_sql()
        if params.count(_NO_PARTICIPANT) != 6:  # one per part, nothing else
            raise AssertionError("the self-change query's parameters changed shape")
        _COMPILED[key] = (sql, tuple(params))
    sql, params = _COMPILED[key]
    args = [participant.pk if value == _NO_PARTICIPANT else value for value in params]
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, args)
        columns = [column[0] for column in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _union(participant_id: int, limit: int) -> Any:
    """The newest self-made facts of every kind: a UNION of one part per kind (each giving
    `at` for the order, `source`, `day` and `what`), ordered and limited as a whole. The
    parts are the participant's own rows, found through indexed foreign keys."""
    no_day = Value(None, output_field=DateField())
    no_what = Value("", output_field=CharField())

    def part(queryset: QuerySet[Any], source: str, at: Any, day: Any, what: Any) -> Any:
        return (
            queryset.annotate(
                fact_at=at,
                fact_source=Value(source, output_field=CharField()),
                fact_day=day,
                fact_what=what,
            )
            .values("fact_at", "fact_source", "fact_day", "fact_what")
            .order_by()  # SQLite allows no ORDER BY or LIMIT inside a UNION
        )

    consents = ConsentRecord.objects.filter(participant_id=participant_id)
    parts = [
        part(
            AnnouncedAbsence.objects.filter(participant_id=participant_id, by_participant=True),
            "absence",
            F("recorded_at"),
            F("session__date"),
            no_what,
        ),
        part(
            Response.objects.filter(
                participant_id=participant_id, self_filled=True, completed_at__isnull=False
            ),
            "questionnaire",
            F("completed_at"),
            no_day,
            no_what,
        ),
        part(
            MemberCheckEvent.objects.filter(
                report__interview__participant_id=participant_id, by_participant=True
            ),
            "report",
            F("at"),
            no_day,
            F("to_status"),
        ),
        part(
            consents.filter(given_by_participant=True),
            "given",
            F("recorded_at"),
            F("given_on"),
            F("kind"),
        ),
        # A withdrawal keeps only its day: it counts from the start of that day, or from
        # the record's own time when it was made that same day (the objection).
        part(
            consents.filter(withdrawn_by_participant=True, withdrawn_on__isnull=False),
            "withdrawn",
            Greatest(F("recorded_at"), Cast(F("withdrawn_on"), DateTimeField())),
            F("withdrawn_on"),
            F("kind"),
        ),
        part(
            ConsentChange.objects.filter(
                alter__network_map__participant_id=participant_id, by_person=True
            ),
            "contact",
            F("changed_at"),
            no_day,
            no_what,
        ),
    ]
    first, *others = parts
    return first.union(*others, all=True).order_by("-fact_at")[:limit]


def _text(source: str, day: dt.date | None, what: str) -> str:
    if source == "absence":
        assert day is not None
        return _("Afgemeld voor de bijeenkomst van %(day)s") % {"day": date_format(day, "j F Y")}
    if source == "questionnaire":
        return _("Vragenlijst zelf ingevuld")
    if source == "report":
        if what in AGREED_STATUSES:
            return _("Gespreksverslag: klopt")
        if what == ReportStatus.CORRECTIONS:
            return _("Gespreksverslag: er moet iets anders")
        return _("Gespreksverslag: klopt niet")
    if source in ("given", "withdrawn"):
        label = str(ConsentKind(what).label)
        if source == "given":
            return _("Toestemming %(what)s: ja") % {"what": label}
        return _("Toestemming %(what)s: nee") % {"what": label}
    return _("Toestemming per persoon op de kaart aangepast")


def _as_datetime(value: Any) -> dt.datetime:
    """SQLite may hand back the computed time of a withdrawal as text."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if isinstance(value, dt.datetime) and timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    assert isinstance(value, dt.datetime)
    return value


def own_changes(*, participant: Participant, limit: int = LIMIT) -> list[SelfChange]:
    """The participant's own recent changes in Mijn Vangnet, newest first, at most `limit`
    (one query)."""
    changes: list[SelfChange] = []
    if participant.wishes_by_participant_at is not None:
        at = participant.wishes_by_participant_at
        changes.append(
            SelfChange(day=timezone.localdate(at), text=_("Wensen en talenten aangepast"), at=at)
        )
    for fact in _facts(participant, limit):
        at = _as_datetime(fact["fact_at"])
        day = fact["fact_day"]
        if isinstance(day, str):
            day = dt.date.fromisoformat(day)
        source = fact["fact_source"]
        shown = day if source == "withdrawn" else timezone.localdate(at)
        text = _text(source, day, fact["fact_what"])
        changes.append(SelfChange(day=shown, text=text, at=at, withdrawal=source == "withdrawn"))
    # Given and withdrawn the same day: the withdrawal is the newer step.
    changes.sort(key=lambda change: (change.at, change.withdrawal), reverse=True)
    return changes[:limit]
