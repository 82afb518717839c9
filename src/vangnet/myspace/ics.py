"""The participant's coming sessions as a calendar file (RFC 5545, written with the
`icalendar` library like the staff feed of `calendars`). No other people and no place:
the network's name, what happens and when; a session they cancelled says so."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from vangnet.myspace.absence_selectors import ComingSession


def coming_sessions_ical(*, network_name: str, rows: list[ComingSession]) -> bytes:
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", "-//Vangnet//Mijn Vangnet//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", network_name)
    for row in rows:
        summary = f"{network_name}: {row.what}" if row.what else network_name
        if row.absence is not None:
            summary = _("Afgemeld: %(what)s") % {"what": summary}
        event = Event()
        event.add("uid", f"mijn-session-{row.session.pk}@vangnet")
        event.add("summary", summary)
        if row.start is not None and row.end is not None:
            event.add("dtstart", row.start.astimezone(dt.UTC))
            event.add("dtend", row.end.astimezone(dt.UTC))
        else:  # a day without a time
            event.add("dtstart", row.session.date)
            event.add("dtend", row.session.date + dt.timedelta(days=1))
        event.add("dtstamp", stamp)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
