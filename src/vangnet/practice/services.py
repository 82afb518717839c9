"""Writes of the community of practice: meetings, lessons and work visits.

Every write is validated here (Dutch messages per field), scoped to the author's
organisation and audited. Colleagues with Cap.COMMUNITY_OF_PRACTICE write; only the author
of an item or a coordinator changes it afterwards (`may_edit`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, has_cap
from vangnet.organisations.models import Role
from vangnet.practice.models import Lesson, Meeting, Theme, WorkVisit

if TYPE_CHECKING:
    from django.http import HttpRequest

    from vangnet.networks.models import Network
    from vangnet.organisations.models import Organisation, User

MAX_TEXT = 10000
MAX_TITLE = 200
MAX_THEME_OTHER = 120
EARLIEST = dt.date(2000, 1, 1)


def may_edit(user: User, item: Any) -> bool:
    """The author of an item, or a coordinator of its organisation, may change it."""
    if not has_cap(user, Cap.COMMUNITY_OF_PRACTICE):
        return False
    if item.organisation_id != user.organisation_id:
        return False
    return item.author_id == user.pk or user.role == Role.COORDINATOR


def _require_edit(user: User, item: Any) -> None:
    if not may_edit(user, item):
        raise PermissionDenied


def _text(value: Any) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def _check_date(errors: dict[str, Any], date: Any, *, future_ok: bool) -> None:
    today = timezone.localdate()
    if date is None:
        errors["date"] = [_("Vul een datum in.")]
    elif date < EARLIEST:
        errors["date"] = [_("Deze datum ligt te ver terug.")]
    elif not future_ok and date > today:
        errors["date"] = [_("Deze datum ligt in de toekomst.")]
    elif date > today + dt.timedelta(days=366):
        errors["date"] = [_("Deze datum ligt te ver vooruit.")]


def _check_length(errors: dict[str, Any], field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors[field] = [_("Houd het korter dan %(max)d tekens.") % {"max": limit}]


def _check_users(
    errors: dict[str, Any], field: str, users: Iterable[User] | None, organisation: Organisation
) -> list[User]:
    chosen = list(users or [])
    if any(user.organisation_id != organisation.pk for user in chosen):
        errors[field] = [_("Kies alleen collega's van je eigen organisatie.")]
    return chosen


def _check_networks(
    errors: dict[str, Any],
    field: str,
    networks: Iterable[Network] | None,
    organisation: Organisation,
) -> list[Network]:
    chosen = list(networks or [])
    if any(network.organisation_id != organisation.pk for network in chosen):
        errors[field] = [_("Kies alleen vangnetwerken van je eigen organisatie.")]
    return chosen


# Meetings -----------------------------------------------------------------------------


def _clean_meeting(
    *,
    organisation: Organisation,
    date: Any,
    theme: Any,
    theme_other: Any,
    attendees: Any,
    notes: Any,
    lessons: Any,
) -> tuple[dict[str, Any], list[User]]:
    errors: dict[str, list[str]] = {}
    _check_date(errors, date, future_ok=True)
    theme_other = _text(theme_other)
    if theme not in Theme.values:
        errors["theme"] = [_("Kies een thema uit de lijst.")]
    elif theme == Theme.OTHER and not theme_other:
        errors["theme_other"] = [_("Schrijf bij 'anders' welk thema het was.")]
    if theme != Theme.OTHER:
        theme_other = ""
    _check_length(errors, "theme_other", theme_other, MAX_THEME_OTHER)
    notes, lessons = _text(notes), _text(lessons)
    _check_length(errors, "notes", notes, MAX_TEXT)
    _check_length(errors, "lessons", lessons, MAX_TEXT)
    attendees = _check_users(errors, "attendees", attendees, organisation)
    if errors:
        raise ValidationError(errors)
    fields = {"date": date, "theme": theme, "theme_other": theme_other}
    return fields | {"notes": notes, "lessons": lessons}, attendees


@transaction.atomic
def meeting_create(
    *,
    author: Any,
    date: dt.date,
    theme: str,
    theme_other: str = "",
    attendees: Iterable[Any] = (),
    notes: str = "",
    lessons: str = "",
    request: HttpRequest | None = None,
) -> Meeting:
    organisation = author.organisation
    fields, people = _clean_meeting(
        organisation=organisation,
        date=date,
        theme=theme,
        theme_other=theme_other,
        attendees=attendees,
        notes=notes,
        lessons=lessons,
    )
    meeting = Meeting.objects.create(organisation=organisation, author=author, **fields)
    meeting.attendees.set(people)
    audit_record(actor=author, action="create", obj=meeting, request=request)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    actor: User,
    date: dt.date,
    theme: str,
    theme_other: str = "",
    attendees: Iterable[Any] = (),
    notes: str = "",
    lessons: str = "",
    request: HttpRequest | None = None,
) -> Meeting:
    _require_edit(actor, meeting)
    fields, people = _clean_meeting(
        organisation=meeting.organisation,
        date=date,
        theme=theme,
        theme_other=theme_other,
        attendees=attendees,
        notes=notes,
        lessons=lessons,
    )
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save(update_fields=[*fields, "updated_at"])
    meeting.attendees.set(people)
    audit_record(actor=actor, action="update", obj=meeting, request=request)
    return meeting


# Lessons ------------------------------------------------------------------------------


def _clean_lesson(
    *,
    organisation: Organisation,
    title: Any,
    text: Any,
    themes: Any,
    networks: Iterable[Network] | None,
    date: Any,
) -> tuple[dict[str, Any], list[Network]]:
    errors: dict[str, list[str]] = {}
    _check_date(errors, date, future_ok=False)
    title, text = _text(title), _text(text)
    if not title:
        errors["title"] = [_("Geef de les een titel.")]
    _check_length(errors, "title", title, MAX_TITLE)
    if not text:
        errors["text"] = [_("Schrijf de les of het goede voorbeeld op.")]
    _check_length(errors, "text", text, MAX_TEXT)
    tags = list(dict.fromkeys(themes or []))
    if any(tag not in Theme.values for tag in tags):
        errors["themes"] = [_("Kies alleen thema's uit de lijst.")]
    else:
        tags.sort(key=list(Theme.values).index)
    networks = _check_networks(errors, "networks", networks, organisation)
    if errors:
        raise ValidationError(errors)
    return {"title": title, "text": text, "themes": tags, "date": date}, networks


@transaction.atomic
def lesson_create(
    *,
    author: Any,
    title: str,
    text: str,
    date: dt.date,
    themes: Iterable[str] = (),
    networks: Iterable[Any] = (),
    request: HttpRequest | None = None,
) -> Lesson:
    organisation = author.organisation
    fields, linked = _clean_lesson(
        organisation=organisation,
        title=title,
        text=text,
        themes=themes,
        networks=networks,
        date=date,
    )
    lesson = Lesson.objects.create(organisation=organisation, author=author, **fields)
    lesson.networks.set(linked)
    audit_record(actor=author, action="create", obj=lesson, request=request)
    return lesson


@transaction.atomic
def lesson_update(
    *,
    lesson: Lesson,
    actor: User,
    title: str,
    text: str,
    date: dt.date,
    themes: Iterable[str] = (),
    networks: Iterable[Any] = (),
    request: HttpRequest | None = None,
) -> Lesson:
    _require_edit(actor, lesson)
    fields, linked = _clean_lesson(
        organisation=lesson.organisation,
        title=title,
        text=text,
        themes=themes,
        networks=networks,
        date=date,
    )
    for name, value in fields.items():
        setattr(lesson, name, value)
    lesson.save(update_fields=[*fields, "updated_at"])
    lesson.networks.set(linked)
    audit_record(actor=actor, action="update", obj=lesson, request=request)
    return lesson


# Work visits --------------------------------------------------------------------------


def _clean_visit(
    *,
    organisation: Organisation,
    date: Any,
    network: Network,
    visitors: Any,
    seen: Any,
    take_home: Any,
) -> tuple[dict[str, Any], list[User]]:
    errors: dict[str, list[str]] = {}
    _check_date(errors, date, future_ok=False)
    if network is None:
        errors["network"] = [_("Kies het vangnetwerk dat jullie bezochten.")]
    else:
        _check_networks(errors, "network", [network], organisation)
    visitors = _check_users(errors, "visitors", visitors, organisation)
    if not visitors and "visitors" not in errors:
        errors["visitors"] = [_("Kies wie er op bezoek gingen.")]
    seen, take_home = _text(seen), _text(take_home)
    if not seen:
        errors["seen"] = [_("Schrijf op wat jullie zagen.")]
    _check_length(errors, "seen", seen, MAX_TEXT)
    _check_length(errors, "take_home", take_home, MAX_TEXT)
    if errors:
        raise ValidationError(errors)
    return {"date": date, "network": network, "seen": seen, "take_home": take_home}, visitors


@transaction.atomic
def work_visit_create(
    *,
    author: Any,
    date: dt.date,
    network: Network,
    visitors: Iterable[Any],
    seen: str,
    take_home: str = "",
    request: HttpRequest | None = None,
) -> WorkVisit:
    organisation = author.organisation
    fields, people = _clean_visit(
        organisation=organisation,
        date=date,
        network=network,
        visitors=visitors,
        seen=seen,
        take_home=take_home,
    )
    visit = WorkVisit.objects.create(organisation=organisation, author=author, **fields)
    visit.visitors.set(people)
    audit_record(actor=author, action="create", obj=visit, request=request)
    return visit


@transaction.atomic
def work_visit_update(
    *,
    visit: WorkVisit,
    actor: User,
    date: dt.date,
    network: Network,
    visitors: Iterable[Any],
    seen: str,
    take_home: str = "",
    request: HttpRequest | None = None,
) -> WorkVisit:
    _require_edit(actor, visit)
    fields, people = _clean_visit(
        organisation=visit.organisation,
        date=date,
        network=network,
        visitors=visitors,
        seen=seen,
        take_home=take_home,
    )
    for name, value in fields.items():
        setattr(visit, name, value)
    visit.save(update_fields=[*fields, "updated_at"])
    visit.visitors.set(people)
    audit_record(actor=actor, action="update", obj=visit, request=request)
    return visit
