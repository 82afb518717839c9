"""Authorization routes of a network-support client's support group and collaboration with
the informal network (see tests/authz/__init__.py): the client's own worker and backup
worker only, like the map; the coordinator's overview holds counts only."""

import datetime as dt

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    "support:client_group": Route(
        Cap.VIEW_PARTICIPANTS, "none", ("get", "post"), only=("lead", "backup")
    ),
    "support:group_overview": Route(Cap.VIEW_DASHBOARD, "none"),
}


def extend_world(world: dict) -> None:
    """Something on the world client's page, so every role's GET renders real rows."""
    from vangnet.support import group_services
    from vangnet.support.models import Client

    client = Client.objects.get(pk=world["kwargs"]["client_id"])
    lead = world["users"]["lead"]
    group_services.group_shape_set(
        client=client, kinds=["one_person"], since=dt.date(2025, 3, 1), actor=lead
    )
    agreement = group_services.agreement_add(
        client=client, who="Zus", what="Belt op zondag", made_on=dt.date(2025, 3, 1), actor=lead
    )
    group_services.agreement_review(
        agreement=agreement, date=dt.date(2025, 4, 1), kept="partly", actor=lead
    )
    group_services.group_member_add(
        client=client, name="Zus", start=dt.date(2025, 3, 1), actor=lead
    )
    supporter = group_services.supporter_add(
        client=client, name="Henk", coach=lead, start=dt.date(2025, 3, 1), actor=lead
    )
    group_services.coaching_add(
        supporter=supporter,
        date=dt.date(2025, 4, 1),
        theme="Grenzen",
        next_step="Vaste beldag",
        actor=lead,
    )
    world["kwargs"]["netsupport18_agreement_id"] = agreement.pk
