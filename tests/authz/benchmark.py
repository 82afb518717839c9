"""Authorization routes of the benchmark area (see tests/authz/__init__.py)."""

from tests.authz import Route
from vangnet.core.permissions import Cap

# The hub's endpoint: no staff sign-in; a sending installation's own token guards it
# (tests/benchmark/test_exchange.py: every other token, or none, answers 401).
PUBLIC = {"api:benchmark_exchange"}

ROUTES: dict[str, Route] = {
    "benchmark:index": Route(Cap.VIEW_BENCHMARK, "none"),
    "benchmark:participation": Route(Cap.MANAGE_ORGANISATION, "none", ("get", "post")),
}


def extend_world(world: dict) -> None:
    """A researcher of a knowledge institute (their own organisation: the institute)."""
    from tests.factories import UserFactory

    world["users"]["knowledge_institute"] = UserFactory(knowledge_institute=True)
