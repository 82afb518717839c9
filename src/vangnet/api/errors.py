"""Error answers of the API: JSON with Dutch messages (English on `Accept-Language: en`).

- 400: `{"field": ["message", ...], "non_field_errors": [...]}` for bad input;
- 401: no, an unknown, a revoked or an expired token;
- 403: signed in, but the role may not do this (written to the audit trail, as on pages);
- 404: the object does not exist or lies outside the user's scope;
- 405: wrong method.
A Django `ValidationError` from a service becomes a 400 with its field messages.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from vangnet.audit.services import audit_record

# Service error keys that are called differently in the API's input.
FIELD_ALIASES = {"newcomer": "newcomers", "__all__": "non_field_errors"}


def service_errors(exc: DjangoValidationError) -> dict[str, list[str]]:
    """A service's ValidationError as the API's field -> messages."""
    if hasattr(exc, "error_dict"):
        return {FIELD_ALIASES.get(key, key): list(msgs) for key, msgs in exc.message_dict.items()}
    return {"non_field_errors": list(exc.messages)}


def exception_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, DjangoValidationError):
        return Response(service_errors(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Niet gevonden."))
    if isinstance(exc, DjangoPermissionDenied | exceptions.PermissionDenied):
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False):
            audit_record(
                actor=user,
                action="denied",
                detail=(request.method or "")[:10] if request is not None else "",
                request=request,
            )
        if isinstance(exc, DjangoPermissionDenied):
            exc = exceptions.PermissionDenied(_("Je mag dit niet doen."))
    return drf_exception_handler(exc, context)
