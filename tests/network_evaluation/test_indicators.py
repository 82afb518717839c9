"""The sub-goal indicators against hand-computed figures on a small network.

Period 6 Jan 2025 - 6 Jan 2026 (the one-year moment). In it:
- a: invited in the period: p1, p2, p3 (p4 before, p5 after); came by the end: p1, p2 (p3
  only came in 2026) -> 2 of 3.
- c: present: p1, p4 (s1), p1, p2 (s2) -> {p1, p2, p4}; contributed: p1, p4 -> 2 of 3.
- d: edges p1->p2, p2->p1, p1->p4, p2->p4 -> 2 of 4 reciprocal -> 0.5.
- g (companionship): 1 tie, involved p1, p4 of 3 people -> 2 of 3.
- h (emotional): 2 ties, involved p1, p2, p4 -> 3 of 3.
- i (practical): 1 tie, involved p1, p2 -> 2 of 3.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import NetworkFactory
from tests.network_evaluation.factories import ONE_YEAR, START, grow, small_network
from vangnet.network_evaluation import indicators
from vangnet.network_evaluation.indicators import (
    subgoal_indicators,
    subgoal_status_by_network,
)
from vangnet.network_evaluation.models import NetworkEvaluation, SubgoalJudgement

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_questionnaires(monkeypatch):
    monkeypatch.setattr(indicators, "questionnaire_scores", lambda **kwargs: None)
    monkeypatch.setattr(indicators, "coded_themes", lambda **kwargs: None)


def test_figures_match_the_hand_computed_values(no_questionnaires):
    network, _people = small_network()
    result = subgoal_indicators(network=network, start=START, end=ONE_YEAR)
    assert list(result) == list("abcdefghi")
    assert (result["a"].numerator, result["a"].denominator) == (2, 3)
    assert result["a"].percent == 67
    assert (result["c"].numerator, result["c"].denominator) == (2, 3)
    assert result["d"].share == pytest.approx(0.5)
    assert (result["d"].numerator, result["d"].denominator) == (2, 4)
    assert (result["g"].count, result["g"].numerator, result["g"].denominator) == (1, 2, 3)
    assert (result["h"].count, result["h"].numerator, result["h"].denominator) == (2, 3, 3)
    assert (result["i"].count, result["i"].numerator, result["i"].denominator) == (1, 2, 3)
    assert "2 van 3 (67%)" in result["a"].text
    for letter in "bef":
        assert result[letter].available is False


def test_whole_period_counts_the_later_visit_and_tie(no_questionnaires):
    network, _people = small_network()
    result = subgoal_indicators(network=network, start=START, end=dt.date(2026, 2, 28))
    # p3 came on 4 Feb 2026; p5 is invited after the end.
    assert (result["a"].numerator, result["a"].denominator) == (3, 3)
    # p3 present and contributing on 4 Feb 2026.
    assert (result["c"].numerator, result["c"].denominator) == (3, 4)
    # p3 -> p1 emotional: 3 ties, involved p1, p2, p3, p4 of 4 people.
    assert (result["h"].count, result["h"].numerator, result["h"].denominator) == (3, 4, 4)


def test_empty_period_says_there_is_no_data(no_questionnaires):
    network = NetworkFactory(start_date=START)
    result = subgoal_indicators(network=network, start=START, end=ONE_YEAR)
    assert result["a"].share is None and result["a"].denominator == 0
    assert result["d"].share is None
    assert result["g"].denominator == 0


def test_questionnaire_items_and_themes(monkeypatch):
    network, _people = small_network()
    asked = []

    def scores(*, networks, item_key):
        asked.append((tuple(n.pk for n in networks), item_key))
        return {"zinvol": [4, 5, 3], "veilig": [], "eigen_groep": [5]}[item_key]

    monkeypatch.setattr(indicators, "questionnaire_scores", scores)
    monkeypatch.setattr(
        indicators,
        "coded_themes",
        lambda **kwargs: [("Ergens bij horen", 4, ("f",)), ("Veilig voelen", 2, ("e", "b"))],
    )
    result = subgoal_indicators(network=network, start=START, end=ONE_YEAR)
    assert sorted(item for _ids, item in asked) == ["eigen_groep", "veilig", "zinvol"]
    assert result["b"].mean == pytest.approx(4.0) and result["b"].count == 3
    assert result["e"].count == 0 and result["e"].mean is None
    assert result["f"].themes == (("Ergens bij horen", 4),)
    assert result["b"].themes == (("Veilig voelen", 2),)


def test_theme_rows_accept_the_usual_shapes():
    rows = indicators._theme_rows(
        [{"label": "Erbij horen", "count": 3, "subgoals": ["f"]}, {"name": "Rust", "n": 1}]
    )
    assert rows == [("Erbij horen", 3, ("f",)), ("Rust", 1, ())]
    assert indicators._theme_rows({"Rust": 2, "Veilige plek": 1}) == [
        ("Rust", 2, ()),
        ("Veilige plek", 1, ("e",)),
    ]
    assert indicators._theme_rows(None) == []


def test_theme_rows_of_the_interviews_app():
    class Theme:
        def __init__(self, name):
            self.name = name

    class Row:
        def __init__(self, name, count):
            self.theme = Theme(name)
            self.report_count = count

    rows = indicators._theme_rows(
        [Row("Zinvol bijdragen", 2), Row("Erbij horen / eigen groep", 5), Row("Rust", 1)]
    )
    assert rows == [
        ("Zinvol bijdragen", 2, ("b",)),
        ("Erbij horen / eigen groep", 5, ("f",)),
        ("Rust", 1, ()),
    ]


def test_query_count_does_not_grow_with_sessions_or_people(no_questionnaires):
    network, _people = small_network()
    with CaptureQueriesContext(connection) as small:
        subgoal_indicators(network=network, start=START, end=ONE_YEAR)
    grow(network, sessions=8, people=6)
    with CaptureQueriesContext(connection) as large:
        result = subgoal_indicators(network=network, start=START, end=ONE_YEAR)
    assert result["c"].denominator == 9
    # 8, plus what keeps the routes in the cache (participants/route_cache): the network's
    # fact version, its participants' versions and its session fingerprint.
    assert len(large) == len(small) <= 11


def test_status_by_network_takes_the_newest_judgement_in_one_query(django_assert_num_queries):
    first, _ = small_network()
    second = NetworkFactory(organisation=first.organisation)
    quiet = NetworkFactory(organisation=first.organisation)
    one = NetworkEvaluation.objects.create(network=first, moment="one_year")
    end = NetworkEvaluation.objects.create(network=first, moment="end")
    SubgoalJudgement.objects.create(evaluation=one, subgoal="a", judgement="not_yet")
    SubgoalJudgement.objects.create(evaluation=end, subgoal="a", judgement="achieved")
    SubgoalJudgement.objects.create(evaluation=one, subgoal="d", judgement="partly")
    other = NetworkEvaluation.objects.create(network=second, moment="one_year")
    SubgoalJudgement.objects.create(evaluation=other, subgoal="h", judgement="partly")
    with django_assert_num_queries(1):
        status = subgoal_status_by_network(networks=[first, second, quiet])
    assert status == {
        first.pk: {"a": "achieved", "d": "partly"},
        second.pk: {"h": "partly"},
    }
    assert subgoal_status_by_network(networks=[]) == {}
    assert subgoal_status_by_network(networks=[second.pk]) == {second.pk: {"h": "partly"}}


def test_real_questionnaire_and_interview_apps_are_read_in_bounded_queries():
    """With the questionnaire and interview apps in place (no answers, no reports yet)."""
    network, _people = small_network()
    with CaptureQueriesContext(connection) as small:
        result = subgoal_indicators(network=network, start=START, end=ONE_YEAR)
    grow(network, sessions=5, people=4)
    with CaptureQueriesContext(connection) as large:
        subgoal_indicators(network=network, start=START, end=ONE_YEAR)
    assert len(large) == len(small)
    if indicators.questionnaire_scores(networks=[network], item_key="zinvol") is not None:
        assert result["b"].available and result["b"].count == 0
