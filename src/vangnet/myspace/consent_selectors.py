"""The participant's (or network-support client's) consent per purpose as they see it in
Mijn Vangnet (*Waar mag je begeleider je gegevens voor gebruiken?*): the purposes, whether
each is allowed now, and what that means, in plain words. One query for the records, one for
the photo setting. `worker_purposes` reads the same state for the worker's consent pages of
a participant or a client (with "door deelnemer/cliënt zelf")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from vangnet.privacy.models import ConsentKind, ConsentRecord, OrganisationSecuritySettings

if TYPE_CHECKING:
    from vangnet.participants.models import Participant
    from vangnet.support.models import Client


@dataclass(frozen=True)
class Purpose:
    kind: str
    title: str
    question: str
    allowed: bool
    effect: str  # what the current choice means, shown at once after a change
    since: str  # the day of the last change, or "" when they never chose


# Purposes used until withdrawn (the data exists for the work itself), and purposes that
# need a yes first (photos).
USED_UNTIL_WITHDRAWN = (
    ConsentKind.NETWORK_MAP,
    ConsentKind.CONTACT_RELATIVES,
    ConsentKind.RESEARCH_EXPORT,
)


def _texts(kind: str, allowed: bool) -> tuple[str, str, str]:
    if kind == ConsentKind.NETWORK_MAP:
        return (
            _("Je kaart"),
            _("Mag je begeleider je kaart met jouw mensen zien?"),
            _("Je begeleider ziet je kaart.")
            if allowed
            else _("Je begeleider ziet je kaart nu niet meer."),
        )
    if kind == ConsentKind.CONTACT_RELATIVES:
        return (
            _("Je mensen bellen"),
            _("Mag je begeleider mensen van je kaart bellen of mailen?"),
            _("Dat mag, bij wie jij ja zegt.")
            if allowed
            else _("Je begeleider belt en mailt niemand van je kaart."),
        )
    if kind == ConsentKind.RESEARCH_EXPORT:
        return (
            _("Onderzoek"),
            _("Mogen je cijfers meetellen in onderzoek? Je naam staat er nooit bij."),
            _("Je cijfers tellen mee.") if allowed else _("Je cijfers tellen niet meer mee."),
        )
    return (
        _("Foto's"),
        _("Mogen we foto's van jou maken en laten zien?"),
        _("Foto's van jou mogen.") if allowed else _("We maken geen foto's van jou."),
    )


@dataclass(frozen=True)
class _State:
    kind: str
    allowed: bool
    changed_on: dt.date | None  # the day of the last change, None when they never chose
    by_self: bool  # that last change was made by the person themselves (Mijn Vangnet)


def _states(*, participant: Participant | None, client: Client | None) -> list[_State]:
    """The state per purpose this person decides on (two queries: the photo setting, the
    records)."""
    person = participant if participant is not None else client
    assert person is not None
    kinds: list[str] = list(USED_UNTIL_WITHDRAWN)
    uses_photos = OrganisationSecuritySettings.objects.filter(
        organisation_id=person.organisation_id, uses_photos=True
    ).exists()
    if uses_photos:
        kinds.append(ConsentKind.PHOTOS)
    own = ConsentRecord.objects.filter(participant=participant, client=client)
    records = list(own.filter(kind__in=kinds).order_by("pk"))
    states = []
    for kind in kinds:
        mine = [record for record in records if record.kind == kind]
        holds = any(record.withdrawn_on is None for record in mine)
        allowed = holds or (not mine and kind in USED_UNTIL_WITHDRAWN)
        # Each record's last step: its withdrawal, else its giving (by whom).
        steps = [
            (record.withdrawn_on, record.pk, record.withdrawn_by_participant)
            if record.withdrawn_on
            else (record.given_on, record.pk, record.given_by_participant)
            for record in mine
            if record.given_on
        ]
        last = max(steps) if steps else None
        states.append(
            _State(
                kind=kind,
                allowed=allowed,
                changed_on=last[0] if last else None,
                by_self=bool(last and last[2]),
            )
        )
    return states


def own_purposes(
    *, participant: Participant | None = None, client: Client | None = None
) -> list[Purpose]:
    """The purposes this participant (or network-support client) decides on: map, contact
    persons, research, and photos when the organisation takes photos."""
    rows = []
    for state in _states(participant=participant, client=client):
        title, question, effect = _texts(state.kind, state.allowed)
        rows.append(
            Purpose(
                kind=state.kind,
                title=title,
                question=question,
                allowed=state.allowed,
                effect=effect,
                since=date_format(state.changed_on, "j F Y") if state.changed_on else "",
            )
        )
    return rows


@dataclass(frozen=True)
class WorkerPurpose:
    """A purpose as the worker reads it: may it be used now, since when, decided by the
    person themselves or not, and what that means for the work."""

    kind: str
    label: str
    allowed: bool
    changed_on: dt.date | None
    by_self: bool
    meaning: str


def _meaning(kind: str, allowed: bool) -> str:
    if allowed:
        return _("Mag gebruikt worden.")
    if kind == ConsentKind.NETWORK_MAP:
        return _("De netwerkkaart is niet te zien en er komt geen nieuwe meting.")
    if kind == ConsentKind.CONTACT_RELATIVES:
        return _("Geen contact met de mensen op de kaart, wat er per persoon ook staat.")
    if kind == ConsentKind.RESEARCH_EXPORT:
        return _("Niet gebruiken voor onderzoek: telt niet mee in de onderzoeksexport.")
    return _("Geen foto's maken of laten zien.")


def worker_purposes(
    *, participant: Participant | None = None, client: Client | None = None
) -> list[WorkerPurpose]:
    """What holds now per purpose, for the worker's consent page of a participant or a
    network-support client (two queries). The same rule as the person's own page."""
    return [
        WorkerPurpose(
            kind=state.kind,
            label=str(ConsentKind(state.kind).label),
            allowed=state.allowed,
            changed_on=state.changed_on,
            by_self=state.by_self,
            meaning=_meaning(state.kind, state.allowed),
        )
        for state in _states(participant=participant, client=client)
    ]
