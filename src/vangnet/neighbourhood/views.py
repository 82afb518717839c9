"""A network's outputs for the neighbourhood in a year (page) and as XLSX/CSV. Recording
happens on the session screen (neighbourhood.screen)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, has_cap, network_for
from vangnet.core.typing import MemberRequest
from vangnet.exports.writers import csv_bytes, xlsx_bytes
from vangnet.neighbourhood.exports import outputs_table
from vangnet.neighbourhood.forms import ExportForm, YearForm
from vangnet.neighbourhood.selectors import network_produced


@require_GET
def network_outputs(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_NETWORK)
    form = YearForm(request.GET)
    this_year = timezone.localdate().year
    year = (form.cleaned_data.get("jaar") if form.is_valid() else None) or this_year
    produced = network_produced(
        network=network, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)
    )
    return render(
        request,
        "neighbourhood/network.html",
        {
            "network": network,
            "form": form,
            "year": year,
            "years": list(range(max(network.start_date.year, this_year - 9), this_year + 1)),
            "produced": produced,
            "can_export": has_cap(request.user, Cap.EXPORT_DATA),
        },
        status=200 if form.is_valid() else 400,
    )


@require_GET
def export(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.EXPORT_DATA)
    form = ExportForm(request.GET)
    if not form.is_valid():
        return HttpResponse(_("Kies een jaar tussen 2000 en 2100 en XLSX of CSV."), status=400)
    year = form.cleaned_data["jaar"] or timezone.localdate().year
    file_format = form.cleaned_data["formaat"] or "xlsx"
    table = outputs_table(network=network, year=year)
    audit_record(
        actor=request.user,
        action="export",
        obj=network,
        detail=f"voor de buurt {year} {file_format}: {len(table.rows)} regels",
        request=request,
    )
    if file_format == "csv":
        data, content_type = csv_bytes(table), "text/csv; charset=utf-8"
    else:
        data = xlsx_bytes([table])
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="voor-de-buurt-{network.pk}-{year}.{file_format}"'
    )
    return response
