import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.audit.models import AuditEvent
from vangnet.networks.models import Attendance
from vangnet.support.measures import copresence, network_measures
from vangnet.support.models import SupportTie
from vangnet.support.services import support_tie_create, support_tie_delete

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(network):
    return [ParticipantFactory(network=network, display_name=n) for n in ("Anne", "Janneke")]


def create(network, giver, receiver, **extra):
    values = {"support_type": "practical", "date": dt.date(2025, 3, 3), **extra}
    return support_tie_create(
        network=network, giver=giver, receiver=receiver, actor=network.lead_worker, **values
    )


def test_create_records_and_audits_without_personal_values(network, people):
    anne, janneke = people
    tie = create(network, anne, janneke, note="bracht Janneke naar het ziekenhuis")
    assert tie.recorded_by == network.lead_worker
    event = AuditEvent.objects.get(object_type="support.supporttie", action="create")
    assert event.object_id == str(tie.pk)
    assert "ziekenhuis" not in event.detail and "Janneke" not in event.detail


def test_delete_is_audited(network, people):
    tie = create(network, *people)
    pk = tie.pk
    support_tie_delete(tie=tie, actor=network.lead_worker)
    assert not SupportTie.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_id=str(pk)).count() == 1


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("same", "receiver"),
        ("foreign", "giver"),
        ("future", "date"),
        ("before_start", "date"),
        ("type", "support_type"),
    ],
)
def test_validation(network, people, case, field):
    anne, janneke = people
    giver, receiver, extra = anne, janneke, {}
    if case == "same":
        receiver = anne
    elif case == "foreign":
        giver = ParticipantFactory(network=NetworkFactory(organisation=network.organisation))
    elif case == "future":
        extra["date"] = timezone.localdate() + dt.timedelta(days=1)
    elif case == "before_start":
        extra["date"] = network.start_date - dt.timedelta(days=1)
    elif case == "type":
        extra["support_type"] = "money"
    with pytest.raises(ValidationError) as error:
        create(network, giver, receiver, **extra)
    assert field in error.value.message_dict
    assert not SupportTie.objects.exists()
    assert not AuditEvent.objects.filter(action="create").exists()


def test_copresence_counts_shared_sessions_in_one_query(network, django_assert_num_queries):
    a, b, c = (ParticipantFactory(network=network) for _ in range(3))
    for day, present in [(3, [a, b, c]), (10, [a, b]), (17, [b, c])]:
        session = SessionFactory(network=network, date=dt.date(2025, 3, day))
        Attendance.objects.bulk_create(Attendance(session=session, participant=p) for p in present)
    outside = SessionFactory(network=network, date=dt.date(2025, 6, 2))
    Attendance.objects.bulk_create(Attendance(session=outside, participant=p) for p in (a, c))
    with django_assert_num_queries(1):
        pairs = copresence(network=network, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31))
    assert pairs == {(a.pk, b.pk): 2, (a.pk, c.pk): 1, (b.pk, c.pk): 2}


def test_network_measures_reads_ties_and_attendance(network, people, django_assert_num_queries):
    anne, janneke = people
    kees = ParticipantFactory(network=network)
    session = SessionFactory(network=network, date=dt.date(2025, 3, 3))
    Attendance.objects.bulk_create(
        Attendance(session=session, participant=p) for p in (anne, janneke, kees)
    )
    create(network, anne, janneke)
    create(network, janneke, anne, date=dt.date(2025, 3, 10))
    create(network, anne, janneke, date=dt.date(2025, 5, 10))  # outside the month
    with django_assert_num_queries(1):
        m = network_measures(network=network, start=dt.date(2025, 3, 1), end=dt.date(2025, 3, 31))
    assert m.tie_count == 2
    assert m.reciprocity == 1.0
    assert m.isolates == [kees.pk]
