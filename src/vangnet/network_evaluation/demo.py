"""Demo data for the network evaluation.

Called by the demo generator after the networks, their sessions, attendance, participants
and support ties exist (the lead wires it in):

    from vangnet.network_evaluation.demo import network_evaluation_demo
    counts.update(network_evaluation_demo(
        organisation=organisation, networks=networks, users=users, seed=seed, today=today
    ))

The oldest network that is at least twelve months old gets its one-year evaluation (a group
conversation a week after the due date, positive answers, judgements a-i with evidence) and
three checklist assessments months apart that show improvement. Deterministic for a seed.
Rows are written directly (no audit records: nobody read or wrote anything).
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from vangnet.network_evaluation.checklist import GROUPS
from vangnet.network_evaluation.models import (
    ChecklistAnswer,
    ChecklistAssessment,
    NetworkEvaluation,
    NetworkEvaluationVersion,
    Score,
    SubgoalJudgement,
)
from vangnet.network_evaluation.moments import ONE_YEAR
from vangnet.network_evaluation.selectors import network_moments
from vangnet.networks.models import Attendance
from vangnet.networks.phases import add_months

# The texts speak of the evaluated network itself: {dag} is the weekday it meets on,
# {activiteiten} its current activities and {taken} some of their tasks (see _texts).
GOALS = (
    "Grotendeels wel. Er is een vaste kern van deelnemers die elke {dag} komt en samen "
    "{activiteiten} draait. Veel deelnemers zeggen dat ze er echt bij horen. "
    "Steun aan elkaar groeit: mensen bellen elkaar en gaan samen naar de markt. Emotionele "
    "steun is er nog vooral tussen een paar mensen."
)
REASONS = (
    "De vaste dag en plek geven houvast. Iedereen heeft een taak die past: {taken}. "
    "Nieuwe mensen worden door de groep zelf welkom geheten. "
    "Het sociaal tolken hielp bij een paar misverstanden in het voorjaar. Wat minder goed "
    "ging: in de zomer kwamen er minder mensen, en twee deelnemers haakten af na ziekte."
)
CONSOLIDATE = (
    "De groep wil {activiteiten} zelf blijven organiseren, met een vaste ploeg. Afspraak met "
    "de locatie dat de ruimte op {dag} blijft. De achterwacht komt een keer per maand "
    "mee. Afhakers bellen we na een paar weken op. Over een jaar evalueren we opnieuw."
)

JUDGEMENTS = {
    "a": (
        "achieved",
        "Bijna iedereen die we uitnodigden kwam minstens één keer kijken. "
        "Deelnemers nodigen zelf ook buren uit.",
    ),
    "b": (
        "achieved",
        "In het groepsgesprek zeiden veel deelnemers dat de {dag} het hoogtepunt van hun week is.",
    ),
    "c": (
        "achieved",
        "De meeste aanwezigen doen elke week iets: {taken}.",
    ),
    "d": (
        "partly",
        "Veel steun wordt beantwoord. Een paar deelnemers geven vooral en "
        "krijgen nog weinig terug.",
    ),
    "e": (
        "achieved",
        "Deelnemers durven te zeggen wat ze vinden. Een ruzie in het voorjaar is samen uitgepraat.",
    ),
    "f": (
        "achieved",
        "De groep heeft een eigen naam gekozen en eigen huisregels gemaakt. "
        "Mensen zeggen 'onze club'.",
    ),
    "g": (
        "achieved",
        "Deelnemers blijven na afloop vaak nog koffie drinken en spreken ook buiten de {dag} af.",
    ),
    "h": (
        "partly",
        "Er is emotionele steun tussen een aantal vaste deelnemers, nog niet in de hele groep.",
    ),
    "i": (
        "achieved",
        "Deelnemers gaan met elkaar mee naar de huisarts en helpen elkaar met "
        "boodschappen en formulieren.",
    ),
}
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def _texts(network, on: dt.date) -> dict[str, str]:
    """The placeholders of the texts above, from the network's activities on `on`."""
    from vangnet.networks.models import Activity

    current = [
        activity
        for activity in Activity.objects.filter(network=network).order_by("active_from", "id")
        if activity.active_from <= on
        and (activity.active_until is None or on <= activity.active_until)
    ]
    names = [f"de {activity.name.lower()}" for activity in current] or ["de bijeenkomst"]
    tasks = [task for activity in current for task in activity.tasks][:4] or ["koffie zetten"]
    weekday = current[0].weekday if current else network.start_date.weekday()
    return {
        "dag": WEEKDAYS[weekday],
        "activiteiten": " en ".join(names),
        "taken": ", ".join(tasks),
    }


# How many assessments until an item is fully there ("ja"), with its weight: some items
# are right from the start, most improve over the year, a few stay "deels".
REACHED_AT = ((0, 25), (1, 35), (2, 30), (3, 10))
# Items that hold from the first assessment: the basics of the method are there at once.
FROM_THE_START = frozenset(
    {"tg_isolation", "tg_wish", "tg_no_intake", "ac_weekly", "sw_present", "sw_hours", "sw_backup"}
)
ASSESSMENT_MONTHS = (4, 8, 13)


