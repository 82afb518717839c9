"""Money pages. Thin: ask core.permissions for the network, call a selector or service,
render. A network outside the user's scope answers 404; a role without the capability 403."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vangnet.audit.services import audit_record
from vangnet.core.forms import add_service_errors
from vangnet.core.permissions import Cap, has_cap, network_for, require_cap
from vangnet.core.typing import MemberRequest
from vangnet.exports.writers import csv_bytes, xlsx_bytes
from vangnet.finance import selectors, services
from vangnet.finance.forms import BudgetForm, EntryForm, ExportForm, SettingsForm, YearForm
from vangnet.finance.models import Kind
from vangnet.finance.receipts import PDF, receipt_storage


def _year(request: MemberRequest) -> int:
    form = YearForm(request.GET)
    if form.is_valid() and form.cleaned_data["jaar"]:
        return int(form.cleaned_data["jaar"])
    return timezone.localdate().year


@require_GET
def overview(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.KEEP_ACCOUNTS)
    year = _year(request)
    balances = selectors.balances_overview(user=request.user, year=year)
    today = timezone.localdate()
    return render(
        request,
        "finance/overview.html",
        {
            "year": year,
            "years": list(range(today.year, today.year - 6, -1)),
            "balances": balances,
            "warnings": [b for b in balances if b.warning or b.over],
            "settings": selectors.finance_settings(request.user.organisation),
            "can_set": has_cap(request.user, Cap.SET_BUDGETS),
        },
    )


@require_GET
def network_money(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.KEEP_ACCOUNTS)
    year = _year(request)
    return render(
        request,
        "finance/network.html",
        {
            "network": network,
            "year": year,
            "years": selectors.entry_years(network=network, today=timezone.localdate()),
            "balance": selectors.network_balance(network=network, year=year, with_categories=True),
            "entries": selectors.network_entries(network=network, year=year),
            "can_set": has_cap(request.user, Cap.SET_BUDGETS),
            "expense": Kind.EXPENSE,
        },
    )


def _entry_page(request, network, form, *, entry=None, status=200) -> HttpResponse:
    return render(
        request,
        "finance/entry_form.html",
        {"network": network, "form": form, "entry": entry},
        status=status,
    )


def _entry_args(form: EntryForm) -> dict:
    data = form.cleaned_data
    return {
        "kind": data["kind"],
        "category": data["category"],
        "date": data["date"],
        "amount": data["amount"],
        "description": data["description"],
        "activity": data.get("activity"),
        "receipt": data.get("receipt"),
    }


@require_http_methods(["GET", "POST"])
def entry_create(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.KEEP_ACCOUNTS)
    if request.method != "POST":
        form = EntryForm(
            network=network, initial={"kind": Kind.EXPENSE, "date": timezone.localdate()}
        )
        return _entry_page(request, network, form)
    form = EntryForm(request.POST, request.FILES, network=network)
    if form.is_valid():
        try:
            entry = services.entry_create(
                network=network,
                actor=request.user,
                today=timezone.localdate(),
                request=request,
                **_entry_args(form),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(f"{_network_url(network)}?jaar={entry.date.year}")
    return _entry_page(request, network, form, status=400)


def _network_url(network) -> str:
    from django.urls import reverse

    return reverse("finance:network", args=[network.pk])


@require_http_methods(["GET", "POST"])
def entry_edit(request: MemberRequest, network_id: int, money_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.KEEP_ACCOUNTS)
    entry = selectors.entry_for(request.user, network, money_id)
    if request.method != "POST":
        form = EntryForm(instance=entry, network=network)
        return _entry_page(request, network, form, entry=entry)
    form = EntryForm(request.POST, request.FILES, instance=entry, network=network)
    if form.is_valid():
        try:
            services.entry_update(
                entry=selectors.entry_for(request.user, network, money_id),
                actor=request.user,
                today=timezone.localdate(),
                request=request,
                remove_receipt=bool(form.cleaned_data.get("remove_receipt")),
                **_entry_args(form),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De wijziging is opgeslagen."))
            return redirect(f"{_network_url(network)}?jaar={form.cleaned_data['date'].year}")
    return _entry_page(request, network, form, entry=entry, status=400)


@require_POST
def entry_delete(request: MemberRequest, network_id: int, money_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.KEEP_ACCOUNTS)
    entry = selectors.entry_for(request.user, network, money_id)
    if request.POST.get("bevestig") != "1":  # only the delete button deletes
        return redirect("finance:entry_edit", network_id=network.pk, money_id=entry.pk)
    year = entry.date.year
    services.entry_delete(entry=entry, actor=request.user, request=request)
    messages.success(request, _("Verwijderd."))
    return redirect(f"{_network_url(network)}?jaar={year}")


@require_GET
def receipt(request: MemberRequest, network_id: int, money_id: int) -> FileResponse:
    """The receipt, only after the permission check; a PDF is downloaded, a photo shown."""
    network = network_for(request.user, network_id, Cap.KEEP_ACCOUNTS)
    entry = selectors.entry_for(request.user, network, money_id)
    if not entry.receipt or not receipt_storage.exists(entry.receipt.name):
        raise Http404
    audit_record(actor=request.user, action="view", obj=entry, detail="bon", request=request)
    suffix = entry.receipt.name.rsplit(".", 1)[-1]
    response = FileResponse(
        receipt_storage.open(entry.receipt.name, "rb"),
        content_type=entry.receipt_type,
        as_attachment=entry.receipt_type == PDF,
        filename=f"bon-{entry.pk}.{suffix}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def budget(request: MemberRequest, network_id: int) -> HttpResponse:
    network = network_for(request.user, network_id, Cap.SET_BUDGETS)
    today = timezone.localdate()
    year = _year(request)
    if request.method == "POST":
        form = BudgetForm(request.POST)
        if form.is_valid():
            try:
                row = services.budget_set(
                    network=network,
                    year=form.cleaned_data["year"],
                    amount=form.cleaned_data["amount"],
                    actor=request.user,
                    today=today,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Het budget is opgeslagen."))
                return redirect(f"{_network_url(network)}?jaar={row.year}")
        status = 400
    else:
        current = selectors.network_balance(network=network, year=year).budget
        form = BudgetForm(initial={"year": year, "amount": current})
        status = 200
    return render(request, "finance/budget.html", {"network": network, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
def settings_edit(request: MemberRequest) -> HttpResponse:
    require_cap(request.user, Cap.SET_BUDGETS)
    organisation = request.user.organisation
    status = 200
    if request.method == "POST":
        form = SettingsForm(request.POST)
        if form.is_valid():
            try:
                services.finance_settings_update(
                    organisation=organisation,
                    warning_percent=form.cleaned_data["warning_percent"],
                    actor=request.user,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("De instelling is opgeslagen."))
                return redirect("finance:overview")
        status = 400
    else:
        current = selectors.finance_settings(organisation).warning_percent
        form = SettingsForm(initial={"warning_percent": current})
    return render(request, "finance/settings.html", {"form": form}, status=status)


@require_GET
def export(request: MemberRequest) -> HttpResponse:
    """The year's entries of every network the user keeps the accounts of (XLSX or CSV)."""
    require_cap(request.user, Cap.KEEP_ACCOUNTS)
    form = ExportForm(request.GET)
    if not form.is_valid():
        return HttpResponse(_("Kies een jaar en XLSX of CSV."), status=400)
    year = form.cleaned_data["jaar"] or timezone.localdate().year
    file_format = form.cleaned_data["formaat"] or "xlsx"
    table = selectors.accounts_table(user=request.user, year=year)
    audit_record(
        actor=request.user,
        action="export",
        object_type="finance",
        detail=f"geld {year} {file_format}: {len(table.rows)} regels",
        request=request,
    )
    if file_format == "csv":
        data, content_type = csv_bytes(table), "text/csv; charset=utf-8"
    else:
        data = xlsx_bytes([table])
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="geld-{year}.{file_format}"'
    return response
