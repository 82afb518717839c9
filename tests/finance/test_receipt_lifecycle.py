"""Receipts in backup and restore, removed by retention and with their network."""

import datetime as dt
import io
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone

from tests.authz.finance import PNG_BYTES
from tests.factories import NetworkFactory
from vangnet.audit.models import AuditEvent
from vangnet.finance.models import MoneyEntry
from vangnet.finance.receipts import receipt_storage
from vangnet.finance.services import entry_create, receipts_expire

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _entry(network, day, data=PNG_BYTES, name="bon.png", ctype="image/png"):
    return entry_create(
        network=network,
        actor=network.lead_worker,
        kind="expense",
        category="groceries",
        date=day,
        amount="10",
        description="Soep",
        today=timezone.localdate(),
        receipt=SimpleUploadedFile(name, data, ctype),
    )


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_bring_the_receipts_back(tmp_path):
    network = NetworkFactory()
    photo = _entry(network, dt.date(2025, 3, 1))
    pdf = _entry(network, dt.date(2025, 3, 2), PDF_BYTES, "bon.pdf", "application/pdf")
    backup = tmp_path / "backup.json"
    out = StringIO()
    call_command("backup", str(backup), stdout=out)
    assert "2 receipt(s) written" in out.getvalue()
    archive = Path(f"{backup}.receipts.tar")
    with tarfile.open(archive) as tar:
        assert sorted(tar.getnames()) == sorted([photo.receipt.name, pdf.receipt.name])

    # Lose a file and add a stray one: restore puts back exactly the backup's receipts.
    receipt_storage.delete(photo.receipt.name)
    stray = receipt_storage.save("9/9/stray.png", io.BytesIO(PNG_BYTES))
    out = StringIO()
    call_command("restore", str(backup), "--yes", stdout=out)
    assert "2 receipt(s) restored" in out.getvalue()
    with receipt_storage.open(photo.receipt.name, "rb") as handle:
        assert handle.read() == PNG_BYTES
    with receipt_storage.open(pdf.receipt.name, "rb") as handle:
        assert handle.read() == PDF_BYTES
    assert not receipt_storage.exists(stray)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("arcname", "data"),
    [
        ("../../etc/evil.png", PNG_BYTES),  # outside the receipts folder
        ("1/1/abc.png", b"<script>alert(1)</script>"),  # not a receipt's content
        ("1/1/abc.exe", PNG_BYTES),  # not a receipt's name
    ],
)
def test_restore_refuses_a_foreign_receipts_archive_and_changes_nothing(tmp_path, arcname, data):
    network = NetworkFactory()
    _entry(network, dt.date(2025, 3, 1))
    backup = tmp_path / "backup.json"
    call_command("backup", str(backup), stdout=StringIO())
    with tarfile.open(f"{backup}.receipts.tar", "w") as tar:
        info = tarfile.TarInfo(arcname)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    NetworkFactory(name="Na de back-up")
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("restore", str(backup), "--yes", stdout=StringIO())
    assert MoneyEntry.objects.count() == 1
    assert network.__class__.objects.filter(name="Na de back-up").exists()


def test_retention_removes_old_receipts_and_keeps_the_entries(money_network):
    old = _entry(money_network, dt.date(2017, 5, 1))
    recent = _entry(money_network, dt.date(2024, 5, 1))
    with transaction.atomic():  # the files go on commit
        removed = receipts_expire(before=dt.date(2018, 1, 1))
    assert removed == 1
    old.refresh_from_db()
    assert not old.receipt and old.receipt_size == 0 and old.amount  # the entry stays
    recent.refresh_from_db()
    assert recent.receipt and receipt_storage.exists(recent.receipt.name)
    assert AuditEvent.objects.filter(detail="bon (bewaartermijn)").count() == 1
    assert receipts_expire(before=dt.date(2018, 1, 1)) == 0  # idempotent


@pytest.mark.django_db(transaction=True)
def test_apply_retention_command_removes_receipts_past_the_period():
    network = NetworkFactory()
    old = _entry(network, dt.date(2015, 5, 1))
    name = old.receipt.name
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "Would remove 1 receipt(s) older than 84 months" in out.getvalue()
    assert receipt_storage.exists(name)
    call_command("apply_retention", stdout=(out := StringIO()))
    assert "Removed 1 receipt(s) older than 84 months" in out.getvalue()
    assert not receipt_storage.exists(name)
    with pytest.raises(CommandError):
        call_command("apply_retention", "--receipt-months", "0", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_receipts_go_with_their_network():
    network = NetworkFactory()
    entry = _entry(network, dt.date(2025, 3, 1))
    name = entry.receipt.name
    assert receipt_storage.exists(name)
    network.delete()
    assert not receipt_storage.exists(name)
