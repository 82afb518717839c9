"""Run inside the second installation (`vangnet shell -c`) by test_hub_two_installations:
its own database, one participating organisation with three networks, and the actions the
test asks for. Never imported by the test process itself."""

from __future__ import annotations

from django.utils import timezone

from vangnet.benchmark import metrics as m
from vangnet.benchmark.models import Participation, Snapshot
from vangnet.dashboards.periods import quarter_of
from vangnet.organisations.models import Organisation, Role
from vangnet.organisations.services import user_create

NAME = "Stichting Zender"


def rows() -> list[dict]:
    """Two networks whose fidelity may be shared, and figures about too few people: the
    conversion of 3 new people and the steady group of a network that reached 2."""
    found = [
        {
            "network_id": 1 + i,
            "name": f"Zendernetwerk {i}",
            "phase": "build_up",
            "values": {m.FIDELITY: 55 + 10 * i, m.CONVERSION: 0.67},
            "people": {"acquainted": 3, "reached": 9},
        }
        for i in range(2)
    ]
    found.append(
        {
            "network_id": 3,
            "name": "Zendernetwerk klein",
            "phase": "deepening",
            "values": {m.STEADY_TARGET: 0.1},
            "people": {"acquainted": 0, "reached": 2},
        }
    )
    return found


def setup() -> None:
    organisation = Organisation.objects.create(name=NAME)
    user_create(organisation=organisation, username="zender-beheer", role=Role.ORG_ADMIN)
    participation = Participation.objects.create(organisation=organisation)
    year, quarter = quarter_of(timezone.localdate())
    Snapshot.objects.create(
        organisation=organisation,
        year=year,
        quarter=quarter,
        rows=rows(),
        computed_at=timezone.now(),
    )
    print(participation.reference)


def send() -> None:
    from vangnet.benchmark.tasks import exchange_send_task

    exchange_send_task.enqueue(1)


def withdraw() -> None:
    from vangnet.benchmark.services import participation_withdraw
    from vangnet.organisations.models import User

    participation_withdraw(user=User.objects.get(username="zender-beheer"))
