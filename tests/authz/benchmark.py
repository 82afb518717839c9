"""Authorization routes of the benchmark area (see tests/authz/__init__.py)."""

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    "benchmark:index": Route(Cap.VIEW_BENCHMARK, "none"),
    "benchmark:participation": Route(Cap.MANAGE_ORGANISATION, "none", ("get", "post")),
}
