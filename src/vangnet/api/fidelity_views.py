"""The method-fidelity score over the API (VIEW_EVALUATION, as the /methodetrouw/ pages):
per network the score of each of the last four quarters, each with its seven components
(weight, share, evidence, next step), and the organisation's weights. Coordinators get every
network of the organisation, workers the networks they lead or back up. Figures only, never
a participant's name (docs/benchmark.md)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from vangnet.api.base import COMMON, SCOPED, BaseApiView
from vangnet.core.permissions import Cap, network_for, require_cap
from vangnet.core.replica import replica_reads
from vangnet.core.serializers import SafeTextSerializer
from vangnet.core.typing import member
from vangnet.fidelity.selectors import (
    NetworkFidelity,
    QuarterScore,
    fidelity_by_network,
    organisation_weights,
)
from vangnet.organisations.models import ORGANISATION_WIDE_ROLES


class ComponentSerializer(SafeTextSerializer):
    key = serializers.ChoiceField(
        choices=[
            "checklist",
            "phase",
            "hours",
            "steady_group",
            "subgoals",
            "followup",
            "evaluation",
        ]
    )
    title = serializers.CharField()
    weight = serializers.IntegerField(help_text="The organisation's weight (weights sum to 100).")
    share = serializers.FloatField(
        allow_null=True, help_text="0..1; null when the component does not apply yet."
    )
    evidence = serializers.CharField(help_text="What the share was measured from.")
    next_step = serializers.CharField(help_text="What the worker can do next.")


class QuarterSerializer(SafeTextSerializer):
    year = serializers.IntegerField()
    quarter = serializers.IntegerField(min_value=1, max_value=4)
    name = serializers.CharField(help_text='"K4 2025".')
    score = serializers.IntegerField(
        allow_null=True,
        help_text="0..100, weighted over the components that apply; null when none applies.",
    )
    weakest = serializers.CharField(
        allow_null=True, help_text="The key of the weakest applying component."
    )
    components = ComponentSerializer(many=True)


class NetworkFidelitySerializer(SafeTextSerializer):
    network_id = serializers.IntegerField()
    name = serializers.CharField()
    score = serializers.IntegerField(allow_null=True, help_text="The running quarter's score.")
    trend = QuarterSerializer(many=True, help_text="Oldest first; the last is the running one.")


class FidelityListSerializer(SafeTextSerializer):
    as_of = serializers.DateField()
    weights = serializers.DictField(child=serializers.IntegerField())
    networks = NetworkFidelitySerializer(many=True)


def quarter_data(quarter: QuarterScore) -> dict:
    weakest = quarter.result.weakest
    return {
        "year": quarter.year,
        "quarter": quarter.quarter,
        "name": quarter.label,
        "score": quarter.result.score,
        "weakest": weakest.key if weakest else None,
        "components": [
            {
                "key": c.key,
                "title": c.title,
                "weight": c.weight,
                "share": c.share,
                "evidence": c.evidence,
                "next_step": c.next_step,
            }
            for c in quarter.result.components
        ],
    }


def network_data(item: NetworkFidelity) -> dict:
    return {
        "network_id": item.network_id,
        "name": item.name,
        "score": item.current.result.score,
        "trend": [quarter_data(quarter) for quarter in item.trend],
    }


@extend_schema(tags=["fidelity"], responses={200: FidelityListSerializer, **COMMON})
class FidelityListView(BaseApiView):
    """Every network you may see with its fidelity score per quarter (the last four) and
    its components; the organisation's weights (docs/benchmark.md)."""

    def get(self, request: Request) -> Response:
        require_cap(request.user, Cap.VIEW_EVALUATION)
        user = member(request.user)
        worker = None if user.role in ORGANISATION_WIDE_ROLES else user
        today = timezone.localdate()
        with replica_reads(request):
            networks = fidelity_by_network(
                organisation=user.organisation, today=today, worker=worker
            )
            weights = organisation_weights(user.organisation)
        data = {
            "as_of": today,
            "weights": weights,
            "networks": [network_data(item) for item in networks],
        }
        return Response(FidelityListSerializer(data).data)


@extend_schema(tags=["fidelity"], responses={200: NetworkFidelitySerializer, **SCOPED})
class NetworkFidelityView(BaseApiView):
    """One network's fidelity score per quarter (the last four) with its components."""

    def get(self, request: Request, network_id: int) -> Response:
        network = network_for(request.user, network_id, Cap.VIEW_EVALUATION)
        with replica_reads(request):
            items = fidelity_by_network(
                organisation=member(request.user).organisation,
                today=timezone.localdate(),
                network_ids=[network.pk],
            )
        return Response(NetworkFidelitySerializer(network_data(items[0])).data)
