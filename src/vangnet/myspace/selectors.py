"""Reads of Mijn Vangnet: whether the space is on, the signed-in account, and what a person
may see of themselves, in plain words.

A person sees what the data-subject export holds about them (`privacy.selectors.
person_export_data`, `privacy.client_rights.client_export_data`), told as pages, except the
worker's own notes and follow-up tasks and the internal names of route stages: those are
the worker's working notes; the full export stays a request to the worker
(docs/participant-space.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vangnet.myspace.models import ActivationCode, ParticipantAccount, SpaceSwitch

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation
    from vangnet.participants.models import Participant
    from vangnet.support.models import Client


def space_enabled(
    *,
    organisation: Organisation,
    participant: Participant | None = None,
    client: Client | None = None,
) -> bool:
    """Is the space switched on for this person: their network's switch for a participant,
    the organisation's client switch for a network-support client."""
    switches = SpaceSwitch.objects.filter(organisation=organisation)
    if participant is not None:
        if participant.organisation_id != organisation.pk:
            return False
        return switches.filter(network_id=participant.network_id).exists()
    if client is not None:
        if client.organisation_id != organisation.pk:
            return False
        return switches.filter(network__isnull=True).exists()
    return False


def network_space_on(*, network_id: int) -> bool:
    return SpaceSwitch.objects.filter(network_id=network_id).exists()


def clients_space_on(*, organisation: Organisation) -> bool:
    return SpaceSwitch.objects.filter(organisation=organisation, network__isnull=True).exists()


def account_for_session(account_id: object) -> ParticipantAccount | None:
    """The signed-in account from the session: active, its person not erased, the space on."""
    if not isinstance(account_id, int):
        return None
    account = (
        ParticipantAccount.objects.select_related(
            "organisation", "participant__network", "participant__erasure", "client"
        )
        .exclude(secret_hash="")
        .filter(pk=account_id)
        .first()
    )
    if account is None:
        return None
    if account.participant is not None and hasattr(account.participant, "erasure"):
        return None
    if not space_enabled(
        organisation=account.organisation, participant=account.participant, client=account.client
    ):
        return None
    return account


@dataclass(frozen=True)
class AccessStatus:
    account: ParticipantAccount | None
    open_codes: list[ActivationCode]
    space_on: bool


def access_status(
    *,
    organisation: Organisation,
    participant: Participant | None = None,
    client: Client | None = None,
) -> AccessStatus:
    """What the worker sees: the person's account, its open codes, whether the space is on."""
    account = (
        ParticipantAccount.objects.filter(participant=participant, client=client).first()
        if participant is not None or client is not None
        else None
    )
    open_codes = (
        list(
            ActivationCode.objects.filter(
                account=account, used_at=None, revoked_at=None, expires_at__gt=timezone.now()
            )
        )
        if account is not None
        else []
    )
    return AccessStatus(
        account=account,
        open_codes=open_codes,
        space_on=space_enabled(organisation=organisation, participant=participant, client=client),
    )


def _month(day: dt.date) -> str:
    return date_format(day, "F Y")


