"""Making sessions (bijeenkomsten): from the network's weekly schedule of activities, and
one-off sessions (for example an activity for the neighbourhood). Recording what happened in
a session is `networks.sessions.services`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vangnet.networks.models import Activity, Network, Session

if TYPE_CHECKING:
    from vangnet.organisations.models import User


def _activities_on(activities: Iterable[Activity], day: dt.date) -> list[Activity]:
    return [
        activity
        for activity in activities
        if activity.weekday == day.weekday()
        and activity.active_from <= day
        and (activity.active_until is None or day <= activity.active_until)
    ]


@transaction.atomic
def sessions_generate_from_schedule(*, network: Network, until: dt.date) -> int:
    """Create the weekly sessions of `network` from its activities' schedule up to `until`.

    One session per date on which at least one activity is active (its weekday, between
    active_from and active_until), with those activities. Generation starts at the
    network's start date, or the day after the last scheduled (not one-off) session, and
    never creates a second scheduled session on a date. Returns the number created.
    """
    # Serialise generation per network so two simultaneous requests create no duplicates.
    Network.objects.select_for_update().filter(pk=network.pk).first()
    scheduled = Session.objects.filter(network=network, is_one_off=False)
    last = scheduled.order_by("-date").values_list("date", flat=True).first()
    start = network.start_date if last is None else max(network.start_date, last + dt.timedelta(1))
    if start > until:
        return 0
    activities = list(
        Activity.objects.filter(network=network, active_from__lte=until).exclude(
            active_until__lt=start
        )
    )
    if not activities:
        return 0
    taken = set(scheduled.filter(date__gte=start, date__lte=until).values_list("date", flat=True))
    plan: list[tuple[Session, list[Activity]]] = []
    day = start
    while day <= until:
        on_day = _activities_on(activities, day)
        if on_day and day not in taken:
            plan.append((Session(network=network, date=day), on_day))
        day += dt.timedelta(1)
    if not plan:
        return 0
    created = Session.objects.bulk_create([session for session, _ in plan])
    links = [
        Session.activities.through(session_id=session.pk, activity_id=activity.pk)
        for session, (_, on_day) in zip(created, plan, strict=True)
        for activity in on_day
    ]
    Session.activities.through.objects.bulk_create(links)
    return len(created)


@transaction.atomic
def session_create_one_off(
    *,
    network: Network,
    date: dt.date,
    title: str,
    activities: Sequence[Activity] | None = None,
    actor: User,
) -> Session:
    """Create an ad-hoc session (for example a one-off activity for the neighbourhood)."""
    title = (title or "").strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Geef de bijeenkomst een titel.")]
    elif len(title) > 200:
        errors["title"] = [_("De titel mag hoogstens 200 tekens hebben.")]
    if date is None:
        errors["date"] = [_("Kies een datum.")]
    elif date < network.start_date - dt.timedelta(days=366):
        errors["date"] = [_("Deze datum ligt te ver voor de start van het vangnetwerk.")]
    activities = list(activities or [])
    if any(activity.network_id != network.pk for activity in activities):
        errors["activities"] = [_("Kies alleen activiteiten van dit vangnetwerk.")]
    if errors:
        raise ValidationError(errors)
    session = Session.objects.create(
        network=network, date=date, title=title, is_one_off=True, updated_by=actor
    )
    if activities:
        session.activities.set(activities)
    return session
