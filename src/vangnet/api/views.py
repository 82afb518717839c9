"""Read endpoints of the API. Thin: ask core.permissions for the object (404 outside the
user's scope, 403 without the capability), call a selector, serialise. Reads of personal
data are audited as the pages audit them."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework.generics import ListAPIView
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response

from vangnet.api import presenters
from vangnet.api.base import BAD_REQUEST, COMMON, SCOPED, BaseApiView, LanguageMixin
from vangnet.api.neighbourhood_views import session_output_data
from vangnet.api.serializers import (
    AbsenteeSerializer,
    AttendeeSerializer,
    MeasuresQuerySerializer,
    NetworkMeasuresSerializer,
    NetworkSerializer,
    ParticipantRouteSerializer,
    SessionDetailSerializer,
    SessionSerializer,
    SupportTieSerializer,
)
from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, has_cap, network_for, require_cap
from vangnet.core.typing import member
from vangnet.networks.selectors import network_rows_for_user, network_timeline
from vangnet.networks.sessions.selectors import session_get
from vangnet.participants.selectors import network_routes
from vangnet.support.measures import network_measures, period_measures, periods_between
from vangnet.support.selectors import network_ties

# The same audit object types as the pages (participants and support list pages).
ROUTES_AUDIT_TYPE = "participants.network_list"
TIES_AUDIT_TYPE = "support.ties"
MAX_PERIODS = 120


class Pagination(LimitOffsetPagination):
    default_limit = 100
    max_limit = 500


def _network_param() -> OpenApiParameter:
    return OpenApiParameter("network_id", int, OpenApiParameter.PATH)


@extend_schema(tags=["networks"], responses={200: NetworkSerializer(many=True), **COMMON})
class NetworkListView(BaseApiView):
    """The networks you may see, with their current phase and phase timeline."""

    def get(self, request: Request) -> Response:
        require_cap(request.user, Cap.VIEW_NETWORK)
        rows = network_rows_for_user(user=member(request.user), today=timezone.localdate())
        data = [presenters.network_data(row.network, row.timeline) for row in rows]
        return Response(NetworkSerializer(data, many=True).data)


@extend_schema(tags=["networks"], responses={200: NetworkSerializer, **SCOPED})
class NetworkDetailView(BaseApiView):
    """One network: phase now and the phase timeline (planned and actual)."""

    def get(self, request: Request, network_id: int) -> Response:
        network = network_for(request.user, network_id, Cap.VIEW_NETWORK)
        timeline = network_timeline(network=network, today=timezone.localdate())
        return Response(NetworkSerializer(presenters.network_data(network, timeline)).data)


@extend_schema(tags=["sessions"], responses={200: SessionSerializer(many=True), **SCOPED})
class SessionListView(LanguageMixin, ListAPIView):
    """The network's sessions, newest first, with the number present and contributions
    (figures only, as on the network page)."""

    serializer_class = SessionSerializer
    pagination_class = Pagination

    def get_queryset(self):
        network = network_for(self.request.user, self.kwargs["network_id"], Cap.VIEW_NETWORK)
        return presenters.sessions_with_counts(network=network)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        data = [presenters.session_data(session) for session in page]
        return self.get_paginated_response(SessionSerializer(data, many=True).data)


@extend_schema(tags=["sessions"], responses={200: SessionDetailSerializer, **SCOPED})
class SessionDetailView(BaseApiView):
    """One session. Who was present (participant id and name, with contributions) only for
    roles that may see participants; others get the figures."""

    def get(self, request: Request, network_id: int, session_id: int) -> Response:
        network = network_for(request.user, network_id, Cap.VIEW_NETWORK)
        session = session_get(network=network, session_id=session_id)
        with_names = has_cap(request.user, Cap.VIEW_PARTICIPANTS)
        counted = presenters.sessions_with_counts(network=network).get(pk=session.pk)
        attendance: list[dict] = []
        absences: list[dict] = []
        if with_names:
            contributions: dict[int, list[str]] = {}
            for contribution in session.contributions.order_by("task"):
                contributions.setdefault(contribution.participant_id, []).append(contribution.task)
            people = session.attendances.select_related("participant").order_by(
                "participant__display_name", "participant_id"
            )
            attendance = [
                {
                    "participant_id": row.participant_id,
                    "display_name": row.participant.display_name,
                    "contributions": contributions.get(row.participant_id, []),
                }
                for row in people
            ]
            absences = [
                {
                    "participant_id": row.participant_id,
                    "display_name": row.participant.display_name,
                    "reason": row.reason,
                }
                for row in session.announced_absences.select_related("participant").order_by(
                    "participant__display_name", "participant_id"
                )
            ]
            audit_record(actor=request.user, action="view", obj=session, request=request)
        data = {
            **presenters.session_data(counted),
            "participants_visible": with_names,
            "attendance": AttendeeSerializer(attendance, many=True).data,
            "absences": AbsenteeSerializer(absences, many=True).data,
            "neighbourhood": session_output_data(session),
        }
        return Response(SessionDetailSerializer(data).data)


@extend_schema(
    tags=["participants"], responses={200: ParticipantRouteSerializer(many=True), **SCOPED}
)
class RouteListView(BaseApiView):
    """Every participant of the network with their route (derived from attendance and
    recorded events). Personal data: audited."""

    def get(self, request: Request, network_id: int) -> Response:
        network = network_for(request.user, network_id, Cap.VIEW_PARTICIPANTS)
        people = network_routes(network=network, today=timezone.localdate())
        audit_record(
            actor=request.user,
            action="view",
            object_type=ROUTES_AUDIT_TYPE,
            object_id=network.pk,
            request=request,
        )
        absences = presenters.absence_counts(network=network)
        data = [presenters.route_data(person, absences) for person in people]
        return Response(ParticipantRouteSerializer(data, many=True).data)


@extend_schema(tags=["support"], responses={200: SupportTieSerializer(many=True), **SCOPED})
class TieListView(LanguageMixin, ListAPIView):
    """The support ties between the network's participants, newest first. Personal data:
    audited. Personal network maps (people outside the network) are never in the API."""

    serializer_class = SupportTieSerializer
    pagination_class = Pagination

    def get_queryset(self):
        return []

    def list(self, request, *args, **kwargs):
        network = network_for(request.user, kwargs["network_id"], Cap.VIEW_PARTICIPANTS)
        ties = network_ties(network=network)
        audit_record(
            actor=request.user,
            action="view",
            object_type=TIES_AUDIT_TYPE,
            object_id=network.pk,
            request=request,
        )
        page = self.paginate_queryset(ties)
        data = [presenters.tie_data(tie) for tie in page]
        return self.get_paginated_response(SupportTieSerializer(data, many=True).data)


@extend_schema(
    tags=["support"],
    parameters=[MeasuresQuerySerializer],
    responses={200: NetworkMeasuresSerializer, 400: BAD_REQUEST, **SCOPED},
)
class MeasuresView(BaseApiView):
    """Support measures (reciprocity, density, isolates, ...) per month or quarter and for
    the whole period: figures only, no names or ids. Default period: the network's start
    date up to today."""

    def get(self, request: Request, network_id: int) -> Response:
        network = network_for(request.user, network_id, Cap.VIEW_NETWORK_REPORTS)
        query = MeasuresQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        today = timezone.localdate()
        start = query.validated_data.get("start") or network.start_date
        end = query.validated_data.get("end") or max(today, start)
        kind = query.validated_data["period"]
        if start > end:
            raise drf_serializers.ValidationError({"end": [_("Het einde ligt voor het begin.")]})
        if len(periods_between(kind, start, end)) > MAX_PERIODS:
            raise drf_serializers.ValidationError(
                {
                    "start": [
                        _("Kies een kortere periode (hoogstens %(max)d perioden).")
                        % {"max": MAX_PERIODS}
                    ]
                }
            )
        periods = period_measures(network=network, kind=kind, start=start, end=end)
        total = network_measures(network=network, start=start, end=end)
        data = {
            "network_id": network.pk,
            "period": kind,
            "start": start,
            "end": end,
            "total": presenters.measures_data(total),
            "periods": [
                {
                    "label": period.label,
                    "start": period.start,
                    "end": period.end,
                    **presenters.measures_data(measures),
                }
                for period, measures in periods
            ],
        }
        return Response(NetworkMeasuresSerializer(data).data)
