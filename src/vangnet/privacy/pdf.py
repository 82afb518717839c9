"""The data-subject export as PDF (WeasyPrint, like planning's plan PDF)."""

from __future__ import annotations


def render_pdf(html: str, *, base_url: str) -> bytes:
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
