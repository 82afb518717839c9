"""Newcomers on the session screen without duplicates: a typed name that resembles an
existing participant ("Ria") is not created until the worker has chosen between "this is
Ria" (she is marked present) and "no, a new person" (participants.names finds them).

The choice travels with the form: per typed name `resolve-<i>` ("new" or a participant id)
and `resolve_name-<i>` (the name it answers, so an answer never sticks to another name).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.networks.models import Attendance
from vangnet.participants.names import NameMatch, name_key, similar_participants

if TYPE_CHECKING:
    from vangnet.networks.sessions.services import AttendanceMarks


@dataclass
class PendingName:
    index: int
    name: str
    matches: list[NameMatch]


@dataclass
class Resolution:
    newcomers: list[str] = field(default_factory=list)  # to create
    chosen: set[int] = field(default_factory=set)  # existing people to mark present
    pending: list[PendingName] = field(default_factory=list)  # the worker must choose

    def marks_with_chosen(self, marks: AttendanceMarks) -> AttendanceMarks:
        """The marks with the people chosen for typed names present (and not absent)."""
        if not self.chosen:
            return marks
        return type(marks).build(
            marks.present | self.chosen,
            marks.contributions,
            [pair for pair in marks.absent if pair[0] not in self.chosen],
        )


def resolve_newcomers(*, session, names: list[str], answers, actor, request=None) -> Resolution:
    """Sort typed newcomer names into new people, existing people and open questions.
    `answers` is the posted data (a QueryDict or dict)."""
    result = Resolution()
    present = None
    for index, raw in enumerate(names):
        name = " ".join(str(raw).split())
        if not name:
            continue
        matches = similar_participants(network=session.network, name=name)
        if not matches:
            result.newcomers.append(name)
            continue
        answer = str(answers.get(f"resolve-{index}") or "").strip()
        answered = name_key(str(answers.get(f"resolve_name-{index}") or "")) == name_key(name)
        own = {m.participant.pk for m in matches if m.same_network}
        if answered and answer == "new":
            result.newcomers.append(name)
            continue
        if answered and answer.isdigit() and int(answer) in own:
            result.chosen.add(int(answer))
            continue
        if present is None:
            present = set(
                Attendance.objects.filter(session=session).values_list("participant_id", flat=True)
            )
        same = [
            m.participant.pk
            for m in matches
            if m.participant.pk in present
            and name_key(m.participant.display_name) == name_key(name)
        ]
        if same:  # already saved as present (a second tap on save): nothing new
            result.chosen.add(same[0])
            continue
        result.pending.append(PendingName(index=index, name=name, matches=matches))
    if result.pending:
        audit_record(
            actor=actor,
            action="view",
            object_type="participants.participant",
            object_id=session.network_id,
            detail=f"naamcontrole nieuwkomers: {sum(len(p.matches) for p in result.pending)}",
            request=request,
        )
    return result


def pending_questions(pending: list[PendingName]) -> list[dict]:
    """The open questions as data for the phone (an offline save's report asks them the
    same way as the session screen, networks/session_newcomer_question.html): per typed
    name the people of this network it may be (first chosen), "a new person", and the
    people of other networks with that name as hints."""
    questions = []
    for question in pending:
        choices = []
        hints = []
        for match in question.matches:
            person = match.participant
            if not match.same_network:
                hints.append(
                    _("Er is ook een %(name)s bij %(network)s.")
                    % {"name": person.display_name, "network": person.network.name}
                )
                continue
            since = date_format(match.since, "F Y")
            if match.last_seen:
                label = _("Bedoel je %(name)s (sinds %(since)s, laatst gezien %(seen)s)?") % {
                    "name": person.display_name,
                    "since": since,
                    "seen": date_format(match.last_seen, "j F"),
                }
            else:
                label = _("Bedoel je %(name)s (sinds %(since)s, nog niet geweest)?") % {
                    "name": person.display_name,
                    "since": since,
                }
            choices.append({"value": str(person.pk), "label": label})
        choices.append(
            {
                "value": "new",
                "label": _("Nee, %(name)s is een nieuw persoon") % {"name": question.name},
            }
        )
        questions.append(
            {
                "name": question.name,
                "legend": _("Er is al iemand die lijkt op ‘%(name)s’. Wie bedoel je?")
                % {"name": question.name},
                "choices": choices,
                "hints": hints,
            }
        )
    return questions
