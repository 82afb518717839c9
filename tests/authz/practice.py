"""Authorization routes of the practice area (see tests/authz/__init__.py)."""

import datetime as dt

from tests.authz import Route
from vangnet.core.permissions import Cap

CP = Cap.COMMUNITY_OF_PRACTICE
# An item is changed by its author (the world's lead worker) or a coordinator.
EDITORS = ("lead", "coordinator")

ROUTES: dict[str, Route] = {
    "practice:index": Route(CP, "none"),
    "practice:meeting_create": Route(CP, "none", ("get", "post")),
    "practice:meeting_detail": Route(CP, "organisation"),
    "practice:meeting_edit": Route(CP, "organisation", ("get", "post"), only=EDITORS),
    "practice:lesson_create": Route(CP, "none", ("get", "post")),
    "practice:lesson_detail": Route(CP, "organisation"),
    "practice:lesson_edit": Route(CP, "organisation", ("get", "post"), only=EDITORS),
    "practice:visit_create": Route(CP, "none", ("get", "post")),
    "practice:visit_detail": Route(CP, "organisation"),
    "practice:visit_edit": Route(CP, "organisation", ("get", "post"), only=EDITORS),
}


def extend_world(world: dict) -> None:
    """Add the objects this area's URLs name to the shared world fixture."""
    from vangnet.practice.models import Lesson, Meeting, Theme, WorkVisit

    organisation = world["organisation"]
    lead = world["users"]["lead"]
    day = dt.date(2025, 3, 4)
    meeting = Meeting.objects.create(
        organisation=organisation, date=day, theme=Theme.RECIPROCITY, author=lead
    )
    lesson = Lesson.objects.create(
        organisation=organisation, title="Les", text="Tekst", date=day, author=lead
    )
    visit = WorkVisit.objects.create(
        organisation=organisation, date=day, network=world["network"], seen="Soep", author=lead
    )
    world["kwargs"]["meeting_id"] = meeting.pk
    world["kwargs"]["lesson_id"] = lesson.pk
    world["kwargs"]["visit_id"] = visit.pk
