"""Reports as PDF (WeasyPrint, as planning's plan PDF). The PDF templates carry their own
print stylesheet; charts are the same inline SVG as on the page."""

from __future__ import annotations

from django.template.loader import render_to_string


def render_document(template: str, context: dict, *, request):
    """The laid-out WeasyPrint document (tests read its pages and text)."""
    from weasyprint import HTML  # lazy: WeasyPrint loads Pango, slow to import

    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url=request.build_absolute_uri("/")).render()


def render_pdf(template: str, context: dict, *, request) -> bytes:
    return render_document(template, context, request=request).write_pdf()
