"""Demo data of the worker's growth: the lunch group's worker assessed themself when the
network began and twice since, with a coordinator who coaches on the job; the second worker
started recently (one assessment, one conversation with the experienced colleague); the
library holds a handbook chapter and two links. Deterministic; writes directly (no audit
records: demo data is not a user's action)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from vangnet.growth.models import CoachingNote, Resource, ResourceKind, SelfAssessment, Trait

# The lunch group's worker: at the start unsure about the group, after a year stronger in
# "organised chaos" and standing beside the group, still learning to let go.
FIRST = {trait.value: 3 for trait in Trait} | {
    "group_work": 2,
    "organised_chaos": 2,
    "in_and_beside": 2,
    "listening": 4,
    "talents": 4,
}
STEPS = [
    {"organised_chaos": 3, "in_and_beside": 3, "group_work": 3},
    {"organised_chaos": 4, "in_and_beside": 4, "shine": 4, "perseverance": 4},
]
NEWCOMER = {trait.value: 3 for trait in Trait} | {"presence": 4, "personal": 2, "teamwork": 4}

NOTES = [
    (
        6,
        "Het begin van de groep",
        "group_work",
        "Hoe laat ik de groep zelf de eerste activiteit kiezen zonder dat het stilvalt?",
        "Volgende bijeenkomst drie ideeën van deelnemers op het bord zetten en laten kiezen.",
        True,
    ),
    (
        30,
        "Sociaal tolken bij spanning",
        "in_and_beside",
        "Twee deelnemers botsten bij het koken. Ik sprong er meteen tussen.",
        "Eerst een moment wachten en de groep laten reageren; daarna pas tolken.",
        True,
    ),
    (
        58,
        "Loslaten in de opbouwfase",
        "organised_chaos",
        "De groep organiseert steeds meer zelf. Ik merk dat ik het lastig vind om niet alles "
        "te regelen.",
        "Twee weken de opening van de bijeenkomst aan de groep laten en bijhouden wat er gebeurt.",
        False,
    ),
]


def growth_demo(
    *, organisation: Any, networks: list[Any], users: dict[str, Any], today: dt.date, seed: str
) -> dict[str, int]:
    worker, newcomer = users["sociaalwerker"], users["sociaalwerker2"]
    coordinator = users["coordinator"]
    lunch = networks[0]
    start = lunch.start_date
    assessments = []
    scores = dict(FIRST)
    for index, day in enumerate(
        (
            start + dt.timedelta(weeks=2),
            start + dt.timedelta(weeks=26),
            start + dt.timedelta(weeks=52),
        )
    ):
        if day > today:
            break
        if index:
            scores = scores | STEPS[index - 1]
        assessments.append(
            SelfAssessment(
                organisation=organisation,
                worker=worker,
                date=day,
                scores=dict(scores),
                reflection=(
                    "Ik wil leren om meer naast de groep te staan."
                    if index < 2
                    else "Ik wil de groep meer laten doen en zelf minder regelen."
                ),
            )
        )
    assessments.append(
        SelfAssessment(
            organisation=organisation,
            worker=newcomer,
            date=today - dt.timedelta(days=40),
            scores=dict(NEWCOMER),
            reflection="Ik ben nieuw bij een vangnetwerk en wil leren van mijn collega.",
        )
    )
    SelfAssessment.objects.bulk_create(assessments)
    notes = [
        CoachingNote(
            organisation=organisation,
            worker=worker,
            coach=coordinator,
            author=coordinator,
            date=min(start + dt.timedelta(weeks=weeks), today),
            theme=theme,
            trait=trait,
            network=lunch,
            talked_about=talked,
            next_step=step,
            next_step_done=done,
        )
        for weeks, theme, trait, talked, step, done in NOTES
    ]
    notes.append(
        CoachingNote(
            organisation=organisation,
            worker=newcomer,
            coach=worker,
            author=newcomer,
            date=today - dt.timedelta(days=20),
            theme="Meelopen bij de lunchgroep",
            trait="personal",
            network=lunch,
            talked_about="Ik liep een ochtend mee en zag hoe de groep zelf de taken verdeelt.",
            next_step=(
                "In de Creaclub vragen wie de boodschappen wil doen, in plaats van ze zelf te doen."
            ),
            next_step_done=False,
        )
    )
    CoachingNote.objects.bulk_create(notes)
    resources = [
        Resource(
            organisation=organisation,
            title="Handboek vangnetwerken: de bouwstenen",
            kind=ResourceKind.HANDBOOK,
            description=(
                "De bouwstenen van de sociaal werker, met voorbeelden uit Rotterdam en Tilburg."
            ),
            link="https://www.movisie.nl/",
            author=coordinator,
        ),
        Resource(
            organisation=organisation,
            title="Presentie: er zijn voor de ander",
            kind=ResourceKind.ARTICLE,
            description="Over de presente basishouding, het eerste punt van het profiel.",
            link="https://www.presentie.nl/",
            author=worker,
        ),
    ]
    Resource.objects.bulk_create(resources)
    return {
        "self_assessments": len(assessments),
        "coaching_notes": len(notes),
        "resources": len(resources),
    }
