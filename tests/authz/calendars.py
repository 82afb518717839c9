"""Authorization routes of the calendar feed (see tests/authz/__init__.py)."""

from tests.authz import Route

ROUTES: dict[str, Route] = {
    # Every signed-in user makes or revokes their own calendar address.
    "calendars:page": Route(None, "none", ("get", "post")),
}
