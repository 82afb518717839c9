import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tests.factories import NetworkFactory
from vangnet.audit.models import AuditEvent
from vangnet.finance.models import MoneyEntry, NetworkBudget


def _post_entry(client, network, **data):
    payload = {
        "kind": "expense",
        "category": "groceries",
        "date": timezone.localdate().isoformat(),
        "amount": "12,50",
        "description": "Groente voor de soep",
    }
    payload.update(data)
    return client.post(reverse("finance:entry_create", args=[network.pk]), payload)


def test_worker_records_an_expense_with_a_receipt_and_sees_it(client, money_network, png_bytes):
    client.force_login(money_network.lead_worker)
    response = _post_entry(
        client, money_network, receipt=SimpleUploadedFile("foto.png", png_bytes, "image/png")
    )
    assert response.status_code == 302
    entry = MoneyEntry.objects.get()
    assert entry.amount == Decimal("12.50") and entry.receipt
    page = client.get(reverse("finance:network", args=[money_network.pk]))
    assert "Groente voor de soep" in page.content.decode()
    receipt = client.get(reverse("finance:receipt", args=[money_network.pk, entry.pk]))
    assert receipt.status_code == 200
    assert receipt["Content-Type"] == "image/png"
    assert receipt["X-Content-Type-Options"] == "nosniff"
    assert b"".join(receipt.streaming_content) == png_bytes
    assert AuditEvent.objects.filter(action="view", detail="bon").count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "-3"}, "groter dan 0"),
        ({"amount": "3,555"}, "twee cijfers"),
        ({"amount": "9999999"}, "100.000"),
        ({"amount": "=1+1"}, "Vul een bedrag in"),
        ({"category": "own_contribution"}, "categorie voor een uitgave"),
        ({"date": "2999-01-01"}, "toekomst"),
        ({"description": "soep\x07"}, ""),
        ({"receipt": SimpleUploadedFile("bon.png", b"GIF89a....")}, "JPEG of PNG"),
    ],
)
def test_bad_input_answers_400_with_a_message_and_saves_nothing(
    client, money_network, data, message
):
    client.force_login(money_network.lead_worker)
    response = _post_entry(client, money_network, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MoneyEntry.objects.exists()


def test_delete_needs_the_confirmation(client, money_network):
    client.force_login(money_network.lead_worker)
    _post_entry(client, money_network)
    entry = MoneyEntry.objects.get()
    url = reverse("finance:entry_delete", args=[money_network.pk, entry.pk])
    assert client.post(url).status_code == 302
    assert MoneyEntry.objects.exists()
    client.post(url, {"bevestig": "1"})
    assert not MoneyEntry.objects.exists()


def test_an_entry_of_another_network_answers_404(client, money_network):
    other = NetworkFactory(
        organisation=money_network.organisation, lead_worker=money_network.lead_worker
    )
    client.force_login(money_network.lead_worker)
    _post_entry(client, other)
    entry = MoneyEntry.objects.get()
    for name in ("finance:entry_edit", "finance:receipt"):
        assert client.get(reverse(name, args=[money_network.pk, entry.pk])).status_code == 404


def test_export_xlsx_and_csv_neutralise_formulas(client, money_network, coordinator):
    MoneyEntry.objects.create(
        network=money_network,
        kind="expense",
        category="materials",
        date=dt.date(2025, 4, 1),
        amount=Decimal("9.99"),
        description='=HYPERLINK("http://x")',
    )
    client.force_login(coordinator)
    response = client.get(reverse("finance:export") + "?jaar=2025&formaat=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][5].startswith("'=")
    assert rows[1][6] == pytest.approx(-9.99)
    response = client.get(reverse("finance:export") + "?jaar=2025&formaat=csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert lines[1][5].startswith("'=")
    assert client.get(reverse("finance:export") + "?formaat=pdf").status_code == 400
    assert AuditEvent.objects.filter(action="export", object_type="finance").count() == 2


def test_overview_warns_and_planning_page_compares(client, money_network, coordinator):
    year = timezone.localdate().year
    NetworkBudget.objects.create(network=money_network, year=year, amount=Decimal(100))
    MoneyEntry.objects.create(
        network=money_network,
        kind="expense",
        category="groceries",
        date=timezone.localdate(),
        amount=Decimal(90),
        description="Soep",
    )
    client.force_login(coordinator)
    page = client.get(reverse("finance:overview")).content.decode()
    assert "bijna op" in page
    network_page = client.get(reverse("networks:detail", args=[money_network.pk]))
    assert 'id="money-heading"' in network_page.content.decode()
    plan = client.get(reverse("planning:network_plan", args=[money_network.pk]))
    assert "Plan en werkelijkheid" in plan.content.decode()


def test_budget_and_settings_pages(client, money_network, coordinator):
    client.force_login(coordinator)
    url = reverse("finance:budget", args=[money_network.pk])
    assert client.post(url, {"year": "2025", "amount": "1.000,5"}).status_code == 400
    assert client.post(url, {"year": "2025", "amount": "1000,50"}).status_code == 302
    assert NetworkBudget.objects.get().amount == Decimal("1000.50")
    settings_url = reverse("finance:settings")
    assert client.post(settings_url, {"warning_percent": "0"}).status_code == 400
    assert client.post(settings_url, {"warning_percent": "75"}).status_code == 302