def _oldest_year_old(networks, today: dt.date):
    old = [n for n in networks if add_months(n.start_date, 12) <= today]
    return min(old, key=lambda n: (n.start_date, n.pk)) if old else None


def _aware(day: dt.date, hour: int = 15) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _conversation_people(network, held_on: dt.date, rng: random.Random) -> list[int]:
    """Participants present in the four weeks before the conversation: most of them join."""
    recent = sorted(
        set(
            Attendance.objects.filter(
                session__network=network,
                session__date__gt=held_on - dt.timedelta(days=28),
                session__date__lte=held_on,
            ).values_list("participant_id", flat=True)
        )
    )
    return [pk for pk in recent if rng.random() < 0.8]


def _evaluation(network, *, worker, today: dt.date, rng: random.Random) -> tuple[int, int]:
    moment = next(
        (m for m in network_moments(network=network, today=today) if m.kind == ONE_YEAR), None
    )
    if moment is None or moment.due > today:
        return 0, 0
    held_on = min(moment.due + dt.timedelta(days=7), today)
    if NetworkEvaluation.objects.filter(network=network, moment=moment.key).exists():
        return 0, 0
    people = _conversation_people(network, held_on, rng)
    fill = _texts(network, held_on)
    goals, reasons, consolidate = (text.format(**fill) for text in (GOALS, REASONS, CONSOLIDATE))
    evaluation = NetworkEvaluation.objects.create(
        network=network,
        moment=moment.key,
        held_on=held_on,
        others_count=1,
        others_note="achterwacht",
        goals_answer=goals,
        reasons_answer=reasons,
        consolidate_answer=consolidate,
        version=1,
        created_by=worker,
        updated_by=worker,
    )
    evaluation.participants.set(people)
    NetworkEvaluationVersion.objects.create(
        evaluation=evaluation,
        number=1,
        saved_by=worker,
        data={
            "held_on": held_on.isoformat(),
            "participant_ids": people,
            "others_count": 1,
            "others_note": "achterwacht",
            "goals_answer": goals,
            "reasons_answer": reasons,
            "consolidate_answer": consolidate,
        },
    )
    rows = SubgoalJudgement.objects.bulk_create(
        SubgoalJudgement(
            evaluation=evaluation,
            subgoal=letter,
            judgement=judgement,
            evidence=evidence.format(**fill),
            recorded_by=worker,
        )
        for letter, (judgement, evidence) in JUDGEMENTS.items()
    )
    when = _aware(held_on)
    SubgoalJudgement.objects.filter(evaluation=evaluation).update(recorded_at=when)
    NetworkEvaluation.objects.filter(pk=evaluation.pk).update(created_at=when, updated_at=when)
    NetworkEvaluationVersion.objects.filter(evaluation=evaluation).update(saved_at=when)
    return 1, len(rows)


def _score(round_index: int, reached_at: int) -> str:
    if round_index >= reached_at:
        return Score.YES
    if round_index == reached_at - 1:
        return Score.PARTLY
    return Score.NO


def _checklists(network, *, worker, today: dt.date, rng: random.Random) -> int:
    if ChecklistAssessment.objects.filter(network=network).exists():
        return 0
    values, weights = zip(*REACHED_AT, strict=True)
    reached = {
        item.key: 0 if item.key in FROM_THE_START else rng.choices(values, weights=weights)[0]
        for group in GROUPS
        for item in group.items
    }
    made = 0
    for index, months in enumerate(ASSESSMENT_MONTHS):
        day = add_months(network.start_date, months)
        if day > today:
            break
        assessment = ChecklistAssessment.objects.create(
            network=network,
            date=day,
            assessed_by=worker,
            note="Ingevuld na het overleg met de achterwacht." if index else "",
        )
        ChecklistAssessment.objects.filter(pk=assessment.pk).update(created_at=_aware(day))
        ChecklistAnswer.objects.bulk_create(
            ChecklistAnswer(
                assessment=assessment,
                item_key=key,
                score=_score(index, reached_at),
                note="Hier werken we aan." if _score(index, reached_at) == Score.NO else "",
            )
            for key, reached_at in reached.items()
        )
        made += 1
    return made


def network_evaluation_demo(
    *, organisation, networks, users: dict, seed: str | int, today: dt.date
) -> dict[str, int]:
    """Create the demo evaluation of the oldest network that is at least a year old."""
    counts = {"network_evaluations": 0, "subgoal_judgements": 0, "checklist_assessments": 0}
    network = _oldest_year_old(list(networks), today)
    if network is None:
        return counts
    rng = random.Random(f"network_evaluation:{seed}:{network.pk}")
    worker = network.lead_worker or users.get("sociaalwerker")
    evaluations, judgements = _evaluation(network, worker=worker, today=today, rng=rng)
    counts["network_evaluations"] = evaluations
    counts["subgoal_judgements"] = judgements
    counts["checklist_assessments"] = _checklists(network, worker=worker, today=today, rng=rng)
    return counts
