"""Authorization routes of the interviews area (see tests/authz/__init__.py)."""

from tests.authz import Route

ROUTES: dict[str, Route] = {}


def extend_world(world: dict) -> None:
    """Add the objects this area's URLs name to the shared world fixture."""
