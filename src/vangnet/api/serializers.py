"""Explicit serializers of the API: output shapes (read-only, filled from selectors) and the
input of the one write endpoint. No ModelSerializer with `__all__`: every field is named."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from vangnet.api.neighbourhood_serializers import SessionOutputSerializer
from vangnet.core.serializers import SafeTextSerializer
from vangnet.networks.sessions.absences import REASON_MAX_LENGTH
from vangnet.networks.sessions.services import (
    CONTRIBUTION_MAX_LENGTH,
    NEWCOMER_MAX_LENGTH,
    NOTE_MAX_LENGTH,
)

MAX_ID = 2**62
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2999, 12, 31)
MAX_MARKS = 1000
MAX_NEWCOMERS = 50


# --------------------------------------------------------------------------- networks


class PhaseSpanSerializer(SafeTextSerializer):
    phase = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named "label"
    planned_start = serializers.DateField(allow_null=True)
    planned_end = serializers.DateField(allow_null=True)
    actual_start = serializers.DateField(allow_null=True)
    actual_end = serializers.DateField(allow_null=True)
    source = serializers.ChoiceField(choices=["recorded", "plan"])  # type: ignore[assignment]
    is_current = serializers.BooleanField()
    is_past = serializers.BooleanField()


class NetworkSerializer(SafeTextSerializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    neighbourhood = serializers.CharField()
    location_name = serializers.CharField(allow_null=True)
    start_date = serializers.DateField()
    target_core_size = serializers.IntegerField()
    phase = serializers.CharField(allow_null=True, help_text="Current phase; null before start.")
    phase_label = serializers.CharField(allow_null=True)
    phases = PhaseSpanSerializer(many=True)


# --------------------------------------------------------------------------- sessions


class SessionSerializer(SafeTextSerializer):
    id = serializers.IntegerField()
    date = serializers.DateField()
    title = serializers.CharField()
    is_one_off = serializers.BooleanField()
    recorded = serializers.BooleanField()
    activities = serializers.ListField(child=serializers.CharField())
    present_count = serializers.IntegerField()
    contribution_count = serializers.IntegerField()
    absent_count = serializers.IntegerField(
        help_text="Announced absences (afgemeld): absent for attendance figures."
    )


class AttendeeSerializer(SafeTextSerializer):
    participant_id = serializers.IntegerField()
    display_name = serializers.CharField()
    contributions = serializers.ListField(child=serializers.CharField())


class AbsenteeSerializer(SafeTextSerializer):
    participant_id = serializers.IntegerField()
    display_name = serializers.CharField()
    reason = serializers.CharField(allow_blank=True)


class SessionDetailSerializer(SessionSerializer):
    participants_visible = serializers.BooleanField(
        help_text="False for roles that may not see participants: `attendance` is empty."
    )
    attendance = AttendeeSerializer(many=True)
    absences = AbsenteeSerializer(
        many=True, help_text="Announced absences; empty for roles that may not see participants."
    )
    neighbourhood = SessionOutputSerializer(
        allow_null=True,
        help_text="What the session produced for the neighbourhood (null: nothing recorded).",
    )


class ContributionSerializer(SafeTextSerializer):
    participant_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    task = serializers.CharField(max_length=CONTRIBUTION_MAX_LENGTH, allow_blank=False)


class AbsenceSerializer(SafeTextSerializer):
    """An announced absence (afgemeld): the participant and a reason from the organisation's
    list (`reasons` of GET), or an empty reason."""

    participant_id = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    reason = serializers.CharField(
        max_length=REASON_MAX_LENGTH, allow_blank=True, required=False, default=""
    )


class ScreenParticipantSerializer(SafeTextSerializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField()
    is_new = serializers.BooleanField(help_text="First visit (no earlier attendance).")
    is_coming = serializers.BooleanField()
    options = serializers.ListField(child=serializers.CharField())


class AttendanceStateSerializer(SafeTextSerializer):
    """The session as the session screen shows it: send `version`, `present`,
    `contributions` and `note` back as the `base_*` fields when you save."""

    session_id = serializers.IntegerField()
    date = serializers.DateField()
    version = serializers.IntegerField()
    note = serializers.CharField(allow_blank=True)
    present = serializers.ListField(child=serializers.IntegerField())
    contributions = ContributionSerializer(many=True)
    absent = AbsenceSerializer(many=True, help_text="Announced absences (afgemeld).")
    reasons = serializers.ListField(
        child=serializers.CharField(),
        help_text="The organisation's reasons an absence may have (besides an empty one).",
    )
    tasks = serializers.ListField(child=serializers.CharField())
    participants = ScreenParticipantSerializer(many=True)


def _id_list(help_text: str):
    return serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        default=list,
        max_length=MAX_MARKS,
        help_text=help_text,
    )


class AttendanceInputSerializer(SafeTextSerializer):
    """A save of the session screen. `base_*` and `version` are the state you read with GET;
    only your changes against that state are applied (merge-safe)."""

    safe_text_exempt = ("base_contributions", "base_absent", "base_note")

    version = serializers.IntegerField(
        min_value=0,
        max_value=10**9,
        help_text="The session's version when you read it.",
        error_messages={
            "required": _("Stuur de versie van de bijeenkomst mee (lees die met GET).")
        },
    )
    present = _id_list("Participant ids present (what you want now).")
    contributions = ContributionSerializer(many=True, required=False, default=list)
    note = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=NOTE_MAX_LENGTH,
        trim_whitespace=False,
    )
    base_present = _id_list("`present` as you read it.")
    base_contributions = ContributionSerializer(many=True, required=False, default=list)
    base_note = serializers.CharField(
        required=False,
        default="",
        allow_blank=True,
        max_length=NOTE_MAX_LENGTH,
        trim_whitespace=False,
    )
    absent = AbsenceSerializer(
        many=True,
        required=False,
        default=list,
        help_text=(
            "Announced absences (what you want now): the person is not present and is not "
            "counted as a missed session for follow-up calls. Presence wins over an absence."
        ),
    )
    base_absent = AbsenceSerializer(many=True, required=False, default=list)
    newcomers = serializers.ListField(
        child=serializers.CharField(max_length=NEWCOMER_MAX_LENGTH),
        required=False,
        default=list,
        max_length=MAX_NEWCOMERS,
        help_text="First names of people who came for the first time; they are added present.",
    )

    def validate_contributions(self, value):
        if len(value) > MAX_MARKS:
            raise serializers.ValidationError(_("Te veel bijdragen in één keer."))
        return value

    def validate_base_contributions(self, value):
        return self.validate_contributions(value)

    def validate_absent(self, value):
        if len(value) > MAX_MARKS:
            raise serializers.ValidationError(_("Te veel afmeldingen in één keer."))
        ids = [item["participant_id"] for item in value]
        if len(ids) != len(set(ids)):
            raise serializers.ValidationError(
                _("Iedereen kan maar één keer afgemeld zijn: een deelnemer staat er dubbel in.")
            )
        return value

    def validate_base_absent(self, value):
        return self.validate_absent(value)


class NewcomerSerializer(SafeTextSerializer):
    id = serializers.IntegerField()
    display_name = serializers.CharField()


class AttendanceResultSerializer(SafeTextSerializer):
    session_id = serializers.IntegerField()
    version = serializers.IntegerField()
    present_count = serializers.IntegerField()
    contribution_count = serializers.IntegerField()
    added = serializers.IntegerField()
    removed = serializers.IntegerField()
    contributions_added = serializers.IntegerField()
    contributions_removed = serializers.IntegerField()
    absent_count = serializers.IntegerField()
    newcomers = NewcomerSerializer(many=True)
    merged = serializers.BooleanField(
        help_text="Someone else saved this session after you read it; both changes are kept."
    )
    note_conflict = serializers.BooleanField(
        help_text="Both changed the note: both texts are kept in it."
    )


# --------------------------------------------------------------------------- routes, ties


class RouteStepSerializer(SafeTextSerializer):
    stage = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named "label"
    start = serializers.DateField(allow_null=True)
    derived = serializers.BooleanField()


class ParticipantRouteSerializer(SafeTextSerializer):
    participant_id = serializers.IntegerField()
    display_name = serializers.CharField()
    stage = serializers.CharField()
    stage_label = serializers.CharField()
    first_visit = serializers.DateField(allow_null=True)
    last_visit = serializers.DateField(allow_null=True)
    visits = serializers.IntegerField()
    long_term_since = serializers.DateField(
        allow_null=True,
        help_text="The day the person first counted as long-term (langdurig: longer than "
        "three months without a long pause, in at least three calendar months); null if not.",
    )
    missed_in_a_row = serializers.IntegerField()
    attendance_share = serializers.FloatField(allow_null=True)
    announced_absences = serializers.IntegerField(
        help_text="Sessions this person announced their absence for (afgemeld). They count "
        "as absent in attendance_share, but not in missed_in_a_row for follow-up calls.",
    )
    steps = RouteStepSerializer(many=True)


class SupportTieSerializer(SafeTextSerializer):
    id = serializers.IntegerField()
    giver_id = serializers.IntegerField()
    giver_name = serializers.CharField()
    receiver_id = serializers.IntegerField()
    receiver_name = serializers.CharField()
    support_type = serializers.CharField()
    support_type_label = serializers.CharField()
    date = serializers.DateField()
    outside_hours = serializers.BooleanField()
    note = serializers.CharField(allow_blank=True)


# --------------------------------------------------------------------------- measures


class MeasuresSerializer(SafeTextSerializer):
    nodes = serializers.IntegerField()
    tie_count = serializers.IntegerField()
    ties_per_type = serializers.DictField(child=serializers.IntegerField())
    edges = serializers.IntegerField()
    reciprocity = serializers.FloatField(allow_null=True)
    density = serializers.FloatField()
    isolates = serializers.IntegerField(help_text="Number of active participants without a tie.")
    components = serializers.IntegerField()
    average_degree = serializers.FloatField()


class PeriodMeasuresSerializer(MeasuresSerializer):
    label = serializers.CharField()  # type: ignore[assignment]  # a field named "label"
    start = serializers.DateField()
    end = serializers.DateField()


class NetworkMeasuresSerializer(SafeTextSerializer):
    network_id = serializers.IntegerField()
    period = serializers.ChoiceField(choices=["month", "quarter"])
    start = serializers.DateField()
    end = serializers.DateField()
    total = MeasuresSerializer()
    periods = PeriodMeasuresSerializer(many=True)


class PeriodQuerySerializer(SafeTextSerializer):
    """Query parameters of a period: `start` and `end` (YYYY-MM-DD, inclusive)."""

    start = serializers.DateField(required=False, help_text="First day (YYYY-MM-DD).")
    end = serializers.DateField(required=False, help_text="Last day (YYYY-MM-DD).")

    def _in_range(self, value):
        if value is not None and not EARLIEST <= value <= LATEST:
            raise serializers.ValidationError(
                _("Kies een datum tussen %(first)s en %(last)s.")
                % {"first": EARLIEST.isoformat(), "last": LATEST.isoformat()}
            )
        return value

    def validate_start(self, value):
        return self._in_range(value)

    def validate_end(self, value):
        return self._in_range(value)

    def validate(self, attrs):
        start, end = attrs.get("start"), attrs.get("end")
        if start and end and start > end:
            raise serializers.ValidationError({"end": [_("Het einde ligt voor het begin.")]})
        return attrs


class MeasuresQuerySerializer(PeriodQuerySerializer):
    period = serializers.ChoiceField(
        choices=[("month", _("maand")), ("quarter", _("kwartaal"))],
        required=False,
        default="quarter",
    )


# --------------------------------------------------------------------------- errors


class ErrorSerializer(SafeTextSerializer):
    detail = serializers.CharField()


# Raw schema of a 400 answer: field name -> list of messages.
FIELD_ERRORS_SCHEMA = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {"version": ["Dit veld is vereist."]},
}
