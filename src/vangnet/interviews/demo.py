"""Demo evaluation interviews for the older demo network.

Called by the demo generator after the networks exist (the lead wires it in):

    from vangnet.interviews.demo import interviews_demo
    counts.update(interviews_demo(organisation=organisation, networks=networks,
                                  users=users, seed=str(seed), today=today))

Eight interviews held by "evaluator" with a filled-in questionnaire and a report each (five
agreed, one agreed after a correction, one shown to the participant, one draft), coded
passages for the thematic report, and two interviews still planned: one today (with
consent, so the evaluator can hold it) and one next week (consent not yet recorded). All of
them belong to the coordinator's round "Evaluatie na het eerste jaar", which chose the
default questionnaire. Everything goes through
the services, so every row is a state the application itself can reach. Deterministic for
a seed.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Count
from django.utils import timezone

from vangnet.interviews import interview_services, report_services, selectors
from vangnet.interviews.member_check import ReportStatus
from vangnet.interviews.rounds import services as round_services
from vangnet.interviews.themes import services as theme_services
from vangnet.privacy.models import ConsentKind
from vangnet.questionnaires import services as q_services

S = ReportStatus
ROUND_NAME = "Evaluatie na het eerste jaar"

# (report text, [(passage, [theme names])]); {name} is the participant, {other} a fellow.
REPORTS: list[tuple[str, list[tuple[str, list[str]]]]] = [
    (
        "{name} kwam twee jaar geleden voor het eerst mee met {other}. 'Ik werd gewoon "
        "gevraagd of ik een keer wilde komen eten. Dat voelde niet als hulp, maar als een "
        "uitnodiging.'\n\n{name} kookt nu bijna elke week mee. 'Als de anderen mijn soep "
        "lekker vinden, ga ik met een goed gevoel naar huis.' Een jaar geleden gaf {name} "
        "zichzelf een 4 voor meedoen, nu een 7.\n\nTip voor de groep: meer uitleg voor "
        "nieuwe mensen over hoe het werkt.",
        [
            ("Dat voelde niet als hulp, maar als een uitnodiging.", ["Zich uitgenodigd voelen"]),
            (
                "Als de anderen mijn soep lekker vinden, ga ik met een goed gevoel naar huis.",
                ["Zinvol bijdragen", "Gezien worden"],
            ),
        ],
    ),
    (
        "Voor {name} is de dinsdag 'de vaste dag'. 'Ik kijk er de hele week naar uit.'\n\n"
        "{name} zet de tafels klaar en zorgt dat de koffie er is. 'Dat is mijn taak, "
        "daar rekenen ze op.' Met {other} gaat {name} nu ook samen naar de markt.\n\n"
        "'Hier mag je zijn wie je bent. Niemand kijkt je raar aan.'",
        [
            ("Ik kijk er de hele week naar uit.", ["Ritme in de week"]),
            ("Dat is mijn taak, daar rekenen ze op.", ["Zinvol bijdragen"]),
            (
                "Hier mag je zijn wie je bent. Niemand kijkt je raar aan.",
                ["Veilige plek", "Erbij horen / eigen groep"],
            ),
        ],
    ),
    (
        "{name} vertelt dat het eerst spannend was om in een groep te zitten. 'De eerste "
        "keren zei ik bijna niks. Nu vertel ik zelf grappen.'\n\n'Toen ik een keer niet "
        "kwam, belde {other} om te vragen hoe het ging. Dat had ik niet verwacht.' "
        "{name} helpt zelf anderen met formulieren invullen.",
        [
            (
                "De eerste keren zei ik bijna niks. Nu vertel ik zelf grappen.",
                ["Zelfvertrouwen", "Veilige plek"],
            ),
            (
                "Toen ik een keer niet kwam, belde {other} om te vragen hoe het ging.",
                ["Steun geven en krijgen"],
            ),
            ("{name} helpt zelf anderen met formulieren invullen.", ["Wederkerigheid"]),
        ],
    ),
    (
        "{name} zegt: 'Het is onze groep. Wij bedenken zelf wat we doen.' Samen met "
        "{other} heeft {name} het uitje naar het park geregeld.\n\n'Vroeger zat ik veel "
        "alleen thuis. Nu heb ik mensen om mee te praten, ook buiten de dinsdag.'",
        [
            ("Het is onze groep. Wij bedenken zelf wat we doen.", ["Erbij horen / eigen groep"]),
            (
                "Vroeger zat ik veel alleen thuis. Nu heb ik mensen om mee te praten, ook "
                "buiten de dinsdag.",
                ["Minder alleen", "Gezelschap"],
            ),
        ],
    ),
    (
        "'Ik geef wat ik kan, en ik krijg er veel voor terug,' zegt {name}. {name} "
        "repareert fietsen van groepsgenoten en krijgt soms een maaltijd mee naar huis.\n\n"
        "Via de groep doet {name} nu ook mee met de buurtmoestuin.",
        [
            ("Ik geef wat ik kan, en ik krijg er veel voor terug,", ["Wederkerigheid"]),
            (
                "repareert fietsen van groepsgenoten en krijgt soms een maaltijd mee naar huis.",
                ["Steun geven en krijgen", "Wederkerigheid"],
            ),
            ("Via de groep doet {name} nu ook mee met de buurtmoestuin.", ["Meedoen in de wijk"]),
        ],
    ),
    (
        "{name} vindt het gezellig om samen te eten. 'Je zit niet alleen aan tafel, dat "
        "maakt veel uit.'\n\n{name} heeft gemerkt dat {other} soms even rust nodig heeft "
        "en gaat dan samen een stukje wandelen. 'Zo zorgen we een beetje voor elkaar.'",
        [
            ("Je zit niet alleen aan tafel, dat maakt veel uit.", ["Gezelschap", "Minder alleen"]),
            ("Zo zorgen we een beetje voor elkaar.", ["Steun geven en krijgen"]),
        ],
    ),
    (
        "{name} wordt in de groep 'de fotograaf' genoemd. 'Ik maak de foto's voor de "
        "nieuwsbrief. Mensen vragen erom.'\n\n'Ik voel me hier welkom, ook als ik een keer "
        "een slechte dag heb.'",
        [
            (
                "Ik maak de foto's voor de nieuwsbrief. Mensen vragen erom.",
                ["Zinvol bijdragen", "Gezien worden"],
            ),
            (
                "Ik voel me hier welkom, ook als ik een keer een slechte dag heb.",
                ["Zich uitgenodigd voelen", "Veilige plek"],
            ),
        ],
    ),
    (
        "{name} komt sinds een half jaar. 'Ik kende niemand, maar {other} nam me meteen "
        "mee naar de keuken.' {name} wil graag vaker een eigen activiteit bedenken.",
        [],
    ),
]
CORRECTION = (
    "Het verslag klopte bijna. {name} wilde dat erbij staat dat de groep ook samen "
    "sinterklaas vierde."
)
PLACES = ["Wijkcentrum, spreekkamer", "Bij de deelnemer thuis", "Wijkcentrum, keuken"]
OPEN_ANSWERS = {
    "situatie": "Het gaat goed. Ik heb een vaste week met de groep erin.",
    "meedoen_toelichting": "Ik doe meer mee dan vorig jaar, ook buiten de groep.",
    "ervaring": "Fijn. Ik word gezien en ik heb een taak.",
    "steun": "Ja, ik kan nu bij een paar mensen terecht.",
    "tips": "Meer uitleg voor nieuwe mensen.",
}


def _answers(version, rng: random.Random) -> dict:
    from vangnet.questionnaires.models import Item, ItemKind
    from vangnet.questionnaires.services import field_names

    data: dict = {}
    items = Item.objects.filter(section__version=version).order_by("section__position", "position")
    for item in items:
        names = field_names(item)
        if item.kind == ItemKind.POST_THEN_PRE:
            then = rng.randint(2, 6)
            data[names[0]], data[names[1]] = min(10, then + rng.randint(1, 4)), then
        elif item.kind == ItemKind.SCALE:
            data[names[0]] = rng.randint(6, 9)
        elif item.kind == ItemKind.CHOICE:
            values = [c.get("value") for c in item.choices or []]
            data[names[0]] = rng.choice(values[1:3] or values) if values else ""
        else:
            data[names[0]] = OPEN_ANSWERS.get(item.key, "Goed.")
    return data


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def interviews_demo(*, organisation, networks, users: dict, seed: str, today: dt.date) -> dict:
    from vangnet.participants.models import Participant
    from vangnet.privacy.services import consent_record

    rng = random.Random(f"{seed}:interviews")
    evaluator = users["evaluator"]
    network = min(networks, key=lambda n: (n.start_date, n.pk))
    planner = network.lead_worker
    people = list(
        Participant.objects.filter(network=network, erasure__isnull=True)
        .annotate(n=Count("attendances"))
        .order_by("-n", "id")[: len(REPORTS) + 2]
    )
    if len(people) < 3:
        return {"interviews": 0}
    theme_services.themes_ensure_defaults(organisation=organisation)
    themes = {t.name: t for t in selectors.organisation_themes(organisation=organisation)}
    counts = {"interviews": 0, "interview_reports": 0, "coded_passages": 0}
    interview_round = round_services.round_create(
        organisation=organisation,
        name=ROUND_NAME,
        questionnaire=q_services.default_template_ensure(organisation=organisation),
        by=users.get("coordinator") or planner,
    )
    held = people[: len(REPORTS)]
    states = [S.AGREED] * (len(held) - 3) + [S.CORRECTED_AGREED, S.SHOWN, S.DRAFT]
    for index, participant in enumerate(held):
        other = people[(index + 1) % len(people)]
        consent_record(
            participant=participant,
            kind=ConsentKind.EVALUATION_INTERVIEW,
            scope="Evaluatiegesprek en gespreksverslag",
            given_on=today - dt.timedelta(days=70 - index),
            actor=planner,
        )
        day = today - dt.timedelta(days=60 - 6 * index)
        interview = interview_services.interview_plan(
            network=network,
            participant=participant,
            interviewer=evaluator,
            planned_at=_at(day, 10 + index % 4),
            place=rng.choice(PLACES),
            interview_round=interview_round,
            by=planner,
        )
        counts["interviews"] += 1
        response = interview_services.interview_response_ensure(interview=interview, by=evaluator)
        interview_services.interview_response_save(
            interview=interview,
            cleaned_data=_answers(response.version, rng),
            complete=True,
            by=evaluator,
        )
        text, passages = REPORTS[index % len(REPORTS)]
        names = {"name": participant.display_name, "other": other.display_name}
        report_services.report_version_write(
            interview=interview, text=text.format(**names), by=evaluator
        )
        counts["interview_reports"] += 1
        report = interview.report
        target = states[index]
        if target == S.DRAFT:
            continue
        report_services.report_transition(report=report, to_status=S.SHOWN, by=evaluator)
        if target == S.CORRECTED_AGREED:
            report_services.report_transition(
                report=report,
                to_status=S.CORRECTIONS,
                note="Sinterklaas ontbreekt.",
                by=evaluator,
            )
            report_services.report_version_write(
                interview=interview,
                text=text.format(**names) + "\n\n" + CORRECTION.format(**names),
                change_note="Sinterklaasviering toegevoegd op verzoek van de deelnemer.",
                by=evaluator,
            )
            report_services.report_transition(report=report, to_status=S.SHOWN, by=evaluator)
        if target in (S.AGREED, S.CORRECTED_AGREED):
            report_services.report_transition(
                report=report, to_status=target, note="Besproken en akkoord.", by=evaluator
            )
            version = report.versions.order_by("-number").first()
            for quote, theme_names in passages:
                theme_services.passage_code(
                    version=version,
                    quote=quote.format(**names),
                    themes=[themes[name] for name in theme_names if name in themes],
                    by=evaluator,
                )
                counts["coded_passages"] += 1
    for offset, participant in enumerate(people[len(REPORTS) : len(REPORTS) + 2]):
        if offset == 0:
            consent_record(
                participant=participant,
                kind=ConsentKind.EVALUATION_INTERVIEW,
                scope="Evaluatiegesprek",
                given_on=today - dt.timedelta(days=5),
                actor=planner,
            )
        interview_services.interview_plan(
            network=network,
            participant=participant,
            interviewer=evaluator,
            # The first one today, so the evaluator can hold it in the walk-through.
            planned_at=_at(today + dt.timedelta(days=7 * offset), 14),
            place=PLACES[offset],
            interview_round=interview_round,
            by=planner,
        )
        counts["interviews"] += 1
    return counts
