"""A small but complete organisation for the export tests: names, contact details and
notes that must never leak into a pseudonymised export, and a name that looks like a
formula."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import (
    NetworkFactory,
    OrganisationFactory,
    ParticipantFactory,
    SessionFactory,
    UserFactory,
)
from vangnet.networks.models import Attendance, Contribution
from vangnet.participants.models import CameInVia
from vangnet.questionnaires.models import (
    Answer,
    Item,
    ItemKind,
    QuestionnaireTemplate,
    QuestionnaireVersion,
    Response,
    Section,
)
from vangnet.support.models import SupportTie

SECRETS = [
    "Janneke Vermeulen",
    "Pieter Bakker",
    '=HYPERLINK("http://evil")',
    "Gerrit Smit",
    "06-12345678",
    "06-87654321",
    "janneke@example.org",
    "pieter@example.org",
    "Dorpsstraat 12",
    "Kerkweg 3",
    "Houdt niet van drukte",
    "Bracht Janneke naar het ziekenhuis",
    "Ik voel me thuis bij Pieter",
    "Buurtschap Noord",
]


@pytest.fixture
def sync_exports(settings):
    settings.VANGNET_EXPORTS_SYNC = True
    return settings


@pytest.fixture
def data(db):
    organisation = OrganisationFactory()
    network = NetworkFactory(organisation=organisation, start_date=dt.date(2025, 1, 6))
    other = NetworkFactory(organisation=organisation, name="Buurtschap Noord")
    janneke = ParticipantFactory(
        network=network,
        display_name="Janneke Vermeulen",
        phone="06-12345678",
        email="janneke@example.org",
        address="Dorpsstraat 12",
        notes="Houdt niet van drukte",
        came_in_via=CameInVia.REFERRAL,
        invited_on=dt.date(2025, 1, 6),
    )
    pieter = ParticipantFactory(
        network=network,
        display_name="Pieter Bakker",
        phone="06-87654321",
        email="pieter@example.org",
        address="Kerkweg 3",
        came_in_via=CameInVia.MET_BY_WORKER,
    )
    formula = ParticipantFactory(network=network, display_name='=HYPERLINK("http://evil")')
    gerrit = ParticipantFactory(network=other, display_name="Gerrit Smit")
    sessions = []
    for week in range(6):
        session = SessionFactory(
            network=network, date=dt.date(2025, 1, 8) + dt.timedelta(weeks=week), recorded=True
        )
        sessions.append(session)
        Attendance.objects.create(session=session, participant=janneke)
        if week % 2 == 0:
            Attendance.objects.create(session=session, participant=pieter)
        if week == 0:
            Attendance.objects.create(session=session, participant=formula)
    Contribution.objects.create(session=sessions[0], participant=janneke, task="koken")
    other_session = SessionFactory(network=other, date=dt.date(2025, 3, 5), recorded=True)
    Attendance.objects.create(session=other_session, participant=gerrit)
    SupportTie.objects.create(
        network=network,
        giver=pieter,
        receiver=janneke,
        support_type="practical",
        date=dt.date(2025, 2, 12),
        outside_hours=True,
        note="Bracht Janneke naar het ziekenhuis",
    )
    SupportTie.objects.create(
        network=network,
        giver=janneke,
        receiver=pieter,
        support_type="emotional",
        date=dt.date(2025, 2, 13),
    )
    template = QuestionnaireTemplate.objects.create(
        organisation=organisation, key="evaluatie", name="Evaluatie"
    )
    version = QuestionnaireVersion.objects.create(template=template, number=1)
    section = Section.objects.create(version=version, position=1, title_nl="Meedoen")
    meedoen = Item.objects.create(
        section=section, position=1, key="meedoen", kind=ItemKind.POST_THEN_PRE, text_nl="Cijfer"
    )
    thuis = Item.objects.create(
        section=section, position=2, key="thuis", kind=ItemKind.OPEN, text_nl="Thuis?"
    )
    keuze = Item.objects.create(
        section=section,
        position=3,
        key="vaker",
        kind=ItemKind.CHOICE,
        text_nl="Vaker komen?",
        choices=[{"value": "ja", "nl": "Ja"}, {"value": "nee", "nl": "Nee"}],
    )
    response = Response.objects.create(
        version=version,
        organisation=organisation,
        network=network,
        participant=janneke,
        completed_at=timezone.make_aware(dt.datetime(2025, 2, 20, 14, 0)),
    )
    Answer.objects.create(response=response, item=meedoen, value_now=8, value_then=4)
    Answer.objects.create(response=response, item=thuis, text="Ik voel me thuis bij Pieter")
    Answer.objects.create(response=response, item=keuze, choice="ja")
    Response.objects.create(version=version, organisation=organisation, network=network)
    return {
        "organisation": organisation,
        "network": network,
        "other": other,
        "janneke": janneke,
        "pieter": pieter,
        "formula": formula,
        "gerrit": gerrit,
        "lead": network.lead_worker,
        "backup": network.backup_worker,
        "coordinator": UserFactory(organisation=organisation, coordinator=True),
        "evaluator": UserFactory(organisation=organisation, evaluator=True),
        "municipality": UserFactory(organisation=organisation, municipality=True),
        "admin": UserFactory(organisation=organisation, admin=True),
        "today": dt.date(2025, 3, 10),
    }
