"""Report endpoints: the organisation dashboard figures (VIEW_DASHBOARD) and the
municipality report figures (VIEW_MUNICIPALITY_REPORT). Both come from the selectors the
pages use; neither names a person."""

from __future__ import annotations

import datetime as dt

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from vangnet.api.base import BAD_REQUEST, COMMON, BaseApiView
from vangnet.api.report_serializers import (
    MunicipalityFiguresSerializer,
    MunicipalityQuerySerializer,
    OrganisationFiguresSerializer,
)
from vangnet.api.serializers import PeriodQuerySerializer
from vangnet.core.permissions import Cap, require_cap
from vangnet.core.replica import replica_reads
from vangnet.core.typing import member
from vangnet.dashboards.page_cache import cached_output
from vangnet.dashboards.periods import default_period
from vangnet.dashboards.row_cache import Look
from vangnet.dashboards.selectors import organisation_figures
from vangnet.reports.periods import ReportPeriod, parse_period, period_choices
from vangnet.reports.periods import default_period as report_default_period
from vangnet.reports.selectors import municipality_figures, report_areas

REPORT_EARLIEST, REPORT_LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
MAX_PERIOD_DAYS = 366 * 10

ROW_FIELDS = (
    "target",
    "steady",
    "taking_part",
    "reached",
    "long_term",
    "acquainted",
    "became_steady",
    "dropouts",
    "returns",
    "sessions",
    "present_marks",
    "expected_marks",
    "conversion",
    "long_term_share",
    "attendance_rate",
)


def report_period(request: Request, today: dt.date) -> tuple[dt.date, dt.date]:
    """`start`/`end` from the query (default: the last twelve months), or a 400."""
    query = PeriodQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    default = default_period(today)
    start = query.validated_data.get("start") or default.start
    end = query.validated_data.get("end") or default.end
    if start < REPORT_EARLIEST or end > REPORT_LATEST:
        raise serializers.ValidationError({"start": [_("Kies datums tussen 2000 en 2100.")]})
    if end < start:
        raise serializers.ValidationError({"end": [_("Het einde ligt voor het begin.")]})
    if (end - start).days > MAX_PERIOD_DAYS:
        raise serializers.ValidationError(
            {"start": [_("Kies een periode van hoogstens tien jaar.")]}
        )
    return start, end


def _row(row) -> dict:
    return {
        "network_id": row.network_id,
        "name": row.name,
        "location": row.location or "",
        "start_date": row.start_date,
        "phase": row.phase.value if row.phase else None,
        "planned_phase": row.planned_phase.value if row.planned_phase else None,
        "phase_on_plan": row.phase_on_plan,
        **{name: getattr(row, name) for name in ROW_FIELDS},
        "present_per_week": row.present_per_week,
        "hours": float(row.hours),
        "norm_hours": float(row.norm_hours),
        "norm_weeks": row.norm_weeks,
        "registered_weeks": row.registered_weeks,
        "registration_share": row.registration_share,
        "hours_on_plan": row.hours_on_plan,
        "on_plan": row.on_plan,
    }


def _totals(totals) -> dict:
    return {
        "networks": totals.networks,
        "on_plan": totals.on_plan,
        **{name: getattr(totals, name) for name in ROW_FIELDS},
        "present_per_week": totals.present_per_week,
        "hours": float(totals.hours),
        "norm_hours": float(totals.norm_hours),
        "norm_weeks": totals.norm_weeks,
        "registered_weeks": totals.registered_weeks,
        "registration_share": totals.registration_share,
    }


@extend_schema(
    tags=["reports"],
    parameters=[PeriodQuerySerializer],
    responses={200: OrganisationFiguresSerializer, 400: BAD_REQUEST, **COMMON},
)
class OrganisationFiguresView(BaseApiView):
    """The organisation dashboard's figures per network and in total for a period
    (definitions: docs/dashboards.md). Default period: the last twelve months."""

    def get(self, request: Request) -> Response:
        require_cap(request.user, Cap.VIEW_DASHBOARD)
        today = timezone.localdate()
        start, end = report_period(request, today)
        user = member(request.user)

        def make(look: Look | None) -> dict:
            figures = (
                organisation_figures(
                    organisation=user.organisation, start=start, end=end, today=today
                )
                if look is None
                else look.figures()
            )
            data = {
                "start": figures.start,
                "end": figures.end,
                "as_of": figures.as_of,
                "totals": _totals(figures.totals),
                "networks": [_row(row) for row in figures.rows],
            }
            return dict(OrganisationFiguresSerializer(data).data)

        # Kept in the cache under the dashboard's key, made from the networks' kept rows
        # (dashboards.page_cache, dashboards.row_cache).
        with replica_reads(request):
            data = cached_output(
                kind="api:organisation-figures",
                user=user,
                filters={"start": start, "end": end, "location": None, "worker": None},
                today=today,
                make=make,
            )
        return Response(data)


