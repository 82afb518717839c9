import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import ActivityFactory
from vangnet.audit.models import AuditEvent
from vangnet.finance import services
from vangnet.finance.models import FinanceSettings, MoneyEntry, NetworkBudget
from vangnet.finance.receipts import MAX_RECEIPT_BYTES, receipt_storage

TODAY = dt.date(2025, 6, 30)


def _create(network, **overrides):
    args = {
        "network": network,
        "actor": network.lead_worker,
        "kind": "expense",
        "category": "groceries",
        "date": dt.date(2025, 6, 1),
        "amount": "12,50",
        "description": "Groente voor de soep",
        "today": TODAY,
    }
    args.update(overrides)
    return services.entry_create(**args)


def _stored_files() -> set[str]:
    root = Path(settings.VANGNET_RECEIPTS_DIR)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def test_create_an_expense_with_its_activity_and_audit(money_network, activity):
    entry = _create(money_network, activity=activity)
    assert entry.amount == Decimal("12.50")
    assert entry.activity == activity
    assert entry.signed_amount == Decimal("-12.50")
    assert AuditEvent.objects.filter(
        action="create", object_type="finance.moneyentry", object_id=str(entry.pk)
    ).exists()


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-5", "groter dan 0"),
        ("0", "groter dan 0"),
        ("1.234", "twee cijfers"),
        ("100000.01", "hoogstens"),
        ("abc", "bedrag"),
        ("NaN", "bedrag"),
        ("Infinity", "bedrag"),
    ],
)
def test_bad_amounts_are_refused_with_a_dutch_message(money_network, amount, message):
    with pytest.raises(ValidationError) as info:
        _create(money_network, amount=amount)
    assert message in " ".join(info.value.message_dict["amount"])
    assert not MoneyEntry.objects.exists()


def test_category_must_fit_the_kind(money_network):
    with pytest.raises(ValidationError) as info:
        _create(money_network, kind="expense", category="own_contribution")
    assert "category" in info.value.message_dict
    entry = _create(money_network, kind="income", category="own_contribution")
    assert entry.signed_amount == Decimal("12.50")


def test_future_dates_other_networks_activity_and_empty_text_are_refused(money_network):
    foreign_activity = ActivityFactory()
    with pytest.raises(ValidationError) as info:
        _create(
            money_network,
            date=TODAY + dt.timedelta(days=1),
            activity=foreign_activity,
            description="  ",
        )
    assert set(info.value.message_dict) == {"date", "activity", "description"}


def test_control_characters_in_the_description_are_refused(money_network):
    with pytest.raises(ValidationError):
        _create(money_network, description="soep\u202eeb")


def test_receipt_checked_by_content_and_stored_outside_static(money_network, png_bytes):
    entry = _create(money_network, receipt=SimpleUploadedFile("bon.png", png_bytes, "image/png"))
    assert entry.receipt_type == "image/png"
    assert entry.receipt_size == len(png_bytes)
    assert entry.receipt.name in _stored_files()
    assert "bon" not in entry.receipt.name  # the uploaded name is not kept
    assert not str(settings.VANGNET_RECEIPTS_DIR).startswith(str(settings.STATIC_ROOT))
    with pytest.raises(ValueError):
        receipt_storage.url(entry.receipt.name)  # no direct URL


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bon.png", b"<html><script>alert(1)</script></html>"),  # not an image at all
        ("bon.pdf", b"\x89PNG\r\n\x1a\nfake"),  # the name claims another type
        ("bon.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),  # a broken image
        ("bon.exe", b"MZ\x90\x00"),
        ("bon.png", b""),
    ],
)
def test_bad_receipts_are_refused_and_nothing_is_stored(money_network, name, data):
    before = _stored_files()
    with pytest.raises(ValidationError) as info:
        _create(money_network, receipt=SimpleUploadedFile(name, data))
    assert "receipt" in info.value.message_dict
    assert not MoneyEntry.objects.exists()
    assert _stored_files() == before


def test_a_receipt_over_five_megabytes_is_refused(money_network):
    data = b"%PDF-1.4\n" + b"0" * MAX_RECEIPT_BYTES
    with pytest.raises(ValidationError) as info:
        _create(money_network, receipt=SimpleUploadedFile("bon.pdf", data))
    assert "5 MB" in info.value.message_dict["receipt"][0]


def test_a_pdf_receipt_is_accepted(money_network):
    entry = _create(money_network, receipt=SimpleUploadedFile("bon.PDF", b"%PDF-1.4\n%%EOF\n"))
    assert entry.receipt_type == "application/pdf"


@pytest.mark.django_db(transaction=True)
def test_replaced_and_deleted_receipts_leave_no_files(money_network, png_bytes):
    entry = _create(money_network, receipt=SimpleUploadedFile("a.png", png_bytes))
    first = entry.receipt.name
    services.entry_update(
        entry=entry,
        actor=money_network.lead_worker,
        kind="expense",
        category="materials",
        date=dt.date(2025, 6, 2),
        amount="3",
        description="Lijm",
        today=TODAY,
        receipt=SimpleUploadedFile("b.pdf", b"%PDF-1.4\n"),
    )
    assert first not in _stored_files()
    second = entry.receipt.name
    assert second in _stored_files()
    services.entry_delete(entry=entry, actor=money_network.lead_worker)
    assert second not in _stored_files()


@pytest.mark.django_db(transaction=True)
def test_deleting_the_network_removes_its_receipts(money_network, png_bytes):
    entry = _create(money_network, receipt=SimpleUploadedFile("a.png", png_bytes))
    name = entry.receipt.name
    money_network.activities.all().delete()
    MoneyEntry.objects.filter(network=money_network).delete()
    assert name not in _stored_files()


def test_remove_receipt_on_update(money_network, png_bytes):
    entry = _create(money_network, receipt=SimpleUploadedFile("a.png", png_bytes))
    services.entry_update(
        entry=entry,
        actor=money_network.lead_worker,
        kind="expense",
        category="groceries",
        date=dt.date(2025, 6, 1),
        amount="12.50",
        description="Groente",
        today=TODAY,
        remove_receipt=True,
    )
    entry.refresh_from_db()
    assert not entry.receipt
    assert entry.receipt_type == ""


def test_budget_and_warning_share(money_network, coordinator):
    row = services.budget_set(
        network=money_network, year=2025, amount="1000", actor=coordinator, today=TODAY
    )
    assert row.amount == Decimal("1000.00")
    services.budget_set(
        network=money_network, year=2025, amount="1200.50", actor=coordinator, today=TODAY
    )
    assert NetworkBudget.objects.get().amount == Decimal("1200.50")
    with pytest.raises(ValidationError):
        services.budget_set(
            network=money_network, year=1999, amount="10", actor=coordinator, today=TODAY
        )
    with pytest.raises(ValidationError):
        services.budget_set(
            network=money_network, year=2025, amount="-10", actor=coordinator, today=TODAY
        )
    services.finance_settings_update(
        organisation=money_network.organisation, warning_percent=70, actor=coordinator
    )
    assert FinanceSettings.objects.get().warning_percent == 70
    for bad in (0, 101):
        with pytest.raises(ValidationError):
            services.finance_settings_update(
                organisation=money_network.organisation, warning_percent=bad, actor=coordinator
            )
