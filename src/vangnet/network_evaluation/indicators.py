"""The measured indicator of every sub-goal (a-i) and the latest judgement per sub-goal.

`subgoal_indicators` is the ONE computation of the figures shown next to the judgements
(the sub-goal page, the moment page, docs/network-evaluation.md). It reads only other apps'
public selectors and pure modules:

- a  invited vs joined: participants whose invitation (or, without one, first visit or
     registration) falls in the period, and of them who came at least once by the end
     (routes: `participants.selectors.network_routes`);
- b  the questionnaire item "zinvol" (`questionnaires.selectors.item_scores`) and coded themes;
- c  share of the people present in the period who also contributed (Attendance, Contribution);
- d  reciprocity of the support ties of the period (`support.measures`: the computation of
     `network_measures`);
- e  the questionnaire item "veilig" and coded themes;
- f  the questionnaire item "eigen_groep" and coded themes;
- g/h/i  ties of the period per support type (companionship, emotional, practical) and the
     share of the period's participants who gave or received that kind of support.

The questionnaire and interview apps are optional: while their functions are missing, the
adapters below return None and the indicator says "nog niet beschikbaar".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vangnet.network_evaluation.models import SUBGOAL_LETTERS, SubgoalJudgement
from vangnet.networks.models import Attendance, Contribution
from vangnet.participants.selectors import network_routes
from vangnet.support.measures import compute_measures, ties_and_days
from vangnet.support.models import SupportType

SUBGOALS: dict[str, Any] = {
    "a": gettext_lazy("Deelnemers voelen zich uitgenodigd en sluiten aan"),
    "b": gettext_lazy("Deelnemers ervaren meedoen als betekenisvol"),
    "c": gettext_lazy("Deelnemers dragen naar vermogen bij aan het organiseren"),
    "d": gettext_lazy("Relaties binnen de groep zijn wederkerig"),
    "e": gettext_lazy("De groep is een veilige plek om sociale vaardigheden te oefenen"),
    "f": gettext_lazy("De groep heeft een eigen identiteit: het is 'hun groep'"),
    "g": gettext_lazy("Deelnemers zijn graag in elkaars gezelschap"),
    "h": gettext_lazy("Deelnemers bieden elkaar emotionele steun"),
    "i": gettext_lazy("Deelnemers bieden elkaar praktische steun"),
}
QUESTIONNAIRE_ITEMS = {"b": "zinvol", "e": "veilig", "f": "eigen_groep"}
SUPPORT_TYPES = {
    "g": SupportType.COMPANIONSHIP,
    "h": SupportType.EMOTIONAL,
    "i": SupportType.PRACTICAL,
}


@dataclass(frozen=True)
class Indicator:
    """What the software measured for one sub-goal in a period. `text` is the figure in
    words for the page; the numbers are there for tests, reports and an API."""

    letter: str
    measure: str  # what is measured, in words
    text: str  # the figure in words ("8 van 12 (67%)")
    available: bool = True
    numerator: int | None = None
    denominator: int | None = None
    share: float | None = None
    mean: float | None = None
    count: int | None = None
    themes: tuple[tuple[str, int], ...] = field(default_factory=tuple)

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)


def _of(numerator: int, denominator: int) -> tuple[float | None, str]:
    if not denominator:
        return None, _("nog geen gegevens in deze periode")
    share = numerator / denominator
    return share, _("%(n)d van %(d)d (%(p)d%%)") % {
        "n": numerator,
        "d": denominator,
        "p": round(share * 100),
    }


# --------------------------------------------------------------------------- adapters


def questionnaire_scores(*, networks: list, item_key: str) -> list[int] | None:
    """Adapter: `vangnet.questionnaires.selectors.item_scores`, or None while it is missing."""
    try:
        from vangnet.questionnaires.selectors import item_scores
    except ImportError:
        return None
    return [int(value) for value in item_scores(networks=networks, item_key=item_key)]


# Sub-goals of a theme when the theme itself does not say: words in its name (the default
# code list of vangnet.interviews has "Zinvol bijdragen", "Veilige plek", "Erbij horen /
# eigen groep"; a coordinator may rename themes, so this is a best effort).
THEME_WORDS = {
    "b": ("zinvol", "betekenis"),
    "e": ("veilig",),
    "f": ("eigen groep", "erbij horen", "identiteit", "groepsgevoel"),
}


def _letters_from_name(name: str) -> tuple[str, ...]:
    lowered = name.lower()
    return tuple(
        letter for letter, words in THEME_WORDS.items() if any(w in lowered for w in words)
    )


def _theme_rows(report: Any) -> list[tuple[str, int, tuple[str, ...]]]:
    """(label, count, sub-goal letters) per theme from `theme_report`: rows with `.theme` and
    `.report_count` (vangnet.interviews.selectors.ThemeRow), or dicts / objects with a
    label and a count, or a mapping label -> count. Letters come from a row's
    `subgoal`/`subgoals` when it has them, else from words in the theme's name."""
    if report is None:
        return []
    if isinstance(report, dict):
        return [
            (str(label), int(count or 0), _letters_from_name(str(label)))
            for label, count in report.items()
        ]
    rows = []
    for row in report or ():
        get = row.get if isinstance(row, dict) else (lambda name, r=row: getattr(r, name, None))
        theme = get("theme")
        label = getattr(theme, "name", None) or get("label") or get("name") or theme or ""
        count = get("report_count")
        if count is None:
            count = get("count")
        if count is None:
            count = get("n") or 0
        letters = get("subgoals") or get("subgoal") or ()
        if isinstance(letters, str):
            letters = [letter.strip() for letter in letters.split(",") if letter.strip()]
        letters = tuple(str(x).lower() for x in letters) or _letters_from_name(str(label))
        rows.append((str(label), int(count or 0), letters))
    return rows


