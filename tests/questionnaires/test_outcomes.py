"""The outcome statistics against scipy and against hand-computed values."""

import math

import pytest
from scipy import stats

from vangnet.questionnaires.outcomes import paired_change, scale_summary

# then, now. Differences 3, 2, 0, -1, 3, 3.
HAND = [(3, 6), (4, 6), (5, 5), (6, 5), (2, 5), (4, 7)]


def test_hand_computed_example():
    change = paired_change(HAND, k=5)
    assert change.n == 6
    assert change.mean_then == pytest.approx(24 / 6)
    assert change.mean_now == pytest.approx(34 / 6)
    assert change.mean_change == pytest.approx(10 / 6)
    assert change.median_change == pytest.approx(2.5)  # sorted: -1 0 2 3 3 3
    assert (change.improved, change.same, change.worse) == (4, 1, 1)
    assert change.share_improved == pytest.approx(4 / 6)
    # nonzero |d|: 3 2 1 3 3 -> ranks 4 2 1 4 4; R+ = 4+2+4+4 = 14, R- = 1
    assert (change.rank_sum_positive, change.rank_sum_negative) == (14, 1)
    assert change.effect_r == pytest.approx(13 / 15)
    assert change.wilcoxon_statistic == 1
    # exact null distribution for 5 pairs: P(T <= 1) = 2/32, two-sided 4/32
    assert change.p_value == pytest.approx(0.125)
    assert change.caveats  # n < 10: small-sample caveat


def test_all_up_by_one_hand_computed():
    change = paired_change([(3, 4)] * 6, k=5)
    assert change.effect_r == 1
    assert change.wilcoxon_statistic == 0
    assert change.p_value == pytest.approx(2 / 64)  # exact: only the all-plus sign pattern


FIXED = [
    (2, 6), (3, 5), (4, 4), (5, 7), (3, 3), (6, 5), (1, 5), (4, 8), (5, 6), (2, 2),
    (3, 7), (6, 8), (4, 3), (2, 5), (5, 9), (3, 6), (7, 7), (4, 6), (2, 4), (6, 9),
]  # fmt: skip


@pytest.mark.parametrize("pairs", [FIXED, FIXED[:12], HAND])
def test_against_scipy(pairs):
    change = paired_change(pairs, k=5)
    differences = [now - then for then, now in pairs]
    expected = stats.wilcoxon(differences, zero_method="wilcox")
    assert change.wilcoxon_statistic == pytest.approx(expected.statistic)
    assert change.p_value == pytest.approx(expected.pvalue)
    # rank-biserial r from scipy's one-sided statistic: R+ is the "greater" statistic
    nonzero = [d for d in differences if d]
    total = len(nonzero) * (len(nonzero) + 1) / 2
    r_plus = stats.wilcoxon(differences, zero_method="wilcox", alternative="greater").statistic
    assert change.effect_r == pytest.approx((r_plus - (total - r_plus)) / total)
    assert change.median_change == pytest.approx(float(stats.scoreatpercentile(differences, 50)))
    assert change.mean_change == pytest.approx(sum(differences) / len(differences))


def test_large_sample_has_no_small_sample_caveat():
    change = paired_change(FIXED, k=5)
    assert change.caveats == []
    assert change.p_value < 0.01


def test_all_zero_differences_do_not_crash():
    change = paired_change([(5, 5)] * 7, k=5)
    assert change.p_value is None and change.wilcoxon_statistic is None
    assert change.effect_r is None
    assert change.same == 7 and change.mean_change == 0
    assert any("niets te toetsen" in caveat for caveat in change.caveats)


@pytest.mark.parametrize("pairs", [[], [(3, 4)], [(3, 4), (4, 4)]])
def test_tiny_samples_do_not_crash(pairs):
    change = paired_change(pairs, k=0)
    assert change.n == len(pairs)
    assert not change.suppressed
    if change.p_value is not None:
        assert 0 <= change.p_value <= 1 and not math.isnan(change.p_value)


def test_below_k_is_suppressed(settings):
    settings.VANGNET_SMALL_CELL_K = 5
    change = paired_change(HAND[:4])
    assert change.suppressed and change.mean_change is None and change.p_value is None
    assert change.k == 5
    assert not paired_change(HAND[:5]).suppressed


def test_scale_summary():
    assert scale_summary([7, 8, 9, 6, 10], k=5) == {
        "n": 5, "suppressed": False, "k": 5, "mean": 8.0, "median": 8.0
    }  # fmt: skip
    assert scale_summary([7, 8], k=5)["suppressed"]
