"""The method-fidelity score of one network in one quarter (pure; docs/benchmark.md).

Seven components, each a share 0..1 with its evidence and a plain next step, built from
figures Vangnet already measures. A component that does not apply yet (before the phase
*verdiepen* for the steady group, before the first evaluation moment, ...) has no score:
it is shown as "nog niet van toepassing" and left out of the weighted score. The weighted
score is sum(weight x share) / sum(weight) over the components that apply, as 0..100.

No database here: `FidelityInputs` in, `FidelityScore` out (tests/fidelity/test_score.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

CHECKLIST = "checklist"
PHASE = "phase"
HOURS = "hours"
STEADY_GROUP = "steady_group"
SUBGOALS = "subgoals"
FOLLOWUP = "followup"
EVALUATION = "evaluation"
KEYS: tuple[str, ...] = (CHECKLIST, PHASE, HOURS, STEADY_GROUP, SUBGOALS, FOLLOWUP, EVALUATION)

# The defaults, argued in docs/benchmark.md; an organisation changes them (they sum to 100).
DEFAULT_WEIGHTS: dict[str, int] = {
    CHECKLIST: 20,
    PHASE: 10,
    HOURS: 15,
    STEADY_GROUP: 20,
    SUBGOALS: 10,
    FOLLOWUP: 10,
    EVALUATION: 15,
}
WEIGHT_TOTAL = 100

PHASE_GRACE_DAYS = 90  # a phase behind plan loses its whole share after this many days
TYPICAL_PRESENT_SHARE = 10 / 15  # the method: about 10 of the 15 are there in a typical week
FOLLOWUP_DAYS = 14  # a follow-up task is "in time" when closed within two weeks
SUBGOAL_COUNT = 9
STALE_CHECKLIST_DAYS = 183


@dataclass(frozen=True)
class FidelityInputs:
    """What the score is built from, for one network as of one day (the quarter's end, or
    today in the running quarter)."""

    as_of: dt.date
    checklist_date: dt.date | None = None
    checklist_yes: int = 0
    checklist_partly: int = 0
    checklist_no: int = 0
    phase: str = ""  # the current phase's label; "" before the start
    planned_phase: str = ""  # the phase the plan expects on `as_of`
    phase_on_plan: bool = True
    days_behind: int = 0  # days since the planned phase should have started
    norm_weeks: int = 0
    registered_weeks: int = 0
    hours: float = 0.0
    norm_hours: float = 0.0  # the norm over the registered weeks
    deepening_reached: bool = False
    steady: int = 0
    target: int = 15
    present_per_week: float | None = None
    moment_due: bool = False  # an evaluation moment has passed
    subgoals: Mapping[str, str] = field(default_factory=dict)  # {letter: judgement}
    followups_due: int = 0
    followups_in_time: int = 0
    moments_due: int = 0
    moments_done: int = 0
    interviews_held: int = 0
    interviews_independent: int = 0  # held by someone who does not run the network
    reports_checked: int = 0  # member check finished (agreed, or declined)
    themes_coded: bool = False


@dataclass(frozen=True)
class Component:
    key: str
    title: str
    weight: int
    share: float | None  # 0..1; None: not applicable yet
    evidence: str
    next_step: str

    @property
    def applies(self) -> bool:
        return self.share is not None

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)


@dataclass(frozen=True)
class FidelityScore:
    components: tuple[Component, ...]
    score: int | None  # 0..100; None when no component with weight applies

    @property
    def weakest(self) -> Component | None:
        """The applying component with weight and the lowest share (ties: more weight)."""
        counted = [c for c in self.components if c.share is not None and c.weight > 0]
        if not counted:
            return None
        return min(counted, key=lambda c: (c.share, -c.weight))


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0")


def titles() -> dict[str, str]:
    return {
        CHECKLIST: _("Checklist elementen"),
        PHASE: _("Fasen volgens plan"),
        HOURS: _("Uren van de sociaal werker"),
        STEADY_GROUP: _("Vaste groep en opkomst"),
        SUBGOALS: _("Subdoelen a-i"),
        FOLLOWUP: _("Nabellen op tijd"),
        EVALUATION: _("Evaluatiestappen"),
    }


Part = tuple[float | None, str, str]  # share, evidence, next step


def _checklist(i: FidelityInputs) -> Part:
    if i.checklist_date is None:
        return (
            0.0,
            _("Nog geen checklist elementen ingevuld."),
            _("Vul de checklist elementen in, het liefst samen met je achterwacht."),
        )
    answered = i.checklist_yes + i.checklist_partly + i.checklist_no
    evidence = _("Checklist van %(date)s: %(yes)d ja, %(partly)d deels, %(no)d nee.") % {
        "date": i.checklist_date.strftime("%d-%m-%Y"),
        "yes": i.checklist_yes,
        "partly": i.checklist_partly,
        "no": i.checklist_no,
    }
    if not answered:
        return None, evidence, _("Vul de checklist in met ja, deels of nee.")
    share = (i.checklist_yes + i.checklist_partly / 2) / answered
    if i.checklist_no or i.checklist_partly:
        step = _("Kies een onderdeel met 'nee' of 'deels' en spreek af wat je anders gaat doen.")
    elif (i.as_of - i.checklist_date).days > STALE_CHECKLIST_DAYS:
        step = _("Vul de checklist opnieuw in: de laatste is ouder dan een half jaar.")
    else:
        step = _("Goed zo. Vul de checklist elk half jaar opnieuw in.")
    return share, evidence, step


def _phase(i: FidelityInputs) -> Part:
    if i.phase_on_plan:
        return (
            1.0,
            _("Fase nu: %(phase)s. Dat klopt met het plan.") % {"phase": i.phase},
            _("Leg een faseovergang vast zodra die er is."),
        )
    share = max(0.0, 1 - i.days_behind / PHASE_GRACE_DAYS)
    names = {"phase": i.phase or _("nog niet begonnen"), "planned": i.planned_phase}
    if i.days_behind > 0:
        evidence = _("Fase nu: %(phase)s. Volgens plan al %(planned)s, sinds %(days)d dagen.") % {
            **names,
            "days": i.days_behind,
        }
    else:
        evidence = _("Fase nu: %(phase)s. Volgens plan begint vandaag %(planned)s.") % names
    step = _(
        "Bespreek met je coördinator wat nodig is voor de volgende fase, of leg de overgang "
        "vast als die al is gebeurd."
    )
    return share, evidence, step


def _hours(i: FidelityInputs) -> Part:
    if not i.norm_weeks:
        return (
            None,
            _("Nog geen hele week gewerkt in deze periode."),
            _("Registreer je uren per week."),
        )
    if not i.registered_weeks:
        return (
            0.0,
            _("Geen uren geregistreerd in %(weeks)d weken.") % {"weeks": i.norm_weeks},
            _("Registreer je uren per week, ook een week met 0 uur."),
        )
    on_norm = min(1.0, i.hours / i.norm_hours) if i.norm_hours else 1.0
    registered = i.registered_weeks / i.norm_weeks
    evidence = _(
        "%(hours)s uur bij een norm van %(norm)s uur; %(registered)d van %(weeks)d weken "
        "geregistreerd."
    ) % {
        "hours": _number(i.hours),
        "norm": _number(i.norm_hours),
        "registered": i.registered_weeks,
        "weeks": i.norm_weeks,
    }
    if registered < 1:
        step = _("Vul je uren in voor de weken die nog leeg zijn.")
    elif on_norm < 1:
        step = _("Bespreek met je coördinator hoe je genoeg uren voor het netwerk krijgt.")
    else:
        step = _("Je uren passen bij de norm. Ga zo door.")
    return (on_norm + registered) / 2, evidence, step


def _steady_group(i: FidelityInputs) -> Part:
    if not i.deepening_reached:
        return (
            None,
            _("De vaste groep telt pas vanaf de fase verdiepen."),
            _("Maak kennis met veel mensen en nodig ze uit om vaker te komen."),
        )
    core = min(1.0, i.steady / i.target) if i.target else 1.0
    expected = i.target * TYPICAL_PRESENT_SHARE
    present = i.present_per_week or 0.0
    attendance = min(1.0, present / expected) if expected else 1.0
    evidence = _(
        "%(steady)d vaste deelnemers bij een doel van %(target)d; gemiddeld %(present)s "
        "aanwezig per week (gewoon is ongeveer %(expected)s)."
    ) % {
        "steady": i.steady,
        "target": i.target,
        "present": _number(present),
        "expected": _number(expected),
    }
    if core < 1:
        step = _("Nodig nieuwe mensen uit en help kennismakers om vaste deelnemer te worden.")
    elif attendance < 1:
        step = _("Vraag wie minder komt wat zou helpen om weer te komen.")
    else:
        step = _("De groep is op sterkte. Houd de sfeer vast.")
    return (core + attendance) / 2, evidence, step


def _subgoals(i: FidelityInputs) -> Part:
    if not i.moment_due and not i.subgoals:
        return (
            None,
            _("Nog geen evaluatiemoment geweest."),
            _("Beoordeel de subdoelen bij de eerste netwerkevaluatie."),
        )
    achieved = sum(1 for value in i.subgoals.values() if value == "achieved")
    partly = sum(1 for value in i.subgoals.values() if value == "partly")
    not_yet = sum(1 for value in i.subgoals.values() if value == "not_yet")
    missing = SUBGOAL_COUNT - achieved - partly - not_yet
    evidence = _(
        "%(achieved)d behaald, %(partly)d deels, %(not_yet)d nog niet, %(missing)d zonder oordeel."
    ) % {"achieved": achieved, "partly": partly, "not_yet": not_yet, "missing": missing}
    if missing:
        step = _("Geef bij de netwerkevaluatie een oordeel over de subdoelen zonder oordeel.")
    elif not_yet or partly:
        step = _(
            "Kies met de groep een subdoel dat nog niet behaald is en spreek af wat jullie doen."
        )
    else:
        step = _("Alle subdoelen zijn behaald. Houd ze vast.")
    return (achieved + partly / 2) / SUBGOAL_COUNT, evidence, step


def _followup(i: FidelityInputs) -> Part:
    if not i.followups_due:
        return (
            None,
            _("Geen nabeltaken die in deze periode klaar moesten zijn."),
            _("Bel een vaste deelnemer die een paar keer niet kwam binnen %(days)d dagen na.")
            % {"days": FOLLOWUP_DAYS},
        )
    evidence = _("%(done)d van %(due)d nabeltaken binnen %(days)d dagen afgerond.") % {
        "done": i.followups_in_time,
        "due": i.followups_due,
        "days": FOLLOWUP_DAYS,
    }
    if i.followups_in_time < i.followups_due:
        step = _("Rond nabeltaken binnen %(days)d dagen af: bel of zoek de deelnemer op.") % {
            "days": FOLLOWUP_DAYS
        }
    else:
        step = _("Je belt op tijd na. Ga zo door.")
    return i.followups_in_time / i.followups_due, evidence, step


def _evaluation(i: FidelityInputs) -> Part:
    if not i.moments_due:
        return (
            None,
            _("Nog geen evaluatiemoment geweest."),
            _("Plan de evaluatie na een jaar op tijd."),
        )
    held = i.interviews_held
    parts = (
        min(1.0, i.moments_done / i.moments_due),
        i.interviews_independent / held if held else 0.0,
        i.reports_checked / held if held else 0.0,
        1.0 if i.themes_coded else 0.0,
    )
    evidence = _(
        "%(done)d van %(due)d netwerkevaluaties gedaan; %(held)d gesprekken gehouden, "
        "%(independent)d door iemand die het netwerk niet draait; %(checked)d verslagen "
        "voorgelegd en afgerond; thematisch verslag: %(coded)s."
    ) % {
        "done": i.moments_done,
        "due": i.moments_due,
        "held": held,
        "independent": i.interviews_independent,
        "checked": i.reports_checked,
        "coded": _("ja") if i.themes_coded else _("nee"),
    }
    if i.moments_done < i.moments_due:
        step = _("Doe de netwerkevaluatie van het moment dat al geweest is.")
    elif not held:
        step = _("Plan evaluatiegesprekken met deelnemers.")
    elif i.interviews_independent < held:
        step = _("Laat de gesprekken houden door iemand die het netwerk niet draait.")
    elif i.reports_checked < held:
        step = _("Leg elk verslag voor aan de deelnemer (membercheck).")
    elif not i.themes_coded:
        step = _("Codeer de verslagen met thema's voor het thematisch verslag.")
    else:
        step = _("Alle evaluatiestappen zijn gedaan.")
    return sum(parts) / len(parts), evidence, step


RULES: dict[str, Callable[[FidelityInputs], Part]] = {
    CHECKLIST: _checklist,
    PHASE: _phase,
    HOURS: _hours,
    STEADY_GROUP: _steady_group,
    SUBGOALS: _subgoals,
    FOLLOWUP: _followup,
    EVALUATION: _evaluation,
}


def fidelity_score(inputs: FidelityInputs, weights: Mapping[str, int]) -> FidelityScore:
    """The components and the weighted score (0..100, rounded) of one network."""
    names = titles()
    components = []
    started = bool(inputs.phase or inputs.planned_phase)
    for key in KEYS:
        if started:
            share, evidence, step = RULES[key](inputs)
        else:
            share, evidence, step = (
                None,
                _("Het vangnetwerk was nog niet begonnen."),
                _("Begin met verkennen."),
            )
        weight = int(weights.get(key, DEFAULT_WEIGHTS[key]))
        components.append(Component(key, names[key], weight, share, evidence, step))
    counted = [c for c in components if c.share is not None and c.weight > 0]
    total = sum(c.weight for c in counted)
    if not total:
        return FidelityScore(tuple(components), None)
    weighted = sum(c.weight * (c.share or 0.0) for c in counted)
    return FidelityScore(tuple(components), round(100 * weighted / total))
