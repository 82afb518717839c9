"""Money endpoints: the balances of the networks you keep the accounts of, one network's
year (balance, totals per category, entries) and a receipt. The same capability as the
money pages (`keep_accounts`) and the same scope (core.permissions); read only. A receipt
is served as the page serves it: after the permission check, audited."""

from __future__ import annotations

from decimal import Decimal

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from vangnet.api.base import BAD_REQUEST, COMMON, SCOPED, BaseApiView
from vangnet.api.money_serializers import (
    BalanceSerializer,
    NetworkMoneySerializer,
    YearQuerySerializer,
)
from vangnet.audit.services import audit_record
from vangnet.core.permissions import Cap, network_for, require_cap
from vangnet.core.typing import member
from vangnet.finance import selectors
from vangnet.finance.models import Category, MoneyEntry
from vangnet.finance.receipts import PDF, receipt_storage

CATEGORY_LABELS = dict(Category.choices)


def balance_data(balance: selectors.Balance) -> dict:
    return {
        "network_id": balance.network.pk,
        "network_name": balance.network.name,
        "year": balance.year,
        "budget": balance.budget,
        "income": balance.income,
        "own_contribution": balance.own_contribution,
        "expenses": balance.expenses,
        "available": balance.available,
        "remaining": balance.remaining,
        "used_percent": balance.used_percent,
        "warning_percent": balance.warning_percent,
        "warning": balance.warning,
        "over": balance.over,
    }


def entry_data(entry: MoneyEntry) -> dict:
    return {
        "id": entry.pk,
        "date": entry.date,
        "kind": entry.kind,
        "category": entry.category,
        "category_label": str(CATEGORY_LABELS.get(entry.category, entry.category)),
        "activity_id": entry.activity_id,
        "activity_name": entry.activity.name if entry.activity else "",
        "amount": entry.amount,
        "description": entry.description,
        "has_receipt": bool(entry.receipt),
        "receipt_type": entry.receipt_type,
        "receipt_size": entry.receipt_size,
    }


def category_totals(entries: list[MoneyEntry]) -> list[dict]:
    totals: dict[tuple[str, str], Decimal] = {}
    for entry in entries:
        key = (entry.kind, entry.category)
        totals[key] = totals.get(key, Decimal("0.00")) + entry.amount
    return [
        {"kind": kind, "category": category, "total": total}
        for (kind, category), total in sorted(totals.items())
    ]


def _year(request: Request) -> int:
    query = YearQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.chosen_year()


@extend_schema(
    tags=["money"],
    parameters=[YearQuerySerializer],
    responses={200: BalanceSerializer(many=True), 400: BAD_REQUEST, **COMMON},
)
class MoneyOverviewView(BaseApiView):
    """The year's balance of every network you keep the accounts of (as on /geld/): budget,
    income (with the group's own contribution), expenses, what is left, the warning."""

    def get(self, request: Request) -> Response:
        require_cap(request.user, Cap.KEEP_ACCOUNTS)
        year = _year(request)
        balances = selectors.balances_overview(user=member(request.user), year=year)
        return Response(BalanceSerializer([balance_data(b) for b in balances], many=True).data)


@extend_schema(
    tags=["money"],
    parameters=[YearQuerySerializer],
    responses={200: NetworkMoneySerializer, 400: BAD_REQUEST, **SCOPED},
)
class NetworkMoneyView(BaseApiView):
    """One network's year: the balance, totals per category and every entry, newest first.
    A receipt itself: the entry's `receipt` endpoint."""

    def get(self, request: Request, network_id: int) -> Response:
        network = network_for(request.user, network_id, Cap.KEEP_ACCOUNTS)
        year = _year(request)
        balance = selectors.network_balance(network=network, year=year)
        entries = selectors.network_entries(network=network, year=year)
        data = {
            "balance": balance_data(balance),
            "categories": category_totals(entries),
            "entries": [entry_data(entry) for entry in entries],
        }
        return Response(NetworkMoneySerializer(data).data)


@extend_schema(
    tags=["money"],
    responses={
        (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="PDF"),
        (200, "image/jpeg"): OpenApiResponse(OpenApiTypes.BINARY, description="photo"),
        (200, "image/png"): OpenApiResponse(OpenApiTypes.BINARY, description="photo"),
        **SCOPED,
    },
)
class ReceiptView(BaseApiView):
    """An entry's receipt (PDF, JPEG or PNG); 404 when the entry has none. Audited."""

    def get(self, request: Request, network_id: int, money_id: int) -> FileResponse:
        network = network_for(request.user, network_id, Cap.KEEP_ACCOUNTS)
        entry = selectors.entry_for(member(request.user), network, money_id)
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
