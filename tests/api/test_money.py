"""Money endpoints: the same figures and the same rights as the money pages; the receipt
after the permission check, audited; bad years answer 400 with a Dutch message."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.api.conftest import token_client
from tests.authz.finance import PNG_BYTES
from tests.factories import NetworkFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.finance.selectors import network_balance
from vangnet.finance.services import budget_set, entry_create

DAY = dt.date(2025, 3, 4)


@pytest.fixture
def booked(network, worker):
    budget_set(network=network, year=2025, amount="1000", actor=worker, today=DAY)
    common = {"network": network, "actor": worker, "date": DAY, "today": DAY}
    soup = entry_create(
        **common,
        kind="expense",
        category="groceries",
        amount="120,40",
        description="Groente voor de soep",
        receipt=SimpleUploadedFile("bon.png", PNG_BYTES, "image/png"),
    )
    entry_create(
        **common,
        kind="income",
        category="own_contribution",
        amount="35",
        description="Eigen bijdrage januari",
    )
    entry_create(**common, kind="income", category="donation", amount="50", description="Gift kerk")
    return soup


def test_worker_reads_the_network_year_as_the_page_computes_it(network, worker, booked):
    response = token_client(worker).get(
        reverse("api:network_money", args=[network.pk]), {"year": 2025}
    )
    assert response.status_code == 200, response.content
    data = response.json()
    balance = network_balance(network=network, year=2025)
    assert data["balance"]["budget"] == "1000.00"
    assert data["balance"]["expenses"] == str(balance.expenses) == "120.40"
    assert data["balance"]["income"] == "85.00"
    assert data["balance"]["own_contribution"] == "35.00"
    assert data["balance"]["remaining"] == str(balance.remaining) == "964.60"
    assert data["balance"]["used_percent"] == balance.used_percent == 11
    assert {(c["kind"], c["category"], c["total"]) for c in data["categories"]} == {
        ("expense", "groceries", "120.40"),
        ("income", "own_contribution", "35.00"),
        ("income", "donation", "50.00"),
    }
    soup = next(e for e in data["entries"] if e["id"] == booked.pk)
    assert soup["has_receipt"] and soup["receipt_type"] == "image/png"
    assert soup["receipt_size"] == len(PNG_BYTES)
    # Another year: the same network, nothing booked.
    empty = token_client(worker).get(
        reverse("api:network_money", args=[network.pk]), {"year": 2024}
    )
    assert empty.json()["entries"] == [] and empty.json()["balance"]["budget"] is None


def test_overview_lists_every_network_the_coordinator_keeps_accounts_of(
    network, coordinator, booked
):
    other = NetworkFactory(organisation=network.organisation)
    NetworkFactory()  # another organisation's: never listed
    response = token_client(coordinator).get(reverse("api:money_overview"), {"year": 2025})
    assert response.status_code == 200
    rows = {row["network_id"]: row for row in response.json()}
    assert set(rows) == {network.pk, other.pk}
    assert rows[network.pk]["own_contribution"] == "35.00"
    assert rows[other.pk]["expenses"] == "0.00"


def test_receipt_is_served_after_the_check_and_audited(network, worker, booked):
    url = reverse("api:money_receipt", args=[network.pk, booked.pk])
    response = token_client(worker).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG_BYTES
    assert AuditEvent.objects.filter(action="view", detail="bon", object_id=booked.pk).exists()
    # A worker of another network of the same organisation: not in their scope.
    stranger = NetworkFactory(organisation=network.organisation).lead_worker
    assert token_client(stranger).get(url).status_code == 404


def test_entry_without_receipt_answers_404(network, worker, booked):
    plain = booked.network.money_entries.exclude(pk=booked.pk).first()
    url = reverse("api:money_receipt", args=[network.pk, plain.pk])
    assert token_client(worker).get(url).status_code == 404


@pytest.mark.parametrize("role", ["evaluator", "municipality", "admin"])
def test_roles_without_keep_accounts_are_refused(network, booked, role):
    user = UserFactory(organisation=network.organisation, **{role: True})
    api = token_client(user)
    assert api.get(reverse("api:money_overview")).status_code == 403
    assert api.get(reverse("api:network_money", args=[network.pk])).status_code in (403, 404)


@pytest.mark.parametrize("year", ["1999", "2999", "twee", "=1+1", "2025\x00"])
def test_bad_year_answers_400_in_dutch(network, worker, year):
    response = token_client(worker).get(
        reverse("api:network_money", args=[network.pk]), {"year": year}
    )
    assert response.status_code == 400
    assert "year" in response.json()


def test_schema_describes_the_money_endpoints(worker):
    schema = token_client(worker).get(reverse("api:schema"), {"format": "json"}).json()
    paths = schema["paths"]
    assert "/api/money/" in paths
    assert "/api/networks/{network_id}/money/" in paths
    assert "/api/networks/{network_id}/money/{money_id}/receipt/" in paths
    balance = schema["components"]["schemas"]["Balance"]["properties"]
    assert {"budget", "own_contribution", "expenses", "remaining", "warning"} <= set(balance)
