import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone, translation

from tests.conftest import login
from tests.factories import ActivityFactory
from vangnet.participants.route import RouteRules, derive_route
from vangnet.planning.forecast_selectors import person_history, sentence
from vangnet.planning.models import WorkerHours


def test_sentence():
    with translation.override("nl"):
        text = sentence(invitations=4, probability=0.7, target=15, when=dt.date(2027, 6, 1))
    assert text == (
        "Met 4 uitnodigingen per maand is er 7 op 10 kans op 15 vaste deelnemers in juni 2027."
    )
    with translation.override("nl"):
        low = sentence(invitations=2.5, probability=0.01, target=15, when=dt.date(2027, 6, 1))
    assert "2,5 uitnodigingen" in low and "minder dan 1 op 10" in low


def test_network_page_shows_forecast_and_norm(client, coordinator, network):
    ActivityFactory(network=network, duration_minutes=210, active_from=network.start_date)
    response = login(client, coordinator).get(reverse("networks:detail", args=[network.pk]))
    body = response.content.decode()
    assert "fan-chart" in body and 'role="img"' in body
    assert "uitnodigingen per maand is er" in body
    assert "te weinig geschiedenis" in body  # an empty organisation falls back to the seeds
    assert "5 uur per week nodig" in body  # 4 h + 1 h for a 3.5 h activity
    assert reverse("planning:network_plan", args=[network.pk]) in body
    assert reverse("planning:hours", args=[network.pk]) not in body  # coordinator


def test_network_page_flags_hours_below_norm(worker_client, worker, network):
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    for weeks_ago in (1, 2):
        WorkerHours.objects.create(
            network=network,
            worker=worker,
            week_start=monday - dt.timedelta(weeks=weeks_ago),
            hours=Decimal("2.5"),
        )
    body = worker_client.get(reverse("networks:detail", args=[network.pk])).content.decode()
    assert 'class="planning-flag"' in body and "Let op:" in body
    assert reverse("planning:hours", args=[network.pk]) in body


def test_network_page_hours_at_norm_no_flag(worker_client, worker, network):
    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    for weeks_ago in range(1, 5):
        WorkerHours.objects.create(
            network=network,
            worker=worker,
            week_start=monday - dt.timedelta(weeks=weeks_ago),
            hours=Decimal(4),
        )
    body = worker_client.get(reverse("networks:detail", args=[network.pk])).content.decode()
    # The planning flag only: every page also carries the offline bar's texts.
    assert 'class="planning-flag"' not in body


def test_person_history_from_a_route():
    start = dt.date(2025, 1, 6)
    sessions = [start + dt.timedelta(weeks=i) for i in range(60)]
    attended = sessions[:30] + sessions[45:]  # steady, away 15 weeks, back
    route = derive_route(
        invited_on=start - dt.timedelta(days=3),
        session_dates=sessions,
        attended_dates=attended,
        events=(),
        rules=RouteRules(),
        today=sessions[-1],
    )
    history = person_history(start - dt.timedelta(days=3), route)
    assert history.first_visit == start
    assert history.steady_on is not None
    assert history.steady_dropouts == 1
    assert history.returns == 1
    assert history.dropped_days > 0 and history.steady_days > 0


def test_section_makes_a_bounded_number_of_queries(
    rf, coordinator, network, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from tests.factories import ParticipantFactory
    from vangnet.planning.templatetags.planning_tags import planning_network_section

    for _ in range(12):
        ParticipantFactory(network=network, invited_on=network.start_date)
    request = rf.get("/")
    request.user = coordinator
    from vangnet.networks.phases import network_phases
    from vangnet.participants.selectors import network_route_map

    today = timezone.localdate()
    cache.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the routes are cached on commit
        routes = network_route_map(network=network, today=today)
    # What the network page passes on: it has read the routes and the timeline already.
    context = {
        "request": request,
        "route_counts": [{"stage": "steady", "count": 3}],
        "activities": {"current": []},
        "timeline": network_phases(network=network, on=today),
        "participant_routes": routes,
    }
    # settings, hours, the day's row, 4 to fit, keep; the forecast's row read and kept
    with django_assert_max_num_queries(10):
        planning_network_section(context, network)
    from vangnet.planning import rates_store

    organisation = network.organisation
    cache.delete(rates_store.cache_key(organisation, today, rates_store.rules_digest(organisation)))
    with django_assert_max_num_queries(3):  # settings, hours, the day's row (planning.rates_store)
        planning_network_section(context, network)
    with django_assert_max_num_queries(2):  # settings, hours: the rates are cached
        result = planning_network_section(context, network)
    assert result["visible"] and result["forecast"]["sentence"]
    # On a page that has not read the routes, the section reads them (cached: one query).
    del context["participant_routes"]
    with django_assert_max_num_queries(3):
        assert planning_network_section(context, network)["visible"]


def test_forecast_start_follows_the_network_within_the_day(network, coordinator):
    """The rates are fitted once a day, but the network's start is read live: a newcomer's
    first visit this morning counts in the afternoon's forecast."""
    from django.core.cache import cache

    from tests.factories import ParticipantFactory, SessionFactory
    from vangnet.networks.models import Attendance
    from vangnet.planning.forecast_selectors import network_forecast

    today = timezone.localdate()
    cache.clear()
    session = SessionFactory(network=network, date=today - dt.timedelta(days=1), recorded=True)
    person = ParticipantFactory(network=network, invited_on=today - dt.timedelta(days=7))
    before = network_forecast(network=network, today=today)["start"]
    Attendance.objects.create(session=session, participant=person)  # no participant changes
    session.save()  # the screen stamps the session when marks change
    after = network_forecast(network=network, today=today)["start"]
    assert sum(after.newcomers) == sum(before.newcomers) + 1
    assert after.steady == before.steady


def test_network_page_counts_unregistered_weeks_as_unknown_not_zero(worker_client, worker, network):
    """Issue 14, item 9: a week nobody filled in is not a week of 0 hours."""
    from vangnet.planning.selectors import hours_against_norm

    today = timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    WorkerHours.objects.create(
        network=network, worker=worker, week_start=monday - dt.timedelta(weeks=1), hours=4
    )
    WorkerHours.objects.create(
        network=network, worker=worker, week_start=monday - dt.timedelta(weeks=2), hours=0
    )
    weeks = hours_against_norm(network=network, norm=Decimal(4), today=today)
    assert [week.registered for week in weeks[-4:]] == [False, False, True, True]
    assert [week.below for week in weeks[-4:]] == [False, False, True, False]
    body = worker_client.get(reverse("networks:detail", args=[network.pk])).content.decode()
    assert "De uren zijn ingevuld voor 2 van de laatste 8 weken." in body
    assert "Van de laatste 4 weken zijn 2 weken nog niet ingevuld." in body
    assert "in 1 van de laatste 4 weken is minder gewerkt dan de norm." in body
    assert "niet ingevuld" in body
