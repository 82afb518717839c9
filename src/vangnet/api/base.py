"""The base view of every API endpoint: the answer's language and the shared error
responses of the schema."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header
from drf_spectacular.utils import OpenApiResponse
from rest_framework.views import APIView

from vangnet.api.serializers import FIELD_ERRORS_SCHEMA, ErrorSerializer


def api_language(request) -> str | None:
    """The first language of Accept-Language that Vangnet speaks; None without one (then
    the interface language applies: Dutch unless the user chose another)."""
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:200]
    available = {code for code, _name in settings.LANGUAGES}
    for code, _quality in parse_accept_lang_header(header):
        base = code.split("-")[0].lower()
        if base in available:
            return base
    return None


class LanguageMixin:
    """Answer in the language the client asks for with Accept-Language (nl or en)."""

    def dispatch(self, request, *args, **kwargs):
        language = api_language(request)
        if language is None:
            response = super().dispatch(request, *args, **kwargs)
        else:
            with translation.override(language):
                response = super().dispatch(request, *args, **kwargs)
                response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language",))
        return response


class BaseApiView(LanguageMixin, APIView):
    pass


UNAUTHORIZED = OpenApiResponse(
    ErrorSerializer, description="No, unknown, revoked or expired token."
)
FORBIDDEN = OpenApiResponse(ErrorSerializer, description="The role may not do this.")
NOT_FOUND = OpenApiResponse(ErrorSerializer, description="Not found or outside your scope.")
BAD_REQUEST = OpenApiResponse(FIELD_ERRORS_SCHEMA, description="Bad input: messages per field.")
COMMON = {401: UNAUTHORIZED, 403: FORBIDDEN}
SCOPED = {401: UNAUTHORIZED, 403: FORBIDDEN, 404: NOT_FOUND}
