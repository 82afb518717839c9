"""Demo data at scale, for benchmarks: `vangnet demo-data --organisations N --networks M
--years Y` builds organisations "Schaaldemo 1..N" from the same participation model as the
default demo and the recruitment forecast, with bulk inserts and a progress bar.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from tqdm import tqdm

from vangnet.demo import content
from vangnet.demo.generator import (
    DEFAULT_SEED,
    DemoDataError,
    DemoSummary,
    refuse_in_production,
)
from vangnet.demo.history import on_or_after_weekday, weekly_dates
from vangnet.demo.model import ModelParams, simulate
from vangnet.networks.models import Activity, Attendance, Network, Session
from vangnet.organisations.models import Location, Organisation, Role, User
from vangnet.participants.models import (
    Participant,
    RouteEvent,
    RouteStage,
)

SCALE_PREFIX = "Schaaldemo"
SCALE_BATCH = 25  # networks whose rows are inserted together


def scale_organisations():
    return Organisation.objects.filter(name__startswith=f"{SCALE_PREFIX} ")


@transaction.atomic
def demo_scale_reset() -> int:
    """Remove the scale-mode organisations with everything in them; their number."""
    refuse_in_production()
    organisations = list(scale_organisations())
    for organisation in organisations:
        # The big tables first, each with one DELETE (nothing refers to their rows).
        Attendance.objects.filter(participant__organisation=organisation).delete()
        Session.activities.through.objects.filter(
            session__network__organisation=organisation
        ).delete()
        RouteEvent.objects.filter(participant__organisation=organisation).delete()
        Participant.objects.filter(organisation=organisation).delete()
        Network.objects.filter(organisation=organisation).delete()
        User.objects.filter(organisation=organisation).delete()
        organisation.delete()
    return len(organisations)


def _insert_pairs(model, columns: tuple[str, str], rows: list[tuple[int, int]]) -> None:
    """Insert plain (id, id) rows with multi-row INSERTs: the ORM's per-object cost (and
    executemany's round trip per row on PostgreSQL) dominates the millions of attendance rows
    of a large dataset. Table and column names come from the model; values are parameters."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    chunk = 450  # 900 parameters: below SQLite's oldest limit of 999
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: the fastest way into PostgreSQL
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        for first in range(0, len(rows), chunk):
            part = rows[first : first + chunk]
            values = ", ".join(["(%s, %s)"] * len(part))
            sql = f"INSERT INTO {table} ({names}) VALUES {values}"  # noqa: S608 - names from _meta
            cursor.execute(sql, [value for row in part for value in row])


def _scale_network_rows(
    *, batch, people_by_network, dates_by_network, lead_by_network, rng
) -> dict[str, int]:
    """Insert sessions, participants, attendance and recorded dropouts for a batch of
    networks (already saved) with bulk inserts; return the row counts."""
    activities = Activity.objects.bulk_create(
        [
            Activity(
                network=network,
                name="Soepgroep",
                audience="group",
                weekday=dates_by_network[network.pk][0].weekday(),
                start_time=dt.time(11, 30),
                duration_minutes=rng.choice((120, 150, 180)),
                tasks=["soep koken", "tafel dekken", "afwassen", "koffie zetten"],
                active_from=network.start_date,
            )
            for network in batch
        ]
    )
    session_rows = [
        Session(network=network, date=day, recorded=True, updated_by=lead_by_network[network.pk])
        for network in batch
        for day in dates_by_network[network.pk]
    ]
    sessions = Session.objects.bulk_create(session_rows, batch_size=5000)
    activity_of = {activity.network_id: activity.pk for activity in activities}
    _insert_pairs(
        Session.activities.through,
        ("session_id", "activity_id"),
        [(session.pk, activity_of[session.network_id]) for session in sessions],
    )
    sessions_by_network: dict[int, list] = {}
    for session in sessions:
        sessions_by_network.setdefault(session.network_id, []).append(session)
    participant_rows = []
    for network in batch:
        dates = dates_by_network[network.pk]
        for person in people_by_network[network.pk]:
            name = content.FIRST_NAMES[person.key % len(content.FIRST_NAMES)]
            participant_rows.append(
                Participant(
                    organisation_id=network.organisation_id,
                    network=network,
                    display_name=f"{name} {person.key}",
                    came_in_via=person.channel,
                    invited_on=dates[person.invited_week] - dt.timedelta(days=rng.randint(1, 6)),
                )
            )
    participants = Participant.objects.bulk_create(participant_rows, batch_size=5000)
    attendance: list[Any] = []
    events: list[Any] = []
    index = 0
    for network in batch:
        network_sessions = sessions_by_network[network.pk]
        dates = dates_by_network[network.pk]
        for person in people_by_network[network.pk]:
            participant = participants[index]
            index += 1
            attendance.extend(
                (network_sessions[week].pk, participant.pk) for week in person.attended
            )
            for leave in person.leaves:
                day = dates[leave.week] + dt.timedelta(weeks=3)
                if not leave.recorded or day >= dates[-1]:
                    continue
                referred = leave.outcome == "referred_on"
                events.append(
                    RouteEvent(
                        participant=participant,
                        stage=RouteStage.REFERRED_ON if referred else RouteStage.DROPPED_OUT,
                        date=day,
                        dropout_reason="" if referred else leave.reason,
                        referred_to=content.REFERRED_TO[0] if referred else "",
                        recorded_by=lead_by_network[network.pk],
                    )
                )
    _insert_pairs(Attendance, ("session_id", "participant_id"), attendance)
    RouteEvent.objects.bulk_create(events, batch_size=5000)
    return {
        "sessions": len(sessions),
        "participants": len(participants),
        "attendance": len(attendance),
        "route_events": len(events),
    }


