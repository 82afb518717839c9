"""Outcome analysis of the retrospective post-then-pre *meedoen* score (pure functions).

Each pair is (then, now): the score a participant gives for one year ago and for now. The
change is now - then. See docs/questionnaires.md for the caveats of this design.
"""

from __future__ import annotations

import math
import statistics
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

SMALL_SAMPLE = 10  # below this many pairs the page warns that the figures are fragile


@dataclass(frozen=True)
class PairedChange:
    n: int
    mean_then: float | None = None
    mean_now: float | None = None
    mean_change: float | None = None
    median_change: float | None = None
    improved: int = 0
    same: int = 0
    worse: int = 0
    share_improved: float | None = None
    share_same: float | None = None
    share_worse: float | None = None
    # Wilcoxon signed-rank test (zero differences dropped, scipy's "wilcox" method)
    wilcoxon_statistic: float | None = None
    p_value: float | None = None
    # Matched-pairs rank-biserial correlation: (R+ - R-) / (R+ + R-), from -1 to 1
    effect_r: float | None = None
    rank_sum_positive: float = 0.0
    rank_sum_negative: float = 0.0
    suppressed: bool = False  # n < k: aggregated views show "< k" instead of figures
    k: int = 0
    caveats: list[str] = field(default_factory=list)

    @property
    def caveat(self) -> str:
        return " ".join(self.caveats)

    @property
    def has_test(self) -> bool:
        return self.p_value is not None

    @property
    def chance_words(self) -> str:
        """The test in plain words (the p value stays behind "Wat betekent dit?")."""
        if self.p_value is None:
            return _("niet te zeggen")
        if self.p_value < 0.05:
            return _("waarschijnlijk geen toeval")
        return _("kan toeval zijn")

    @property
    def size_words(self) -> str:
        """The effect size in plain words: how big the shift up or down is."""
        if self.effect_r is None:
            return _("niet te zeggen")
        size = abs(self.effect_r)
        if size < 0.1:
            words = _("(bijna) geen verschil")
        elif size < 0.3:
            words = _("klein")
        elif size < 0.5:
            words = _("middelgroot")
        else:
            words = _("groot")
        if size >= 0.1:
            direction = _("vooruit") if self.effect_r > 0 else _("achteruit")
            return f"{words}, {direction}"
        return words


def _ranks_of_abs(differences: Sequence[int]) -> tuple[float, float]:
    """Rank sums of the positive and the negative nonzero differences (average ranks for
    ties in |difference|)."""
    from scipy.stats import rankdata

    nonzero = [d for d in differences if d != 0]
    if not nonzero:
        return 0.0, 0.0
    ranks = rankdata([abs(d) for d in nonzero])
    positive = float(sum(r for d, r in zip(nonzero, ranks, strict=True) if d > 0))
    negative = float(sum(r for d, r in zip(nonzero, ranks, strict=True) if d < 0))
    return positive, negative


def wilcoxon_test(differences: Sequence[int]) -> tuple[float | None, float | None]:
    """(statistic, two-sided p) of scipy's Wilcoxon signed-rank test, or (None, None) when
    there is nothing to test (no nonzero difference) or scipy cannot compute it."""
    from scipy.stats import wilcoxon

    if not any(d != 0 for d in differences):
        return None, None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = wilcoxon(list(differences), zero_method="wilcox")
    except ValueError:
        return None, None
    statistic, p = float(result.statistic), float(result.pvalue)
    if math.isnan(p) or math.isnan(statistic):
        return None, None
    return statistic, p


def paired_change(pairs: Sequence[tuple[int, int]], *, k: int | None = None) -> PairedChange:
    """Summarise (then, now) pairs. Never raises on small or degenerate data."""
    k = settings.VANGNET_SMALL_CELL_K if k is None else k
    pairs = [(int(then), int(now)) for then, now in pairs]
    n = len(pairs)
    caveats: list[str] = []
    if n < k:
        caveats.append(
            _("Minder dan %(k)s deelnemers: geen cijfers, om de privacy te beschermen.") % {"k": k}
        )
        return PairedChange(n=n, suppressed=True, k=k, caveats=caveats)
    differences = [now - then for then, now in pairs]
    improved = sum(1 for d in differences if d > 0)
    worse = sum(1 for d in differences if d < 0)
    same = n - improved - worse
    if n < SMALL_SAMPLE:
        caveats.append(
            _(
                "Kleine groep (minder dan %(n)s deelnemers): de toets zegt weinig. "
                "Lees de cijfers als een indruk, niet als bewijs."
            )
            % {"n": SMALL_SAMPLE}
        )
    statistic, p = wilcoxon_test(differences) if n else (None, None)
    if n and statistic is None:
        caveats.append(_("Niemand scoort anders dan een jaar geleden: er is niets te toetsen."))
    positive, negative = _ranks_of_abs(differences)
    total = positive + negative
    effect = (positive - negative) / total if total else None
    return PairedChange(
        n=n,
        mean_then=statistics.fmean(t for t, _n in pairs) if n else None,
        mean_now=statistics.fmean(now for _t, now in pairs) if n else None,
        mean_change=statistics.fmean(differences) if n else None,
        median_change=float(statistics.median(differences)) if n else None,
        improved=improved,
        same=same,
        worse=worse,
        share_improved=improved / n if n else None,
        share_same=same / n if n else None,
        share_worse=worse / n if n else None,
        wilcoxon_statistic=statistic,
        p_value=p,
        effect_r=effect,
        rank_sum_positive=positive,
        rank_sum_negative=negative,
        suppressed=False,
        k=k,
        caveats=caveats,
    )


def scale_summary(scores: Sequence[int], *, k: int | None = None) -> dict:
    """n, mean and median of a 0-10 item (sub-goal indicators), suppressed when n < k."""
    k = settings.VANGNET_SMALL_CELL_K if k is None else k
    n = len(scores)
    if n < k:
        return {"n": n, "suppressed": True, "k": k, "mean": None, "median": None}
    return {
        "n": n,
        "suppressed": False,
        "k": k,
        "mean": statistics.fmean(scores),
        "median": float(statistics.median(scores)),
    }
