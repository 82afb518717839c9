"""Reads of the worker's growth, scoped to the user's organisation.

Who sees what: a worker sees their own self-assessments and the coaching notes they are the
worker or the coach of; someone who coaches workers (Cap.COACH_WORKERS: a coordinator) sees
every worker's. Anything else answers 404, so another's assessment is not even revealed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404

from vangnet.core.permissions import Cap, has_cap, pk_or_404
from vangnet.growth.models import (
    TRAIT_SHORT,
    CoachingNote,
    Resource,
    ResourceKind,
    SelfAssessment,
    Trait,
)
from vangnet.practice.selectors import colleagues

if TYPE_CHECKING:
    from vangnet.core.typing import Member
    from vangnet.organisations.models import Organisation, User

MAX_QUERY = 100


def coaches_all(user: Member) -> bool:
    return has_cap(user, Cap.COACH_WORKERS)


def worker_for(*, user: Member, worker_id: object) -> User:
    """A worker of the user's organisation whose growth the user may see: themself, or anyone
    for a coordinator; 404 otherwise."""
    pk = pk_or_404(worker_id)
    if pk != user.pk and not coaches_all(user):
        raise Http404
    worker = colleagues(organisation=user.organisation).filter(pk=pk).first()
    if worker is None:
        raise Http404
    return worker


def assessments_of(worker: User) -> QuerySet[SelfAssessment]:
    return SelfAssessment.objects.filter(worker=worker).order_by("-date", "-id")


def assessment_for(*, user: Member, assessment_id: object) -> SelfAssessment:
    query = SelfAssessment.objects.filter(organisation_id=user.organisation_id)
    if not coaches_all(user):
        query = query.filter(worker=user)
    assessment = query.select_related("worker").filter(pk=pk_or_404(assessment_id)).first()
    if assessment is None:
        raise Http404
    return assessment


@dataclass(frozen=True)
class TraitChange:
    trait: str
    label: str
    short: str
    first: int | None
    latest: int | None

    @property
    def change(self) -> int | None:
        if self.first is None or self.latest is None:
            return None
        return self.latest - self.first


@dataclass
class Trend:
    """The first and the latest self-assessment of a worker, trait by trait."""

    first_date: object = None
    latest_date: object = None
    count: int = 0
    traits: list[TraitChange] = field(default_factory=list)


def trend(assessments: list[SelfAssessment]) -> Trend:
    """From a worker's assessments (any order): per trait the first and the latest score."""
    if not assessments:
        return Trend()
    ordered = sorted(assessments, key=lambda item: (item.date, item.pk))
    first, latest = ordered[0], ordered[-1]
    return Trend(
        first_date=first.date,
        latest_date=latest.date,
        count=len(ordered),
        traits=[
            TraitChange(
                trait=trait.value,
                label=str(trait.label),
                short=str(TRAIT_SHORT[trait]),
                first=first.scores.get(trait.value),
                latest=latest.scores.get(trait.value),
            )
            for trait in Trait
        ],
    )


def notes_visible(*, user: Member) -> QuerySet[CoachingNote]:
    notes = CoachingNote.objects.filter(organisation_id=user.organisation_id)
    if not coaches_all(user):
        notes = notes.filter(Q(worker=user) | Q(coach=user))
    return notes.select_related("worker", "coach", "network")


def notes_of(*, user: Member, worker: User) -> QuerySet[CoachingNote]:
    return notes_visible(user=user).filter(worker=worker).order_by("-date", "-id")


def note_for(*, user: Member, note_id: object) -> CoachingNote:
    note = notes_visible(user=user).filter(pk=pk_or_404(note_id)).first()
    if note is None:
        raise Http404
    return note


@dataclass(frozen=True)
class TeamRow:
    worker: User
    assessments: int
    latest_assessment: object
    notes: int
    open_steps: int
    latest_note: object


def team(*, organisation: Organisation) -> list[TeamRow]:
    """One row per worker of the organisation: how often they assessed themself and were
    coached, and the next steps still open. Three queries whatever the team's size."""
    workers = list(colleagues(organisation=organisation))
    assessed = {
        row["worker"]: row
        for row in SelfAssessment.objects.filter(organisation=organisation)
        .values("worker")
        .annotate(count=Count("id"), latest=Max("date"))
    }
    coached = {
        row["worker"]: row
        for row in CoachingNote.objects.filter(organisation=organisation)
        .values("worker")
        .annotate(
            count=Count("id"),
            open=Count("id", filter=Q(next_step_done=False)),
            latest=Max("date"),
        )
    }
    rows = []
    for worker in workers:
        a, c = assessed.get(worker.pk, {}), coached.get(worker.pk, {})
        rows.append(
            TeamRow(
                worker=worker,
                assessments=a.get("count", 0),
                latest_assessment=a.get("latest"),
                notes=c.get("count", 0),
                open_steps=c.get("open", 0),
                latest_note=c.get("latest"),
            )
        )
    return rows


def coach_choices(*, organisation: Organisation | None) -> QuerySet[User]:
    """The colleagues who can coach or be coached (none until the form knows the
    organisation)."""
    if organisation is None:
        return get_user_model().objects.none()
    return colleagues(organisation=organisation)


def resources(*, organisation: Organisation, query: str = "", kind: str = "") -> QuerySet[Resource]:
    items = Resource.objects.filter(organisation=organisation)
    if kind:
        items = items.filter(kind=kind) if kind in ResourceKind.values else items.none()
    query = query.strip()[:MAX_QUERY]
    if query:
        items = items.filter(Q(title__icontains=query) | Q(description__icontains=query))
    return items.select_related("author").order_by("title", "id")


def resource_for(*, user: Member, resource_id: object) -> Resource:
    resource = (
        Resource.objects.filter(organisation_id=user.organisation_id, pk=pk_or_404(resource_id))
        .select_related("author")
        .first()
    )
    if resource is None:
        raise Http404
    return resource
