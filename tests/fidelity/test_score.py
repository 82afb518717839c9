"""The fidelity score from plain inputs, against hand-computed examples (no database)."""

from __future__ import annotations

import datetime as dt

import pytest

from vangnet.fidelity.score import (
    CHECKLIST,
    DEFAULT_WEIGHTS,
    EVALUATION,
    FOLLOWUP,
    HOURS,
    KEYS,
    PHASE,
    STEADY_GROUP,
    SUBGOALS,
    FidelityInputs,
    fidelity_score,
)

AS_OF = dt.date(2026, 6, 30)


def shares(result):
    return {c.key: c.share for c in result.components}


def test_default_weights_sum_to_100():
    assert sum(DEFAULT_WEIGHTS.values()) == 100
    assert set(DEFAULT_WEIGHTS) == set(KEYS)


def test_early_network_counts_only_what_applies():
    # Build-up, on plan; checklist 10 ja, 4 deels, 2 nee (nvt ignored): (10 + 2) / 16 = 0.75.
    # Hours: 40 h of a norm of 48 on 12 of 13 weeks: (40/48 + 12/13) / 2.
    inputs = FidelityInputs(
        as_of=AS_OF,
        checklist_date=dt.date(2026, 5, 1),
        checklist_yes=10,
        checklist_partly=4,
        checklist_no=2,
        phase="Opbouw",
        planned_phase="Opbouw",
        norm_weeks=13,
        registered_weeks=12,
        hours=40.0,
        norm_hours=48.0,
    )
    result = fidelity_score(inputs, DEFAULT_WEIGHTS)
    got = shares(result)
    hours = (40 / 48 + 12 / 13) / 2
    assert got[CHECKLIST] == pytest.approx(0.75)
    assert got[PHASE] == 1.0
    assert got[HOURS] == pytest.approx(hours)
    # Not applicable yet: before deepening, before a moment, no follow-up due.
    assert got[STEADY_GROUP] is None and got[SUBGOALS] is None
    assert got[FOLLOWUP] is None and got[EVALUATION] is None
    # Weighted over checklist 20, phase 10, hours 15 only.
    expected = 100 * (20 * 0.75 + 10 * 1.0 + 15 * hours) / 45
    assert result.score == round(expected) == 85
    assert result.weakest.key == CHECKLIST
    for component in result.components:
        assert component.evidence and component.next_step


def test_deepening_network_with_everything_measured():
    inputs = FidelityInputs(
        as_of=AS_OF,
        checklist_date=dt.date(2026, 4, 1),
        checklist_yes=29,
        phase="Verdieping",
        planned_phase="Evaluatie en overgang",
        phase_on_plan=False,
        days_behind=30,  # 1 - 30/90 = 2/3
        norm_weeks=13,
        registered_weeks=13,
        hours=52.0,
        norm_hours=52.0,
        deepening_reached=True,
        steady=12,  # 12/15 = 0.8
        target=15,
        present_per_week=8.0,  # 8/10 = 0.8
        moment_due=True,
        subgoals={"a": "achieved", "b": "achieved", "c": "partly", "d": "not_yet"},  # 2.5/9
        followups_due=4,
        followups_in_time=3,  # 0.75
        moments_due=1,
        moments_done=1,
        interviews_held=4,
        interviews_independent=2,
        reports_checked=4,
        themes_coded=False,  # (1 + 0.5 + 1 + 0) / 4 = 0.625
    )
    result = fidelity_score(inputs, DEFAULT_WEIGHTS)
    got = shares(result)
    assert got == pytest.approx(
        {
            CHECKLIST: 1.0,
            PHASE: 2 / 3,
            HOURS: 1.0,
            STEADY_GROUP: 0.8,
            SUBGOALS: 2.5 / 9,
            FOLLOWUP: 0.75,
            EVALUATION: 0.625,
        }
    )
    weighted = 20 * 1 + 10 * 2 / 3 + 15 * 1 + 20 * 0.8 + 10 * 2.5 / 9 + 10 * 0.75 + 15 * 0.625
    assert result.score == round(weighted) == 77
    assert result.weakest.key == SUBGOALS
    evaluation = next(c for c in result.components if c.key == EVALUATION)
    assert "niet draait" in evaluation.next_step


def test_weights_change_the_score_and_zero_leaves_a_component_out():
    inputs = FidelityInputs(
        as_of=AS_OF,
        phase="Opbouw",
        planned_phase="Opbouw",
        checklist_date=dt.date(2026, 6, 1),
        checklist_yes=1,
        checklist_no=1,  # 0.5
    )
    weights = {**DEFAULT_WEIGHTS, CHECKLIST: 30, PHASE: 0}
    result = fidelity_score(inputs, weights)
    assert result.score == 50  # only the checklist counts: phase weight 0, hours n/a
    phase = next(c for c in result.components if c.key == PHASE)
    assert phase.share == 1.0 and phase.weight == 0  # still shown with its evidence


def test_missing_checklist_and_hours_count_as_zero_with_a_next_step():
    inputs = FidelityInputs(
        as_of=AS_OF, phase="Verkenning", planned_phase="Verkenning", norm_weeks=4
    )
    result = fidelity_score(inputs, DEFAULT_WEIGHTS)
    got = shares(result)
    assert got[CHECKLIST] == 0.0 and got[HOURS] == 0.0
    # (20*0 + 10*1 + 15*0) / 45
    assert result.score == round(100 * 10 / 45) == 22
    checklist = next(c for c in result.components if c.key == CHECKLIST)
    assert "Vul de checklist" in checklist.next_step


def test_phase_far_behind_scores_zero():
    inputs = FidelityInputs(
        as_of=AS_OF,
        phase="Opbouw",
        planned_phase="Verdieping",
        phase_on_plan=False,
        days_behind=200,
    )
    assert shares(fidelity_score(inputs, DEFAULT_WEIGHTS))[PHASE] == 0.0


def test_not_started_network_has_no_score():
    result = fidelity_score(FidelityInputs(as_of=AS_OF), DEFAULT_WEIGHTS)
    assert result.score is None and result.weakest is None
    assert all(not c.applies for c in result.components)


def test_phase_due_today_says_so_and_keeps_its_share():
    inputs = FidelityInputs(
        as_of=AS_OF, phase="Verdieping", planned_phase="Evaluatie", phase_on_plan=False
    )
    phase = next(c for c in fidelity_score(inputs, DEFAULT_WEIGHTS).components if c.key == PHASE)
    assert phase.share == 1.0 and "begint vandaag" in phase.evidence
