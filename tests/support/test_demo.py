"""Demo support ties: support emerges in the deepening phase, deterministically."""

import datetime as dt

import pytest

from vangnet.demo.generator import demo_generate
from vangnet.networks.models import Network, Phase
from vangnet.networks.phases import network_phases
from vangnet.support.demo import support_demo_ties
from vangnet.support.measures import network_measures
from vangnet.support.models import SupportTie

TODAY = dt.date(2026, 3, 4)


def _fingerprint(network):
    return list(
        SupportTie.objects.filter(network=network)
        .order_by("date", "giver_id", "receiver_id", "support_type")
        .values_list("date", "giver_id", "receiver_id", "support_type", "outside_hours")
    )


@pytest.mark.django_db
def test_support_emerges_in_the_deepening_phase():
    demo_generate(seed=2026, today=TODAY, progress=False)  # makes the ties, seed "2026:<n>"
    for index, network in enumerate(Network.objects.order_by("pk")):
        first = _fingerprint(network)
        assert first
        SupportTie.objects.filter(network=network).delete()
        assert support_demo_ties(network=network, seed=f"2026:{index}", today=TODAY) > 0
        assert _fingerprint(network) == first  # same seed, same ties

        timeline = network_phases(network=network, on=TODAY)
        build_up = timeline.span(Phase.BUILD_UP)
        deepening = timeline.span(Phase.DEEPENING)
        assert deepening.started
        early = network_measures(network=network, start=network.start_date, end=build_up.actual_end)
        late = network_measures(
            network=network,
            start=deepening.actual_start,
            end=min(deepening.actual_end or TODAY, TODAY),
        )
        assert late.tie_count > early.tie_count / 2
        assert late.reciprocity > (early.reciprocity or 0)
        assert len(late.isolates) / late.nodes < len(early.isolates) / early.nodes
        assert not SupportTie.objects.filter(network=network, date__gt=TODAY).exists()
