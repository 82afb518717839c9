"""Demo data of the community of practice: meetings, lessons and work visits.

The lead wires it into the demo generator after the networks and users exist:

    from vangnet.practice.demo import practice_demo
    counts.update(practice_demo(
        organisation=organisation, networks=networks, users=users, seed=seed, today=today
    ))

Deterministic for a seed. The texts are about the method (never about participants), as the
forms ask. Writes directly (no audit records: demo data is not a user's action).
"""

from __future__ import annotations

import datetime as dt
import random

from vangnet.practice.models import Lesson, Meeting, Theme, WorkVisit

MEETINGS = [
    (
        Theme.RECIPROCITY,
        "",
        "We spraken over hoe je geven en nemen zichtbaar maakt. In twee groepen gaat het "
        "koken steeds via dezelfde mensen; anderen durven niet te vragen of ze mogen helpen.",
        "Maak bij elke activiteit een lijstje met kleine taken, zodat iedereen iets kan "
        "bijdragen. Bedank hardop voor een bijdrage, ook als die klein is.",
    ),
    (
        Theme.DROPOUT_RETURN,
        "",
        "Hoe houd je contact met mensen die een paar weken wegblijven? We vergeleken wanneer "
        "we nabellen en wie dat doet: de werker, de achterwacht of iemand uit de groep.",
        "Bel na twee gemiste weken, kort en zonder verwijt. Zeg dat de deur open blijft. "
        "Vraag de groep wie een kaartje wil sturen.",
    ),
    (
        Theme.FOUR_BALANCES,
        "",
        "Oefening met de vier balansen: iedereen koos een moment waarop ze te snel ingrepen. "
        "Veel herkenning bij veiligheid tegenover uitdaging.",
        "Wacht even voordat je ingrijpt: vaak lost de groep het zelf op. Schrijf in het "
        "logboek wanneer je bewust liet gebeuren.",
    ),
    (
        Theme.OTHER,
        "Huisregels maken met de groep",
        "Drie netwerken maakten hun eigen huisregels. We legden ze naast elkaar: de regels "
        "die de groep zelf positief verwoordde, werden het best nageleefd.",
        "Laat de groep de regels zelf schrijven en hang ze op. Kijk ze na een half jaar samen "
        "nog eens na.",
    ),
]

LESSONS = [
    (
        "Begin met één concrete activiteit",
        "In de verkenning werkte het het best om snel één vaste, concrete activiteit te "
        "starten, zoals een soepgroep op dinsdag. Mensen komen eerder voor iets te doen dan "
        "voor een kennismakingsgesprek. Groei daarna pas naar een tweede activiteit.",
        [Theme.BRINGING_TOGETHER, Theme.ORGANISED_CHAOS],
    ),
    (
        "Een tweede activiteit voor de buurt",
        "Toen de groep te groot werd voor de creaclub, kon niet iedereen meer iets bijdragen. "
        "Een tweede activiteit voor de buurt (het speelgoedpunt) gaf nieuwe taken en een "
        "nieuw gevoel van trots.",
        [Theme.ORGANISED_CHAOS, Theme.OWNERSHIP],
    ),
    (
        "Uitnodigen via wensen en talenten",
        "Vraag bij het uitnodigen naar wat iemand graag doet of goed kan, niet naar wat er "
        "misgaat. Een uitnodiging om mee te koken werkt beter dan een uitnodiging voor een "
        "groep tegen eenzaamheid.",
        [Theme.BRINGING_TOGETHER],
    ),
    (
        "Sociaal tolken na een misverstand",
        "Na een botsing in de groep helpt het om apart met beide kanten te praten en uit te "
        "leggen hoe de ander het bedoelde. Zo houden beiden een goede ervaring over aan het "
        "contact.",
        [Theme.SOCIAL_INTERPRETING, Theme.RECIPROCITY],
    ),
    (
        "De groep verwelkomt nieuwkomers",
        "In de verdieping vroegen we vaste deelnemers om nieuwkomers op te vangen en koffie "
        "te geven. Nieuwkomers voelden zich sneller thuis en de vaste deelnemers voelden zich "
        "eigenaar van de groep.",
        [Theme.OWNERSHIP, Theme.RECIPROCITY],
    ),
    (
        "Terugkomen moet makkelijk zijn",
        "Wie afhaakt, komt soms maanden later terug. Een vaste plek aan tafel en geen vragen "
        "over waarom iemand weg was maken terugkomen makkelijker.",
        [Theme.DROPOUT_RETURN],
    ),
]

VISITS = [
    (
        "De groep deed de opbouw en het opruimen helemaal zelf. De sociaal werker zat het "
        "grootste deel van de tijd aan tafel en greep één keer in bij een misverstand.",
        "Taken bij binnenkomst op een bord zetten, zodat mensen zelf kiezen wat ze doen.",
    ),
    (
        "Een lunch waar deelnemers zelf de boodschappen hadden gedaan. Er was ruimte voor "
        "een praatje en er werd afgesproken om samen naar de markt te gaan.",
        "Niet alles voorbereiden: laat ruimte over die de groep zelf invult.",
    ),
]

ATTENDEE_NAMES = ("sociaalwerker", "sociaalwerker2", "achterwacht", "coordinator")


def practice_demo(*, organisation, networks, users: dict, seed: str, today: dt.date) -> dict:
    """Create the demo meetings, lessons and work visits of `organisation`. Returns counts."""
    rng = random.Random(f"practice:{seed}")
    people = [users[name] for name in ATTENDEE_NAMES if name in users]
    author = users.get("sociaalwerker") or (people[0] if people else None)
    coordinator = users.get("coordinator") or author
    networks = list(networks)

    meetings = 0
    for index, (theme, other, notes, lessons) in enumerate(MEETINGS):
        date = today - dt.timedelta(weeks=6 * (len(MEETINGS) - index))
        meeting = Meeting.objects.create(
            organisation=organisation,
            date=date,
            theme=theme,
            theme_other=other,
            notes=notes,
            lessons=lessons,
            author=coordinator,
        )
        chosen = [person for person in people if rng.random() < 0.8] or people[:1]
        meeting.attendees.set(chosen)
        meetings += 1

    lessons_made = 0
    for index, (title, text, themes) in enumerate(LESSONS):
        lesson = Lesson.objects.create(
            organisation=organisation,
            title=title,
            text=text,
            themes=[str(theme) for theme in themes],
            date=today - dt.timedelta(days=20 * (len(LESSONS) - index) + rng.randint(0, 5)),
            author=rng.choice(people) if people else author,
        )
        if networks and rng.random() < 0.6:
            lesson.networks.set([rng.choice(networks)])
        lessons_made += 1

    visits = 0
    for index, (seen, take_home) in enumerate(VISITS):
        if not networks:
            break
        visit = WorkVisit.objects.create(
            organisation=organisation,
            date=today - dt.timedelta(days=45 * (len(VISITS) - index) + rng.randint(0, 6)),
            network=networks[index % len(networks)],
            seen=seen,
            take_home=take_home,
            author=author,
        )
        visit.visitors.set(
            [person for person in people if person.role != "coordinator"][:2] or people[:1]
        )
        visits += 1
    return {
        "practice_meetings": meetings,
        "practice_lessons": lessons_made,
        "practice_visits": visits,
    }
