"""The data-subject export as PDF (WeasyPrint, like planning's plan PDF), made in the
background as an export job (`exports.document_services`): who may take it is checked when
it is asked for, when the worker makes it and when the file is downloaded."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from vangnet.audit.services import audit_record
from vangnet.privacy.models import ErasureRecord
from vangnet.privacy.selectors import data_subject_for, person_export_data


def render_pdf(html: str, *, base_url: str | None) -> bytes:
    from weasyprint import HTML  # lazy: WeasyPrint loads Pango, slow to import

    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_document_text(html: str, *, base_url: str = "/") -> str:
    """The text WeasyPrint lays out for `html`, page by page (for tests and checks: the PDF
    itself holds compressed streams)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url).render()
    lines: list[str] = []

    def walk(box) -> None:
        text = getattr(box, "text", None)
        if isinstance(text, str):
            lines.append(text)
        for child in getattr(box, "children", ()) or ():
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(lines)


def person_export_pdf_check(user: Any, params: Mapping[str, Any]) -> None:
    """May this user take this person's export? Raises Http404 or PermissionDenied, and
    Http404 once the person was erased: a PDF made before holds what erasure removed."""
    participant = data_subject_for(user, params.get("participant_id", ""))
    if ErasureRecord.objects.filter(participant=participant).exists():
        raise Http404


def person_export_pdf_build(
    user: Any, params: Mapping[str, Any], progress: Callable[[int, int], None]
) -> tuple[str, bytes]:
    """The data-subject export as PDF, for a user who may still take it; audited as the
    page and the JSON are (action export, detail pdf)."""
    person_export_pdf_check(user, params)
    participant = data_subject_for(user, params.get("participant_id", ""))
    data = person_export_data(participant=participant)
    progress(1, 3)
    html = render_to_string(
        "privacy/person_export_pdf.html",
        {"participant": participant, "data": data, "now": timezone.localtime()},
    )
    progress(2, 3)
    pdf = render_pdf(html, base_url=None)
    audit_record(actor=user, action="export", obj=participant, detail="pdf")
    return f"deelnemer-{participant.pk}.pdf", pdf
