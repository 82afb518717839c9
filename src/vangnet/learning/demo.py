"""Demo of learning across evaluations: the coordinator adds two themes for success and
failure factors to the code list ("Vaste dag en plek", "Afhaken en terugkomen"), codes the
passages of the network evaluations' answer "wat maakt dat het wel of niet is gelukt?" and
writes a first synthesis with recommendations. Only sentences that are in an answer are
coded. Deterministic; writes directly (no audit records: demo data is not a user's action)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from vangnet.interviews.models import Theme
from vangnet.learning.models import EvaluationPassage, Question, Synthesis
from vangnet.network_evaluation.models import NetworkEvaluation

FACTOR_THEMES = [
    ("Vaste dag en plek", "Een vaste dag, tijd en ruimte die als 'onze plek' voelt."),
    ("Afhaken en terugkomen", "Wie wegblijft, afhaakt of terugkomt, en wat daarbij helpt."),
]
# (a sentence of the answer, the themes it is coded with)
CODES = [
    ("De vaste dag en plek geven houvast.", ["Vaste dag en plek"]),
    ("Iedereen heeft een taak die past", ["Zinvol bijdragen", "Wederkerigheid"]),
    (
        "Nieuwe mensen worden door de groep zelf welkom geheten.",
        ["Zich uitgenodigd voelen", "Erbij horen / eigen groep"],
    ),
    ("Het sociaal tolken hielp bij een paar misverstanden in het voorjaar.", ["Veilige plek"]),
    (
        "in de zomer kwamen er minder mensen, en twee deelnemers haakten af na ziekte.",
        ["Afhaken en terugkomen"],
    ),
]
RECOMMENDATIONS = (
    "Wat werkt: een vaste dag en plek, en een taak voor iedereen die bij hem of haar past. "
    "Waar de groep nieuwe mensen zelf welkom heet, groeit het groepsgevoel.\n\n"
    "Wat lastig is: in de zomer en na ziekte haken mensen af.\n\n"
    "Aanbevelingen:\n"
    "1. Spreek in elk vangnetwerk vóór de zomer af wie de groep draaiende houdt.\n"
    "2. Bel wie wegblijft binnen twee weken na, ook na ziekte.\n"
    "3. Bespreek sociaal tolken in de praktijkgemeenschap met voorbeelden uit de logboeken."
)


def learning_demo(
    *, organisation: Any, networks: list[Any], users: dict[str, Any], today: dt.date, seed: str
) -> dict[str, int]:
    start = len(Theme.objects.filter(organisation=organisation))
    for offset, (name, description) in enumerate(FACTOR_THEMES, start=1):
        Theme.objects.get_or_create(
            organisation=organisation,
            name=name,
            defaults={"description": description, "position": start + offset},
        )
    themes = {theme.name: theme for theme in Theme.objects.filter(organisation=organisation)}
    coordinator = users.get("coordinator")
    passages = 0
    years = []
    for evaluation in NetworkEvaluation.objects.filter(network__in=networks).order_by("id"):
        if not evaluation.reasons_answer:
            continue
        years.append((evaluation.held_on or today).year)
        for sentence, names in CODES:
            chosen = [themes[name] for name in names if name in themes]
            if sentence not in evaluation.reasons_answer or not chosen:
                continue
            passage = EvaluationPassage.objects.create(
                evaluation=evaluation,
                question=Question.REASONS,
                quote=sentence,
                coded_by=coordinator,
            )
            passage.themes.set(chosen)
            passages += 1
    syntheses = 0
    if passages:
        Synthesis.objects.create(
            organisation=organisation,
            number=1,
            year_from=min(years),
            year_to=max(years),
            recommendations=RECOMMENDATIONS,
            written_by=coordinator,
        )
        syntheses = 1
    return {"coded_evaluation_passages": passages, "syntheses": syntheses}
