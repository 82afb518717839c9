"""Authorization routes of the worker's growth (see tests/authz/__init__.py).

The world's lead worker owns the self-assessment and is the worker of the coaching note (the
coordinator coached); the resource is the lead's."""

import datetime as dt

from tests.authz import Route
from vangnet.core.permissions import Cap

OWN = Cap.OWN_GROWTH
CP = Cap.COMMUNITY_OF_PRACTICE

ROUTES: dict[str, Route] = {
    "growth:index": Route(OWN, "none"),
    "growth:assessment_create": Route(OWN, "none", ("get", "post")),
    # Seen by its worker and a coordinator; changed or deleted only by its worker.
    "growth:assessment_detail": Route(OWN, "organisation", only=("lead", "coordinator")),
    "growth:assessment_edit": Route(OWN, "organisation", ("get", "post"), only=("lead",)),
    "growth:assessment_delete": Route(OWN, "organisation", ("get", "post"), only=("lead",)),
    "growth:team": Route(Cap.COACH_WORKERS, "none"),
    "growth:worker": Route(Cap.COACH_WORKERS, "organisation"),
    "growth:coaching_create": Route(OWN, "none", ("get", "post")),
    "growth:coaching_edit": Route(
        OWN, "organisation", ("get", "post"), only=("lead", "coordinator")
    ),
    "growth:resources": Route(CP, "none"),
    "growth:resource_create": Route(CP, "none", ("get", "post")),
    "growth:resource_edit": Route(
        CP, "organisation", ("get", "post"), only=("lead", "coordinator")
    ),
    "growth:resource_delete": Route(
        CP, "organisation", ("get", "post"), only=("lead", "coordinator")
    ),
    "growth:resource_file": Route(CP, "organisation"),
}


def extend_world(world: dict) -> None:
    from django.core.files.base import ContentFile

    from vangnet.growth.files import PDF, resource_storage, stored_name
    from vangnet.growth.models import CoachingNote, Resource, SelfAssessment, Trait

    organisation = world["organisation"]
    lead, coordinator = world["users"]["lead"], world["users"]["coordinator"]
    day = dt.date(2025, 3, 4)
    assessment = SelfAssessment.objects.create(
        organisation=organisation,
        worker=lead,
        date=day,
        scores={trait.value: 3 for trait in Trait},
        reflection="Meer naast de groep staan.",
    )
    note = CoachingNote.objects.create(
        organisation=organisation,
        worker=lead,
        coach=coordinator,
        author=lead,
        date=day,
        theme="Sociaal tolken",
        talked_about="Hoe ik inspring bij ruzie.",
        next_step="Eerst de groep laten reageren.",
    )
    name = resource_storage.save(
        stored_name(organisation_id=organisation.pk, content_type=PDF),
        ContentFile(b"%PDF-1.4 handboek"),
    )
    resource = Resource.objects.create(
        organisation=organisation,
        title="Handboek hoofdstuk 3",
        kind="handbook",
        description="Het model van samenhang.",
        file=name,
        file_type=PDF,
        file_size=17,
        author=lead,
    )
    world["kwargs"]["self_assessment_id"] = assessment.pk
    world["kwargs"]["note_id"] = note.pk
    world["kwargs"]["resource_id"] = resource.pk
