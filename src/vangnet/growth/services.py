"""Writes of the worker's growth: self-assessments, coaching notes, library resources.

Each write checks who may make it (the rules below, also in docs/worker-growth.md), validates
in Dutch, runs in one transaction and leaves an audit record. A self-assessment is written
only by the worker themself; a coaching note by its coach or worker, or by someone who coaches
workers (a coordinator); a resource by anyone in the community of practice, changed by its
author or a coordinator."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, has_cap
from vangnet.core.text import validate_safe_text
from vangnet.growth.files import MAX_RESOURCE_BYTES, file_type, resource_storage, stored_name
from vangnet.growth.models import (
    SCORE_MAX,
    SCORE_MIN,
    CoachingNote,
    Resource,
    ResourceKind,
    SelfAssessment,
    Trait,
)

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.core.typing import Member as User
    from vangnet.networks.models import Network

MAX_TEXT = 4000


def _check_date(errors: dict[str, str], day: dt.date, today: dt.date) -> None:
    if day > today:
        errors["date"] = _("De datum ligt in de toekomst.")
    elif day.year < 2000:
        errors["date"] = _("Kies een datum vanaf 2000.")


def _check_text(errors: dict[str, str], field: str, text: str, *, required: bool = False) -> None:
    if required and not text.strip():
        errors[field] = _("Vul dit in.")
    elif len(text) > MAX_TEXT:
        errors[field] = _("Gebruik hoogstens 4000 tekens.")
    else:
        try:
            validate_safe_text(text)
        except ValidationError as exc:
            errors[field] = exc.messages[0]


def clean_scores(scores: dict[str, Any]) -> dict[str, int]:
    """Every trait of the profile with a whole score from 1 to 5, or a ValidationError."""
    cleaned: dict[str, int] = {}
    for trait in Trait:
        value = scores.get(trait.value)
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValidationError(_("Geef bij elk punt van het profiel een score."))
        if not SCORE_MIN <= value <= SCORE_MAX:
            raise ValidationError(_("Een score is 1, 2, 3, 4 of 5."))
        cleaned[trait.value] = value
    unknown = set(scores) - set(Trait.values)
    if unknown:
        raise ValidationError(_("Deze punten staan niet in het profiel."))
    return cleaned


@transaction.atomic
def assessment_save(
    *,
    worker: User,
    date: dt.date,
    scores: dict[str, Any],
    reflection: str,
    today: dt.date,
    assessment: SelfAssessment | None = None,
    request: HttpRequest | None = None,
) -> SelfAssessment:
    """Save the worker's own self-assessment (new, or a change of one of their own)."""
    if not has_cap(worker, Cap.OWN_GROWTH):
        raise PermissionDenied
    if assessment is not None and assessment.worker_id != worker.pk:
        raise PermissionDenied
    errors: dict[str, str] = {}
    _check_date(errors, date, today)
    _check_text(errors, "reflection", reflection)
    try:
        cleaned = clean_scores(scores)
    except ValidationError as exc:
        errors["scores"] = exc.messages[0]
    same_day = SelfAssessment.objects.filter(worker=worker, date=date)
    if assessment is not None:
        same_day = same_day.exclude(pk=assessment.pk)
    if "date" not in errors and same_day.exists():
        errors["date"] = _("Op deze datum heb je al een zelfbeoordeling. Pas die aan.")
    if errors:
        raise ValidationError(errors)
    created = assessment is None
    if assessment is None:
        assessment = SelfAssessment(organisation_id=worker.organisation_id, worker=worker)
    assessment.date = date
    assessment.scores = cleaned
    assessment.reflection = reflection.strip()
    assessment.save()
    audit_record(
        actor=worker,
        action="create" if created else "update",
        obj=assessment,
        detail="zelfbeoordeling",
        request=request,
    )
    return assessment


@transaction.atomic
def assessment_delete(
    *, assessment: SelfAssessment, actor: User, request: HttpRequest | None = None
) -> None:
    if assessment.worker_id != actor.pk:
        raise PermissionDenied
    audit_record(actor=actor, action="delete", obj=assessment, request=request)
    assessment.delete()


def may_write_note(user: User, note: CoachingNote) -> bool:
    """A coaching note is changed by whoever wrote it or by a coordinator."""
    if user.organisation_id != note.organisation_id:
        return False
    return note.author_id == user.pk or has_cap(user, Cap.COACH_WORKERS)


