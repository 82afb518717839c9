"""What the neighbourhood activities produced (read only; the same right as the network
page, `view_network`): a network's year, and per session in the session detail."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from vangnet.api.base import BAD_REQUEST, SCOPED, BaseApiView
from vangnet.api.neighbourhood_serializers import SessionOutputSerializer
from vangnet.core.permissions import Cap, network_for
from vangnet.core.serializers import SafeTextSerializer
from vangnet.neighbourhood.models import OutputKind
from vangnet.neighbourhood.selectors import network_produced, session_output_lines


class KindTotalSerializer(SafeTextSerializer):
    kind = serializers.ChoiceField(choices=OutputKind.choices)
    kind_label = serializers.CharField()
    number = serializers.IntegerField()


class PartnerTotalSerializer(SafeTextSerializer):
    name = serializers.CharField()
    sessions = serializers.IntegerField()


class NeighbourhoodYearSerializer(SafeTextSerializer):
    network_id = serializers.IntegerField()
    year = serializers.IntegerField()
    sessions = serializers.IntegerField(help_text="Sessions with an output recorded.")
    guests = serializers.IntegerField(help_text="Visits of guests from the neighbourhood.")
    per_kind = KindTotalSerializer(many=True)
    partners = PartnerTotalSerializer(many=True)
    outputs = SessionOutputSerializer(many=True, help_text="Per session, newest first.")


class YearQuerySerializer(SafeTextSerializer):
    year = serializers.IntegerField(
        required=False, help_text="Default: this year.", min_value=2000, max_value=2100
    )


def line_data(line) -> dict:
    return {
        "session_id": line.session_id,
        "date": line.date,
        "title": line.title,
        "guests": line.guests,
        "items": [
            {"kind": kind, "kind_label": label, "description": description, "number": number}
            for kind, label, number, description in line.coded_items
        ],
        "partners": line.partners,
    }


def session_output_data(session) -> dict | None:
    """The session detail's `neighbourhood` (null when nothing was recorded)."""
    line = session_output_lines(session=session)
    return line_data(line) if line is not None else None


@extend_schema(
    tags=["networks"],
    parameters=[YearQuerySerializer],
    responses={200: NeighbourhoodYearSerializer, 400: BAD_REQUEST, **SCOPED},
)
class NeighbourhoodView(BaseApiView):
    """What the network's activities for the neighbourhood produced in a year: guests from
    the neighbourhood (counts, never names), what was made or handed out per kind, the
    partners who helped, and per session."""

    def get(self, request: Request, network_id: int) -> Response:
        network = network_for(request.user, network_id, Cap.VIEW_NETWORK)
        query = YearQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year") or timezone.localdate().year
        produced = network_produced(
            network=network, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)
        )
        data = {
            "network_id": network.pk,
            "year": year,
            "sessions": produced.sessions,
            "guests": produced.guests,
            "per_kind": [
                {"kind": kind, "kind_label": label, "number": n}
                for kind, label, n in produced.per_kind
            ],
            "partners": [{"name": name, "sessions": n} for name, n in produced.partners],
            "outputs": [line_data(line) for line in produced.lines],
        }
        return Response(NeighbourhoodYearSerializer(data).data)
