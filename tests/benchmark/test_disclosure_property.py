"""The benchmark's publication rules hold for every view a viewer can ask for, and for
every set a viewer can difference out of them (hypothesis over generated organisations).

A viewer chooses a quarter and a phase (or all phases); for each figure the page shows a
band or nothing. Quarters are separate snapshots, so the attack surface per quarter and
figure is: every published cell, and "all phases" minus any set of published phases."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from vangnet.benchmark import metrics as m
from vangnet.benchmark.disclosure import (
    ALL_PHASES,
    DOMINANCE_SHARE,
    MIN_ORGANISATIONS,
    CellKey,
    Contribution,
    combine,
    passes,
    published_keys,
    union,
)
from vangnet.benchmark.selectors import rows_contributions
from vangnet.networks.models import Phase

PHASES = list(Phase.values)

network = st.fixed_dictionaries(
    {
        "phase": st.sampled_from(PHASES),
        "values": st.fixed_dictionaries(
            {
                m.FIDELITY: st.one_of(st.none(), st.integers(0, 100)),
                m.CONVERSION: st.floats(0, 1),
                m.PHASE_DELAY: st.integers(0, 500),
            }
        ),
        "people": st.fixed_dictionaries({"acquainted": st.integers(0, 12)}),
    }
)
organisation = st.lists(network, min_size=0, max_size=14)
installation = st.lists(organisation, min_size=1, max_size=7)


def contributions_of(orgs: list[list[dict]], k: int) -> list[Contribution]:
    found: list[Contribution] = []
    for index, rows in enumerate(orgs):
        found += rows_contributions(f"org-{index}", rows, k=k)
    return found


def rule_holds(by_organisation: dict[str, int], k: int) -> bool:
    counts = [n for n in by_organisation.values() if n > 0]
    return (
        sum(counts) >= k
        and len(counts) >= MIN_ORGANISATIONS
        and max(counts) <= DOMINANCE_SHARE * sum(counts)
    )


@settings(max_examples=300, deadline=None)
@given(orgs=installation, k=st.integers(2, 6))
def test_every_view_and_every_difference_passes_the_rules(orgs, k):
    cells = combine(contributions_of(orgs, k))
    published = published_keys(cells, k=k)
    for key in published:  # every filter combination: a phase (or all) and a figure
        assert rule_holds(cells[key].by_organisation, k), key
    for metric in m.METRIC_KEYS:
        whole = CellKey(ALL_PHASES, metric)
        if whole not in published:
            continue
        shown = [CellKey(p, metric) for p in PHASES if CellKey(p, metric) in published]
        present = [CellKey(p, metric) for p in PHASES if CellKey(p, metric) in cells]
        # Differencing: the whole minus any set of published phases is what remains.
        for size in range(len(shown) + 1):
            for taken in combinations(shown, size):
                rest = union([cells[key] for key in present if key not in taken])
                if any(rest.values()):
                    assert rule_holds(rest, k), (metric, taken)


@settings(max_examples=200, deadline=None)
@given(orgs=installation, k=st.integers(2, 6))
def test_no_network_value_of_fewer_than_k_people_is_counted(orgs, k):
    counted = sum(
        item.networks for item in contributions_of(orgs, k) if item.metric == m.CONVERSION
    )
    expected = sum(1 for rows in orgs for row in rows if row["people"]["acquainted"] >= k)
    assert counted == expected


def test_one_organisation_with_most_of_a_cell_hides_it():
    assert passes({"a": 5, "b": 3, "c": 2}, k=5)
    assert not passes({"a": 6, "b": 3, "c": 2}, k=5)  # a has more than half
    assert not passes({"a": 4, "b": 4}, k=5)  # two organisations
    assert not passes({"a": 1, "b": 1, "c": 1}, k=5)  # fewer than k networks


def test_a_lone_hidden_phase_hides_another_so_it_cannot_be_differenced():
    def rows(phase, n):
        return [{"phase": phase, "values": {m.FIDELITY: 50}, "people": {}}] * n

    orgs = [
        rows("exploration", 3) + rows("build_up", 3) + rows("deepening", 1),
        rows("exploration", 3) + rows("build_up", 3),
        rows("exploration", 3) + rows("build_up", 3),
    ]
    cells = combine(contributions_of(orgs, 5))
    published = published_keys(cells, k=5)
    assert CellKey(ALL_PHASES, m.FIDELITY) in published
    assert CellKey("deepening", m.FIDELITY) not in published
    # deepening alone (one organisation, one network) would follow from all minus the
    # two published phases: the smaller of them is hidden too.
    shown = {key.phase for key in published if key.metric == m.FIDELITY}
    assert shown in ({ALL_PHASES, "exploration"}, {ALL_PHASES, "build_up"})
