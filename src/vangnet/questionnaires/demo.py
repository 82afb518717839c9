"""Demo data: completed evaluation questionnaires for the older demo network.

The lead calls, after the networks with their sessions and attendance exist:

    from vangnet.questionnaires.demo import questionnaires_demo
    counts.update(questionnaires_demo(
        organisation=organisation, networks=networks, users=users, seed=seed, today=today
    ))

The interviews demo may also fill the responses it links to interviews with `demo_answers`;
`questionnaires_demo` skips participants who already have a completed response, so running
the interviews demo first and this one after it gives each steady participant one response.
Deterministic for a seed. The meedoen scores mostly go up, some stay the same, one or two go
down; the other items are filled plausibly.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from vangnet.participants.models import RouteStage
from vangnet.participants.selectors import network_routes
from vangnet.questionnaires import selectors, services
from vangnet.questionnaires.models import Item, ItemKind, Response

OPEN_ANSWERS = {
    "situatie": (
        "Ik woon nog steeds alleen, maar ik ben minder vaak thuis.",
        "Het gaat beter dan vorig jaar. Ik heb weer een ritme in de week.",
        "Mijn gezondheid is wisselend, maar ik heb meer mensen om me heen.",
        "Er is veel gebeurd. De groep was een vast punt voor mij.",
    ),
    "meedoen_toelichting": (
        "Een jaar geleden kwam ik de deur bijna niet uit.",
        "Ik doe nu mee met de lunch en help met koken.",
        "Ik voel me nog vaak alleen, maar ik heb een plek waar ik heen kan.",
        "Ik ken nu mensen in de buurt.",
    ),
    "ervaring": (
        "Gezellig. Iedereen mag zijn wie hij is.",
        "In het begin was het spannend, nu voel ik me thuis.",
        "Soms is het druk, maar de sociaal werker helpt dan.",
        "Ik vind het fijn dat ik iets kan doen voor een ander.",
    ),
    "steun": (
        "Ja, ik heb nu iemand die ik kan bellen als het niet goed gaat.",
        "We gaan soms samen boodschappen doen.",
        "Ik krijg niet veel steun, maar ik geef wel steun aan anderen.",
        "Iemand uit de groep ging mee naar het ziekenhuis.",
    ),
    "tips": (
        "Vaker een uitje met de groep.",
        "Meer ruimte voor nieuwe mensen.",
        "",
        "Niks, het is goed zo.",
    ),
}


def _clip(value: int) -> int:
    return max(0, min(10, value))


def demo_scores(rng: random.Random, *, direction: str | None = None) -> tuple[int, int]:
    """A plausible (then, now) meedoen pair: mostly up, sometimes the same, rarely down."""
    if direction is None:
        roll = rng.random()
        direction = "up" if roll < 0.72 else ("same" if roll < 0.92 else "down")
    then = rng.randint(4, 7) if direction == "down" else rng.randint(2, 6)
    if direction == "up":
        now = _clip(then + rng.choice((1, 2, 2, 3, 3, 4)))
    elif direction == "down":
        now = _clip(then - rng.choice((1, 2)))
    else:
        now = then
    return then, now


def demo_answers(
    *, response: Response, rng: random.Random, direction: str | None = None
) -> Response:
    """Fill every item of the response's version plausibly and complete it."""
    data: dict[str, object] = {}
    items = Item.objects.filter(section__version_id=response.version_id)
    for item in items:
        name = services.field_names(item)
        if item.kind == ItemKind.POST_THEN_PRE:
            then, now = demo_scores(rng, direction=direction)
            data[name[0]], data[name[1]] = now, then
        elif item.kind == ItemKind.SCALE:
            low = 5 if item.key == "eigen_groep" else 6
            data[name[0]] = rng.randint(low, 10)
        elif item.kind == ItemKind.CHOICE:
            values = [c["value"] for c in item.choices]
            weights = [1, 2, 4, 1][: len(values)] + [1] * max(0, len(values) - 4)
            data[name[0]] = rng.choices(values, weights=weights)[0]
        else:
            options = OPEN_ANSWERS.get(item.key, ("Daar wil ik niet veel over zeggen.",))
            data[name[0]] = rng.choice(options)
    return services.response_save(
        response=response, cleaned_data=data, by=response.created_by, complete=True
    )


def questionnaires_demo(
    *, organisation, networks, users: dict, seed: str, today: dt.date
) -> dict[str, int]:
    """Ensure the default template; give the older network's steady participants a
    completed questionnaire (each once). Returns counts."""
    rng = random.Random(f"{seed}:questionnaires")
    template = services.default_template_ensure(organisation=organisation)
    version = selectors.current_version(template=template)
    networks = sorted(networks, key=lambda n: (n.start_date, n.pk))
    if not networks:
        return {"questionnaire_templates": 1, "questionnaire_responses": 0}
    older = networks[0]
    people = network_routes(network=older, today=today)
    steady = [p for p in people if p.route.current == RouteStage.STEADY]
    done = set(
        Response.objects.filter(participant__in=steady, completed_at__isnull=False).values_list(
            "participant_id", flat=True
        )
    )
    interviewer = users.get("sociaalwerker2") or users.get("coordinator")
    # one or two go down, whatever the random draw gives
    forced = {0: "down"} if len(steady) < 12 else {0: "down", 7: "down"}
    created = 0
    for index, participant in enumerate(steady):
        if participant.pk in done:
            continue
        response = services.response_start(version=version, participant=participant, by=interviewer)
        direction = forced.get(index) or ("up" if rng.random() < 0.8 else "same")
        demo_answers(response=response, rng=rng, direction=direction)
        when = timezone.make_aware(
            dt.datetime.combine(today - dt.timedelta(days=rng.randint(3, 40)), dt.time(14, 0))
        )
        Response.objects.filter(pk=response.pk).update(started_at=when, completed_at=when)
        created += 1
    return {"questionnaire_templates": 1, "questionnaire_responses": created}
