"""Turn a simulated network history (demo.model) into database rows for one network.

This is a data generator: it writes the models directly (with bulk_create), following the
semantics of the services of the other apps: attendance is the source of the route, a
recorded dropout or referral is a RouteEvent with a reason, a phase change is a
PhaseTransition with a reason, a closed follow-up task records what was done.
"""

from __future__ import annotations

import datetime as dt

from vangnet.demo import content, personas
from vangnet.demo.model import Leave, ModelParams, Person, simulate
from vangnet.logbook.models import LogEntry
from vangnet.networks.models import (
    Activity,
    Attendance,
    Contribution,
    Network,
    Phase,
    PhaseTransition,
    Session,
)
from vangnet.participants.models import (
    FollowUpStatus,
    FollowUpTask,
    Participant,
    RouteEvent,
    RouteStage,
)

DAYS_PER_MONTH = 30.44
RECENT_DAYS = 140  # no holidays or one-off sessions in the last 20 weeks (keeps the story)


def months_after(date: dt.date, months: float) -> dt.date:
    return date + dt.timedelta(days=round(months * DAYS_PER_MONTH))


def on_or_after_weekday(date: dt.date, weekday: int) -> dt.date:
    return date + dt.timedelta(days=(weekday - date.weekday()) % 7)


def is_holiday(date: dt.date) -> bool:
    """Christmas break and two summer weeks, when the centre is closed."""
    return (
        (date.month == 12 and date.day >= 24)
        or (date.month == 1 and date.day == 1)
        or (date.month == 8 and date.day <= 14)
    )


def weekly_dates(start: dt.date, today: dt.date) -> list[dt.date]:
    """The weekly session dates from `start` up to last week (this week stays open)."""
    this_monday = today - dt.timedelta(days=today.weekday())
    dates, date = [], start
    while date < this_monday:
        if not (is_holiday(date) and (today - date).days > RECENT_DAYS):
            dates.append(date)
        date += dt.timedelta(days=7)
    return dates


