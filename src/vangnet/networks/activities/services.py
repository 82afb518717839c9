"""Writes for a network's activities, which can change over time (a soup group becomes a
lunch group: the old activity ends, its successor points back to it).

Every function validates and raises ValidationError (a dict per field, Dutch messages); a
failed call changes nothing (transaction.atomic).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vangnet.networks.models import Activity, Audience, Network, Session, Weekday
from vangnet.networks.services import NAME_MAX_LENGTH, format_day
from vangnet.organisations.models import User

# The method's norm: one activity of at most 2.5 hours; longer needs extra worker hours.
ACTIVITY_NORM_MINUTES = 150
ACTIVITY_MAX_MINUTES = 12 * 60
TASK_MAX_LENGTH = 120
TASKS_MAX = 30


@dataclass
class ActivityOutcome:
    """A saved activity and the warnings to show (for example: longer than 2.5 hours)."""

    activity: Activity
    warnings: list[str] = field(default_factory=list)


def parse_tasks(text: str | Iterable[str] | None) -> list[str]:
    """Tasks typed as comma-separated text (or a list) -> a clean list: trimmed, no empty
    entries, no duplicates (ignoring case), in the order given."""
    if text is None:
        return []
    parts = text.split(",") if isinstance(text, str) else [str(item) for item in text]
    tasks: list[str] = []
    seen: set[str] = set()
    for part in parts:
        task = " ".join(part.split())
        if task and task.casefold() not in seen:
            seen.add(task.casefold())
            tasks.append(task)
    return tasks


def activity_duration_warning(duration_minutes: int) -> str | None:
    if duration_minutes > ACTIVITY_NORM_MINUTES:
        return _(
            "Deze activiteit duurt langer dan 2,5 uur. Dat mag, maar de methode gaat uit van "
            "hoogstens 2,5 uur per week. Elk uur langer vraagt een uur extra van de sociaal "
            "werker."
        )
    return None


def _validate_activity(
    data: dict[str, Any], *, network: Network, date_field: str
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    name = " ".join((data.get("name") or "").split())
    data["name"] = name
    if not name:
        errors["name"] = [_("Geef de activiteit een naam.")]
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = [_("De naam mag hoogstens 200 tekens hebben.")]
    if data.get("audience") not in Audience.values:
        errors["audience"] = [_("Kies voor wie de activiteit is.")]
    if data.get("weekday") not in Weekday.values:
        errors["weekday"] = [_("Kies een weekdag.")]
    if data.get("start_time") is None:
        errors["start_time"] = [_("Vul de begintijd in.")]
    duration = data.get("duration_minutes")
    if duration is None or not 1 <= duration <= ACTIVITY_MAX_MINUTES:
        errors["duration_minutes"] = [_("Vul een duur tussen 1 en 720 minuten in.")]
    tasks = parse_tasks(data.get("tasks"))
    data["tasks"] = tasks
    if len(tasks) > TASKS_MAX:
        errors["tasks"] = [_("Geef hoogstens 30 taken op.")]
    elif any(len(task) > TASK_MAX_LENGTH for task in tasks):
        errors["tasks"] = [_("Een taak mag hoogstens 120 tekens hebben.")]
    day = data.get(date_field)
    if day is None:
        errors[date_field] = [_("Vul de datum in.")]
    elif day < network.start_date:
        errors[date_field] = [
            _("Kies een datum op of na de start van het vangnetwerk (%(date)s).")
            % {"date": format_day(network.start_date)}
        ]
    return errors


def _outcome(activity: Activity) -> ActivityOutcome:
    warning = activity_duration_warning(activity.duration_minutes)
    return ActivityOutcome(activity=activity, warnings=[warning] if warning else [])


ACTIVITY_FIELDS = ["name", "audience", "weekday", "start_time", "duration_minutes", "tasks"]


@transaction.atomic
def activity_create(
    *,
    network: Network,
    actor: User,
    name: str,
    weekday: int,
    start_time: dt.time,
    duration_minutes: int,
    active_from: dt.date,
    audience: str = Audience.GROUP,
    tasks: str | Sequence[str] = (),
) -> ActivityOutcome:
    """Add a weekly activity. Above 150 minutes it is saved with a warning."""
    data: dict[str, Any] = {
        "name": name,
        "audience": audience,
        "weekday": weekday,
        "start_time": start_time,
        "duration_minutes": duration_minutes,
        "tasks": tasks,
        "active_from": active_from,
    }
    errors = _validate_activity(data, network=network, date_field="active_from")
    if errors:
        raise ValidationError(errors)
    return _outcome(Activity.objects.create(network=network, **data))


@transaction.atomic
def activity_update(*, activity: Activity, actor: User, **changes: Any) -> ActivityOutcome:
    """Correct an activity in place (a typo, the right time). For a real change over time
    (soup group becomes lunch group) use `activity_change`, which keeps the history."""
    allowed = {*ACTIVITY_FIELDS, "active_from"}
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"Unknown activity fields: {sorted(unknown)}")
    data = {key: getattr(activity, key) for key in allowed}
    data.update(changes)
    errors = _validate_activity(data, network=activity.network, date_field="active_from")
    if not errors.get("active_from") and activity.active_until is not None:
        if data["active_from"] > activity.active_until:
            errors["active_from"] = [_("De begindatum moet voor de einddatum liggen.")]
    replaces = activity.replaces if activity.replaces_id is not None else None
    if not errors.get("active_from") and replaces is not None:
        if data["active_from"] <= replaces.active_from:
            errors["active_from"] = [
                _("De begindatum moet na de begindatum van de vorige activiteit liggen.")
            ]
    if errors:
        raise ValidationError(errors)
    if data["active_from"] != activity.active_from and replaces is not None:
        previous = replaces
        previous.active_until = data["active_from"] - dt.timedelta(days=1)
        previous.save(update_fields=["active_until"])
    for key in allowed:
        setattr(activity, key, data[key])
    activity.save(update_fields=sorted(allowed))
    return _outcome(activity)


def _is_replaced(activity: Activity) -> bool:
    return Activity.objects.filter(replaces=activity).exists()


def _detach_after(activity: Activity, until: dt.date, successor: Activity | None) -> None:
    """Sessions after `until` that are not yet filled in (generated ahead for this week):
    take the old activity off, put the successor on when it falls on that day, and remove
    scheduled sessions left without any activity."""
    sessions = list(
        Session.objects.filter(
            network_id=activity.network_id,
            date__gt=until,
            recorded=False,
            activities=activity,
        ).prefetch_related("activities", "attendances")
    )
    for session in sessions:
        if session.attendances.all():
            continue
        others = [item for item in session.activities.all() if item.pk != activity.pk]
        session.activities.remove(activity)
        if successor is not None and successor.weekday == session.date.weekday():
            session.activities.add(successor)
        elif not others and not session.is_one_off:
            session.delete()


@transaction.atomic
def activity_change(
    *,
    activity: Activity,
    actor: User,
    from_date: dt.date,
    name: str,
    weekday: int,
    start_time: dt.time,
    duration_minutes: int,
    audience: str = Audience.GROUP,
    tasks: str | Sequence[str] = (),
) -> ActivityOutcome:
    """The activity changes from `from_date` on: the current one ends the day before and a
    successor (pointing back through `replaces`) starts on `from_date`."""
    activity = Activity.objects.select_for_update().select_related("network").get(pk=activity.pk)
    data: dict[str, Any] = {
        "name": name,
        "audience": audience,
        "weekday": weekday,
        "start_time": start_time,
        "duration_minutes": duration_minutes,
        "tasks": tasks,
        "from_date": from_date,
    }
    errors = _validate_activity(data, network=activity.network, date_field="from_date")
    if _is_replaced(activity):
        errors.setdefault("from_date", []).append(
            _("Deze activiteit is al veranderd. Verander de nieuwste versie.")
        )
    elif not errors.get("from_date"):
        if from_date <= activity.active_from:
            errors["from_date"] = [
                _("Kies een datum na de begindatum van de activiteit (%(date)s).")
                % {"date": format_day(activity.active_from)}
            ]
        elif activity.active_until is not None and from_date > activity.active_until:
            errors["from_date"] = [
                _("Deze activiteit is al gestopt op %(date)s.")
                % {"date": format_day(activity.active_until)}
            ]
    if errors:
        raise ValidationError(errors)
    until = from_date - dt.timedelta(days=1)
    successor = Activity.objects.create(
        network=activity.network,
        name=data["name"],
        audience=data["audience"],
        weekday=data["weekday"],
        start_time=data["start_time"],
        duration_minutes=data["duration_minutes"],
        tasks=data["tasks"],
        active_from=from_date,
        active_until=activity.active_until,
        replaces=activity,
    )
    activity.active_until = until
    activity.save(update_fields=["active_until"])
    _detach_after(activity, until, successor)
    return _outcome(successor)


@transaction.atomic
def activity_end(*, activity: Activity, actor: User, until: dt.date) -> Activity:
    """The activity stops: `until` is its last day."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    if until is None:
        raise ValidationError({"until": [_("Vul de laatste dag in.")]})
    if until < activity.active_from:
        raise ValidationError(
            {
                "until": [
                    _("Kies een dag op of na de begindatum (%(date)s).")
                    % {"date": format_day(activity.active_from)}
                ]
            }
        )
    if _is_replaced(activity):
        raise ValidationError(
            {"until": [_("Deze activiteit is al veranderd. Stop de nieuwste versie.")]}
        )
    activity.active_until = until
    activity.save(update_fields=["active_until"])
    _detach_after(activity, until, None)
    return activity