def attendance_sentences(dates: list[dt.date], *, today: dt.date) -> list[str]:
    """Their route told kindly, from the dates they came: since when and how often, never
    the internal stage names."""
    if not dates:
        return [_("Je bent nog niet bij een bijeenkomst geweest.")]
    first, last = min(dates), max(dates)
    weeks = max(1, ((today - first).days // 7) + 1)
    share = len(set(dates)) / weeks
    if share >= 0.75:
        how = _("bijna elke week")
    elif share >= 0.4:
        how = _("vaak")
    else:
        how = _("af en toe")
    sentences = [
        _("Je komt sinds %(month)s %(how)s.") % {"month": _month(first), "how": how},
        ngettext("Je was er %(count)s keer.", "Je was er %(count)s keer.", len(dates))
        % {"count": len(dates)},
        _("De laatste keer was op %(day)s.") % {"day": date_format(last, "j F Y")},
    ]
    return sentences


@dataclass
class OwnData:
    """What a person sees about themselves, in plain words."""

    name: str
    kind: str  # "participant" or "client"
    facts: list[tuple[str, str]] = field(default_factory=list)  # (what, value)
    wishes: list[str] = field(default_factory=list)
    talents: list[str] = field(default_factory=list)
    route: list[str] = field(default_factory=list)
    visits: list[str] = field(default_factory=list)
    contributions: list[tuple[str, str]] = field(default_factory=list)
    absences: list[tuple[str, str]] = field(default_factory=list)
    consents: list[tuple[str, str]] = field(default_factory=list)
    questionnaires: list[str] = field(default_factory=list)
    interviews: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    map_people: list[tuple[str, str]] = field(default_factory=list)
    map_dates: list[str] = field(default_factory=list)


def _day(iso: str) -> str:
    return date_format(dt.date.fromisoformat(iso[:10]), "j F Y") if iso else ""


def _map_summary(waves: list[dict[str, Any]], data: OwnData) -> None:
    for wave in waves:
        data.map_dates.append(_day(str(wave["date"])))
    if waves:
        for person in waves[-1]["people"]:
            if person["removed_on"] is None:
                data.map_people.append((str(person["name"]), str(person["relation"])))


def own_data(*, account: ParticipantAccount, today: dt.date | None = None) -> OwnData:
    """The person's own data, for the page "Wat we van jou weten"."""
    return person_data(participant=account.participant, client=account.client, today=today)


def person_data(
    *,
    participant: Participant | None = None,
    client: Client | None = None,
    today: dt.date | None = None,
) -> OwnData:
    """What one person sees of themselves (their own account, or the worker's tablet)."""
    today = today or timezone.localdate()
    if participant is not None:
        return _participant_data(participant, today=today)
    assert client is not None
    return _client_data(client)


def _participant_data(participant: Participant, *, today: dt.date) -> OwnData:
    from vangnet.privacy.selectors import person_export_data

    raw = person_export_data(participant=participant)
    profile = raw["profile"]
    data = OwnData(name=str(profile["display_name"]), kind="participant")
    for label, key in (
        (_("Je naam"), "display_name"),
        (_("Je groep"), "network"),
        (_("Je telefoon"), "phone"),
        (_("Je e-mail"), "email"),
        (_("Je adres"), "address"),
        (_("Zo kwam je bij ons"), "came_in_via"),
    ):
        if profile.get(key):
            data.facts.append((label, str(profile[key])))
    data.wishes = [str(item) for item in profile["wishes"]]
    data.talents = [str(item) for item in profile["talents"]]
    dates = [dt.date.fromisoformat(day) for day in raw["attendance_dates"]]
    data.route = attendance_sentences(dates, today=today)
    data.visits = [date_format(day, "j F Y") for day in sorted(dates, reverse=True)]
    data.contributions = [(_day(row["date"]), str(row["task"])) for row in raw["contributions"]]
    data.absences = [(_day(row["date"]), str(row["reason"])) for row in raw["announced_absences"]]
    _consents(raw["consents"], data)
    for response in raw["questionnaires"]:
        day = _day(str(response["completed_at"] or response["started_at"]))
        data.questionnaires.append(
            _("Vragenlijst van %(day)s: %(count)s antwoorden.")
            % {"day": day, "count": len(response["answers"])}
        )
    for interview in raw["interviews"]:
        data.interviews.append(
            _("Gesprek op %(day)s.") % {"day": _day(str(interview["planned_at"]))}
        )
    given = sum(1 for tie in raw["support"] if tie["direction"] == "given")
    received = len(raw["support"]) - given
    if raw["support"]:
        data.support = [
            ngettext("Je hielp iemand %(count)s keer.", "Je hielp iemand %(count)s keer.", given)
            % {"count": given},
            ngettext(
                "Iemand hielp jou %(count)s keer.", "Iemand hielp jou %(count)s keer.", received
            )
            % {"count": received},
        ]
    _map_summary(raw["network_maps"], data)
    return data


def _consents(rows: list[dict[str, str]], data: OwnData) -> None:
    for consent in rows:
        state = (
            _("ingetrokken op %(day)s") % {"day": _day(consent["withdrawn_on"])}
            if consent["withdrawn_on"]
            else _("gegeven op %(day)s") % {"day": _day(consent["given_on"])}
        )
        data.consents.append((str(consent["kind"]), state))


def _client_data(client: Client) -> OwnData:
    from vangnet.privacy.client_rights import client_export_data

    raw = client_export_data(client=client)
    profile = raw["profile"]
    data = OwnData(name=str(profile["display_name"]), kind="client")
    data.facts.append((_("Je naam"), str(profile["display_name"])))
    data.facts.append((_("Je begeleider"), str(profile["worker"])))
    _consents(raw["consents"], data)
    _map_summary(raw["waves"], data)
    return data


@dataclass(frozen=True)
class OwnReport:
    """One interview report as the participant sees it: the newest version's text, and
    whether they can answer now."""

    pk: int
    day: str
    text: str
    status: str  # internal status, for the template's choices only
    can_answer: bool
    was_corrected: bool


def own_reports(*, participant: Participant) -> list[OwnReport]:
    """The participant's interview reports once they were shown to them (never drafts)."""
    from vangnet.interviews.member_check import ReportStatus
    from vangnet.interviews.models import InterviewReport

    reports = (
        InterviewReport.objects.filter(interview__participant=participant)
        .exclude(status=ReportStatus.DRAFT)
        .select_related("interview")
        .prefetch_related("versions", "events")
        .order_by("-interview__planned_at", "-pk")
    )
    rows = []
    for report in reports:
        versions = sorted(report.versions.all(), key=lambda version: version.number)
        if not versions:
            continue
        rows.append(
            OwnReport(
                pk=report.pk,
                day=date_format(timezone.localtime(report.interview.planned_at), "j F Y"),
                text=versions[-1].text,
                status=report.status,
                can_answer=report.status == ReportStatus.SHOWN,
                was_corrected=any(
                    event.to_status == ReportStatus.CORRECTIONS for event in report.events.all()
                ),
            )
        )
    return rows
