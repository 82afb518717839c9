"""Support measures against hand-computed values and, on random graphs, against networkx."""

import datetime as dt

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vangnet.support.measures import (
    MONTH,
    QUARTER,
    Edge,
    compute_measures,
    period_of,
    periods_between,
)

DAY = dt.date(2025, 5, 1)


def tie(giver, receiver, kind="practical", day=DAY):
    return Edge(giver, receiver, kind, day)


def test_empty_period():
    m = compute_measures(ties=[], active=[])
    assert (m.nodes, m.tie_count, m.edges, m.components) == (0, 0, 0, 0)
    assert m.reciprocity is None
    assert m.density == 0.0
    assert m.average_degree == 0.0


def test_triangle_with_one_returned_tie_and_an_isolate():
    # 1->2, 2->1 (returned), 2->3, and 4 came but has no tie.
    ties = [tie(1, 2, "emotional"), tie(2, 1), tie(2, 3, "companionship"), tie(2, 3)]
    m = compute_measures(ties=ties, active=[1, 2, 3, 4])
    assert m.nodes == 4
    assert m.tie_count == 4
    assert m.ties_per_type == {"emotional": 1, "companionship": 1, "practical": 2}
    assert m.edges == 3  # distinct directed pairs
    assert m.reciprocity == pytest.approx(2 / 3)  # 1->2 and 2->1 of three edges
    assert m.density == pytest.approx(3 / (4 * 3))
    assert m.isolates == [4]
    assert m.components == 2  # {1, 2, 3} and {4}
    # undirected degrees: 1:1, 2:2, 3:1, 4:0 -> 4 / 4
    assert m.average_degree == pytest.approx(1.0)
    assert m.given == {1: 1, 2: 3}
    assert m.received == {2: 1, 1: 1, 3: 2}
    assert m.balance(2) == 2
    assert m.balance(3) == -2


def test_fully_reciprocal_pair_and_someone_tied_but_not_active():
    # 5 gave support outside the group's hours without attending: still a node, no isolate.
    m = compute_measures(ties=[tie(1, 2), tie(2, 1), tie(5, 1)], active=[1, 2])
    assert m.nodes == 3
    assert m.reciprocity == pytest.approx(2 / 3)
    assert m.isolates == []
    assert m.components == 1


def test_self_ties_are_ignored():
    m = compute_measures(ties=[tie(1, 1)], active=[1])
    assert m.tie_count == 0
    assert m.isolates == [1]


def test_periods():
    assert period_of(QUARTER, dt.date(2025, 5, 17)).start == dt.date(2025, 4, 1)
    assert period_of(QUARTER, dt.date(2025, 12, 31)).end == dt.date(2025, 12, 31)
    assert period_of(MONTH, dt.date(2024, 2, 10)).end == dt.date(2024, 2, 29)
    quarters = periods_between(QUARTER, dt.date(2025, 2, 1), dt.date(2025, 10, 1))
    assert [q.label for q in quarters] == ["2025 K1", "2025 K2", "2025 K3", "2025 K4"]
    assert len(periods_between(MONTH, dt.date(2025, 1, 31), dt.date(2025, 3, 1))) == 3


KINDS = st.sampled_from(["emotional", "companionship", "practical"])
PEOPLE = st.integers(min_value=1, max_value=12)


@settings(max_examples=150, deadline=None)
@given(
    ties=st.lists(st.tuples(PEOPLE, PEOPLE, KINDS), max_size=40),
    active=st.sets(PEOPLE, max_size=12),
)
def test_random_graphs_match_networkx(ties, active):
    edges = [tie(g, r, k) for g, r, k in ties]
    m = compute_measures(ties=edges, active=active)

    graph = nx.DiGraph()
    graph.add_nodes_from(active)
    graph.add_edges_from((g, r) for g, r, _k in ties if g != r)
    real = [(g, r) for g, r, _k in ties if g != r]
    assert m.nodes == graph.number_of_nodes()
    assert m.edges == graph.number_of_edges()
    assert m.tie_count == len(real)
    if graph.number_of_edges():
        assert m.reciprocity == pytest.approx(nx.overall_reciprocity(graph))
        # independent check: share of distinct edges whose reverse exists
        pairs = set(real)
        assert m.reciprocity == pytest.approx(sum((r, g) in pairs for g, r in pairs) / len(pairs))
    else:
        assert m.reciprocity is None
    n = graph.number_of_nodes()
    if n > 1:
        assert m.density == pytest.approx(nx.density(graph))
        assert m.density == pytest.approx(len(set(real)) / (n * (n - 1)))
    assert m.components == (nx.number_weakly_connected_components(graph) if n else 0)
    tied = {g for g, _r in real} | {r for _g, r in real}
    assert m.isolates == sorted(set(active) - tied)
    assert set(m.isolates) <= set(nx.isolates(graph))
    if n:
        undirected = nx.Graph(graph)
        assert m.average_degree == pytest.approx(2 * undirected.number_of_edges() / n)
    assert sum(m.given.values()) == sum(m.received.values()) == len(real)
    assert sum(m.ties_per_type.values()) == len(real)
