"""Money writes: the warning share, yearly budgets, expenses and income with their receipts.

Every function validates first (Dutch messages), writes inside `transaction.atomic` and
records one audit row. A receipt is checked by its content (PDF, JPEG or PNG, at most 5 MB)
and stored last; when the transaction fails after that, the stored file is removed again."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.core.text import validate_safe_text
from vangnet.finance.models import (
    EXPENSE_CATEGORIES,
    INCOME_CATEGORIES,
    MAX_AMOUNT,
    FinanceSettings,
    Kind,
    MoneyEntry,
    NetworkBudget,
)
from vangnet.finance.receipts import (
    JPEG,
    MAX_RECEIPT_BYTES,
    PNG,
    extension_type,
    image_opens,
    receipt_name,
    receipt_storage,
    sniff_type,
)
from vangnet.finance.signals import receipt_file_delete

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.http import HttpRequest

    from vangnet.networks.models import Activity, Network
    from vangnet.organisations.models import Organisation, User

EARLIEST_YEAR = 2000
MAX_BUDGET = Decimal("100000.00")


def clean_amount(value: Any, *, field: str = "amount", maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """A positive amount in euro with at most two decimals, up to `maximum`."""
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({field: _("Vul een bedrag in, bijvoorbeeld 12,50.")}) from exc
    if not amount.is_finite():
        raise ValidationError({field: _("Vul een bedrag in, bijvoorbeeld 12,50.")})
    if amount <= 0:
        raise ValidationError(
            {
                field: _(
                    "Een bedrag is groter dan 0. Kies bij soort of het een uitgave of inkomsten is."
                )
            }
        )
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError({field: _("Gebruik hoogstens twee cijfers achter de komma.")})
    if amount > maximum:
        raise ValidationError(
            {
                field: _("Een bedrag is hoogstens %(max)s euro.")
                % {"max": f"{maximum:,.0f}".replace(",", ".")}
            }
        )
    return amount.quantize(Decimal("0.01"))


@transaction.atomic
def finance_settings_update(
    *, organisation: Organisation, warning_percent: int, actor: User
) -> FinanceSettings:
    """Set the share of the money available at which the pages warn (1-100 percent)."""
    if not 1 <= int(warning_percent) <= 100:
        raise ValidationError({"warning_percent": _("Kies een percentage tussen 1 en 100.")})
    row, _created = FinanceSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    row.warning_percent = int(warning_percent)
    row.save(update_fields=["warning_percent"])
    audit_record(actor=actor, action="update", obj=row, detail="waarschuwingsgrens geld")
    return row


@transaction.atomic
def budget_set(
    *, network: Network, year: int, amount: Any, actor: User, today: dt.date
) -> NetworkBudget:
    """Set a network's activity budget for a calendar year (0 is allowed: no budget)."""
    if not EARLIEST_YEAR <= int(year) <= today.year + 1:
        raise ValidationError({"year": _("Kies een jaar tussen 2000 en volgend jaar.")})
    if str(amount).strip() in ("0", "0.00", "0,00"):
        value = Decimal("0.00")
    else:
        value = clean_amount(amount, maximum=MAX_BUDGET)
    row, created = NetworkBudget.objects.update_or_create(
        network=network, year=int(year), defaults={"amount": value, "updated_by": actor}
    )
    audit_record(
        actor=actor,
        action="create" if created else "update",
        obj=row,
        detail=f"budget {year}",
        organisation=network.organisation,
    )
    return row


def _check_receipt(receipt: UploadedFile) -> tuple[bytes, str]:
    """The receipt's bytes and type; ValidationError for anything that is not a small
    PDF, JPEG or PNG (judged by its content; the name must not claim another type)."""
    size = receipt.size or 0
    if size > MAX_RECEIPT_BYTES:
        raise ValidationError({"receipt": _("Een bon is hoogstens 5 MB. Maak de foto kleiner.")})
    if size == 0:
        raise ValidationError({"receipt": _("Het bestand van de bon is leeg.")})
    data = receipt.read(MAX_RECEIPT_BYTES + 1)
    if len(data) > MAX_RECEIPT_BYTES:
        raise ValidationError({"receipt": _("Een bon is hoogstens 5 MB. Maak de foto kleiner.")})
    content_type = sniff_type(data[:16])
    claimed = extension_type(receipt.name or "")
    if content_type is None or (claimed is not None and claimed != content_type):
        raise ValidationError(
            {"receipt": _("Een bon is een foto (JPEG of PNG) of een PDF. Dit bestand is dat niet.")}
        )
    if content_type in (JPEG, PNG) and not image_opens(data):
        raise ValidationError({"receipt": _("Deze foto is beschadigd. Probeer een andere.")})
    return data, content_type


