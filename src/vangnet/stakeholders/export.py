"""The coordinator's export of the parties, their meetings and agreements: three sheets of
one XLSX file. Every cell goes through `exports.writers` (`core.text.safe_cell`: no
formula runs when the file is opened)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from vangnet.exports.writers import Table
from vangnet.stakeholders import selectors
from vangnet.stakeholders.models import AgreementStatus, MeetingKind, PartyKind

if TYPE_CHECKING:
    from vangnet.core.typing import Member


def _names(rows) -> str:
    return ", ".join(row.name for row in rows)


def _yes(value: bool) -> str:
    return _("ja") if value else _("nee")


def stakeholder_tables(*, user: Member, today: dt.date) -> list[Table]:
    kinds, meeting_kinds = dict(PartyKind.choices), dict(MeetingKind.choices)
    statuses = dict(AgreementStatus.choices)
    party_table = Table(
        key="partijen",
        title=_("Partijen"),
        headers=[
            _("Naam"),
            _("Soort"),
            _("Projectgroep"),
            _("Klankbordgroep"),
            _("Contactpersoon"),
            _("E-mail"),
            _("Wat de methode voor hen betekent"),
            _("Vangnetwerken"),
            _("Nog betrokken"),
            _("Open afspraken"),
        ],
    )
    for party in selectors.parties(user=user):
        party_table.rows.append(
            [
                party.name,
                str(kinds.get(party.kind, party.kind)),
                _yes(party.in_project_group),
                _yes(party.in_sounding_board),
                party.contact_name,
                party.contact_email,
                party.interest,
                _names(party.networks.all()),
                _yes(party.active),
                party.open_agreements,  # type: ignore[attr-defined]
            ]
        )
    meeting_table = Table(
        key="overleggen",
        title=_("Overleggen"),
        headers=[
            _("Datum"),
            _("Soort overleg"),
            _("Onderwerp"),
            _("Aanwezige partijen"),
            _("Vangnetwerken"),
            _("Verslag"),
            _("Nummer"),
        ],
    )
    for meeting in selectors.meetings(user=user):
        meeting_table.rows.append(
            [
                meeting.date,
                str(meeting_kinds.get(meeting.kind, meeting.kind)),
                meeting.subject,
                _names(meeting.parties.all()),
                _names(meeting.networks.all()),
                meeting.notes,
                meeting.pk,
            ]
        )
    agreement_table = Table(
        key="afspraken",
        title=_("Afspraken"),
        headers=[
            _("Afspraak"),
            _("Wie pakt het op"),
            _("Klaar op"),
            _("Stand"),
            _("Te laat"),
            _("Afgerond of vervallen op"),
            _("Overleg (datum)"),
            _("Overleg (nummer)"),
        ],
    )
    overview = selectors.agreements_overview(user=user, today=today)
    for agreement in [*overview.overdue, *overview.open, *overview.closed]:
        agreement_table.rows.append(
            [
                agreement.text,
                agreement.owner.name if agreement.owner else _("Wij (sociaal werk)"),
                agreement.due_date,
                str(statuses.get(agreement.status, agreement.status)),
                _yes(selectors.is_overdue(agreement, today)),
                agreement.done_on,
                agreement.meeting.date,
                agreement.meeting_id,
            ]
        )
    return [party_table, meeting_table, agreement_table]
