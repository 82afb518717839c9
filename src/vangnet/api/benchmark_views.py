"""The benchmark hub's endpoint (docs/benchmark.md, "The hub"): another Vangnet installation
posts its suppressed benchmark figures with the token the hub's operator gave it
(`vangnet benchmark-hub add-sender`). Only on an installation with VANGNET_BENCHMARK_HUB=1;
elsewhere 404. A missing, unknown or revoked token answers 401 (audited, rate-limited like
the API's own tokens), a malformed payload 400 with Dutch messages per field, a body over
`MAX_BODY_BYTES` 413. What is stored replaces the sender's figures of the quarters sent."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import authentication, exceptions, status
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from vangnet.api.authentication import _audit_failure
from vangnet.api.base import BAD_REQUEST, UNAUTHORIZED, BaseApiView
from vangnet.api.serializers import ErrorSerializer
from vangnet.api.throttling import ApiAnonThrottle
from vangnet.benchmark.exchange_serializers import (
    ExchangePayloadSerializer,
    ExchangeResultSerializer,
)
from vangnet.benchmark.hub_services import figures_receive, sender_for_key
from vangnet.benchmark.models import HubSender

MAX_BODY_BYTES = 2_000_000


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


class HubSenderAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>` of a registered, not revoked sender."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if len(header) != 2 or header[0].decode("latin-1").lower() not in ("bearer", "token"):
            raise exceptions.AuthenticationFailed(
                _("Stuur de sleutel van deze afzender mee: 'Authorization: Bearer <sleutel>'.")
            )
        try:
            sender = sender_for_key(header[1].decode("ascii"))
        except UnicodeDecodeError:
            sender = None
        if sender is None:
            _audit_failure(request, "unknown or revoked benchmark hub sender token")
            raise exceptions.AuthenticationFailed(
                _("Onbekende of ingetrokken sleutel: deze hub kent deze afzender niet.")
            )
        return AnonymousUser(), sender

    def authenticate_header(self, request) -> str:
        return "Bearer"


class HubSenderScheme(OpenApiAuthenticationExtension):
    target_class = "vangnet.api.benchmark_views.HubSenderAuthentication"
    name = "hubSenderAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "The token a hub's operator made for a sending installation.",
        }


class IsHubSender(BasePermission):
    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, HubSender)


class ExchangeView(BaseApiView):
    authentication_classes = [HubSenderAuthentication]
    permission_classes = [IsHubSender]
    throttle_classes = [ApiAnonThrottle]

    def initial(self, request, *args, **kwargs):
        if not settings.VANGNET_BENCHMARK_HUB:
            raise Http404
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_BODY_BYTES:
            raise PayloadTooLarge(_("Het bericht is te groot voor de benchmark-hub."))
        super().initial(request, *args, **kwargs)

    @extend_schema(
        tags=["benchmark"],
        summary="Receive a sending installation's benchmark figures (hub mode only)",
        description=(
            "The versioned exchange format between Vangnet installations: per quarter and "
            "participating organisation (an opaque reference) the histograms per phase and "
            "figure, after the sender's small-cell suppression. Each send replaces the "
            "sender's figures of the quarters in it; `withdrawn` removes organisations."
        ),
        request=ExchangePayloadSerializer,
        responses={
            200: ExchangeResultSerializer,
            400: BAD_REQUEST,
            401: UNAUTHORIZED,
            404: OpenApiResponse(ErrorSerializer, description="This installation is no hub."),
            413: OpenApiResponse(ErrorSerializer, description="The body is too large."),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = ExchangePayloadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        sender = request.auth
        assert isinstance(sender, HubSender)  # IsHubSender
        result = figures_receive(sender=sender, payload=serializer.validated_data)
        return Response(ExchangeResultSerializer(result).data)