# --------------------------------------------------------------------------- municipality


def cell_data(cell) -> dict | None:
    """A suppressed figure: its value only when it is shown (never a hidden value)."""
    if cell is None:
        return None
    return {
        "value": cell.value if cell.shown else None,
        "hidden": cell.hidden,
        "text": cell.text,
    }


def table_data(table) -> dict:
    return {
        "rows": list(table.rows),
        "columns": [str(column) for column in table.columns],
        "cells": [[cell_data(cell) for cell in row] for row in table.cells],
        "row_totals": [cell_data(c) for c in table.row_totals] if table.row_totals else None,
        "column_totals": (
            [cell_data(c) for c in table.column_totals] if table.column_totals else None
        ),
        "total": cell_data(table.total),
    }


def municipality_period(request: Request, organisation, today: dt.date):
    """The period and area as the report page accepts them, or a 400."""
    query = MunicipalityQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    key = query.validated_data.get("period")
    first = organisation.networks.aggregate(first=Min("start_date"))["first"]
    allowed = {
        value
        for value, _label in period_choices(
            first_year=first.year if first else today.year, today=today
        )
    }
    if key is None:
        period: ReportPeriod | None = report_default_period(today)
    else:
        period = parse_period(key)
        if period is None or key not in allowed:
            raise serializers.ValidationError(
                {
                    "period": [
                        _("Kies een jaar (2026) of een kwartaal (2026-K2) dat al begonnen is.")
                    ]
                }
            )
    area = query.validated_data.get("area") or None
    if area is not None and area not in report_areas(organisation=organisation):
        raise serializers.ValidationError({"area": [_("Kies een bestaand gebied.")]})
    return period, area


@extend_schema(
    tags=["reports"],
    parameters=[MunicipalityQuerySerializer],
    responses={200: MunicipalityFiguresSerializer, 400: BAD_REQUEST, **COMMON},
)
class MunicipalityFiguresView(BaseApiView):
    """The anonymous municipality report: figures per area with small-cell suppression
    (definitions: docs/reports.md). Hidden figures carry no value."""

    def get(self, request: Request) -> Response:
        require_cap(request.user, Cap.VIEW_MUNICIPALITY_REPORT)
        organisation = member(request.user).organisation
        today = timezone.localdate()
        period, area = municipality_period(request, organisation, today)
        with replica_reads(request):
            report = municipality_figures(
                organisation=organisation,
                start=period.start,
                end=period.end,
                area=area,
                today=today,
            )
        outcome = report.outcome
        data = {
            "period": period.key,
            "start": report.start,
            "end": report.end,
            "as_of": report.as_of,
            "area": report.area,
            "k": report.k,
            "networks_total": report.networks_total,
            "phases": table_data(report.phases),
            "people": table_data(report.people),
            "ties": table_data(report.ties),
            "neighbourhood": table_data(report.neighbourhood) if report.neighbourhood else None,
            "neighbourhood_sessions": [
                {"area": name, "sessions": n}
                for name, n in zip(report.areas, report.neighbourhood_sessions, strict=True)
            ],
            "neighbourhood_sessions_total": report.neighbourhood_sessions_total,
            "areas": [
                {"area": name, "sessions": sessions, "attendance": cell_data(attendance)}
                for name, sessions, attendance in zip(
                    report.areas, report.sessions, report.attendance, strict=True
                )
            ],
            "sessions_total": report.sessions_total,
            "attendance_total": cell_data(report.attendance_total),
            "outcome": (
                None
                if outcome is None
                else {
                    name: cell_data(getattr(outcome, name))
                    for name in ("n", "mean_then", "mean_now", "mean_change", "improved_share")
                }
            ),
            "outcome_available": report.outcome_available,
        }
        return Response(MunicipalityFiguresSerializer(data).data)
