import datetime as dt

import factory

from tests.factories import NetworkFactory
from vangnet.logbook.models import BalanceReflection, BuildingBlock, LogEntry


class LogEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LogEntry

    network = factory.SubFactory(NetworkFactory)
    author = factory.SelfAttribute("network.lead_worker")
    date = dt.date(2025, 2, 5)
    text = factory.Sequence(lambda n: f"Logboektekst {n}")
    building_blocks = factory.LazyFunction(lambda: [BuildingBlock.ORGANISED_CHAOS])
    phase = "exploration"


class BalanceReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BalanceReflection

    network = factory.SubFactory(NetworkFactory)
    author = factory.SelfAttribute("network.lead_worker")
    week_start = dt.date(2025, 2, 3)
