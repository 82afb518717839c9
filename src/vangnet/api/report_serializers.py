"""Output of the report endpoints (figures only, no people)."""

from __future__ import annotations

from rest_framework import serializers

from vangnet.core.serializers import SafeTextSerializer


class FigureRowSerializer(SafeTextSerializer):
    network_id = serializers.IntegerField()
    name = serializers.CharField()
    location = serializers.CharField(allow_blank=True)
    start_date = serializers.DateField()
    phase = serializers.CharField(allow_null=True)
    planned_phase = serializers.CharField(allow_null=True)
    phase_on_plan = serializers.BooleanField()
    target = serializers.IntegerField()
    steady = serializers.IntegerField()
    taking_part = serializers.IntegerField()
    reached = serializers.IntegerField()
    long_term = serializers.IntegerField()
    acquainted = serializers.IntegerField()
    became_steady = serializers.IntegerField()
    dropouts = serializers.IntegerField()
    returns = serializers.IntegerField()
    sessions = serializers.IntegerField()
    present_marks = serializers.IntegerField()
    expected_marks = serializers.IntegerField()
    conversion = serializers.FloatField(allow_null=True)
    long_term_share = serializers.FloatField(allow_null=True)
    attendance_rate = serializers.FloatField(allow_null=True)
    present_per_week = serializers.FloatField(allow_null=True)
    hours = serializers.FloatField(help_text="Registered hours of all workers.")
    norm_hours = serializers.FloatField(
        help_text="The norm over the registered weeks (a week without hours is unknown)."
    )
    norm_weeks = serializers.IntegerField(
        help_text="Complete weeks of the period since the network's start."
    )
    registered_weeks = serializers.IntegerField(
        help_text="Of those weeks, the ones with hours registered (0 hours counts)."
    )
    registration_share = serializers.FloatField(
        allow_null=True, help_text="registered_weeks / norm_weeks."
    )
    hours_on_plan = serializers.BooleanField(
        allow_null=True, help_text="hours >= norm_hours; null without registered weeks."
    )
    on_plan = serializers.BooleanField()


class FigureTotalsSerializer(SafeTextSerializer):
    networks = serializers.IntegerField()
    on_plan = serializers.IntegerField()
    target = serializers.IntegerField()
    steady = serializers.IntegerField()
    taking_part = serializers.IntegerField()
    reached = serializers.IntegerField()
    long_term = serializers.IntegerField()
    acquainted = serializers.IntegerField()
    became_steady = serializers.IntegerField()
    dropouts = serializers.IntegerField()
    returns = serializers.IntegerField()
    sessions = serializers.IntegerField()
    present_marks = serializers.IntegerField()
    expected_marks = serializers.IntegerField()
    conversion = serializers.FloatField(allow_null=True)
    long_term_share = serializers.FloatField(allow_null=True)
    attendance_rate = serializers.FloatField(allow_null=True)
    present_per_week = serializers.FloatField()
    hours = serializers.FloatField()
    norm_hours = serializers.FloatField(help_text="The norm over the registered weeks.")
    norm_weeks = serializers.IntegerField()
    registered_weeks = serializers.IntegerField()
    registration_share = serializers.FloatField(allow_null=True)


class OrganisationFiguresSerializer(SafeTextSerializer):
    start = serializers.DateField()
    end = serializers.DateField()
    as_of = serializers.DateField()
    totals = FigureTotalsSerializer()
    networks = FigureRowSerializer(many=True)


# --------------------------------------------------------------------------- municipality


class CellSerializer(SafeTextSerializer):
    """A published figure. A hidden figure (small-cell suppression) has `value` null and
    `hidden` "primary" (fewer than k people) or "secondary" (would reveal a hidden one)."""

    value = serializers.FloatField(allow_null=True)
    hidden = serializers.ChoiceField(choices=["", "primary", "secondary"])
    text = serializers.CharField(help_text='As printed: "< 5", "x", "–" or the number.')


class TableSerializer(SafeTextSerializer):
    rows = serializers.ListField(child=serializers.CharField())
    columns = serializers.ListField(child=serializers.CharField())
    cells = serializers.ListField(child=CellSerializer(many=True))
    row_totals = CellSerializer(many=True, allow_null=True)
    column_totals = CellSerializer(many=True, allow_null=True)
    total = CellSerializer(allow_null=True)


class OutcomeSerializer(SafeTextSerializer):
    n = CellSerializer()
    mean_then = CellSerializer()
    mean_now = CellSerializer()
    mean_change = CellSerializer()
    improved_share = CellSerializer()


class AreaRowSerializer(SafeTextSerializer):
    area = serializers.CharField()
    sessions = serializers.IntegerField()
    attendance = CellSerializer(help_text="Average number present per session.")


class NeighbourhoodSessionsSerializer(SafeTextSerializer):
    area = serializers.CharField()
    sessions = serializers.IntegerField(help_text="Sessions with an output for the neighbourhood.")


class MunicipalityFiguresSerializer(SafeTextSerializer):
    period = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    as_of = serializers.DateField()
    area = serializers.CharField(allow_null=True)
    k = serializers.IntegerField(help_text="Counts below k are hidden.")
    networks_total = serializers.IntegerField()
    phases = TableSerializer()
    people = TableSerializer()
    ties = TableSerializer()
    areas = AreaRowSerializer(many=True)
    sessions_total = serializers.IntegerField(allow_null=True)
    attendance_total = CellSerializer(allow_null=True)
    outcome = OutcomeSerializer(allow_null=True)
    outcome_available = serializers.BooleanField()
    neighbourhood = TableSerializer(
        allow_null=True,
        help_text="What the activities for the neighbourhood produced per area: visits of "
        "neighbourhood residents and each kind of result (sums over sessions; suppressed).",
    )
    neighbourhood_sessions = NeighbourhoodSessionsSerializer(many=True)
    neighbourhood_sessions_total = serializers.IntegerField(allow_null=True)


class MunicipalityQuerySerializer(SafeTextSerializer):
    period = serializers.CharField(
        required=False,
        max_length=10,
        help_text='A year ("2026") or a quarter ("2026-K2"). Default: the last full quarter.',
    )
    area = serializers.CharField(
        required=False, max_length=200, help_text="One area; default all areas."
    )
