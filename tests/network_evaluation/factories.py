"""A small hand-checked network for the indicator tests (figures in test_indicators.py)."""

import datetime as dt

from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.networks.models import Attendance, Contribution
from vangnet.support.models import SupportTie

START = dt.date(2025, 1, 6)
ONE_YEAR = dt.date(2026, 1, 6)


def small_network(**kwargs):
    """Five participants, three sessions (two in the first year), four ties in the year and
    one after it. See test_indicators.py for the hand-computed figures."""
    network = NetworkFactory(start_date=START, **kwargs)
    p1 = ParticipantFactory(network=network, invited_on=dt.date(2025, 1, 10))
    p2 = ParticipantFactory(network=network, invited_on=dt.date(2025, 2, 1))
    p3 = ParticipantFactory(network=network, invited_on=dt.date(2025, 3, 1))
    p4 = ParticipantFactory(network=network, invited_on=dt.date(2024, 12, 1))
    p5 = ParticipantFactory(network=network, invited_on=dt.date(2026, 3, 1))
    s1 = SessionFactory(network=network, date=dt.date(2025, 2, 5), recorded=True)
    s2 = SessionFactory(network=network, date=dt.date(2025, 3, 5), recorded=True)
    s3 = SessionFactory(network=network, date=dt.date(2026, 2, 4), recorded=True)
    for session, people in ((s1, [p1, p4]), (s2, [p1, p2]), (s3, [p3, p1])):
        for person in people:
            Attendance.objects.create(session=session, participant=person)
    Contribution.objects.create(session=s1, participant=p1, task="koken")
    Contribution.objects.create(session=s2, participant=p1, task="afwassen")
    Contribution.objects.create(session=s1, participant=p4, task="tafel dekken")
    Contribution.objects.create(session=s3, participant=p3, task="koken")
    for giver, receiver, kind, day in (
        (p1, p2, "emotional", s1.date),
        (p2, p1, "practical", s2.date),
        (p1, p4, "companionship", s2.date),
        (p2, p4, "emotional", s2.date),
        (p3, p1, "emotional", s3.date),
    ):
        SupportTie.objects.create(
            network=network, giver=giver, receiver=receiver, support_type=kind, date=day
        )
    return network, [p1, p2, p3, p4, p5]


def grow(network, *, sessions: int, people: int, start: dt.date = dt.date(2025, 4, 2)):
    """Add sessions and participants who attend and contribute, for query-count tests."""
    added = [ParticipantFactory(network=network, invited_on=start) for _ in range(people)]
    for week in range(sessions):
        session = SessionFactory(
            network=network, date=start + dt.timedelta(weeks=week), recorded=True
        )
        for person in added:
            Attendance.objects.create(session=session, participant=person)
            Contribution.objects.create(session=session, participant=person, task="koken")
        for giver, receiver in zip(added, added[1:], strict=False):
            SupportTie.objects.create(
                network=network,
                giver=giver,
                receiver=receiver,
                support_type="companionship",
                date=session.date,
            )
    return added
