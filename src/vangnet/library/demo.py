"""Demo publications in the shared library: what the demo organisation's coordinator shares
with the other organisations that use the method (a lesson of the community of practice, a
checklist variant for the start of a network, the organisation's evaluation questionnaire).
Published through the library's own service, so the personal-data check runs on them as
on any publication."""

from __future__ import annotations

import datetime as dt
from typing import Any

from vangnet.library.models import Kind
from vangnet.library.services import publication_publish
from vangnet.practice.models import Theme
from vangnet.questionnaires.models import QuestionnaireTemplate

LESSON_TITLE = "Laat de groep de eerste activiteit zelf kiezen"
LESSON_TEXT = (
    "In de opbouwfase stelden we steeds zelf een activiteit voor. Dat ging goed, maar de "
    "groep bleef achteroverleunen. Sinds we in de derde week vragen 'wat willen jullie "
    "samen doen?' en de groep zelf laten kiezen en verdelen wie wat meeneemt, komen er "
    "meer mensen terug en nemen kennismakers sneller een taak op zich.\n\n"
    "Zo doe je het: leg drie lege kaartjes op tafel, laat iedereen een idee opschrijven of "
    "zeggen, en laat de groep kiezen. Houd jezelf op de achtergrond, ook als het rommelig "
    "wordt: dat is georganiseerde chaos en het hoort erbij."
)
CHECKLIST_TITLE = "Checklist startfase met huisregels"
CHECKLIST_TEXT = (
    "Onze variant van de checklist voor de eerste drie maanden. We voegden de huisregels "
    "toe: de groep schrijft ze zelf en positief op, en we kijken ze na een half jaar samen na."
)
CHECKLIST = """# Voor de start
Vaste plek en vaste tijd afgesproken met het buurthuis
Achterwacht gekozen en voorgesteld aan de groep
Doorverwijzers weten wie er kan komen
# Eerste drie maanden
De groep kiest zelf de activiteiten
Iedere week wie er was en wie wat deed vastgelegd
Wie twee keer niet kwam, nagebeld
Huisregels samen opgeschreven, positief geformuleerd
Eigen bijdrage met de groep afgesproken"""
QUESTIONNAIRE_TEXT = (
    "Het evaluatiegesprek zoals wij het gebruiken: meedoen nu en een jaar geleden "
    "(post-then-pre), met open vragen over de groep en over steun. Deelnemers kunnen het "
    "ook zelf invullen in Mijn Vangnet."
)


def library_demo(
    *, organisation: Any, networks: list[Any], users: dict[str, Any], today: dt.date, seed: str
) -> dict[str, int]:
    coordinator = users["coordinator"]
    publication_publish(
        user=coordinator,
        kind=Kind.LESSON,
        title=LESSON_TITLE,
        text=LESSON_TEXT,
        themes=[Theme.OWNERSHIP, Theme.ORGANISED_CHAOS],
    )
    publication_publish(
        user=coordinator,
        kind=Kind.CHECKLIST,
        title=CHECKLIST_TITLE,
        text=CHECKLIST_TEXT,
        themes=[Theme.BRINGING_TOGETHER],
        checklist=CHECKLIST,
    )
    published = 2
    template = QuestionnaireTemplate.objects.filter(organisation=organisation).first()
    if template is not None:
        publication_publish(
            user=coordinator,
            kind=Kind.QUESTIONNAIRE,
            title="Evaluatiegesprek (meedoen, de groep, steun)",
            text=QUESTIONNAIRE_TEXT,
            themes=[Theme.RECIPROCITY],
            questionnaire_id=template.pk,
        )
        published += 1
    return {"library_publications": published}
