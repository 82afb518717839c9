import datetime as dt

import factory

from tests.factories import NetworkFactory, ParticipantFactory
from vangnet.support.models import SupportTie


class SupportTieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupportTie

    network = factory.SubFactory(NetworkFactory)
    giver = factory.SubFactory(ParticipantFactory, network=factory.SelfAttribute("..network"))
    receiver = factory.SubFactory(ParticipantFactory, network=factory.SelfAttribute("..network"))
    support_type = "practical"
    date = dt.date(2025, 3, 3)
