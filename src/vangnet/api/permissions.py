"""What an API token may do: every token reads (within its user's rights); only a token
with the scope "read + record attendance" may write, and only to an endpoint that says it
records attendance (`token_write_scope`). Requests signed in with a session are not
limited here: the role's capabilities decide, as on the pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, BasePermission

from vangnet.api.models import ApiToken


class TokenScopePermission(BasePermission):
    message = _(
        "Deze sleutel mag alleen lezen. Maak een sleutel die ook aanwezigheid mag vastleggen."
    )

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken) or request.method in SAFE_METHODS:
            return True
        return token.scope == getattr(view, "token_write_scope", None)
