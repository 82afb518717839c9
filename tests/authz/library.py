"""Authorization routes of the shared library (see tests/authz/__init__.py).

Publications are readable across organisations ("none": the foreign worker reads the
world's publication and could adopt it); withdrawing, a meeting hosted by the world's
organisation and an adopted copy belong to that organisation."""

import datetime as dt

from django.utils import timezone

from tests.authz import Route
from vangnet.core.permissions import Cap

READ, SHARE, CP = Cap.READ_LIBRARY, Cap.SHARE_LIBRARY, Cap.COMMUNITY_OF_PRACTICE

ROUTES: dict[str, Route] = {
    "library:index": Route(READ, "none"),
    "library:publish": Route(SHARE, "none", ("get", "post")),
    "library:detail": Route(READ, "none"),
    "library:adopt": Route(SHARE, "none", ("post",)),
    "library:withdraw": Route(SHARE, "organisation", ("post",)),
    "library:adopted": Route(READ, "organisation"),
    "library:meeting_list": Route(CP, "none"),
    "library:meeting_create": Route(SHARE, "none", ("get", "post")),
    "library:meeting_detail": Route(CP, "organisation"),
    "library:meeting_answer": Route(SHARE, "organisation", ("post",)),
    "library:meeting_register": Route(CP, "organisation", ("post",)),
    "library:meeting_attendance": Route(SHARE, "organisation", ("post",)),
}


def extend_world(world: dict) -> None:
    """A publication of the world's organisation, a checklist adopted by it from a third
    organisation, and a meeting it hosts with that third organisation invited."""
    from tests.factories import OrganisationFactory
    from vangnet.library.models import Adoption, Invitation, Kind, Publication, SharedMeeting

    organisation = world["organisation"]
    third = OrganisationFactory()
    publication = Publication.objects.create(
        organisation=organisation, kind=Kind.LESSON, title="Les", text="Tekst", credit="Wereld"
    )
    elsewhere = Publication.objects.create(
        organisation=third,
        kind=Kind.CHECKLIST,
        title="Lijst",
        text="Tekst",
        content={"groups": [{"title": "", "items": ["Eén"]}]},
        credit="Derde",
    )
    adoption = Adoption.objects.create(
        publication=elsewhere,
        organisation=organisation,
        title="Lijst",
        content=elsewhere.content,
        credit="Derde",
    )
    meeting = SharedMeeting.objects.create(
        organisation=organisation,
        kind="meeting",
        date=timezone.localdate() - dt.timedelta(days=7),
        title="Samen",
        place="Buurthuis",
    )
    Invitation.objects.create(meeting=meeting, organisation=third)
    world["kwargs"]["publication_id"] = publication.pk
    world["kwargs"]["adoption_id"] = adoption.pk
    world["kwargs"]["shared_meeting_id"] = meeting.pk
