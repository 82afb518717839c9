"""Authorization routes of single sign-on (see tests/authz/__init__.py). The sign-in
steps themselves are public (tests/test_authorization.py PUBLIC)."""

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    "signin:settings": Route(Cap.MANAGE_ORGANISATION, "none", ("get",)),
}
