"""The participation model behind the demo data (and, later, the recruitment forecast)."""

import random
import statistics

import pytest

from vangnet.demo.model import ModelParams, Simulation, poisson, simulate

WEEKS = 86


def _stayed_share(result, *, weeks: int = WEEKS) -> float:
    """Of the people acquainted at least 16 weeks before the end: the share that kept
    coming for longer than three months (13 weeks)."""
    acquainted = [
        p for p in result.people if p.acquainted_week is not None and p.acquainted_week < weeks - 16
    ]
    stayed = [p for p in acquainted if max(p.attended) - p.acquainted_week >= 13]
    return len(stayed) / len(acquainted)


def test_same_seed_same_history_and_other_seed_differs():
    def history(seed):
        result = simulate(ModelParams(), weeks=WEEKS, rng=random.Random(seed))
        return [(p.invited_week, p.channel, tuple(p.attended)) for p in result.people]

    assert history(7) == history(7)
    assert history(7) != history(8)


def test_about_half_of_the_acquainted_become_steady():
    params = ModelParams(initial_steady_share=0.5)
    shares = [
        _stayed_share(simulate(params, weeks=WEEKS, rng=random.Random(seed))) for seed in range(60)
    ]
    assert 0.45 <= statistics.mean(shares) <= 0.58


def test_steady_participants_come_about_two_weeks_in_three():
    params = ModelParams()
    present = possible = 0
    for seed in range(20):
        for person in simulate(params, weeks=WEEKS, rng=random.Random(seed)).people:
            if person.acquainted_week is None or not person.finds_place or person.leaves:
                continue
            weeks = range(person.acquainted_week + 1, WEEKS)
            possible += len(weeks)
            present += sum(1 for w in weeks if w in set(person.attended))
    assert possible > 1000
    assert 0.62 <= present / possible <= 0.72


def test_steady_core_reaches_the_target_and_about_ten_of_fifteen_come():
    ends, present = [], []
    for seed in range(40):
        weekly = simulate(ModelParams(), weeks=WEEKS, rng=random.Random(seed)).weekly()
        ends.append(weekly[-1].steady)
        present.append(statistics.mean(w.present for w in weekly[-8:]))
    assert 12 <= statistics.mean(ends) <= 18
    assert 8 <= statistics.mean(present) <= 14


def test_nobody_stays_when_nobody_finds_a_place():
    params = ModelParams(
        steady_share=0.0,
        initial_steady_share=0.0,
        return_probability_newcomer=0.0,
        return_probability_steady=0.0,
    )
    result = simulate(params, weeks=60, rng=random.Random(1))
    assert result.people
    for person in result.people:
        if person.attended:
            assert max(person.attended) - person.acquainted_week < params.drift_max_weeks
            assert person.leaves or max(person.attended) >= 60 - params.drift_max_weeks


def test_leaving_has_a_reason_and_referrals_and_returns_happen():
    people = [
        p
        for seed in range(10)
        for p in simulate(ModelParams(), weeks=WEEKS, rng=random.Random(seed)).people
    ]
    leaves = [leave for p in people for leave in p.leaves]
    assert all(leave.reason for leave in leaves if leave.outcome == "dropped_out")
    assert any(leave.outcome == "referred_on" for leave in leaves)
    assert any(p.returns for p in people)
    for person in people:  # a return comes after the leave it ends
        for back in person.returns:
            assert any(leave.week < back for leave in person.leaves)


def test_recruitment_slows_down_when_the_group_is_full():
    params = ModelParams()
    assert params.invitations_per_month(20) == 4.0
    assert params.invitations_per_month(20, taking_part=15) == pytest.approx(4.0 * 0.3)
    assert params.invitations_per_month(100) == 2.0


def test_weekly_summary_counts_invitations_and_visits():
    result = Simulation(ModelParams(), random.Random(3)).run(30)
    weekly = result.weekly()
    assert len(weekly) == 30
    assert sum(w.invited for w in weekly) == len(result.people)
    assert sum(w.present for w in weekly) == sum(len(p.attended) for p in result.people)


@pytest.mark.parametrize(
    "changes",
    [
        {"steady_share": 1.5},
        {"steady_attendance": -0.1},
        {"channel_weights": (1.0,)},
        {"recruitment": ((4, 2.0),)},
        {"recruitment": ((0, -1.0),)},
    ],
)
def test_invalid_parameters_are_refused(changes):
    with pytest.raises(ValueError):
        ModelParams(**changes)


def test_poisson_mean():
    rng = random.Random(5)
    draws = [poisson(rng, 0.9) for _ in range(5000)]
    assert statistics.mean(draws) == pytest.approx(0.9, abs=0.05)
    assert poisson(rng, 0) == 0