@transaction.atomic
def coaching_note_save(
    *,
    actor: User,
    worker: User,
    coach: User,
    date: dt.date,
    theme: str,
    next_step: str,
    today: dt.date,
    trait: str = "",
    network: Network | None = None,
    talked_about: str = "",
    next_step_done: bool = False,
    note: CoachingNote | None = None,
    request: HttpRequest | None = None,
) -> CoachingNote:
    """Record (or change) one coaching conversation between a coach and a worker."""
    if note is not None and not may_write_note(actor, note):
        raise PermissionDenied
    if actor.pk not in (worker.pk, coach.pk) and not has_cap(actor, Cap.COACH_WORKERS):
        raise PermissionDenied
    errors: dict[str, str] = {}
    organisation_id = actor.organisation_id
    for field, person in (("worker", worker), ("coach", coach)):
        if person.organisation_id != organisation_id or not has_cap(person, Cap.OWN_GROWTH):
            errors[field] = _("Kies een collega van je eigen organisatie.")
    if "worker" not in errors and worker.pk == coach.pk:
        errors["coach"] = _("De coach is iemand anders dan de werker.")
    if network is not None and network.organisation_id != organisation_id:
        errors["network"] = _("Kies een vangnetwerk van je eigen organisatie.")
    if trait and trait not in Trait.values:
        errors["trait"] = _("Kies een punt uit het profiel.")
    _check_date(errors, date, today)
    theme = " ".join(theme.split())
    _check_text(errors, "theme", theme, required=True)
    if "theme" not in errors and len(theme) > 200:
        errors["theme"] = _("Gebruik hoogstens 200 tekens.")
    _check_text(errors, "talked_about", talked_about)
    _check_text(errors, "next_step", next_step, required=True)
    if errors:
        raise ValidationError(errors)
    created = note is None
    if note is None:
        note = CoachingNote(organisation_id=organisation_id, author=actor)
    note.worker, note.coach, note.date, note.theme = worker, coach, date, theme
    note.trait, note.network = trait, network
    note.talked_about, note.next_step = talked_about.strip(), next_step.strip()
    note.next_step_done = next_step_done
    note.save()
    audit_record(
        actor=actor,
        action="create" if created else "update",
        obj=note,
        detail="coachingsgesprek",
        request=request,
    )
    return note


def may_edit_resource(user: User, resource: Resource) -> bool:
    if user.organisation_id != resource.organisation_id:
        return False
    return resource.author_id == user.pk or has_cap(user, Cap.COACH_WORKERS)


def _checked_upload(upload: UploadedFile) -> str:
    """The upload's type, or a ValidationError in plain Dutch."""
    if upload.size is None or upload.size > MAX_RESOURCE_BYTES:
        raise ValidationError({"file": _("Een bestand is hoogstens 50 MB.")})
    if upload.size == 0:
        raise ValidationError({"file": _("Het bestand is leeg.")})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    content_type = file_type(upload.name or "", head)
    if content_type is None:
        raise ValidationError(
            {"file": _("Kies een PDF, Word- of PowerPoint-bestand, of een video (MP4, WebM).")}
        )
    return content_type


def resource_save(
    *,
    actor: User,
    title: str,
    kind: str,
    description: str = "",
    link: str = "",
    upload: UploadedFile | None = None,
    remove_file: bool = False,
    resource: Resource | None = None,
    request: HttpRequest | None = None,
) -> Resource:
    """Add a resource to the library (or change one): a link, a file, or both. The file is
    stored first; when the row cannot be saved the new file is removed again (nothing
    half-saved), and a replaced file is removed only after the commit."""
    if not has_cap(actor, Cap.COMMUNITY_OF_PRACTICE):
        raise PermissionDenied
    if resource is not None and not may_edit_resource(actor, resource):
        raise PermissionDenied
    errors: dict[str, str] = {}
    title = " ".join(title.split())
    _check_text(errors, "title", title, required=True)
    if "title" not in errors and len(title) > 200:
        errors["title"] = _("Gebruik hoogstens 200 tekens.")
    _check_text(errors, "description", description)
    if kind not in ResourceKind.values:
        errors["kind"] = _("Kies een soort.")
    link = link.strip()
    if link and not link.lower().startswith(("https://", "http://")):
        errors["link"] = _("Een link begint met https://.")
    if errors:
        raise ValidationError(errors)
    content_type = _checked_upload(upload) if upload is not None else ""
    keeps_file = resource is not None and bool(resource.file) and not remove_file
    if not link and upload is None and not keeps_file:
        raise ValidationError(_("Geef een link, een bestand, of allebei."))
    created = resource is None
    if resource is None:
        resource = Resource(organisation_id=actor.organisation_id, author=actor)
    old_file = resource.file.name if resource.file and (upload or remove_file) else ""
    resource.title, resource.kind = title, kind
    resource.description, resource.link = description.strip(), link
    stored = ""
    if upload is not None:
        stored = resource_storage.save(
            stored_name(organisation_id=actor.organisation_id, content_type=content_type),
            upload,
        )
        resource.file.name = stored
        resource.file_type, resource.file_size = content_type, upload.size or 0
    elif remove_file:
        resource.file.name, resource.file_type, resource.file_size = "", "", 0
    try:
        with transaction.atomic():
            resource.save()
            audit_record(
                actor=actor,
                action="create" if created else "update",
                obj=resource,
                detail="bron in de bibliotheek",
                request=request,
            )
            if old_file:
                transaction.on_commit(lambda: resource_storage.delete(old_file))
    except BaseException:
        if stored:
            resource_storage.delete(stored)
        raise
    return resource


@transaction.atomic
def resource_delete(*, resource: Resource, actor: User, request: HttpRequest | None = None) -> None:
    if not may_edit_resource(actor, resource):
        raise PermissionDenied
    name = resource.file.name if resource.file else ""
    audit_record(actor=actor, action="delete", obj=resource, request=request)
    resource.delete()
    if name:
        transaction.on_commit(lambda: resource_storage.delete(name))