def coded_themes(*, networks: list) -> list[tuple[str, int, tuple[str, ...]]] | None:
    """Adapter: `vangnet.interviews.selectors.theme_report`, or None while it is missing."""
    try:
        from vangnet.interviews.selectors import theme_report
    except ImportError:
        return None
    return _theme_rows(theme_report(networks=networks))


# --------------------------------------------------------------------------- indicators


def _invited_joined(*, network, start: dt.date, end: dt.date) -> Indicator:
    invited = joined = 0
    for person in network_routes(network=network, today=end):
        first = person.route.first_visit
        invited_on = person.invited_on or first or timezone.localdate(person.created_at)
        if not start <= invited_on <= end:
            continue
        invited += 1
        if first is not None and first <= end:
            joined += 1
    share, text = _of(joined, invited)
    return Indicator(
        "a",
        _("Uitgenodigd in deze periode en minstens één keer gekomen"),
        text,
        numerator=joined,
        denominator=invited,
        share=share,
    )


def _contributed(*, network, start: dt.date, end: dt.date) -> Indicator:
    period = {"session__network": network, "session__date__gte": start, "session__date__lte": end}
    present = set(
        Attendance.objects.filter(**period)
        .order_by()
        .values_list("participant_id", flat=True)
        .distinct()
    )
    contributed = set(
        Contribution.objects.filter(**period)
        .order_by()
        .values_list("participant_id", flat=True)
        .distinct()
    )
    share, text = _of(len(present & contributed), len(present))
    return Indicator(
        "c",
        _("Aanwezigen die ook iets bijdroegen"),
        text,
        numerator=len(present & contributed),
        denominator=len(present),
        share=share,
    )


def _support(*, network, start: dt.date, end: dt.date) -> dict[str, Indicator]:
    edges, days = ties_and_days(network=network, start=start, end=end)
    measures = compute_measures(ties=edges, active={pid for pid, _day in days})
    result: dict[str, Indicator] = {}
    if measures.reciprocity is None:
        result["d"] = Indicator(
            "d", _("Steunrelaties die wederkerig zijn"), _("nog geen steun vastgelegd")
        )
    else:
        mutual = round(measures.reciprocity * measures.edges)
        result["d"] = Indicator(
            "d",
            _("Steunrelaties die wederkerig zijn"),
            _("%(p)d%% van %(edges)d relaties")
            % {
                "p": round(measures.reciprocity * 100),
                "edges": measures.edges,
            },
            numerator=mutual,
            denominator=measures.edges,
            share=measures.reciprocity,
        )
    for letter, support_type in SUPPORT_TYPES.items():
        typed = [edge for edge in edges if edge.support_type == support_type]
        involved = {edge.giver for edge in typed} | {edge.receiver for edge in typed}
        share, of_text = _of(len(involved), measures.nodes)
        text = (
            _("%(ties)d keer; %(people)s deelnemers betrokken")
            % {"ties": len(typed), "people": of_text}
            if measures.nodes
            else of_text
        )
        result[letter] = Indicator(
            letter,
            _("Keer steun van deze soort en deelnemers die gaven of kregen"),
            text,
            numerator=len(involved),
            denominator=measures.nodes,
            share=share,
            count=len(typed),
        )
    return result


