"""The research export's data dictionary: every table and column, described once.

The research tables (`exports.research`) are built from DICTIONARY and the README and the
dictionary sheet print it; the guarantees are in `exports.research`'s docstring and
docs/exports.md.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vangnet.exports.writers import Table, iso_week
from vangnet.networks.models import PHASE_ORDER
from vangnet.participants.models import CameInVia, RouteStage
from vangnet.questionnaires.models import ItemKind
from vangnet.support.models import SupportType

L = gettext_lazy  # the dictionary is defined at import time: lazy translations

WEEK = L("tekst, ISO-week JJJJ-Www (bijv. 2025-W07); leeg = onbekend of nog niet")
CODE = L("tekst, willekeurige code, alleen geldig binnen deze export")


def _codes(choices) -> str:
    return "; ".join(f"{value} = {label}" for value, label in choices)


def _phase_codes() -> str:
    return "; ".join(f"{phase.value} = {phase.label}" for phase in PHASE_ORDER)


# table -> (description, [(column, meaning, type and coding)])
DICTIONARY: dict[str, tuple] = {
    "networks": (
        L("Eén rij per vangnetwerk van de organisatie."),
        [
            ("network_id", L("Code van het vangnetwerk."), CODE),
            ("start_week", L("Week waarin het netwerk begon (startdatum)."), WEEK),
            ("current_phase", L("Fase op de dag van de export."), "phase"),
            *[
                (
                    f"{phase.value}_week",
                    L("Week waarin deze fase begon (vastgelegd of volgens plan)."),
                    WEEK,
                )
                for phase in PHASE_ORDER
            ],
            ("target_core_size", L("Doel voor de vaste kern (aantal deelnemers)."), "integer"),
            (
                "participants",
                L(
                    "Aantal deelnemers ooit in dit netwerk, zonder wie de toestemming voor "
                    "onderzoek introk."
                ),
                "integer",
            ),
            (
                "small_network",
                L(
                    "1 als het netwerk minder deelnemers heeft dan de drempel voor kleine "
                    "aantallen (VANGNET_SMALL_CELL_K): wees voorzichtig met uitsplitsen."
                ),
                L("geheel getal: 1 = klein, 0 = niet klein"),
            ),
        ],
    ),
    "participants": (
        L("Eén rij per deelnemer, met de afgeleide route."),
        [
            ("participant_id", L("Code van de deelnemer."), CODE),
            ("network_id", L("Code van het vangnetwerk (zie networks)."), CODE),
            ("came_in_via", L("Hoe de deelnemer binnenkwam."), "came_in_via"),
            ("first_week", L("Week van het eerste bezoek."), WEEK),
            ("last_week", L("Week van het laatste bezoek."), WEEK),
            ("visits", L("Aantal keer aanwezig."), "integer"),
            (
                "long_term_week",
                L(
                    "Week waarin de deelnemer langdurig ging meedoen: langer dan drie maanden "
                    "zonder lange pauze, in minstens drie maanden (docs/participants.md); "
                    "leeg als dat (nog) niet zo is."
                ),
                WEEK,
            ),
            ("current_stage", L("Fase van de route op de dag van de export."), "stage"),
            *[
                (
                    f"{stage.value}_week",
                    L("Week waarin de deelnemer deze fase van de route voor het eerst bereikte."),
                    WEEK,
                )
                for stage in RouteStage
            ],
        ],
    ),
    "attendance": (
        L(
            "Eén rij per deelnemer per week waarin die aanwezig was of zich had afgemeld. "
            "Een afmelding telt als afwezig; de reden staat er niet in."
        ),
        [
            ("participant_id", L("Code van de deelnemer (zie participants)."), CODE),
            ("network_id", L("Code van het vangnetwerk (zie networks)."), CODE),
            ("week", L("Week van de bijeenkomst(en)."), WEEK),
            (
                "sessions",
                L("Aantal bijeenkomsten die week waarbij de deelnemer er was."),
                "integer",
            ),
            (
                "announced_absent",
                L(
                    "Aantal bijeenkomsten die week waarvoor de deelnemer zich had afgemeld "
                    "(afgemeld, niet aanwezig)."
                ),
                "integer",
            ),
        ],
    ),
    "ties": (
        L("Eén rij per vastgelegde keer steun van de ene deelnemer aan de andere."),
        [
            ("giver_id", L("Code van de deelnemer die steun gaf."), CODE),
            ("receiver_id", L("Code van de deelnemer die steun kreeg."), CODE),
            ("network_id", L("Code van het vangnetwerk (zie networks)."), CODE),
            ("support_type", L("Soort steun."), "support_type"),
            ("week", L("Week waarin de steun gegeven werd."), WEEK),
            (
                "outside_hours",
                L("Buiten de groepstijden gegeven."),
                L("geheel getal: 1 = ja, 0 = nee"),
            ),
        ],
    ),
    "answers": (
        L(
            "Eén rij per antwoord in een afgeronde vragenlijst. Antwoorden op open vragen "
            "staan er niet in."
        ),
        [
            ("response_id", L("Code van de ingevulde vragenlijst."), CODE),
            (
                "participant_id",
                L("Code van de deelnemer; leeg als die gegevens zijn verwijderd."),
                CODE,
            ),
            ("network_id", L("Code van het vangnetwerk (zie networks)."), CODE),
            ("questionnaire", L("Vaste sleutel van de vragenlijst."), L("tekst")),
            ("version", L("Versie van de vragenlijst."), "integer"),
            ("completed_week", L("Week waarin de vragenlijst is afgerond."), WEEK),
            ("item_key", L("Vaste sleutel van de vraag, gelijk in alle versies."), L("tekst")),
            ("item_kind", L("Soort vraag."), "item_kind"),
            ("value_now", L("Cijfer nu (0 tot 10)."), L("geheel getal 0-10; leeg = geen")),
            (
                "value_then",
                L("Cijfer voor een jaar geleden (0 tot 10), bij nu-en-toen-vragen."),
                L("geheel getal 0-10; leeg = geen"),
            ),
            ("choice", L("Gekozen antwoord bij een keuzevraag (de code)."), L("tekst")),
        ],
    ),
}


def coding(value) -> str:
    """A column's type and coding as text (code lists written out)."""
    if value == "phase":
        return _("tekst, code: %(codes)s") % {"codes": _phase_codes()}
    if value == "stage":
        return _("tekst, code: %(codes)s") % {"codes": _codes(RouteStage.choices)}
    if value == "came_in_via":
        return _("tekst, code (leeg = onbekend): %(codes)s") % {"codes": _codes(CameInVia.choices)}
    if value == "support_type":
        return _("tekst, code: %(codes)s") % {"codes": _codes(SupportType.choices)}
    if value == "item_kind":
        return _("tekst, code: %(codes)s") % {"codes": _codes(ItemKind.choices)}
    if value == "integer":
        return _("geheel getal")
    return str(value)