class HistoryBuilder:
    """Builds one network with its whole history."""

    def __init__(self, *, spec, index, organisation, locations, users, partners, rng, today):
        self.spec = spec
        self.index = index
        self.organisation = organisation
        self.location = locations[spec.location]
        self.lead = users[spec.lead]
        self.backup = users["achterwacht"]
        # Phase changes are the coordinator's (MANAGE_NETWORK): the worker cannot record them.
        self.coordinator = users["coordinator"]
        self.partners = partners
        self.rng = rng
        self.today = today
        raw_start = months_after(today, -spec.months_ago)
        self.start = on_or_after_weekday(raw_start, spec.weekday)
        self.dates = weekly_dates(self.start, today)

    # -- network, activities, phases ---------------------------------------------------
    def create_network(self) -> Network:
        self.network = Network.objects.create(
            organisation=self.organisation,
            name=self.spec.name,
            neighbourhood=self.location.neighbourhood,
            location=self.location,
            start_date=self.start,
            lead_worker=self.lead,
            backup_worker=self.backup,
        )
        self.activities: list[Activity] = []
        by_name: dict[str, Activity] = {}
        for spec in self.spec.activities:
            active_from = on_or_after_weekday(
                months_after(self.start, spec.from_month), self.spec.weekday
            )
            replaced = by_name.get(spec.replaces) if spec.replaces else None
            if replaced is not None:
                replaced.active_until = active_from - dt.timedelta(days=1)
                replaced.save(update_fields=["active_until"])
            activity = Activity.objects.create(
                network=self.network,
                name=spec.name,
                audience=spec.audience,
                weekday=self.spec.weekday,
                start_time=spec.start_time,
                duration_minutes=spec.duration_minutes,
                tasks=list(spec.tasks),
                active_from=active_from,
                replaces=replaced,
            )
            by_name[spec.name] = activity
            self.activities.append(activity)
        for month, phase, reason in self.spec.transitions:
            date = months_after(self.start, month)
            if date < self.today:
                PhaseTransition.objects.create(
                    network=self.network,
                    phase=phase,
                    date=date,
                    reason=reason,
                    recorded_by=self.coordinator,
                )
        return self.network

    def activities_on(self, date: dt.date) -> list[Activity]:
        return [
            a
            for a in self.activities
            if a.active_from <= date and (a.active_until is None or date <= a.active_until)
        ]

    def phase_on(self, date: dt.date) -> str:
        phase = Phase.EXPLORATION
        for month, step, _reason in self.spec.transitions:
            if months_after(self.start, month) <= date:
                phase = step
        return phase

    def story(self) -> str:
        """What the demo user can try in this network."""
        return personas.story(self.index, self.spec.name, self.lead.username)

    # -- people ------------------------------------------------------------------------
    def simulate(self, params: ModelParams) -> list[Person]:
        """The simulated people, then the scripted ones of the demo story (last)."""
        people = simulate(params, weeks=len(self.dates), rng=self.rng).people
        weeks = len(self.dates)
        return people + personas.scripted_people(
            self.index, first_key=len(people), weeks=weeks, rng=self.rng
        )

    def _invited_on(self, person: Person) -> dt.date:
        session_date = self.dates[person.invited_week]
        back = self.rng.randint(7, 30) if person.invited_week == 0 else self.rng.randint(1, 6)
        return session_date - dt.timedelta(days=back)

    def _names(self, people: list[Person]) -> list[str]:
        scripted = personas.names_for(self.index)
        staff = {first for _u, _r, first, _l in content.DEMO_USERS}
        pool = [n for n in content.FIRST_NAMES if n not in {*scripted, *staff}]
        self.rng.shuffle(pool)
        names = []
        for i in range(len(people) - len(scripted)):
            base = pool[i % len(pool)]
            names.append(base if i < len(pool) else f"{base} {chr(ord('A') + i // len(pool))}.")
        return names + list(scripted)

    def create_participants(self, people: list[Person]) -> list[Participant]:
        rng = self.rng
        kinds_here = [p for p in self.partners if "Noord" not in p.name or self.index == 1]
        rows = []
        for person, name in zip(people, self._names(people), strict=True):
            partner = rng.choice(kinds_here) if person.channel == "referral" else None
            has_phone = rng.random() < 0.2
            rows.append(
                Participant(
                    organisation=self.organisation,
                    network=self.network,
                    display_name=name,
                    phone=f"06-{rng.randint(10000000, 99999999)}" if has_phone else "",
                    wishes=rng.sample(content.WISHES, rng.randint(1, 3)),
                    talents=rng.sample(content.TALENTS, rng.randint(1, 3)),
                    came_in_via=person.channel,
                    referral_partner=partner,
                    invited_on=self._invited_on(person),
                )
            )
        participants = Participant.objects.bulk_create(rows)
        invited = []
        for person, participant in zip(people, participants, strict=True):
            if person.invited_by is not None:
                participant.invited_by = participants[person.invited_by]
                invited.append(participant)
        Participant.objects.bulk_update(invited, ["invited_by"])
        return participants

    # -- sessions ----------------------------------------------------------------------
    def create_sessions(self, people, participants, progress) -> dict[str, int]:
        rng = self.rng
        sessions = Session.objects.bulk_create(
            [
                Session(
                    network=self.network,
                    date=date,
                    recorded=True,
                    updated_by=self.lead,
                    note=rng.choice(content.SESSION_NOTES) if rng.random() < 0.3 else "",
                )
                for date in self.dates
            ]
        )
        links, attendance, contributions = [], [], []
        present_by_week: dict[int, list[int]] = {}
        for i, person in enumerate(people):
            for week in person.attended:
                present_by_week.setdefault(week, []).append(i)
        favourites = {
            (i, a.pk): rng.sample(a.tasks, 2) for i in range(len(people)) for a in self.activities
        }
        for week, session in enumerate(sessions):
            activities = self.activities_on(session.date)
            links += [
                Session.activities.through(session_id=session.pk, activity_id=a.pk)
                for a in activities
            ]
            for i in present_by_week.get(week, []):
                participant, person = participants[i], people[i]
                attendance.append(Attendance(session=session, participant=participant))
                settled = person.acquainted_week is not None and week - person.acquainted_week > 4
                if not activities or rng.random() > (0.8 if settled else 0.45):
                    continue
                activity = rng.choice(activities)
                pool = favourites[(i, activity.pk)] if rng.random() < 0.7 else activity.tasks
                for task in set(rng.sample(pool, 2 if rng.random() < 0.2 else 1)):
                    contributions.append(
                        Contribution(session=session, participant=participant, task=task)
                    )
            progress(1)
        Session.activities.through.objects.bulk_create(links)
        Attendance.objects.bulk_create(attendance, batch_size=2000)
        Contribution.objects.bulk_create(contributions, batch_size=2000)
        one_offs = self._one_off_sessions(people, participants)
        return {
            "sessions": len(sessions) + one_offs,
            "attendance": len(attendance),
            "contributions": len(contributions),
        }

    def _one_off_sessions(self, people, participants) -> int:
        created = 0
        for month, title in self.spec.one_offs:
            date = on_or_after_weekday(months_after(self.start, month), 5)  # a Saturday
            if (self.today - date).days <= RECENT_DAYS:
                continue
            session = Session.objects.create(
                network=self.network,
                date=date,
                title=title,
                is_one_off=True,
                recorded=True,
                updated_by=self.lead,
            )
            week = max(i for i, d in enumerate(self.dates) if d <= date)
            helpers = [
                Attendance(session=session, participant=participants[i])
                for i, person in enumerate(people)
                if person.is_active_at(week) and self.rng.random() < 0.5
            ]
            Attendance.objects.bulk_create(helpers)
            created += 1
        return created

    # -- route events, follow-up, logbook -------------------------------------------------
    def create_events(self, people, participants) -> dict[str, int]:
        events, tasks = [], []
        for person, participant in zip(people, participants, strict=True):
            for leave in person.leaves:
                event = self._route_event(leave, participant)
                if event is not None:
                    events.append(event)
                task = self._closed_followup(leave, participant)
                if task is not None:
                    tasks.append(task)
        RouteEvent.objects.bulk_create(events)
        FollowUpTask.objects.bulk_create(tasks)
        entries = [
            LogEntry(
                network=self.network,
                author=self.lead,
                date=months_after(self.start, month),
                text=text,
                building_blocks=blocks,
                phase=self.phase_on(months_after(self.start, month)),
            )
            for month, blocks, text in content.LOGBOOK
            if months_after(self.start, month) < self.today
        ]
        LogEntry.objects.bulk_create(entries)
        return {
            "route_events": len(events),
            "closed_followups": len(tasks),
            "log_entries": len(entries),
        }

    def _route_event(self, leave: Leave, participant: Participant) -> RouteEvent | None:
        if not leave.recorded:
            return None
        date = self.dates[leave.week] + dt.timedelta(days=7 * self.rng.randint(2, 4))
        if date >= self.today:
            return None
        referred = leave.outcome == "referred_on"
        return RouteEvent(
            participant=participant,
            stage=RouteStage.REFERRED_ON if referred else RouteStage.DROPPED_OUT,
            date=date,
            dropout_reason="" if referred else leave.reason,
            referred_to=self.rng.choice(content.REFERRED_TO) if referred else "",
            reason=(
                "Samen iets gezocht dat beter past."
                if referred
                else content.DROPOUT_NOTES[leave.reason]
            ),
            recorded_by=self.lead,
        )

    def _closed_followup(self, leave: Leave, participant: Participant) -> FollowUpTask | None:
        """A steady participant who stopped coming was followed up (the method's own
        improvement): the task was created after two missed sessions and closed."""
        second_missed = leave.week + 2
        if not leave.was_steady or second_missed >= len(self.dates):
            return None
        created_on = self.dates[second_missed]
        if (self.today - created_on).days < 21:
            return None
        return FollowUpTask(
            participant=participant,
            network=self.network,
            created_on=created_on,
            missed_sessions=2,
            last_seen_on=self.dates[leave.week],
            status=FollowUpStatus.DONE,
            outcome=self.rng.choice(content.FOLLOWUP_OUTCOMES),
            closed_on=created_on + dt.timedelta(days=3),
            closed_by=self.lead,
        )
