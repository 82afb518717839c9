"""The iCalendar feed of one user: the sessions of their networks (from the activities'
weekly schedule), their interviews and the evaluation moments of their networks.

No participant names and no places (a place can be someone's home): a session shows the
network and the activity, an interview only that it is an evaluation interview."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from vangnet.core.permissions import visible_networks
from vangnet.interviews.models import Interview, InterviewStatus
from vangnet.network_evaluation.selectors import network_moments
from vangnet.networks.selectors import is_active

PAST_DAYS = 28
FUTURE_DAYS = 120
INTERVIEW_MINUTES = 60


def _event(uid: str, summary: str, start, end, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", f"{uid}@vangnet")
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("dtstamp", stamp)
    return event


def _session_events(networks, first: dt.date, last: dt.date, stamp) -> list[Event]:
    events = []
    for network in networks:
        for activity in network.activities.all():
            day = first + dt.timedelta(days=(activity.weekday - first.weekday()) % 7)
            while day <= last:
                if is_active(activity, day) and day >= network.start_date:
                    start = timezone.make_aware(dt.datetime.combine(day, activity.start_time))
                    end = start + dt.timedelta(minutes=activity.duration_minutes)
                    events.append(
                        _event(
                            f"session-{activity.pk}-{day.isoformat()}",
                            f"{network.name}: {activity.name}",
                            start.astimezone(dt.UTC),
                            end.astimezone(dt.UTC),
                            stamp,
                        )
                    )
                day += dt.timedelta(days=7)
    return events


def _moment_events(networks, today: dt.date, stamp) -> list[Event]:
    events = []
    for network in networks:
        for moment in network_moments(network=network, today=today):
            if (
                today - dt.timedelta(days=PAST_DAYS)
                <= moment.due
                <= today + dt.timedelta(days=FUTURE_DAYS * 3)
            ):
                events.append(
                    _event(
                        f"moment-{network.pk}-{moment.key}",
                        f"{moment.label}: {network.name}",
                        moment.due,
                        moment.due + dt.timedelta(days=1),
                        stamp,
                    )
                )
    return events


def _interview_events(user, first: dt.date, stamp) -> list[Event]:
    events = []
    rows = Interview.objects.filter(
        interviewer=user,
        status=InterviewStatus.PLANNED,
        planned_at__date__gte=first,
    ).values_list("pk", "planned_at")
    for pk, planned_at in rows:
        events.append(
            _event(
                f"interview-{pk}",
                _("Evaluatiegesprek"),
                planned_at.astimezone(dt.UTC),
                (planned_at + dt.timedelta(minutes=INTERVIEW_MINUTES)).astimezone(dt.UTC),
                stamp,
            )
        )
    return events


def calendar_for(*, user, language: str = "nl", today: dt.date | None = None) -> bytes:
    today = today or timezone.localdate()
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    first = today - dt.timedelta(days=PAST_DAYS)
    last = today + dt.timedelta(days=FUTURE_DAYS)
    networks = list(
        visible_networks(user).select_related("organisation").prefetch_related("activities")
    )
    with translation.override(language):
        calendar = Calendar()
        calendar.add("prodid", "-//Vangnet//Agenda//NL")
        calendar.add("version", "2.0")
        calendar.add("x-wr-calname", "Vangnet")
        for event in (
            _session_events(networks, first, last, stamp)
            + _moment_events(networks, today, stamp)
            + _interview_events(user, first, stamp)
        ):
            calendar.add_component(event)
    return calendar.to_ical()
