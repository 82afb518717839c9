import datetime as dt
import time

import pytest

from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.myspace import services
from vangnet.myspace.access import ACCOUNT_KEY, SEEN_KEY
from vangnet.networks.models import Attendance, Contribution

PIN = "48213"


def activate(person, *, actor, pin=PIN, client=None):
    """Switch the space on, make a code and activate it: the person's account."""
    if client is not None:
        services.space_switch_set(
            organisation=client.organisation, network=None, on=True, actor=actor
        )
        new = services.code_create(actor=actor, client=client)
    else:
        services.space_switch_set(
            organisation=person.organisation, network=person.network, on=True, actor=actor
        )
        new = services.code_create(actor=actor, participant=person)
    code = services.code_usable(new.code)
    return services.account_activate(code_id=code.pk, secret=pin, repeat=pin)


def sign_in(django_client, account):
    session = django_client.session
    session[ACCOUNT_KEY] = account.pk
    session[SEEN_KEY] = int(time.time())
    session.save()


@pytest.fixture
def space(db):
    network = NetworkFactory()
    worker = network.lead_worker
    anna = ParticipantFactory(network=network, display_name="Anna", wishes=["tuinieren"])
    bert = ParticipantFactory(network=network, display_name="Bertus", wishes=["schaken"])
    foreign_network = NetworkFactory()
    carla = ParticipantFactory(network=foreign_network, display_name="Carla")
    for week in range(3):
        session = SessionFactory(
            network=network, date=dt.date(2025, 3, 4) + dt.timedelta(weeks=week)
        )
        Attendance.objects.create(session=session, participant=anna)
        Attendance.objects.create(session=session, participant=bert)
    Contribution.objects.create(session=session, participant=anna, task="koffie zetten")
    return {
        "network": network,
        "worker": worker,
        "anna": anna,
        "bert": bert,
        "carla": carla,
        "foreign_worker": foreign_network.lead_worker,
    }
