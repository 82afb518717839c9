"""Reports as PDF (WeasyPrint, as planning's plan PDF). The PDF templates carry their own
print stylesheet; charts are the same inline SVG as on the page.

A network's annual report PDF is made in the background (an export job,
`exports.document_services`): `annual_pdf_check` checks the network and the year when it is
asked for, `annual_pdf_build` again in the worker, then lays it out and audits it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, network_for
from vangnet.networks.models import Network
from vangnet.reports import annual as annual_selectors
from vangnet.reports.charts import bars_svg
from vangnet.reports.forms import YearForm


def render_document(template: str, context: dict, *, request: Any = None) -> Any:
    """The laid-out WeasyPrint document (tests read its pages and text)."""
    from weasyprint import HTML  # lazy: WeasyPrint loads Pango, slow to import

    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else None
    return HTML(string=html, base_url=base_url).render()


def render_pdf(template: str, context: dict, *, request: Any = None) -> bytes:
    return render_document(template, context, request=request).write_pdf()


def annual_year(
    user: Any, network_id: int | str | None, query: Mapping[str, Any] | None, *, today: dt.date
) -> tuple[Network, YearForm]:
    """The network (404 outside the user's sight) and the year chosen in `query`."""
    network = network_for(user, network_id, Cap.VIEW_NETWORK_REPORTS)
    years = annual_selectors.report_years(network=network, today=today)
    return network, YearForm(query or None, years=years)


def annual_context(
    user: Any, network_id: int | str, query: Mapping[str, Any] | None, *, today: dt.date
) -> dict:
    """The annual report of a network the user may see (404 outside their sight)."""
    network, form = annual_year(user, network_id, query, today=today)
    report = annual_selectors.network_annual_report(network=network, year=form.year(), today=today)
    chart = bars_svg(
        chart_id="chart-months",
        title=_("Bijeenkomsten per maand"),
        desc=_("Hoe vaak de groep elke maand bij elkaar kwam."),
        rows=[(month, sessions) for month, sessions, _average in report.months],
    )
    return {"network": network, "form": form, "report": report, "chart": chart}


def annual_pdf_check(user: Any, params: Mapping[str, Any]) -> None:
    """May this user have this annual report? Raises Http404 or PermissionDenied."""
    network_for(user, params.get("network_id"), Cap.VIEW_NETWORK_REPORTS)


def annual_pdf_build(
    user: Any, params: Mapping[str, Any], progress: Callable[[int, int], None]
) -> tuple[str, bytes]:
    """The annual report PDF of the network for this user (checked again), audited."""
    query = {"jaar": str(params.get("year", ""))}
    context = annual_context(user, params.get("network_id", ""), query, today=timezone.localdate())
    network, report = context["network"], context["report"]
    progress(1, 3)
    html = render_to_string("reports/annual_pdf.html", context)
    progress(2, 3)
    from weasyprint import HTML

    data = HTML(string=html).write_pdf()
    audit_record(
        actor=user,
        action="export",
        object_type="reports.annual",
        object_id=network.pk,
        detail=str(report.year),
        organisation=user.organisation,
    )
    return f"jaarverslag-{network.pk}-{report.year}.pdf", data
