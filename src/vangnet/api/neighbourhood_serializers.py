"""The serializer of one session's output for the neighbourhood (the session detail and
the network's year, api.neighbourhood_views)."""

from __future__ import annotations

from rest_framework import serializers

from vangnet.core.serializers import SafeTextSerializer
from vangnet.neighbourhood.models import OutputKind


class OutputItemSerializer(SafeTextSerializer):
    kind = serializers.ChoiceField(choices=OutputKind.choices)
    kind_label = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    number = serializers.IntegerField()


class SessionOutputSerializer(SafeTextSerializer):
    session_id = serializers.IntegerField()
    date = serializers.DateField()
    title = serializers.CharField(allow_blank=True)
    guests = serializers.IntegerField(help_text="Guests from the neighbourhood: a count.")
    items = OutputItemSerializer(many=True, help_text="What was made or handed out.")
    partners = serializers.ListField(
        child=serializers.CharField(), help_text="Organisations that helped."
    )
