"""House rules endpoint: a network's rules, the version in force on a day and every
version (read only; the same right as the rules page, `view_network`)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from vangnet.api.base import BAD_REQUEST, SCOPED, BaseApiView
from vangnet.core.permissions import Cap, network_for
from vangnet.core.serializers import SafeTextSerializer
from vangnet.houserules import selectors
from vangnet.houserules.models import HouseRules


class HouseRulesVersionSerializer(SafeTextSerializer):
    version = serializers.IntegerField()
    agreed_on = serializers.DateField(help_text="The day the group agreed this version.")
    rules = serializers.ListField(child=serializers.CharField(), help_text="One rule per item.")
    recorded_at = serializers.DateTimeField()


class HouseRulesSerializer(SafeTextSerializer):
    network_id = serializers.IntegerField()
    current = HouseRulesVersionSerializer(allow_null=True, help_text="The newest version.")
    in_force_on = serializers.DateField()
    in_force = HouseRulesVersionSerializer(
        allow_null=True, help_text="The version agreed on or before `in_force_on`."
    )
    versions = HouseRulesVersionSerializer(many=True, help_text="Every version, newest first.")


class HouseRulesQuerySerializer(SafeTextSerializer):
    on = serializers.DateField(
        required=False, help_text="Which version was in force on this day (default: today)."
    )

    def validate_on(self, value: dt.date) -> dt.date:
        if not dt.date(2000, 1, 1) <= value <= dt.date(2100, 12, 31):
            raise serializers.ValidationError(_("Kies een datum tussen 2000 en 2100."))
        return value


def version_data(rules: HouseRules | None) -> dict | None:
    if rules is None:
        return None
    return {
        "version": rules.version,
        "agreed_on": rules.agreed_on,
        "rules": rules.rules,
        "recorded_at": rules.created_at,
    }


@extend_schema(
    tags=["networks"],
    parameters=[HouseRulesQuerySerializer],
    responses={200: HouseRulesSerializer, 400: BAD_REQUEST, **SCOPED},
)
class HouseRulesView(BaseApiView):
    """The network's house rules (huisregels): the newest version, the one in force on a
    day (`on`, default today) and every version with the date the group agreed it."""

    def get(self, request: Request, network_id: int) -> Response:
        network = network_for(request.user, network_id, Cap.VIEW_NETWORK)
        query = HouseRulesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        day = query.validated_data.get("on") or timezone.localdate()
        versions = selectors.house_rules_versions(network=network)
        in_force = next(
            (
                v
                for v in sorted(versions, key=lambda v: (v.agreed_on, v.version), reverse=True)
                if v.agreed_on <= day
            ),
            None,
        )
        data = {
            "network_id": network.pk,
            "current": version_data(versions[0] if versions else None),
            "in_force_on": day,
            "in_force": version_data(in_force),
            "versions": [version_data(v) for v in versions],
        }
        return Response(HouseRulesSerializer(data).data)
