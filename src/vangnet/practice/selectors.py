"""Reads of the community of practice, always scoped to the user's organisation.

The whole space is organisation-wide (Cap.COMMUNITY_OF_PRACTICE): every colleague with the
capability reads every item of their organisation. Lists are bounded (`LIMIT` per kind) and
make a fixed number of queries whatever the number of items."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404

from vangnet.networks.models import Network
from vangnet.organisations.models import Role
from vangnet.practice.models import Lesson, Meeting, Theme, WorkVisit

if TYPE_CHECKING:
    from vangnet.organisations.models import Organisation, User

LIMIT = 50
ItemT = TypeVar("ItemT", Meeting, Lesson, WorkVisit)
MAX_QUERY = 100
# Who can take part in the community of practice (attendees, visitors).
PRACTICE_ROLES = (Role.SOCIAL_WORKER, Role.BACKUP_WORKER, Role.COORDINATOR)


def colleagues(*, organisation: Organisation) -> QuerySet[User]:
    """Active staff of the organisation who take part: workers, backup workers, coordinators."""
    return (
        get_user_model()
        .objects.filter(organisation=organisation, is_active=True, role__in=PRACTICE_ROLES)
        .order_by("first_name", "last_name", "username")
    )


def organisation_networks(*, organisation: Organisation | None) -> QuerySet[Network]:
    """Every network of the organisation, by name: a lesson may link to any of them and a
    work visit goes to a network the visitor does not run. Only names are shown."""
    return Network.objects.filter(organisation=organisation).order_by("name")


def meetings(*, organisation: Organisation, query: str = "", theme: str = "") -> QuerySet[Meeting]:
    items = Meeting.objects.filter(organisation=organisation)
    if theme:
        items = items.filter(theme=theme) if theme in Theme.values else items.none()
    if query:
        items = items.filter(
            Q(notes__icontains=query)
            | Q(lessons__icontains=query)
            | Q(theme_other__icontains=query)
        )
    return items.select_related("author").prefetch_related("attendees").order_by("-date", "-id")


def lessons(*, organisation: Organisation, query: str = "", theme: str = "") -> QuerySet[Lesson]:
    """Lessons, newest first. The theme tags are a JSON list; `contains` on JSON is not
    available on SQLite, so the filter matches the quoted value in the stored text (as the
    logbook does; no theme value is part of another)."""
    items = Lesson.objects.filter(organisation=organisation)
    if theme:
        items = (
            items.filter(themes__icontains=f'"{theme}"') if theme in Theme.values else items.none()
        )
    if query:
        items = items.filter(Q(title__icontains=query) | Q(text__icontains=query))
    return items.select_related("author").prefetch_related("networks").order_by("-date", "-id")


def work_visits(
    *, organisation: Organisation, query: str = "", theme: str = ""
) -> QuerySet[WorkVisit]:
    """Work visits have no theme: a theme filter leaves none."""
    items = WorkVisit.objects.filter(organisation=organisation)
    if theme:
        return items.none()
    if query:
        items = items.filter(
            Q(seen__icontains=query)
            | Q(take_home__icontains=query)
            | Q(network__name__icontains=query)
        )
    return (
        items.select_related("author", "network")
        .prefetch_related("visitors")
        .order_by("-date", "-id")
    )


@dataclass(frozen=True)
class SearchResult:
    meetings: list[Meeting]
    lessons: list[Lesson]
    visits: list[WorkVisit]

    @property
    def total(self) -> int:
        return len(self.meetings) + len(self.lessons) + len(self.visits)


def practice_search(
    *, organisation: Organisation, query: str = "", theme: str = ""
) -> SearchResult:
    """One search over meeting notes and lessons, lesson titles and texts and what work
    visitors saw and take home (case-insensitive), with an optional theme filter.
    At most LIMIT items per kind; six queries."""
    query = (query or "").strip()[:MAX_QUERY]
    return SearchResult(
        meetings=list(meetings(organisation=organisation, query=query, theme=theme)[:LIMIT]),
        lessons=list(lessons(organisation=organisation, query=query, theme=theme)[:LIMIT]),
        visits=list(work_visits(organisation=organisation, query=query, theme=theme)[:LIMIT]),
    )


def _get(
    model: type[ItemT],
    *,
    organisation: Organisation,
    item_id: int | str,
    related: tuple[str, ...],
    many: tuple[str, ...],
) -> ItemT:
    try:
        return (
            model.objects.select_related(*related)
            .prefetch_related(*many)
            .get(organisation=organisation, pk=int(item_id))
        )
    except (ValueError, TypeError, OverflowError, model.DoesNotExist) as exc:
        raise Http404 from exc


def meeting_get(*, organisation: Organisation, meeting_id: int | str) -> Meeting:
    return _get(
        Meeting,
        organisation=organisation,
        item_id=meeting_id,
        related=("author",),
        many=("attendees",),
    )


def lesson_get(*, organisation: Organisation, lesson_id: int | str) -> Lesson:
    return _get(
        Lesson,
        organisation=organisation,
        item_id=lesson_id,
        related=("author",),
        many=("networks",),
    )


def work_visit_get(*, organisation: Organisation, visit_id: int | str) -> WorkVisit:
    return _get(
        WorkVisit,
        organisation=organisation,
        item_id=visit_id,
        related=("author", "network"),
        many=("visitors",),
    )
