"""Authorization routes of what the neighbourhood activities produce (see
tests/authz/__init__.py). Recording happens on the session screen (tests/authz/sessions.py)."""

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    "neighbourhood:network": Route(Cap.VIEW_NETWORK, "network"),
    "neighbourhood:export": Route(Cap.EXPORT_DATA, "network"),
}


def extend_world(world: dict) -> None:
    from vangnet.neighbourhood.models import NeighbourhoodOutput, OutputItem, OutputPartner
    from vangnet.networks.models import Session

    network = world["network"]
    session = Session.objects.filter(network=network).first() or Session.objects.create(
        network=network, date=network.start_date, title="Buurtlunch", is_one_off=True
    )
    output = NeighbourhoodOutput.objects.create(session=session, guests=4)
    OutputItem.objects.create(output=output, kind="parcels", number=9, description="pakketten")
    OutputPartner.objects.create(output=output, name="Speeltuin De Bolderik")
