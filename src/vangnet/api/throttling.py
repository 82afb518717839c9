"""API rate limits (DRF throttling) on Django's default cache: shared by every worker and
server when VANGNET_CACHE_URL names a Redis. A signed-in user (token or session) is counted
by account, an anonymous request by the client's address (the same rule as the audit trail:
`audit.services.client_ip`). Rates: `settings.VANGNET_API_RATES`; over the limit the API
answers 429 with Retry-After."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from vangnet.audit.services import client_ip


class _SettingsRate:
    def get_rate(self):
        return settings.VANGNET_API_RATES.get(self.scope)

    def get_ident(self, request):
        return client_ip(request) or "unknown"


class ApiUserThrottle(_SettingsRate, UserRateThrottle):
    scope = "user"


class ApiAnonThrottle(_SettingsRate, AnonRateThrottle):
    scope = "anon"