def _check_fields(
    *,
    network: Network,
    kind: str,
    category: str,
    date: dt.date,
    description: str,
    activity: Activity | None,
    today: dt.date,
) -> str:
    errors: dict[str, str] = {}
    if kind not in Kind.values:
        errors["kind"] = _("Kies uitgave of inkomsten.")
    elif category not in (EXPENSE_CATEGORIES if kind == Kind.EXPENSE else INCOME_CATEGORIES):
        errors["category"] = (
            _("Kies een categorie voor een uitgave.")
            if kind == Kind.EXPENSE
            else _("Kies een categorie voor inkomsten.")
        )
    if date > today:
        errors["date"] = _("De datum ligt in de toekomst. Vul de datum van de bon in.")
    elif date.year < EARLIEST_YEAR:
        errors["date"] = _("Kies een datum vanaf 2000.")
    text = " ".join((description or "").split())
    if not text:
        errors["description"] = _("Schrijf kort waar het geld voor was.")
    elif len(text) > 200:
        errors["description"] = _("Gebruik hoogstens 200 tekens.")
    else:
        try:
            validate_safe_text(text)
        except ValidationError as exc:
            errors["description"] = exc.messages[0]
    if activity is not None and activity.network_id != network.pk:
        errors["activity"] = _("Kies een activiteit van dit vangnetwerk.")
    if errors:
        raise ValidationError(errors)
    return text


def _store_receipt(entry: MoneyEntry, data: bytes, content_type: str) -> str:
    name = receipt_storage.save(
        receipt_name(
            organisation_id=entry.network.organisation_id,
            network_id=entry.network_id,
            content_type=content_type,
        ),
        ContentFile(data),
    )
    entry.receipt.name = name
    entry.receipt_type = content_type
    entry.receipt_size = len(data)
    return name


def entry_create(
    *,
    network: Network,
    actor: User,
    kind: str,
    category: str,
    date: dt.date,
    amount: Any,
    description: str,
    today: dt.date,
    activity: Activity | None = None,
    receipt: UploadedFile | None = None,
    request: HttpRequest | None = None,
) -> MoneyEntry:
    """Record an expense or income of a network (optionally for one of its activities)."""
    text = _check_fields(
        network=network,
        kind=kind,
        category=category,
        date=date,
        description=description,
        activity=activity,
        today=today,
    )
    value = clean_amount(amount)
    upload = _check_receipt(receipt) if receipt is not None else None
    entry = MoneyEntry(
        network=network,
        activity=activity,
        kind=kind,
        category=category,
        date=date,
        amount=value,
        description=text,
        created_by=actor,
    )
    stored = _store_receipt(entry, *upload) if upload else ""
    try:
        with transaction.atomic():
            entry.save()
            audit_record(
                actor=actor,
                action="create",
                obj=entry,
                detail=f"{kind}{' met bon' if stored else ''}",
                request=request,
                organisation=network.organisation,
            )
    except BaseException:
        if stored:
            receipt_storage.delete(stored)  # nothing half-saved: no row, no file
        raise
    return entry


def entry_update(
    *,
    entry: MoneyEntry,
    actor: User,
    kind: str,
    category: str,
    date: dt.date,
    amount: Any,
    description: str,
    today: dt.date,
    activity: Activity | None = None,
    receipt: UploadedFile | None = None,
    remove_receipt: bool = False,
    request: HttpRequest | None = None,
) -> MoneyEntry:
    """Change an entry; a new receipt replaces the old one, `remove_receipt` drops it. The
    old file is deleted once the change is committed."""
    network = entry.network
    text = _check_fields(
        network=network,
        kind=kind,
        category=category,
        date=date,
        description=description,
        activity=activity,
        today=today,
    )
    value = clean_amount(amount)
    upload = _check_receipt(receipt) if receipt is not None else None
    old_name = entry.receipt.name or ""
    entry.kind, entry.category, entry.date = kind, category, date
    entry.amount, entry.description, entry.activity = value, text, activity
    stored = ""
    if upload:
        stored = _store_receipt(entry, *upload)
    elif remove_receipt:
        entry.receipt.name, entry.receipt_type, entry.receipt_size = "", "", 0
    try:
        with transaction.atomic():
            entry.save()
            if old_name and entry.receipt.name != old_name:
                receipt_file_delete(old_name)
            audit_record(
                actor=actor,
                action="update",
                obj=entry,
                detail=kind,
                request=request,
                organisation=network.organisation,
            )
    except BaseException:
        if stored:
            receipt_storage.delete(stored)
        raise
    return entry


@transaction.atomic
def entry_delete(*, entry: MoneyEntry, actor: User, request: HttpRequest | None = None) -> None:
    """Delete an entry; its receipt file goes after the commit (finance.signals)."""
    audit_record(
        actor=actor,
        action="delete",
        obj=entry,
        detail=entry.kind,
        request=request,
        organisation=entry.network.organisation,
    )
    entry.delete()


RECEIPT_RETENTION_MONTHS = 84  # seven years: the fiscal retention period (Awr art. 52)


@transaction.atomic
def receipts_expire(*, before: dt.date) -> int:
    """Remove the receipt files of entries dated before `before` (retention); the entry
    itself (date, amount, description) stays for the accounts. The files go once the
    change is committed. Returns how many receipts were removed."""
    entries = list(
        MoneyEntry.objects.select_for_update()
        .filter(date__lt=before)
        .exclude(receipt="")
        .select_related("network__organisation")
    )
    for entry in entries:
        receipt_file_delete(entry.receipt.name)
        entry.receipt.name, entry.receipt_type, entry.receipt_size = "", "", 0
        entry.save(update_fields=["receipt", "receipt_type", "receipt_size", "updated_at"])
        audit_record(
            actor=None,
            action="delete",
            obj=entry,
            detail="bon (bewaartermijn)",
            organisation=entry.network.organisation,
        )
    return len(entries)
