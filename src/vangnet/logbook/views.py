"""Logbook pages. Thin: parse input, call a selector or service, render."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from vangnet.audit.services import audit_record
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, has_cap, network_for
from vangnet.core.typing import MemberRequest
from vangnet.logbook import selectors, services
from vangnet.logbook.charts import balance_chart, describe
from vangnet.logbook.forms import BalanceForm, FilterForm, LogEntryForm
from vangnet.logbook.models import BALANCES

PAGE_SIZE = 20


@require_GET
def entry_list(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.VIEW_LOGBOOK)
    today = timezone.localdate()
    filter_form = FilterForm(request.GET or None)
    block = filter_form.cleaned_data["bouwsteen"] if filter_form.is_valid() else ""
    page = Paginator(
        selectors.log_entries(network=network, building_block=block), PAGE_SIZE
    ).get_page(request.GET.get("pagina"))
    weeks = selectors.balance_history(network=network, today=today)
    rows = [
        (
            week,
            [
                (value, describe(value, str(left), str(right)))
                for value, (_field, left, right) in zip(week.values, BALANCES, strict=True)
            ],
        )
        for week in reversed(weeks)
    ]
    audit_record(actor=request.user, action="view", obj=network, detail="logbook", request=request)
    return render(
        request,
        "logbook/entry_list.html",
        {
            "network": network,
            "page": page,
            "filter_form": filter_form,
            "block": block,
            "chart": balance_chart(weeks),
            "balance_rows": rows,
            "balances": BALANCES,
            "can_write": has_cap(request.user, Cap.WRITE_LOGBOOK),
            "this_week_done": bool(weeks) and weeks[-1].reflection is not None,
        },
    )


@require_http_methods(["GET", "POST"])
def entry_create(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.WRITE_LOGBOOK)
    today = timezone.localdate()
    if request.method == "POST":
        form = LogEntryForm(request.POST)
        if form.is_valid():
            try:
                services.log_entry_create(
                    network=network, author=request.user, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Je logboekregel is opgeslagen."))
                return redirect("logbook:list", network.pk)
    else:
        form = LogEntryForm(
            initial={"date": today, "phase": services.phase_on(network=network, day=today)}
        )
    return render(request, "logbook/entry_form.html", {"network": network, "form": form})


@require_http_methods(["GET", "POST"])
def entry_edit(request: MemberRequest, network_id: int, entry_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.WRITE_LOGBOOK)
    entry = selectors.log_entry_get(network=network, entry_id=entry_id)
    if entry.author_id != request.user.pk:
        raise PermissionDenied
    if request.method == "POST":
        form = LogEntryForm(request.POST)
        if form.is_valid():
            try:
                services.log_entry_update(
                    entry=entry, actor=request.user, request=request, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Je logboekregel is gewijzigd."))
                return redirect("logbook:list", network.pk)
    else:
        form = LogEntryForm(
            initial={
                "date": entry.date,
                "text": entry.text,
                "building_blocks": entry.building_blocks,
                "phase": entry.phase,
            }
        )
    return render(
        request, "logbook/entry_form.html", {"network": network, "form": form, "entry": entry}
    )


@require_http_methods(["GET", "POST"])
def balance(request: MemberRequest, network_id: int) -> HttpResponse:
    """This week's reflection (or an earlier week with ?week=2025-W05)."""
    network = network_for(request.user, network_id, Cap.WRITE_LOGBOOK)
    today = timezone.localdate()
    this_week = services.week_start(today)
    week = selectors.parse_iso_week(request.GET.get("week", "")) or this_week
    if week > this_week or week < services.week_start(network.start_date):
        week = this_week
    existing = selectors.reflection_for_week(network=network, day=week)
    if request.method == "POST":
        form = BalanceForm(request.POST)
        if form.is_valid():
            values = {field: form.cleaned_data[field] for field, _l, _r in BALANCES}
            try:
                _reflection, created = services.balance_reflection_save(
                    network=network,
                    author=request.user,
                    week=week,
                    values=values,
                    note=form.cleaned_data["note"],
                    request=request,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Je reflectie is opgeslagen.")
                    if created
                    else _("Je reflectie is bijgewerkt."),
                )
                return redirect("logbook:list", network.pk)
    elif existing is not None:
        form = BalanceForm(
            initial={field: getattr(existing, field) for field, _l, _r in BALANCES}
            | {"note": existing.note}
        )
    else:
        form = BalanceForm()
    year, number, _day = week.isocalendar()
    previous = week - dt.timedelta(weeks=1)
    context = {
        "network": network,
        "form": form,
        "existing": existing,
        "week_number": number,
        "week_year": year,
        "week_monday": week,
        "week_sunday": week + dt.timedelta(days=6),
        "is_this_week": week == this_week,
        "action": reverse("logbook:balance", args=[network.pk])
        + ("" if week == this_week else f"?week={year}-W{number:02d}"),
    }
    if previous >= services.week_start(network.start_date):
        p_year, p_number, _p = previous.isocalendar()
        context["previous_week"] = f"{p_year}-W{p_number:02d}"
    if week < this_week:
        n = week + dt.timedelta(weeks=1)
        n_year, n_number, _n = n.isocalendar()
        context["next_week"] = f"{n_year}-W{n_number:02d}"
    return render(request, "logbook/balance_form.html", context)
