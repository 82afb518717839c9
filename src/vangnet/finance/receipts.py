"""Receipts (bonnetjes): what a file may be, and where it is kept.

A receipt is a photo (JPEG, PNG) or a PDF of at most `MAX_RECEIPT_BYTES`. The type is read
from the file's first bytes, not only from its name; an image must also open as one
(Pillow's `verify`). Files are kept in `settings.VANGNET_RECEIPTS_DIR`, outside the static
root and without a URL: only `finance.views.receipt` serves them, after the permission check.
The stored name is a random one under the organisation and network; the uploaded name (which
could name a person) is not kept.
"""

from __future__ import annotations

import io
import os
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

MAX_RECEIPT_BYTES = 5 * 1024 * 1024
PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    PDF: (b"%PDF-",),
    JPEG: (b"\xff\xd8\xff",),
    PNG: (b"\x89PNG\r\n\x1a\n",),
}
EXTENSIONS: dict[str, str] = {"pdf": PDF, "jpg": JPEG, "jpeg": JPEG, "png": PNG}
SUFFIX: dict[str, str] = {PDF: "pdf", JPEG: "jpg", PNG: "png"}


def sniff_type(head: bytes) -> str | None:
    """The receipt type that the file's first bytes announce; None for anything else."""
    for content_type, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return content_type
    return None


def extension_type(filename: str) -> str | None:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return EXTENSIONS.get(suffix)


def image_opens(data: bytes) -> bool:
    """Does Pillow read the bytes as an intact image?"""
    from PIL import Image, UnidentifiedImageError  # lazy: only for uploads

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False
    return True


def receipt_name(*, organisation_id: int, network_id: int, content_type: str) -> str:
    return f"{organisation_id}/{network_id}/{uuid.uuid4().hex}.{SUFFIX[content_type]}"


@deconstructible
class ReceiptStorage(FileSystemStorage):
    """A file system storage in VANGNET_RECEIPTS_DIR, read on every use (tests point it at a
    temporary folder). It has no URL: `url()` raises, so a receipt is never linked directly."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(Path(settings.VANGNET_RECEIPTS_DIR))

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property  # type: ignore[override]
    def base_url(self) -> None:  # type: ignore[override]
        return None


receipt_storage = ReceiptStorage()


def get_receipt_storage() -> ReceiptStorage:
    return receipt_storage
