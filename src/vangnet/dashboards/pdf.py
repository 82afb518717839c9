"""The organisation report as PDF (WeasyPrint, as planning's plan PDF). Charts are the same
inline SVG as on the page; the PDF template carries its own print stylesheet."""

from __future__ import annotations

from django.template.loader import render_to_string


def report_document(html: str, *, base_url: str | None = None):
    """The laid-out WeasyPrint document of the report HTML."""
    from weasyprint import HTML  # lazy: WeasyPrint loads Pango, slow to import

    return HTML(string=html, base_url=base_url).render()


def report_pdf(*, context: dict, request) -> bytes:
    html = render_to_string("dashboards/report_pdf.html", context, request=request)
    document = report_document(html, base_url=request.build_absolute_uri("/"))
    return document.write_pdf()


def document_text(document) -> str:
    """All text of a laid-out document, in reading order per page (for checks and tests)."""
    parts: list[str] = []
    for page in document.pages:
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            text = getattr(box, "text", None)
            if isinstance(text, str):
                parts.append(text)
            stack.extend(reversed(getattr(box, "children", None) or []))
    return " ".join(parts)