@transaction.atomic
def demo_generate_scale(
    *,
    organisations: int,
    networks: int,
    years: float,
    today: dt.date,
    seed: int = DEFAULT_SEED,
    params: ModelParams | None = None,
    progress: bool = True,
) -> DemoSummary:
    """Large data for benchmarks: `organisations` organisations with `networks` networks
    each, every network with `years` years of weekly sessions simulated by the same
    participation model as the demo (demo.model) and the forecast. Bulk inserts only; no
    contributions, logbook or follow-up tasks. Users: a coordinator per organisation and a
    social worker per ten networks (usernames schaal<o>-coordinator, schaal<o>-werker<k>,
    the demo password)."""
    refuse_in_production()
    if organisations < 1 or networks < 1 or years <= 0:
        raise DemoDataError("Kies minstens 1 organisatie, 1 netwerk en een positief aantal jaren.")
    if scale_organisations().exists():
        raise DemoDataError("Er is al schaal-demodata. Gebruik --reset.")
    if User.objects.filter(username__startswith="schaal").exists():
        raise DemoDataError("Gebruikersnamen die met 'schaal' beginnen bestaan al.")
    params = params or ModelParams()
    rng = random.Random(f"{seed}:scale")
    shared_hash = make_password(content.DEMO_PASSWORD)
    start = on_or_after_weekday(today - dt.timedelta(days=round(365.25 * years)), 0)
    if len(weekly_dates(start, today)) < 2:
        raise DemoDataError("Kies een periode van minstens twee weken.")
    counts: dict[str, int] = {"networks": 0, "users": 0}
    summary = DemoSummary(organisation=None)  # type: ignore[arg-type]
    with tqdm(
        total=organisations * networks, desc="Schaaldemo", unit="netwerk", disable=not progress
    ) as bar:
        for o in range(organisations):
            organisation = Organisation.objects.create(name=f"{SCALE_PREFIX} {o + 1}")
            summary.organisation = summary.organisation or organisation
            location = Location.objects.create(
                organisation=organisation, name="Wijkcentrum", neighbourhood="Centrum"
            )
            workers = User.objects.bulk_create(
                [
                    User(
                        organisation=organisation,
                        username=f"schaal{o + 1}-werker{k + 1}",
                        role=Role.SOCIAL_WORKER,
                        password=shared_hash,
                    )
                    for k in range(max(1, (networks + 9) // 10))
                ]
                + [
                    User(
                        organisation=organisation,
                        username=f"schaal{o + 1}-coordinator",
                        role=Role.COORDINATOR,
                        password=shared_hash,
                    )
                ]
            )[:-1]
            counts["users"] += len(workers) + 1
            for first in range(0, networks, SCALE_BATCH):
                size = min(SCALE_BATCH, networks - first)
                batch = Network.objects.bulk_create(
                    [
                        Network(
                            organisation=organisation,
                            name=f"Vangnetwerk {first + i + 1}",
                            location=location,
                            start_date=start + dt.timedelta(days=rng.randint(0, 4)),
                            lead_worker=workers[(first + i) // 10],
                        )
                        for i in range(size)
                    ]
                )
                people, dates, leads = {}, {}, {}
                for network in batch:
                    dates[network.pk] = weekly_dates(network.start_date, today)
                    stream = random.Random(f"{seed}:{o}:{network.name}")
                    people[network.pk] = simulate(
                        params, weeks=len(dates[network.pk]), rng=stream
                    ).people
                    leads[network.pk] = network.lead_worker
                rows = _scale_network_rows(
                    batch=batch,
                    people_by_network=people,
                    dates_by_network=dates,
                    lead_by_network=leads,
                    rng=rng,
                )
                for key, value in rows.items():
                    counts[key] = counts.get(key, 0) + value
                counts["networks"] += size
                bar.update(size)
    counts["organisations"] = organisations
    summary.counts = counts
    return summary
