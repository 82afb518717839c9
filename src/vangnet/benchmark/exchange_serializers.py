"""The exchange format between installations (version `metrics.EXCHANGE_VERSION`), as DRF
serializers: they describe it in the OpenAPI document (`/api/schema/`) and validate what a
hub receives (docs/benchmark.md, "The hub"). Every message is Dutch, for the sender's log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from vangnet.benchmark import metrics as m
from vangnet.core.serializers import SafeTextSerializer
from vangnet.dashboards.periods import quarter_of
from vangnet.networks.models import Phase
from vangnet.reports.suppression import small_cell_k

MAX_PERIODS = 8
MAX_ORGANISATIONS = 1000  # per period
MAX_NETWORKS_PER_CELL = 100_000  # per organisation, phase and figure
OLDEST_QUARTERS = 8  # a period may lie at most this many quarters back


def quarters_back(year: int, quarter: int, today: dt.date) -> int:
    now_year, now_quarter = quarter_of(today)
    return (now_year * 4 + now_quarter) - (year * 4 + quarter)


class ExchangeCellSerializer(SafeTextSerializer):
    phase = serializers.ChoiceField(choices=Phase.values)
    metric = serializers.ChoiceField(choices=list(m.METRIC_KEYS))
    bins = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=MAX_NETWORKS_PER_CELL),
        min_length=1,
        max_length=max(spec.bins for spec in m.METRICS.values()),
        help_text="Networks per bin; the number of bins and their ranges are fixed per figure "
        "and version (docs/benchmark.md).",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        spec = m.METRICS[attrs["metric"]]
        if len(attrs["bins"]) != spec.bins:
            raise serializers.ValidationError(
                _("Het cijfer %(metric)s heeft %(n)s bakjes, niet %(found)s.")
                % {"metric": spec.key, "n": spec.bins, "found": len(attrs["bins"])}
            )
        if sum(attrs["bins"]) > MAX_NETWORKS_PER_CELL:
            raise serializers.ValidationError(_("Te veel netwerken in één cel."))
        return attrs


class ExchangeOrganisationSerializer(SafeTextSerializer):
    reference = serializers.UUIDField(
        help_text="The organisation's opaque reference on the sending installation."
    )
    cells = serializers.ListField(
        child=ExchangeCellSerializer(), max_length=len(Phase.values) * len(m.METRIC_KEYS)
    )

    def validate_cells(self, cells: list[dict[str, Any]]) -> list[dict[str, Any]]:
        keys = [(cell["phase"], cell["metric"]) for cell in cells]
        if len(keys) != len(set(keys)):
            raise serializers.ValidationError(_("Een fase en cijfer staan er twee keer in."))
        return cells


class ExchangePeriodSerializer(SafeTextSerializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    quarter = serializers.IntegerField(min_value=1, max_value=4)
    organisations = serializers.ListField(
        child=ExchangeOrganisationSerializer(),
        max_length=MAX_ORGANISATIONS,
        help_text="Every participating organisation with figures; an empty list removes the "
        "sender's figures of this quarter.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        today = timezone.localdate()
        # A day's grace: the sender's clock may already be in the next quarter.
        if quarters_back(attrs["year"], attrs["quarter"], today + dt.timedelta(days=1)) < 0:
            raise serializers.ValidationError(_("Dit kwartaal ligt in de toekomst."))
        if quarters_back(attrs["year"], attrs["quarter"], today) >= OLDEST_QUARTERS:
            raise serializers.ValidationError(_("Dit kwartaal is te oud voor de benchmark."))
        references = [item["reference"] for item in attrs["organisations"]]
        if len(references) != len(set(references)):
            raise serializers.ValidationError(_("Een organisatie staat er twee keer in."))
        return attrs


class ExchangePayloadSerializer(SafeTextSerializer):
    schema_version = serializers.IntegerField(
        help_text=f"The version of this format; this hub speaks {m.EXCHANGE_VERSION}."
    )
    k = serializers.IntegerField(
        min_value=2,
        max_value=1000,
        help_text="The sender's small-cell k: values about fewer people were left out. At "
        "least the hub's own k.",
    )
    periods = serializers.ListField(child=ExchangePeriodSerializer(), max_length=MAX_PERIODS)
    withdrawn = serializers.ListField(
        child=serializers.UUIDField(),
        max_length=MAX_ORGANISATIONS,
        required=False,
        default=list,
        help_text="References of organisations that stopped taking part: the hub removes all "
        "their figures, of every quarter.",
    )

    def validate_schema_version(self, value: int) -> int:
        if value != m.EXCHANGE_VERSION:
            raise serializers.ValidationError(
                _("Deze hub kent versie %(found)s van het uitwisselformaat niet (wel %(known)s).")
                % {"found": value, "known": m.EXCHANGE_VERSION}
            )
        return value

    def validate_k(self, value: int) -> int:
        if value < small_cell_k():
            raise serializers.ValidationError(
                _("De hub toont geen cijfers over minder dan %(k)s mensen; stuur met k = %(k)s.")
                % {"k": small_cell_k()}
            )
        return value

    def validate_periods(self, periods: list[dict[str, Any]]) -> list[dict[str, Any]]:
        keys = [(item["year"], item["quarter"]) for item in periods]
        if len(keys) != len(set(keys)):
            raise serializers.ValidationError(_("Een kwartaal staat er twee keer in."))
        return periods


class ExchangeResultSerializer(SafeTextSerializer):
    periods = serializers.IntegerField(help_text="Quarters stored (each replaced).")
    organisations = serializers.IntegerField(help_text="Organisations with figures received.")
    withdrawn = serializers.IntegerField(help_text="Organisations whose figures were removed.")
