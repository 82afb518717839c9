"""An announced absence counts as absent for every attendance figure: the route's
attendance share and the organisation dashboard's attendance rate are the same with and
without it (only Attendance rows are presence)."""

import datetime as dt

import pytest

from tests.factories import NetworkFactory, OrganisationFactory, ParticipantFactory
from vangnet.dashboards.selectors import organisation_figures
from vangnet.networks.models import AnnouncedAbsence, Attendance, Session
from vangnet.participants.selectors import participant_route

pytestmark = pytest.mark.django_db

START = dt.date(2025, 1, 6)
TODAY = dt.date(2025, 3, 3)


def twin(organisation, name, *, announce: bool):
    """A network with four weekly sessions; Ans came to the 1st and 3rd, and (in one twin)
    announced her absence for the 2nd."""
    network = NetworkFactory(organisation=organisation, name=name, start_date=START)
    ans = ParticipantFactory(network=network, display_name="Ans")
    sessions = [
        Session.objects.create(
            network=network, date=START + dt.timedelta(weeks=week, days=2), recorded=True
        )
        for week in range(4)
    ]
    Attendance.objects.create(session=sessions[0], participant=ans)
    Attendance.objects.create(session=sessions[2], participant=ans)
    if announce:
        AnnouncedAbsence.objects.create(session=sessions[1], participant=ans, reason="ziek")
    return network, ans


def test_announced_absence_is_absent_for_the_route_and_the_dashboard():
    organisation = OrganisationFactory()
    with_absence, ans_absent = twin(organisation, "Met afmelding", announce=True)
    without, ans = twin(organisation, "Zonder afmelding", announce=False)

    route_absent = participant_route(participant=ans_absent, today=TODAY)
    route = participant_route(participant=ans, today=TODAY)
    assert route_absent.visits == route.visits == 2
    assert route_absent.attendance_share == route.attendance_share
    assert route.attendance_share is not None and route.attendance_share < 1

    figures = organisation_figures(organisation=organisation, start=START, end=TODAY, today=TODAY)
    rows = {row.name: row for row in figures.rows}
    a, b = rows["Met afmelding"], rows["Zonder afmelding"]
    assert a.present_marks == b.present_marks == 2
    assert a.attendance_rate == b.attendance_rate
