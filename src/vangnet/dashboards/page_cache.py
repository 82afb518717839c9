"""The organisation dashboard's body (summary, phase chart, both tables), cached whole, and
made from the networks' rows kept one by one when it missed (`dashboards.row_cache`).

Public: `dashboard_body(*, form, user, today) -> SafeString`, equal to rendering
`dashboards/includes/body.html` with `pdf.report_context` of freshly computed
`organisation_figures` (tests compare them after random writes), but kept in Django's cache
(setting `VANGNET_DASHBOARD_CACHE_SECONDS`; 0 turns it off) under everything it shows:

- per network of the filter (one raw query, `_network_rows`): its id, its trigger-kept
  tokens `facts` (sessions, marks, participants, route events), `plan` (the network's own
  row, phases, activities, registered hours) and `evaluation` (evaluations, judgements,
  checklists, interviews, questionnaire responses: the fidelity, sub-goal and outcome
  columns), see `participants.data_triggers`; and by value the texts the rows show that
  live in other tables: the location's name and the lead worker's names. Those are read
  in the same query (they are joined rows anyway); a trigger on the user table would renew
  every token of a worker's networks at each login (`last_login`). A network that joins
  or leaves the filter (a new network, a location or worker changed) changes the id list;
- the organisation's settings that enter the figures, by value: the route rules, the
  planning threshold and the fidelity weights (the same as `fidelity.column_cache`), and the
  small-cell threshold of the outcome column;
- the filter (period, location, worker), the day of the figures and today, the language,
  the viewer's role and its capabilities, and the URL prefix (the rows hold links).

No writer has to remember anything: a write of any of these rows renews a token or
changes a value of the key. When the body's key misses (a write in any network of the
filter), the body is assembled from each network's row kept under its own line of the
query above and the same values except the filter's location and worker
(`row_cache.Look`): only the networks whose line changed are derived again, the
totals are summed from the rows, the phase chart is kept under what it draws of each
network. The API's organisation figures (`cached_output` with another `kind`) share the
rows of the same period. The body holds figures, not people: no participant's name.
The capability check (`pdf.report_form`) runs before, per request. A body is stored only
when the transaction that made it commits (`fact_cache.store_after_commit`).
"""

# ruff: noqa: S608 - table names from the models, every value a parameter

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from vangnet.core.permissions import ROLE_CAPABILITIES
from vangnet.core.single_flight import derive_once
from vangnet.dashboards.forms import DashboardFilterForm
from vangnet.dashboards.pdf import report_context
from vangnet.dashboards.row_cache import Look, phase_chart
from vangnet.dashboards.selectors import organisation_figures
from vangnet.dashboards.table_rows import join_rows
from vangnet.fidelity.selectors import organisation_weights
from vangnet.networks.models import Network
from vangnet.organisations.models import Location, User
from vangnet.participants.fact_cache import cache_key, cache_seconds
from vangnet.participants.models import NetworkDataVersion, NetworkFactVersion
from vangnet.participants.route import RouteRules
from vangnet.planning.selectors import planning_settings

CACHE_SECONDS = 3600
T = TypeVar("T")
BODY_TEMPLATE = "dashboards/includes/body.html"


@dataclass(frozen=True)
class Shown:
    """What the page's head shows of the chosen filter (the body is the cached part)."""

    start: dt.date
    end: dt.date
    location: Location | None
    worker: User | None


def _network_rows(
    *, organisation_id: int, location_id: int | None, worker_id: int | None
) -> list[tuple[Any, ...]]:
    """Per network of the filter (as `dashboards.selectors._networks` chooses them): id,
    facts, plan and evaluation tokens, name, location name, lead worker's first name, last
    name and username. One query, on the database the ORM reads from (a replica's tokens
    with a replica's data)."""
    network = Network._meta.db_table
    where = ["n.organisation_id = %s"]
    params: list[Any] = [organisation_id]
    if location_id is not None:
        where.append("n.location_id = %s")
        params.append(location_id)
    if worker_id is not None:
        where.append("(n.lead_worker_id = %s OR n.backup_worker_id = %s)")
        params += [worker_id, worker_id]
    sql = (
        f"SELECT n.id, f.token, p.token, e.token, n.name, l.name, "
        f"u.first_name, u.last_name, u.username FROM {network} n "
        f"LEFT JOIN {Location._meta.db_table} l ON l.id = n.location_id "
        f"LEFT JOIN {User._meta.db_table} u ON u.id = n.lead_worker_id "
        f"LEFT JOIN {NetworkFactVersion._meta.db_table} f ON f.network_id = n.id "
        f"LEFT JOIN {NetworkDataVersion._meta.db_table} p "
        "ON p.network_id = n.id AND p.kind = 'plan' "
        f"LEFT JOIN {NetworkDataVersion._meta.db_table} e "
        "ON e.network_id = n.id AND e.kind = 'evaluation' "
        f"WHERE {' AND '.join(where)} ORDER BY n.name, n.id"
    )
    with connections[router.db_for_read(Network)].cursor() as cursor:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]


