"""Receipts in `vangnet backup` and `vangnet restore`.

The database goes to the backup's JSON file; the receipt files go beside it, to
`<FILE>.receipts.tar`: every receipt an entry refers to, under its stored name. Restore
checks the archive before it touches anything (only stored-name paths, regular files,
PDF/JPEG/PNG content, at most `MAX_RECEIPT_BYTES` each) and puts the files in place only
after the database was restored: the receipts folder is then replaced as a whole, so no
receipt of the data that was replaced stays behind.
"""

from __future__ import annotations

import re
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings

from vangnet.finance.models import MoneyEntry
from vangnet.finance.receipts import MAX_RECEIPT_BYTES, receipt_storage, sniff_type

STORED_NAME = re.compile(r"^\d+/\d+/[0-9a-z_-]{1,64}\.(pdf|jpg|png)$")


class ReceiptArchiveError(ValueError):
    """The receipts archive beside a backup is broken or holds something else."""


def archive_path(backup_file: str | Path) -> Path:
    return Path(f"{backup_file}.receipts.tar")


def receipts_archive_write(backup_file: str | Path) -> tuple[int, int]:
    """Write every stored receipt an entry refers to into the archive beside the backup.
    Returns (written, missing): a row whose file is gone is counted, not fatal. Without any
    receipt no archive is written (and an old one of the same name is removed)."""
    target = archive_path(backup_file)
    names = sorted(set(MoneyEntry.objects.exclude(receipt="").values_list("receipt", flat=True)))
    present = [name for name in names if receipt_storage.exists(name)]
    if not present:
        target.unlink(missing_ok=True)
        return 0, len(names)
    partial = target.with_name(target.name + ".partial")
    with tarfile.open(partial, "w") as archive:
        for name in present:
            archive.add(receipt_storage.path(name), arcname=name, recursive=False)
    partial.replace(target)
    return len(present), len(names) - len(present)


def receipts_archive_check(backup_file: str | Path) -> list[str] | None:
    """The receipt names in the archive beside the backup, after checking every member;
    None when there is no archive. Raises ReceiptArchiveError for anything else."""
    source = archive_path(backup_file)
    if not source.exists():
        return None
    names: list[str] = []
    try:
        with tarfile.open(source, "r") as archive:
            for member in archive:
                if not member.isfile() or not STORED_NAME.match(member.name):
                    raise ReceiptArchiveError(f"unexpected entry {member.name[:80]!r}")
                if member.size > MAX_RECEIPT_BYTES:
                    raise ReceiptArchiveError(f"{member.name} is larger than a receipt may be")
                handle = archive.extractfile(member)
                if handle is None or sniff_type(handle.read(16)) is None:
                    raise ReceiptArchiveError(f"{member.name} is not a PDF, JPEG or PNG")
                names.append(member.name)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise ReceiptArchiveError(f"{source.name}: {exc}") from exc
    return names


def receipts_restore(backup_file: str | Path) -> int:
    """Replace the receipts folder by the archive's files (checked again); returns how
    many. The new folder is made beside the old one and swapped in."""
    names = receipts_archive_check(backup_file) or []
    root = Path(settings.VANGNET_RECEIPTS_DIR).resolve()
    root.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".receipts-restore-", dir=root.parent))
    if names:
        with tarfile.open(archive_path(backup_file), "r") as archive:
            for name in names:
                handle = archive.extractfile(name)
                if handle is None:  # pragma: no cover (checked above)
                    raise ReceiptArchiveError(name)
                target = fresh / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with target.open("wb") as out:
                    shutil.copyfileobj(handle, out)
    old = root.with_name(root.name + ".replaced")
    shutil.rmtree(old, ignore_errors=True)
    if root.exists():
        root.replace(old)
    fresh.replace(root)
    shutil.rmtree(old, ignore_errors=True)
    return len(names)


def receipts_missing() -> int:
    """Entries that refer to a receipt file that is not in the receipts folder."""
    names = MoneyEntry.objects.exclude(receipt="").values_list("receipt", flat=True)
    return sum(1 for name in names if not receipt_storage.exists(name))
