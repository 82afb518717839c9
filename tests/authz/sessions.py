"""Authorization routes of the session screen's announced absences (see
tests/authz/__init__.py)."""

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    "networks:absence_list": Route(Cap.RECORD_SESSIONS, "network", ("get", "post")),
    "networks:absence_delete": Route(Cap.RECORD_SESSIONS, "network", ("post",)),
    "networks:session_paper": Route(Cap.RECORD_SESSIONS, "network"),
}


def extend_world(world: dict) -> None:
    """An absence announced for the world's network (its id names the delete URL)."""
    import datetime as dt

    from vangnet.networks.models import AnnouncedAbsence, Session

    network = world["network"]
    session = Session.objects.create(network=network, date=dt.date(2025, 3, 12))
    absence = AnnouncedAbsence.objects.create(
        session=session, participant=world["participant"], reason="ziek"
    )
    world["kwargs"]["absence_id"] = absence.pk
