"""Scale mode of the demo data: `vangnet demo-data --organisations N --networks M --years Y`."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from vangnet.demo.scale import demo_generate_scale, demo_scale_reset
from vangnet.networks.models import Attendance, Network, Session
from vangnet.organisations.models import Organisation, User
from vangnet.participants.models import Participant

TODAY = dt.date(2026, 11, 23)


@pytest.mark.django_db
def test_small_scale():
    summary = demo_generate_scale(organisations=1, networks=3, years=1, today=TODAY, progress=False)
    assert Network.objects.count() == 3 == summary.counts["networks"]
    assert Session.objects.count() == summary.counts["sessions"]
    assert 3 * 45 <= summary.counts["sessions"] <= 3 * 53
    assert Participant.objects.count() == summary.counts["participants"] > 3 * 10
    assert Attendance.objects.count() == summary.counts["attendance"]
    assert User.objects.filter(username="schaal1-coordinator").exists()
    # The same participation model as the demo: in a typical recent week, people come.
    last = Session.objects.order_by("-date").first()
    assert last.attendances.count() > 0
    assert demo_scale_reset() == 1
    assert not Organisation.objects.exists() and not Participant.objects.exists()


@pytest.mark.django_db
def test_scale_twice_needs_reset():
    call_command("demo_data", organisations=1, networks=1, years=0.5, verbosity=0)
    with pytest.raises(CommandError):
        call_command("demo_data", organisations=1, networks=1, years=0.5, verbosity=0)
    call_command("demo_data", organisations=1, networks=2, years=0.5, reset=True, verbosity=0)
    assert Network.objects.count() == 2


@pytest.mark.django_db
def test_scale_refuses_nonsense():
    with pytest.raises(CommandError):
        call_command("demo_data", organisations=0, networks=1, years=1, verbosity=0)
