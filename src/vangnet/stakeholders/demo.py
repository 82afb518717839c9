"""Demo parties around the networks, after the Tilburg project pages (shared/seeds 001): a
project group of social work, the municipality (social domain and the care-and-safety
house), mental-health care with RIBW's experts by experience and the Wmo council; a
sounding board that adds the neighbourhood board of Tilburg Noord and education. Three
meetings with agreements, one of them overdue. Contact persons are invented, with
addresses on the reserved `.example` domain. Deterministic; written directly (demo data
is not a user's action, so no audit records)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from vangnet.stakeholders.models import (
    Agreement,
    AgreementStatus,
    MeetingKind,
    Party,
    PartyKind,
    StakeholderMeeting,
)

# (name, kind, project group, sounding board, contact, e-mail, what the method means for
# them, which networks: "all", "zuid", "noord")
PARTIES = [
    (
        "Gemeente Tilburg, sociaal domein",
        PartyKind.MUNICIPALITY,
        True,
        True,
        "Jeroen Vermeulen",
        "j.vermeulen@tilburg.example",
        "Minder eenzaamheid en verward gedrag in de wijk voorkomen; wil cijfers per jaar "
        "voor de subsidie.",
        "all",
    ),
    (
        "Zorg- en Veiligheidshuis Hart van Brabant",
        PartyKind.CARE_SAFETY,
        True,
        False,
        "Fatima El Amrani",
        "f.elamrani@zvhhartvanbrabant.example",
        "Een lichter aanbod voor mensen die nog niet escaleren; vroegsignalering.",
        "all",
    ),
    (
        "GGZ Breburg / RIBW Brabant (ervaringsdeskundigen)",
        PartyKind.MENTAL_HEALTH,
        True,
        True,
        "Marloes Hendriks",
        "m.hendriks@ribwbrabant.example",
        "Een plek in de wijk voor cliënten na beschermd wonen; stageplekken voor "
        "ervaringsdeskundigen.",
        "all",
    ),
    (
        "Wmo-raad Tilburg",
        PartyKind.SOCIAL_COUNCIL,
        True,
        True,
        "Henk de Laat",
        "secretariaat@wmoraadtilburg.example",
        "Wil horen wat deelnemers zelf vinden en of iedereen mee kan doen.",
        "all",
    ),
    (
        "Wijkraad Tilburg Noord",
        PartyKind.NEIGHBOURHOOD_BOARD,
        False,
        True,
        "Gerda Smulders",
        "wijkraad@tilburgnoord.example",
        "Het naastenperspectief: wat merken buren ervan? Helpt bij ruimte en bekendheid.",
        "noord",
    ),
    (
        "ROC Tilburg, opleiding Sociaal Werk",
        PartyKind.EDUCATION,
        False,
        True,
        "Bram Kuijpers",
        "b.kuijpers@roctilburg.example",
        "Stageplekken voor studenten en lesstof over werken met groepen.",
        "all",
    ),
]


def _networks(networks: list[Any], which: str) -> list[Any]:
    if which == "noord":
        return [n for n in networks if "Noord" in (n.neighbourhood or "")] or networks[-1:]
    if which == "zuid":
        return [n for n in networks if "Zuid" in (n.neighbourhood or "")] or networks[:1]
    return networks


def stakeholders_demo(
    *, organisation: Any, networks: list[Any], users: dict[str, Any], today: dt.date, seed: str
) -> dict[str, int]:
    parties = {}
    for name, kind, group, board, contact, email, interest, which in PARTIES:
        party = Party.objects.create(
            organisation=organisation,
            name=name,
            kind=kind,
            in_project_group=group,
            in_sounding_board=board,
            contact_name=contact,
            contact_email=email,
            interest=interest,
        )
        party.networks.set(_networks(networks, which))
        parties[kind] = party
    coordinator = users.get("coordinator")
    noord = _networks(networks, "noord")

    def meeting(weeks_ago: int, kind: str, subject: str, present: list, about: list, notes: str):
        row = StakeholderMeeting.objects.create(
            organisation=organisation,
            date=today - dt.timedelta(weeks=weeks_ago),
            kind=kind,
            subject=subject,
            notes=notes,
            recorded_by=coordinator,
        )
        row.parties.set(present)
        row.networks.set(about)
        return row

    group = meeting(
        10,
        MeetingKind.PROJECT_GROUP,
        "Voortgang en verspreiding",
        [parties[k] for k in (PartyKind.MUNICIPALITY, PartyKind.MENTAL_HEALTH)]
        + [parties[PartyKind.SOCIAL_COUNCIL]],
        networks,
        "Beide vangnetwerken lopen. Gemeente vraagt om de cijfers van dit jaar. RIBW wil "
        "een tweede ervaringsdeskundige op stage laten gaan.",
    )
    board = meeting(
        5,
        MeetingKind.SOUNDING_BOARD,
        "Wat merkt de wijk ervan?",
        list(parties.values()),
        networks,
        "De wijkraad ziet meer bewoners in het buurthuis. Het ROC zoekt stageplekken.",
    )
    visit = meeting(
        2,
        MeetingKind.WORK_VISIT,
        "Werkbezoek Buurthuis De Lindeboom",
        [parties[PartyKind.MUNICIPALITY], parties[PartyKind.NEIGHBOURHOOD_BOARD]],
        noord,
        "Wethouder en wijkraad aten mee met de groep en zagen het Speelgoedpunt.",
    )
    day = dt.timedelta
    rows = [
        Agreement(
            meeting=group,
            text="Jaarcijfers van beide vangnetwerken sturen",
            owner=None,
            due_date=group.date + day(weeks=4),
            status=AgreementStatus.DONE,
            done_on=group.date + day(weeks=3),
        ),
        Agreement(
            meeting=group,
            text="Tweede stageplek ervaringsdeskundige regelen",
            owner=parties[PartyKind.MENTAL_HEALTH],
            due_date=group.date + day(weeks=6),  # four weeks ago: overdue
        ),
        Agreement(
            meeting=board,
            text="Twee stagiairs Sociaal Werk voorstellen aan de groepen",
            owner=parties[PartyKind.EDUCATION],
            due_date=today + day(weeks=6),
        ),
        Agreement(
            meeting=board,
            text="Folder over het vangnetwerk in de wijkkrant",
            owner=parties[PartyKind.NEIGHBOURHOOD_BOARD],
            due_date=board.date + day(weeks=2),
            status=AgreementStatus.DROPPED,
            done_on=board.date + day(weeks=2),
        ),
        Agreement(
            meeting=visit,
            text="Extra ruimte op woensdagmiddag in het buurthuis bekijken",
            owner=parties[PartyKind.MUNICIPALITY],
            due_date=today + day(weeks=3),
        ),
    ]
    Agreement.objects.bulk_create(rows)
    return {"parties": len(parties), "party_meetings": 3, "party_agreements": len(rows)}
