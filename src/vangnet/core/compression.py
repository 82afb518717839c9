"""Pages travel compressed: a worker's phone on the community centre's poor wifi gets the
session screen of a large network as about 8 KB instead of 110 KB.

Django's `GZipMiddleware` (with its protection against BREACH: random padding in every
compressed response, and Django masks the CSRF token per response) compresses what a
browser accepts as gzip; this subclass leaves alone what is compressed already or gains
nothing (PDF, XLSX, ZIP, images other than SVG), so a large download costs no CPU for
nothing.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/javascript",
    "application/manifest+json",
    "application/problem+json",
    "image/svg+xml",
)


class TextGZipMiddleware(GZipMiddleware):
    """Gzip for text responses only (HTML, CSV, JSON, calendar files, SVG)."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        content_type = response.get("Content-Type", "").lower()
        if not content_type.startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
