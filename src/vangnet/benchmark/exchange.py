"""The exchange between installations, sending side (docs/benchmark.md, "The hub").

`payload_build(today=)` gives this installation's figures as the hub receives them
(`schema_version` `metrics.EXCHANGE_VERSION`, described by `exchange_serializers.
ExchangePayloadSerializer`): per quarter of the benchmark (the running quarter and the three
before it), per participating organisation (its opaque `Participation.reference`, never its
name or id), the histograms per phase and figure after primary suppression, exactly the
contributions this installation's own page combines (`selectors.local_contributions`). No
network, no value of one network and no value about fewer than k people leaves; an
organisation that does not take part is not in it. `withdrawn` lists the references of
organisations that stopped taking part, until the hub confirmed their removal.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings

from vangnet.benchmark import metrics as m
from vangnet.benchmark.models import PendingWithdrawal
from vangnet.benchmark.selectors import local_contributions
from vangnet.fidelity.selectors import trend_quarters
from vangnet.reports.suppression import small_cell_k

EXCHANGE_PATH = "/api/benchmark/exchange/"


def hub_configured() -> bool:
    return bool(settings.VANGNET_BENCHMARK_HUB_URL and settings.VANGNET_BENCHMARK_HUB_TOKEN)


def hub_endpoint() -> str:
    return settings.VANGNET_BENCHMARK_HUB_URL.rstrip("/") + EXCHANGE_PATH


def payload_build(*, today: dt.date) -> dict[str, Any]:
    k = small_cell_k()
    periods = []
    for year, quarter, _period in trend_quarters(today):
        contributions, _snapshots, _participations = local_contributions(year, quarter, k=k)
        cells: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for item in contributions:
            cells[item.organisation].append(
                {"phase": item.phase, "metric": item.metric, "bins": list(item.bins)}
            )
        periods.append(
            {
                "year": year,
                "quarter": quarter,
                "organisations": [
                    {"reference": reference, "cells": found}
                    for reference, found in sorted(cells.items())
                ],
            }
        )
    withdrawn = [str(r) for r in PendingWithdrawal.objects.values_list("reference", flat=True)]
    return {
        "schema_version": m.EXCHANGE_VERSION,
        "k": k,
        "periods": periods,
        "withdrawn": sorted(withdrawn),
    }