def _questionnaire(*, letter: str, network, themes) -> Indicator:
    scores = questionnaire_scores(networks=[network], item_key=QUESTIONNAIRE_ITEMS[letter])
    mine = tuple(
        (label, count) for label, count, letters in (themes or []) if letter in letters and count
    )
    measure = _("Vragenlijst, vraag '%(item)s' (alle gesprekken), en gecodeerde thema's") % {
        "item": QUESTIONNAIRE_ITEMS[letter]
    }
    if scores is None:
        return Indicator(letter, measure, _("nog niet beschikbaar"), available=False, themes=mine)
    if not scores:
        return Indicator(letter, measure, _("nog geen antwoorden"), count=0, themes=mine)
    mean = sum(scores) / len(scores)
    return Indicator(
        letter,
        measure,
        _("gemiddeld %(mean)s op 0 tot 10 (%(n)d antwoorden)")
        % {"mean": f"{mean:.1f}".replace(".", ","), "n": len(scores)},
        mean=mean,
        count=len(scores),
        themes=mine,
    )


def subgoal_indicators(*, network, start: dt.date, end: dt.date) -> dict[str, Indicator]:
    """The measured indicator of every sub-goal a-i for `network` in [start, end].

    A fixed number of queries whatever the number of sessions or participants (routes: four
    or five, attendance and contributions: two, support: one, plus the questionnaire and
    interview selectors)."""
    if end < start:
        start, end = end, start
    themes = coded_themes(networks=[network])
    result = {
        "a": _invited_joined(network=network, start=start, end=end),
        "c": _contributed(network=network, start=start, end=end),
        **_support(network=network, start=start, end=end),
    }
    for letter in QUESTIONNAIRE_ITEMS:
        result[letter] = _questionnaire(letter=letter, network=network, themes=themes)
    return {letter: result[letter] for letter in SUBGOAL_LETTERS}


# --------------------------------------------------------------------------- judgements


def latest_judgements(*, network) -> dict[str, SubgoalJudgement]:
    """The newest judgement per sub-goal of the network, over all its evaluations (one
    query; each row with the evaluation and who wrote it)."""
    rows = (
        SubgoalJudgement.objects.filter(evaluation__network=network)
        .select_related("evaluation", "recorded_by")
        .order_by("subgoal", "-recorded_at", "-id")
    )
    latest: dict[str, SubgoalJudgement] = {}
    for row in rows:
        latest.setdefault(row.subgoal, row)
    return latest


def subgoal_status_by_network(*, networks: Iterable) -> dict[int, dict[str, str]]:
    """{network id: {letter: judgement value}} with the newest judgement per sub-goal, for
    many networks in ONE query. Networks without any judgement are left out; a letter
    without a judgement is missing from its dict. Values are `Judgement` values
    ("achieved", "partly", "not_yet"); `Judgement(value).label` gives the Dutch word."""
    ids = [getattr(item, "pk", item) for item in networks]
    if not ids:
        return {}
    rows = (
        SubgoalJudgement.objects.filter(evaluation__network_id__in=ids)
        .order_by("evaluation__network_id", "subgoal", "-recorded_at", "-id")
        .values_list("evaluation__network_id", "subgoal", "judgement")
    )
    result: dict[int, dict[str, str]] = {}
    for network_id, letter, judgement in rows:
        result.setdefault(network_id, {}).setdefault(letter, judgement)
    return result