def columns(table: str) -> list[str]:
    return [column for column, _meaning, _coding in DICTIONARY[table][1]]


def dictionary_table() -> Table:
    table = Table(
        key="dictionary",
        title=_("Woordenboek"),
        headers=["table", "column", "meaning", "type_and_coding"],
    )
    for name, (_description, cols) in DICTIONARY.items():
        for column, meaning, kind in cols:
            table.rows.append([name, column, str(meaning), coding(kind)])
    return table


def readme(*, made_on: dt.date, k: int) -> str:
    lines = [
        "# " + _("Onderzoeksexport Vangnet"),
        "",
        _("Gemaakt in week %(week)s.") % {"week": iso_week(made_on)},
        "",
        _(
            "Gepseudonimiseerd: alle codes zijn willekeurig en alleen geldig binnen deze "
            "export; een volgende export heeft andere codes. Er staan geen namen, "
            "contactgegevens, adressen, notities of antwoorden op open vragen in. Alle data "
            "zijn afgerond op ISO-weken. Netwerken met minder dan %(k)s deelnemers zijn "
            "gemarkeerd (small_network = 1)."
        )
        % {"k": k},
        "",
        _(
            "Let op: gepseudonimiseerde gegevens zijn nog steeds persoonsgegevens (AVG). "
            "Bewaar ze veilig en deel ze niet verder."
        ),
        "",
        "## " + _("Woordenboek"),
    ]
    for name, (description, cols) in DICTIONARY.items():
        lines += ["", f"### {name} ({name}.csv)", "", str(description), ""]
        lines += ["| column | " + _("betekenis") + " | " + _("type en codering") + " |"]
        lines += ["|---|---|---|"]
        for column, meaning, kind in cols:
            lines.append(f"| `{column}` | {meaning} | {coding(kind)} |")
    return "\n".join(lines) + "\n"
