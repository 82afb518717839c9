"""The browsable API documentation (Swagger UI from the self-hosted sidecar assets).

The split view serves Swagger UI's start script from a URL (`?script=`), so the page has
no inline script; our template also drops drf-spectacular's inline <style> (CSP)."""

from drf_spectacular.views import SpectacularSwaggerSplitView


class DocsView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    title = "Vangnet API"
