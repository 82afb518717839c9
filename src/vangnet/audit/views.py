"""The audit trail for the organisation admin: a filtered list and a CSV export."""

import csv

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from vangnet.audit.forms import AuditFilterForm
from vangnet.audit.selectors import audit_events_for_organisation
from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, require_cap
from vangnet.core.text import safe_cell


def _filtered_events(request: HttpRequest):
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_events_for_organisation(
        organisation=request.user.organisation,
        action=filters.get("action", ""),
        username=filters.get("username", ""),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    return form, events


def audit_list(request: HttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_AUDIT)
    form, events = _filtered_events(request)
    page = Paginator(events, 50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "audit/audit_list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def audit_export(request: HttpRequest) -> HttpResponse:
    require_cap(request.user, Cap.VIEW_AUDIT)
    _form, events = _filtered_events(request)
    audit_record(
        actor=request.user, action="export", object_type="audit.auditevent", request=request
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["at", "username", "action", "object_type", "object_id", "detail", "path", "ip"]
    )
    for event in events.iterator():
        writer.writerow(
            safe_cell(value)
            for value in [
                timezone.localtime(event.at).isoformat(timespec="seconds"),
                event.actor_username,
                event.action,
                event.object_type,
                event.object_id,
                event.detail,
                event.path,
                event.ip_address or "",
            ]
        )
    return response
