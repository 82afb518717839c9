"""Files in the resource library: what a file may be, and where it is kept.

A resource file is a PDF, a Word or PowerPoint document, or a video (MP4, WebM) of at most
`MAX_RESOURCE_BYTES`. The type is read from the first bytes and must agree with the name's
extension. Files are kept in `settings.VANGNET_RESOURCES_DIR`, outside the static root and
without a URL: only `growth.views.resource_file` serves them, after the permission check,
under a random stored name (the uploaded name is not kept)."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.utils.deconstruct import deconstructible

from vangnet.finance.receipts import ReceiptStorage

MAX_RESOURCE_BYTES = 50 * 1024 * 1024
PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
MP4, WEBM = "video/mp4", "video/webm"
EXTENSIONS: dict[str, str] = {"pdf": PDF, "docx": DOCX, "pptx": PPTX, "mp4": MP4, "webm": WEBM}
SUFFIX: dict[str, str] = {value: key for key, value in EXTENSIONS.items()}
ZIP = b"PK\x03\x04"


def file_type(filename: str, head: bytes) -> str | None:
    """The type of an uploaded file when its first bytes and its extension agree, else None."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    expected = EXTENSIONS.get(suffix)
    if expected is None:
        return None
    matches = {
        PDF: head.startswith(b"%PDF-"),
        DOCX: head.startswith(ZIP),
        PPTX: head.startswith(ZIP),
        MP4: head[4:8] == b"ftyp",
        WEBM: head.startswith(b"\x1a\x45\xdf\xa3"),
    }
    return expected if matches[expected] else None


def stored_name(*, organisation_id: int, content_type: str) -> str:
    return f"{organisation_id}/{uuid.uuid4().hex}.{SUFFIX[content_type]}"


@deconstructible
class ResourceStorage(ReceiptStorage):
    """The receipts' private storage, in its own folder (VANGNET_RESOURCES_DIR)."""

    @property  # type: ignore[override]
    def base_location(self) -> str:
        return str(Path(settings.VANGNET_RESOURCES_DIR))


resource_storage = ResourceStorage()


def get_resource_storage() -> ResourceStorage:
    return resource_storage
