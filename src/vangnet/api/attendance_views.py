"""The write endpoint: record a session's attendance and contributions through the same
service as the session screen (networks.sessions.services.session_record_attendance),
with the same merge rule: send the state you read (GET) as `base_*` and `version`; only
your changes against it are applied, so two people saving at once keep each other's marks.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from vangnet.api.base import BAD_REQUEST, SCOPED, BaseApiView
from vangnet.api.models import TokenScope
from vangnet.api.serializers import (
    AttendanceInputSerializer,
    AttendanceResultSerializer,
    AttendanceStateSerializer,
)
from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, network_for
from vangnet.networks.sessions.selectors import session_get, session_screen
from vangnet.networks.sessions.services import AttendanceMarks, session_record_attendance


def _pairs(items) -> list[tuple[int, str]]:
    return [(item["participant_id"], item["task"]) for item in items]


def _absences(items) -> list[tuple[int, str]]:
    return [(item["participant_id"], " ".join(item.get("reason", "").split())) for item in items]


class SessionAttendanceView(BaseApiView):
    # A token may record attendance here only with the scope "read + record attendance".
    token_write_scope = TokenScope.ATTENDANCE

    @extend_schema(
        tags=["sessions"],
        summary="Read a session as the session screen shows it",
        responses={200: AttendanceStateSerializer, **SCOPED},
    )
    def get(self, request: Request, network_id: int, session_id: int) -> Response:
        network = network_for(request.user, network_id, Cap.RECORD_SESSIONS)
        session = session_get(network=network, session_id=session_id)
        screen = session_screen(session=session)
        audit_record(actor=request.user, action="view", obj=session, request=request)
        data = {
            "session_id": session.pk,
            "date": session.date,
            "version": session.version,
            "note": session.note,
            "present": sorted(screen.stored.present),
            "contributions": [
                {"participant_id": pid, "task": task}
                for pid, task in sorted(screen.stored.contributions)
            ],
            "absent": [
                {"participant_id": pid, "reason": reason}
                for pid, reason in sorted(screen.stored.absent)
            ],
            "reasons": screen.reasons,
            "tasks": screen.tasks,
            "participants": [
                {
                    "id": row.participant.pk,
                    "display_name": row.participant.display_name,
                    "is_new": row.is_new,
                    "is_coming": row.is_coming,
                    "options": row.options,
                }
                for row in screen.rows
            ],
        }
        return Response(AttendanceStateSerializer(data).data)

    @extend_schema(
        tags=["sessions"],
        summary="Record attendance, contributions and announced absences (merge-safe)",
        request=AttendanceInputSerializer,
        responses={200: AttendanceResultSerializer, 400: BAD_REQUEST, **SCOPED},
        examples=[
            OpenApiExample(
                "Mark two people present, one cooked",
                value={
                    "version": 3,
                    "base_present": [12],
                    "base_contributions": [],
                    "base_note": "",
                    "present": [12, 14],
                    "contributions": [{"participant_id": 14, "task": "koken"}],
                    "absent": [{"participant_id": 15, "reason": "ziek"}],
                    "note": "Gezellige soep.",
                    "newcomers": ["Ans"],
                },
                request_only=True,
            )
        ],
    )
    def post(self, request: Request, network_id: int, session_id: int) -> Response:
        network = network_for(request.user, network_id, Cap.RECORD_SESSIONS)
        session = session_get(network=network, session_id=session_id)
        form = AttendanceInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        # A ValidationError of the service becomes a 400 with its field messages
        # (vangnet.api.errors); the service runs in one transaction, so nothing is saved.
        result = session_record_attendance(
            session=session,
            marks=AttendanceMarks.build(
                data["present"], _pairs(data["contributions"]), _absences(data["absent"])
            ),
            note=data["note"],
            base_marks=AttendanceMarks.build(
                data["base_present"],
                _pairs(data["base_contributions"]),
                _absences(data["base_absent"]),
            ),
            base_note=data["base_note"],
            base_version=data["version"],
            newcomers=data["newcomers"],
            recorded_by=request.user,
            request=request,
        )
        payload = {
            "session_id": result.session.pk,
            "version": result.session.version,
            "present_count": result.present_count,
            "contribution_count": result.contribution_count,
            "absent_count": result.absent_count,
            "added": result.added,
            "removed": result.removed,
            "contributions_added": result.contributions_added,
            "contributions_removed": result.contributions_removed,
            "newcomers": [
                {"id": person.pk, "display_name": person.display_name}
                for person in result.newcomers
            ],
            "merged": result.merged,
            "note_conflict": result.note_conflict,
        }
        return Response(AttendanceResultSerializer(payload).data)
