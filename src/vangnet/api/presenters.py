"""Domain objects (read through other apps' selectors) as the plain dicts the serializers
describe. Nothing here reads the database except through those selectors."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from vangnet.networks.models import AnnouncedAbsence, Network, Session
from vangnet.networks.phases import PhaseTimeline
from vangnet.participants.models import RouteStage

STAGE_LABELS = dict(RouteStage.choices)


def timeline_data(timeline: PhaseTimeline) -> dict:
    current = timeline.current_span
    return {
        "phase": current.phase.value if current else None,
        "phase_label": str(current.phase.label) if current else None,
        "phases": [
            {
                "phase": span.phase.value,
                "label": str(span.phase.label),
                "planned_start": span.planned_start,
                "planned_end": span.planned_end,
                "actual_start": span.actual_start,
                "actual_end": span.actual_end,
                "source": span.source,
                "is_current": span.is_current,
                "is_past": span.is_past,
            }
            for span in timeline.spans
        ],
    }


def network_data(network: Network, timeline: PhaseTimeline) -> dict:
    return {
        "id": network.pk,
        "name": network.name,
        "neighbourhood": network.neighbourhood,
        "location_name": network.location.name if network.location is not None else None,
        "start_date": network.start_date,
        "target_core_size": network.target_core_size,
        **timeline_data(timeline),
    }


def sessions_with_counts(*, network: Network):
    """The network's sessions, newest first, with present and contribution counts (one
    query per page, plus one for the activities)."""
    return (
        Session.objects.filter(network=network)
        .annotate(
            present_count=Count("attendances", distinct=True),
            contribution_count=Count("contributions", distinct=True),
            absent_count=Count("announced_absences", distinct=True),
        )
        .prefetch_related("activities")
        .order_by("-date", "-id")
    )


def session_data(session: Any) -> dict:  # a Session with present_count, contribution_count
    return {
        "id": session.pk,
        "date": session.date,
        "title": session.title,
        "is_one_off": session.is_one_off,
        "recorded": session.recorded,
        "activities": [activity.name for activity in session.activities.all()],
        "present_count": session.present_count,
        "contribution_count": session.contribution_count,
        "absent_count": session.absent_count,
    }


def absence_counts(*, network: Network) -> dict[int, int]:
    """Announced absences per participant of the network (one query)."""
    return dict(
        AnnouncedAbsence.objects.filter(session__network=network)
        .values_list("participant_id")
        .annotate(n=Count("id"))
        .values_list("participant_id", "n")
    )


def route_data(person, absences: dict[int, int] | None = None) -> dict:
    route = person.route
    share = route.attendance_share
    return {
        "participant_id": person.pk,
        "display_name": person.display_name,
        "stage": route.current,
        "stage_label": str(STAGE_LABELS.get(route.current, route.current)),
        "first_visit": route.first_visit,
        "last_visit": route.last_visit,
        "visits": route.visits,
        "long_term_since": route.long_term_since,
        "missed_in_a_row": route.missed_in_a_row,
        "attendance_share": None if share is None else round(share, 4),
        "announced_absences": (absences or {}).get(person.pk, 0),
        "steps": [
            {
                "stage": step.stage,
                "label": str(STAGE_LABELS.get(step.stage, step.stage)),
                "start": step.start,
                "derived": step.derived,
            }
            for step in route.steps
        ],
    }


def tie_data(tie) -> dict:
    return {
        "id": tie.pk,
        "giver_id": tie.giver_id,
        "giver_name": tie.giver.display_name,
        "receiver_id": tie.receiver_id,
        "receiver_name": tie.receiver.display_name,
        "support_type": tie.support_type,
        "support_type_label": str(tie.get_support_type_display()),
        "date": tie.date,
        "outside_hours": tie.outside_hours,
        "note": tie.note,
    }


def measures_data(measures) -> dict:
    """Figures only: the isolates as a number, never participant ids."""
    return {
        "nodes": measures.nodes,
        "tie_count": measures.tie_count,
        "ties_per_type": dict(measures.ties_per_type),
        "edges": measures.edges,
        "reciprocity": None if measures.reciprocity is None else round(measures.reciprocity, 4),
        "density": round(measures.density, 4),
        "isolates": len(measures.isolates),
        "components": measures.components,
        "average_degree": round(measures.average_degree, 4),
    }
