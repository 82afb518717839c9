"""Fixed content of the demo: names, tags, activities, partners and short texts.

Everything here is invented. Participants get Dutch first names only and, for most of them,
no contact details. There are no diagnoses: people are described by wishes and talents.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ORGANISATION_NAME = "Welzijn Tilburg (demo)"
DEMO_PASSWORD = "vangnet-demo-2026"  # noqa: S105 - demo only; the command refuses production

# (username, role, first name, last name)
DEMO_USERS = [
    ("sociaalwerker", "social_worker", "Sanne", "de Vries"),
    ("sociaalwerker2", "social_worker", "Lotte", "Verhoeven"),
    ("achterwacht", "backup_worker", "Mark", "van Dijk"),
    ("coordinator", "coordinator", "Inge", "Jansen"),
    ("evaluator", "evaluator", "Pieter", "Smits"),
    ("gemeente", "municipality", "Karin", "de Bruijn"),
    ("beheerder", "org_admin", "Ruud", "Peters"),
    ("onderzoeker", "knowledge_institute", "Ayla", "Demir"),
    ("vrijwilliger", "network_helper", "Ton", "Hendriks"),
]

LOCATIONS = [
    # (name, address, neighbourhood)
    ("Wijkcentrum De Zuidhoek", "Ringbaan-Zuid 10, Tilburg", "Tilburg Zuid"),
    ("Buurthuis De Lindeboom", "Lindeplein 3, Tilburg", "Tilburg Noord"),
]

REFERRAL_PARTNERS = [
    # (name, kind)
    ("Praktijkondersteuner GGZ Huisartsen Zuid", "poh-ggz"),
    ("Wijkteam Tilburg Zuid", "wijkteam"),
    ("Wijkteam Tilburg Noord", "wijkteam"),
    ("Maatjesproject Tilburg", "maatjesproject"),
    ("GGZ-team Midden-Brabant", "ggz"),
]


@dataclass(frozen=True)
class ActivitySpec:
    name: str
    audience: str  # networks.models.Audience value
    start_time: dt.time
    duration_minutes: int
    tasks: tuple[str, ...]
    from_month: int = 0  # months after the network's start
    until_month: int | None = None  # ends before this month (replaced by the next one)
    replaces: str | None = None  # name of the activity this one continues


@dataclass(frozen=True)
class NetworkSpec:
    name: str
    location: int  # index into LOCATIONS
    lead: str  # username
    weekday: int  # 0 = Monday
    months_ago: int  # start, in months before today
    activities: tuple[ActivitySpec, ...]
    # (month after start, phase, reason) recorded by the worker
    transitions: tuple[tuple[int, str, str], ...]
    one_offs: tuple[tuple[int, str], ...]  # (month after start, title) for the neighbourhood


NETWORKS = [
    NetworkSpec(
        name="Lunchgroep De Buurtkamer",
        location=0,
        lead="sociaalwerker",
        weekday=0,  # Monday: this week's session is never in the future (see docs/demo.md)
        months_ago=20,
        activities=(
            ActivitySpec(
                "Soepgroep",
                "group",
                dt.time(11, 30),
                120,
                ("soep koken", "groente snijden", "tafel dekken", "afwassen", "koffie zetten"),
                until_month=6,
            ),
            ActivitySpec(
                "Lunchgroep",
                "group",
                dt.time(11, 0),
                150,
                (
                    "boodschappen doen",
                    "koken",
                    "tafel dekken",
                    "afwassen",
                    "koffie zetten",
                    "gasten ontvangen",
                    "menu bedenken",
                ),
                from_month=6,
                replaces="Soepgroep",
            ),
        ),
        transitions=(
            (3, "build_up", "Vijf mensen komen elke week; we gaan nu actief werven."),
            (
                13,
                "deepening",
                "De vaste kern is rond de vijftien. Deelnemers zoeken elkaar ook buiten de "
                "lunch op.",
            ),
            (19, "evaluation", "Anderhalf jaar bezig: groepsgesprek en evaluatiegesprekken."),
        ),
        one_offs=((8, "Buurtlunch voor de straat"), (14, "Kerstlunch voor de buurt")),
    ),
    NetworkSpec(
        name="Creaclub en Speelgoedpunt",
        location=1,
        lead="sociaalwerker2",
        weekday=1,
        months_ago=18,
        activities=(
            ActivitySpec(
                "Creaclub",
                "group",
                dt.time(13, 30),
                150,
                ("materiaal klaarzetten", "kaarten maken", "breien", "schilderen", "opruimen"),
            ),
            ActivitySpec(
                "Speelgoedpunt",
                "neighbourhood",
                dt.time(13, 30),
                150,
                (
                    "speelgoed ophalen",
                    "speelgoed sorteren",
                    "speelgoed schoonmaken",
                    "pakketten inpakken",
                    "uitdelen aan gezinnen",
                ),
                from_month=5,
            ),
        ),
        transitions=(
            (4, "build_up", "Verkenning duurde langer: eerst een vaste ruimte gevonden."),
            (
                13,
                "deepening",
                "Het Speelgoedpunt draait; de groep verwelkomt zelf nieuwe mensen.",
            ),
        ),
        one_offs=((10, "Sinterklaaspakketten uitdelen in de speeltuin"),),
    ),
]

FIRST_NAMES = """
Annie Ans Anja Anneke Astrid Bep Bea Carla Cor Corrie Dini Dora Els Elly Emmy Femke
Gerda Greet Hanneke Hennie Ilse Ina Janny Jolanda Josje Karin Lies Lenie Marian Marja Marieke
Mieke Miep Nel Netty Nicole Petra Rianne Rika Riet Rina Sandra Sjaan Sonja Thea Tineke Truus
Wil Wilma Yvonne Zus Bianca Esther Irma Joke Loes Mariska Monique Nancy Patricia Ingrid
Adrie Arie Bart Ben Bert Bram Cees Dirk Frans Gerard Gert Gijs Harrie Henk Herman Huub Jan
Jaap Jac Jeroen Johan Joop Jos Kees Klaas Koen Leo Marcel Martin Nico Piet Pieter Rob Ronald
Rinus Sjaak Sjef Ton Theo Toon Wim Willem Wout Ad Erik Frank Gijsbert Hans Jurgen Kevin Mart
Peter Rene Ruud Stefan Tom Twan Fons Driek Jeanne Mia Noor Lotte Sanne Daan Luuk Thijs Mees
""".split()

WISHES = [
    "nieuwe mensen leren kennen",
    "samen eten",
    "iets betekenen voor de buurt",
    "een vaste plek in de week",
    "creatief bezig zijn",
    "er even uit zijn",
    "Nederlands oefenen",
    "iets nieuws leren",
    "gezelligheid",
    "samen wandelen",
    "iets om naar uit te kijken",
    "weer wat structuur",
]

TALENTS = [
    "koken",
    "bakken",
    "breien",
    "knutselen",
    "schilderen",
    "luisteren",
    "regelen",
    "klussen",
    "gastvrij zijn",
    "grappen maken",
    "tuinieren",
    "muziek maken",
    "fietsen repareren",
    "rekenen",
    "geduld",
    "kinderen blij maken",
]

SESSION_NOTES = [
    "Gezellige drukte, iedereen had een taak.",
    "Rustige week; veel bijgepraat aan tafel.",
    "Twee deelnemers hebben samen de boodschappen gedaan.",
    "Er was even onrust over de taakverdeling; samen opgelost.",
    "Iemand nam een buurvrouw mee.",
    "De groep heeft zelf de planning voor volgende week gemaakt.",
    "Na afloop bleef een groepje nog koffie drinken.",
    "Mooie gesprekken tijdens het afwassen.",
]

REFERRED_TO = ["dagbesteding", "vrijwilligerswerk bij de voedselbank", "inloophuis", "taalcafé"]

DROPOUT_NOTES = {
    "mismatch": "De groep paste niet goed; samen gekeken naar iets anders.",
    "health": "Kan door de gezondheid nu niet komen.",
    "admission": "Tijdelijk opgenomen.",
    "programme": "Volgt nu een verplicht traject op dezelfde dag.",
    "moved": "Verhuisd naar een andere wijk.",
    "other": "Wil nu even niet.",
}

FOLLOWUP_OUTCOMES = [
    "Gebeld; voelt zich niet lekker en komt terug als het beter gaat.",
    "Langs geweest; een groepsgenoot gaat volgende week samen fietsen.",
    "Gebeld; wil even rust, we houden contact.",
    "Kaartje gestuurd namens de groep.",
]

# (months after start, building blocks, text)
LOGBOOK = [
    (0, ["bringing_together"], "Kennismaking met wijkteam en praktijkondersteuner over de groep."),
    (1, ["bringing_together"], "Bezoekers van het buurthuis uitgenodigd om mee te doen."),
    (2, ["organised_chaos"], "Taken verdeeld zodat iedereen iets kan doen, ook wie net komt."),
    (5, ["social_interpreting"], "Misverstand over de taakverdeling uitgelegd; weer rust."),
    (7, ["organised_chaos", "bringing_together"], "Nieuwe activiteit voor de buurt besproken."),
    (11, ["social_interpreting"], "Twee deelnemers geholpen om een ruzie bij te leggen."),
    (15, ["bringing_together"], "De groep heeft zelf twee buurtbewoners uitgenodigd."),
]
