"""The organisation's figures per network, read in a fixed number of queries.

Public: `organisation_figures(*, organisation, start, end, location=None, worker=None,
today) -> OrganisationFigures`, and `organisation_figures_again` for another period of the
same networks with the same last day (the dashboard's fidelity column). The dashboard, the
organisation report, the API and the exports use it. Every figure is defined in
docs/dashboards.md; keep the two in step.

The queries do not grow with the number of networks, sessions or participants: one query
each for networks, phase transitions, activities, hours and the planning setting, the
route figures of `dashboards.routes` (sessions, attendance, participants, route events;
plus one indexed query of the networks' fact versions for the cache key), and the sub-goal
and outcome readers of the evaluation apps. Routes are derived in Python by the one route
function (`participants.route.derive_route`), phases by `networks.phases.derive_phases`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, Sum

from vangnet.dashboards import sources
from vangnet.dashboards.figures import (
    NetworkFigures,
    OrganisationFigures,
    Totals,
    totals_of,
)
from vangnet.dashboards.routes import (
    COUNT_FIELDS,
    RouteCounts,
    SharedFacts,
    monday,
    route_counts,
)
from vangnet.networks.models import (
    Activity,
    Network,
    Phase,
    PhaseTransition,
)
from vangnet.networks.phases import (
    PLANNED_PHASES,
    PhaseTimeline,
    TransitionInput,
    derive_phases,
    network_months,
)
from vangnet.planning.models import WorkerHours
from vangnet.planning.selectors import network_facts, network_norm, planning_settings

if TYPE_CHECKING:
    from vangnet.organisations.models import Location, Organisation, User

__all__ = [
    "NetworkFigures",
    "OrganisationFigures",
    "Totals",
    "organisation_figures",
    "organisation_figures_again",
]


def _planned_phase(timeline: PhaseTimeline, on: dt.date) -> Phase | None:
    planned = None
    for span in timeline.spans:
        if span.phase in (*PLANNED_PHASES, Phase.EVALUATION) and span.planned_start is not None:
            if span.planned_start <= on:
                planned = span.phase
    return planned


def _networks(
    *,
    organisation: Organisation,
    location: Location | None,
    worker: User | None,
    network_ids: Sequence[int] | None = None,
) -> list[Network]:
    networks = Network.objects.filter(organisation=organisation).select_related(
        "location", "lead_worker"
    )
    if location is not None:
        networks = networks.filter(location=location)
    if worker is not None:
        networks = networks.filter(Q(lead_worker=worker) | Q(backup_worker=worker))
    if network_ids is not None:
        networks = networks.filter(pk__in=list(network_ids))
    return list(networks.order_by("name", "id"))


def organisation_figures(
    *,
    organisation: Organisation,
    start: dt.date,
    end: dt.date,
    location: Location | None = None,
    worker: User | None = None,
    network_ids: Sequence[int] | None = None,
    today: dt.date,
) -> OrganisationFigures:
    """Per network and in total, the figures of the period `start`..`end` (inclusive).

    Figures "now" (steady, taking part, phase) are as of `as_of` = min(end, today). Filter
    on a location (networks meeting there) and a worker (networks they lead or back up);
    `network_ids` keeps only those networks (the fidelity score of one network's page).
    """
    as_of = min(end, today)
    networks = _networks(
        organisation=organisation, location=location, worker=worker, network_ids=network_ids
    )
    filtered = location is not None or worker is not None or network_ids is not None
    loaded = _load(organisation, networks, filtered=filtered, as_of=as_of)
    result = _figures(loaded, start=start, end=end)
    result.location, result.worker = location, worker
    if networks:
        sources.attach_evaluation(result, networks=networks)
        result.totals = totals_of(result.rows)
    return result


def organisation_figures_again(
    figures: OrganisationFigures, *, start: dt.date, end: dt.date, today: dt.date
) -> OrganisationFigures:
    """The figures of the same networks (organisation and filter as `figures`) over another
    period `start`..`end` whose figures "now" fall on the same day as those of `figures`
    (the dashboard's fidelity column: the quarter of the dashboard's last day). Equal to
    `organisation_figures(..., network_ids=<the rows of figures>)` for that period (tests
    compare them), without reading the networks, phases and activities again: only the
    hours and the (cached) route figures of the new period."""
    loaded = figures.loaded
    if loaded is None or min(end, today) != figures.as_of:
        return organisation_figures(
            organisation=figures.organisation,
            start=start,
            end=end,
            network_ids=[row.network_id for row in figures.rows],
            today=today,
        )
    result = _figures(loaded, start=start, end=end)
    evaluation = {row.network_id: row for row in figures.rows}
    for row in result.rows:
        known = evaluation[row.network_id]
        row.subgoals, row.subgoals_text = known.subgoals, known.subgoals_text
        row.outcome, row.outcome_text = known.outcome, known.outcome_text
    result.has_subgoals, result.has_outcomes = figures.has_subgoals, figures.has_outcomes
    result.totals = totals_of(result.rows)
    return result


@dataclass
class _Loaded:
    """What the figures of every period ending "now" on `as_of` share."""

    organisation: Organisation
    networks: list[Network]
    filtered: bool
    as_of: dt.date
    scope: dict[str, Any] = field(default_factory=dict)
    timelines: dict[int, PhaseTimeline] = field(default_factory=dict)
    activities: dict[int, list[Activity]] = field(default_factory=dict)
    threshold: Any = None
    # The rows read and the routes derived for the route figures, shared by the periods
    # asked of these networks (dashboards.routes.load_route_counts).
    route_facts: SharedFacts = field(default_factory=dict)
    # The networks' fact versions read for the route figures' keys (the first period's).
    fact_versions: dict[object, Any] = field(default_factory=dict)


def _load(
    organisation: Organisation, networks: list[Network], *, filtered: bool, as_of: dt.date
) -> _Loaded:
    loaded = _Loaded(organisation, networks, filtered, as_of)
    if not networks:
        return loaded
    ids = [network.pk for network in networks]
    loaded.scope = {"network_id__in": ids} if filtered else {"network__organisation": organisation}

    transitions: dict[int, list[TransitionInput]] = defaultdict(list)
    for network_id, phase, day, reason in (
        PhaseTransition.objects.filter(**loaded.scope)
        .order_by("id")
        .values_list("network_id", "phase", "date", "reason")
    ):
        transitions[network_id].append(TransitionInput(phase, day, reason))

    activities: dict[int, list[Activity]] = defaultdict(list)
    for activity in (
        Activity.objects.filter(**loaded.scope, active_from__lte=as_of)
        .filter(Q(active_until__isnull=True) | Q(active_until__gte=as_of))
        .only("network_id", "weekday", "start_time", "duration_minutes")
    ):
        activities[activity.network_id].append(activity)
    loaded.activities = activities
    loaded.timelines = {
        network.pk: derive_phases(
            start_date=network.start_date,
            on=as_of,
            transitions=transitions.get(network.pk, ()),
            months=network_months(network),
        )
        for network in networks
    }
    loaded.threshold = planning_settings(organisation).second_worker_above
    return loaded


def _figures(loaded: _Loaded, *, start: dt.date, end: dt.date) -> OrganisationFigures:
    """The figures of `start`..`end` of the loaded networks (without the evaluation)."""
    as_of = loaded.as_of
    result = OrganisationFigures(
        organisation=loaded.organisation,
        start=start,
        end=end,
        as_of=as_of,
        rows=[],
        totals=Totals(),
        loaded=loaded,
    )
    networks = loaded.networks
    if not networks:
        return result
    ids = [network.pk for network in networks]
    first_week = monday(start)
    last_week = monday(as_of + dt.timedelta(days=1)) - dt.timedelta(days=7)  # complete weeks
    hours = _hours(scope=loaded.scope, first_week=first_week, last_week=last_week)
    counts = route_counts(
        organisation=loaded.organisation,
        ids=ids if loaded.filtered else None,
        start=start,
        as_of=as_of,
        shared=loaded.route_facts,
        read_versions=loaded.fact_versions,
    )

    rows: dict[int, NetworkFigures] = {}
    for network in networks:
        timeline = loaded.timelines[network.pk]
        mine = counts.get(network.pk) or RouteCounts()
        row = NetworkFigures(
            network_id=network.pk,
            name=network.name,
            location=str(network.location or ""),
            worker=network.lead_worker.get_full_name() or network.lead_worker.username,
            start_date=network.start_date,
            timeline=timeline,
            planned_phase=_planned_phase(timeline, as_of),
            target=network.target_core_size,
            hours=hours.get(network.pk, (Decimal(0), 0))[0],
            **{name: getattr(mine, name) for name in COUNT_FIELDS},
        )
        facts = network_facts(
            network=network,
            today=as_of,
            stage_counts=mine.stage_counts,
            activities=loaded.activities.get(network.pk, []),
        )
        row.norm_per_week = network_norm(
            network=network, facts=facts, threshold=loaded.threshold
        ).hours_per_week
        first = max(first_week, monday(network.start_date))
        row.norm_weeks = max(0, (last_week - first).days // 7 + 1) if last_week >= first else 0
        # Weeks registered before the network's start do not make the registration of its
        # own weeks more complete.
        row.registered_weeks = min(hours.get(network.pk, (Decimal(0), 0))[1], row.norm_weeks)
        rows[network.pk] = row

    result.rows = [rows[network.pk] for network in networks]
    result.totals = totals_of(result.rows)
    return result


def _hours(
    *, scope: dict[str, Any], first_week: dt.date, last_week: dt.date
) -> dict[int, tuple[Decimal, int]]:
    """Registered hours per network over the complete weeks and the number of weeks with a
    registration (a registered 0 counts, a week nobody filled in does not), summed in SQL
    (one query)."""
    rows = (
        WorkerHours.objects.filter(**scope, week_start__gte=first_week, week_start__lte=last_week)
        .values("network_id")
        .annotate(total=Sum("hours"), weeks=Count("week_start", distinct=True))
        .values_list("network_id", "total", "weeks")
        .order_by()
    )
    return {network_id: (total or Decimal(0), weeks) for network_id, total, weeks in rows}
