"""factory_boy factories shared by the whole suite."""

import datetime as dt

import factory

from vangnet.networks.models import Activity, Network, Session
from vangnet.organisations.models import Location, Organisation, Role, User
from vangnet.participants.models import Participant, ReferralPartner

TEST_PASSWORD = "test-wachtwoord-Vangnet-2026"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Welzijn {n}")


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Wijkcentrum {n}")
    neighbourhood = "Zuid"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Medewerker{n}")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.SOCIAL_WORKER
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()

    class Params:
        backup = factory.Trait(role=Role.BACKUP_WORKER)
        coordinator = factory.Trait(role=Role.COORDINATOR)
        evaluator = factory.Trait(role=Role.EVALUATOR)
        municipality = factory.Trait(role=Role.MUNICIPALITY)
        admin = factory.Trait(role=Role.ORG_ADMIN)
        knowledge_institute = factory.Trait(role=Role.KNOWLEDGE_INSTITUTE)
        network_helper = factory.Trait(role=Role.NETWORK_HELPER)


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Vangnetwerk {n}")
    neighbourhood = "Zuid"
    location = factory.SubFactory(
        LocationFactory, organisation=factory.SelfAttribute("..organisation")
    )
    start_date = dt.date(2025, 1, 6)
    lead_worker = factory.SubFactory(
        UserFactory, organisation=factory.SelfAttribute("..organisation")
    )
    backup_worker = factory.SubFactory(
        UserFactory, organisation=factory.SelfAttribute("..organisation"), backup=True
    )


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    network = factory.SubFactory(NetworkFactory)
    name = "Lunch"
    weekday = 2
    start_time = dt.time(11, 30)
    duration_minutes = 150
    tasks = factory.LazyFunction(lambda: ["koken", "tafel dekken", "afwassen"])
    active_from = factory.SelfAttribute("network.start_date")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    network = factory.SubFactory(NetworkFactory)
    date = dt.date(2025, 2, 5)


class ReferralPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReferralPartner

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Wijkteam {n}")
    kind = "wijkteam"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SelfAttribute("network.organisation")
    display_name = factory.Sequence(lambda n: f"Deelnemer {n}")
    wishes = factory.LazyFunction(lambda: ["samen eten"])
    talents = factory.LazyFunction(lambda: ["koken"])