def shared_parts(
    *,
    organisation: Any,
    role: str,
    filters: dict[str, Any],
    today: dt.date,
    weights: dict[str, int] | None = None,
) -> tuple[object, ...]:
    """What every body and every network's row depends on besides the networks' own lines
    (module docstring), the filter's location and worker excepted. `weights`: the
    organisation's fidelity weights when already read (`organisation_weights`)."""
    if weights is None:
        weights = organisation_weights(organisation)
    return (
        organisation.pk,
        role,
        tuple(sorted(ROLE_CAPABILITIES.get(role, ()))),
        filters["start"],
        filters["end"],
        today,
        translation.get_language(),
        get_script_prefix(),
        RouteRules.from_organisation(organisation),
        str(planning_settings(organisation).second_worker_above),
        tuple(sorted(weights.items())),
        getattr(settings, "VANGNET_SMALL_CELL_K", 5),
    )


def _filter_rows(organisation: Any, filters: dict[str, Any]) -> list[tuple[Any, ...]]:
    location, worker = filters.get("location"), filters.get("worker")
    return _network_rows(
        organisation_id=organisation.pk,
        location_id=location.pk if location is not None else None,
        worker_id=worker.pk if worker is not None else None,
    )


def _key(kind: str, shared: tuple[object, ...], filters: dict[str, Any], rows: list) -> str:
    location, worker = filters.get("location"), filters.get("worker")
    return cache_key(
        kind,
        *shared,
        location.pk if location is not None else None,
        worker.pk if worker is not None else None,
        tuple(rows),
    )


def body_key(
    *,
    organisation: Any,
    role: str,
    filters: dict[str, Any],
    today: dt.date,
    kind: str = "dashboards:body",
) -> str:
    """The cache key of the body, or of another `kind` of output made from the same
    figures (module docstring: what it holds)."""
    shared = shared_parts(organisation=organisation, role=role, filters=filters, today=today)
    return _key(kind, shared, filters, _filter_rows(organisation, filters))


def render_body(*, form: DashboardFilterForm, organisation: Any, today: dt.date) -> SafeString:
    """The body made from scratch (what the cache keeps)."""
    figures = organisation_figures(organisation=organisation, today=today, **form.filters())
    return mark_safe(render_to_string(BODY_TEMPLATE, report_context(form, figures)))  # noqa: S308 - a rendered template


def _render_rows(form: DashboardFilterForm, look: Look) -> str:
    """The body assembled from the kept rows: equal to `render_body` (tests)."""
    cached = look.rows()
    context = report_context(form, None)
    context["figures"] = cached.figures
    context["phase_svg"] = phase_chart(cached, seconds=look.seconds)
    context["fidelity_quarter"] = next((row.quarter for row in cached.rows if row.quarter), "")
    context["figures_rows"] = join_rows([row.figures_html for row in cached.rows])
    context["phase_rows"] = mark_safe("\n".join(row.phase_html for row in cached.rows))  # noqa: S308 - rows made by table_rows
    return render_to_string(BODY_TEMPLATE, context)


def cached_output(
    *,
    kind: str,
    user: Any,
    filters: dict[str, Any],
    today: dt.date,
    make: Callable[[Look | None], T],
) -> T:
    """`make(look)`, an output of the figures of `filters` (period, location, worker) for
    `user`'s organisation as of `today`: from the cache under `body_key`, else made from
    the networks' rows kept one by one (`row_cache.Look`: only the networks changed since
    are derived again) and kept (after the transaction commits). With the cache off,
    `make(None)`: made from scratch. The key is read before the figures, so an entry never
    holds figures older than its tokens."""
    seconds = cache_seconds("VANGNET_DASHBOARD_CACHE_SECONDS", CACHE_SECONDS)
    if seconds <= 0:
        return make(None)
    organisation = user.organisation
    weights = organisation_weights(organisation)
    shared = shared_parts(
        organisation=organisation, role=user.role, filters=filters, today=today, weights=weights
    )
    lines = _filter_rows(organisation, filters)
    key = _key(kind, shared, filters, lines)
    value = cache.get(key)
    if value is None:  # made by one request at a time; the others wait (core.single_flight)
        look = Look(organisation, shared, filters, today, lines, seconds, weights)
        value = derive_once({key: key}, lambda _keys: {key: make(look)}, seconds=seconds)[key]
    return value


def dashboard_body(*, form: DashboardFilterForm, user: Any, today: dt.date) -> SafeString:
    """The dashboard's body for a valid filter `form`: from the cache, else made and kept."""
    body = cached_output(
        kind="dashboards:body",
        user=user,
        filters=form.filters(),
        today=today,
        make=lambda look: (
            str(render_body(form=form, organisation=user.organisation, today=today))
            if look is None
            else _render_rows(form, look)
        ),
    )
    return mark_safe(body)  # noqa: S308 - a rendered template, from the cache


def shown(form: DashboardFilterForm) -> Shown:
    filters = form.filters()
    return Shown(filters["start"], filters["end"], filters["location"], filters["worker"])
