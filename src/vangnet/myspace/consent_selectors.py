"""The participant's (or network-support client's) consent per purpose as they see it in
Mijn Vangnet (*Waar mag je begeleider je gegevens voor gebruiken?*): the purposes, whether
each is allowed now, and what that means, in plain words. One query for the records, one for
the photo setting."""

from __future__ import annotations

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


def own_purposes(
    *, participant: Participant | None = None, client: Client | None = None
) -> list[Purpose]:
    """The purposes this participant (or network-support client) decides on: map, contact
    persons, research, and photos when the organisation takes photos."""
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
    rows = []
    for kind in kinds:
        mine = [record for record in records if record.kind == kind]
        holds = any(record.withdrawn_on is None for record in mine)
        allowed = holds or (not mine and kind in USED_UNTIL_WITHDRAWN)
        changed = [record.withdrawn_on or record.given_on for record in mine if record.given_on]
        title, question, effect = _texts(kind, allowed)
        rows.append(
            Purpose(
                kind=kind,
                title=title,
                question=question,
                allowed=allowed,
                effect=effect,
                since=date_format(max(changed), "j F Y") if changed else "",
            )
        )
    return rows
