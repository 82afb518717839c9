"""Plain unit tests of each route rule (the pure function, no database)."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from vangnet.participants.route import (
    ACQUAINTED,
    DROPPED_OUT,
    INVITED,
    REFERRED_ON,
    RETURNED,
    RULE_CAME_BACK,
    RULE_FIRST_VISIT,
    RULE_FIRST_WEEK,
    RULE_INVITED_ON,
    RULE_NO_ATTENDANCE,
    RULE_NOT_YET_VISITED,
    RULE_RECORDED,
    RULE_SECOND_VISIT,
    RULE_STEADY,
    SETTLING,
    STEADY,
    RecordedEvent,
    RouteRules,
    derive_route,
)

START = dt.date(2025, 1, 6)  # a Monday
WEEK = dt.timedelta(weeks=1)
DAY = dt.timedelta(days=1)


def weeks(n, start=START):
    return [start + i * WEEK for i in range(n)]


def route(*, attended=(), sessions=None, events=(), invited_on=None, today, rules=None):
    return derive_route(
        invited_on=invited_on,
        session_dates=weeks(80) if sessions is None else sessions,
        attended_dates=list(attended),
        events=list(events),
        rules=rules,
        today=today,
    )


def stages(r):
    return [(step.stage, step.start) for step in r.steps]


def test_nobody_has_come_yet_is_invited_without_a_date():
    r = route(today=START)
    assert stages(r) == [(INVITED, None)]
    assert r.steps[0].rule == RULE_NOT_YET_VISITED and r.steps[0].derived
    assert r.current == INVITED and r.first_visit is None and r.missed_in_a_row == 0


def test_invited_on_starts_the_route():
    r = route(invited_on=START - 3 * DAY, today=START)
    assert stages(r) == [(INVITED, START - 3 * DAY)]
    assert r.steps[0].rule == RULE_INVITED_ON


def test_first_attendance_makes_acquainted():
    r = route(invited_on=START - DAY, attended=[START], today=START + 2 * DAY)
    assert stages(r) == [(INVITED, START - DAY), (ACQUAINTED, START)]
    assert r.steps[1].rule == RULE_FIRST_VISIT


def test_without_invitation_date_the_route_starts_at_the_first_visit():
    r = route(attended=[START], today=START)
    assert stages(r) == [(ACQUAINTED, START)]


def test_second_visit_makes_settling():
    r = route(attended=[START, START + WEEK], today=START + WEEK)
    assert stages(r)[-1] == (SETTLING, START + WEEK)
    assert r.current_step.rule == RULE_SECOND_VISIT


def test_after_the_first_week_settling_without_a_second_visit():
    r = route(attended=[START], today=START + 6 * DAY)
    assert r.current == ACQUAINTED
    r = route(attended=[START], today=START + 7 * DAY)
    assert stages(r)[-1] == (SETTLING, START + 7 * DAY)
    assert r.current_step.rule == RULE_FIRST_WEEK


def test_steady_after_more_than_91_days_with_half_of_the_sessions():
    attended = weeks(20)[::2]  # every other week: exactly half
    day_92 = START + 92 * DAY
    assert route(attended=attended, today=day_92 - DAY).current == SETTLING
    r = route(attended=attended, today=day_92)
    assert r.current == STEADY
    assert r.current_step.start == day_92 and r.current_step.rule == RULE_STEADY
    assert r.ever_steady


def test_not_steady_with_too_few_sessions_then_steady_when_the_share_is_reached():
    # Comes once every three weeks for four months, then every week.
    attended = weeks(18)[::3] + weeks(12, START + 18 * WEEK)
    r = route(attended=attended, today=START + 17 * WEEK)
    assert r.current == SETTLING  # gaps of 3 weeks: no dropout, but share 1/3
    r = route(attended=attended, today=START + 40 * WEEK)
    steady = [s for s in r.steps if s.stage == STEADY][0]
    sessions_in_span = [d for d in weeks(80) if d <= steady.start]
    visits = [d for d in attended if d <= steady.start]
    assert len(visits) / len(sessions_in_span) >= 0.5
    before = steady.start - WEEK
    assert (
        len([d for d in attended if d <= before]) / len([d for d in weeks(80) if d <= before]) < 0.5
    )


def test_dropout_after_eight_weeks_without_attendance():
    attended = weeks(3)
    last = attended[-1]
    assert route(attended=attended, today=last + 56 * DAY - DAY).current == SETTLING
    r = route(attended=attended, today=last + 56 * DAY)
    assert stages(r)[-1] == (DROPPED_OUT, last + 56 * DAY)
    assert r.current_step.rule == RULE_NO_ATTENDANCE and r.current_step.derived
    assert r.missed_in_a_row == 8


def test_attending_on_the_dropout_day_prevents_the_dropout():
    last = START + 2 * WEEK
    r = route(attended=[START, last, last + 8 * WEEK], today=last + 9 * WEEK)
    assert DROPPED_OUT not in [s.stage for s in r.steps]


def test_returned_after_dropout_and_steady_again_by_the_same_rule():
    first = weeks(20)
    back = START + 40 * WEEK
    again = weeks(20, back)
    r = route(attended=first + again, today=back + 20 * WEEK, sessions=weeks(120))
    sequence = [s.stage for s in r.steps]
    assert sequence == [ACQUAINTED, SETTLING, STEADY, DROPPED_OUT, RETURNED, STEADY]
    returned = r.steps[4]
    assert returned.start == back and returned.rule == RULE_CAME_BACK
    assert r.steps[5].start == back + 92 * DAY


def test_recorded_dropout_with_reason_then_returned():
    events = [RecordedEvent(stage=DROPPED_OUT, date=START + 3 * WEEK, dropout_reason="moved", id=1)]
    r = route(attended=weeks(4), events=events, today=START + 3 * WEEK)
    assert r.current == DROPPED_OUT and r.current_step.recorded
    assert r.current_step.dropout_reason == "moved" and r.current_step.rule == RULE_RECORDED
    r = route(attended=weeks(5), events=events, today=START + 5 * WEEK)
    assert r.current == RETURNED and r.current_step.start == START + 4 * WEEK


def test_attendance_on_the_day_of_a_recorded_dropout_comes_first():
    events = [RecordedEvent(stage=DROPPED_OUT, date=START + WEEK, dropout_reason="health", id=1)]
    r = route(attended=weeks(2), events=events, today=START + 2 * WEEK)
    assert r.current == DROPPED_OUT


def test_recording_the_reason_of_a_derived_dropout_confirms_it():
    last = START + WEEK
    dropped = last + 8 * WEEK
    events = [
        RecordedEvent(stage=DROPPED_OUT, date=dropped + WEEK, dropout_reason="health", reason="x")
    ]
    r = route(attended=weeks(2), events=events, today=dropped + 2 * WEEK)
    assert [s.stage for s in r.steps].count(DROPPED_OUT) == 1
    step = r.current_step
    assert step.derived and step.start == dropped
    assert step.confirmed_on == dropped + WEEK and step.dropout_reason == "health"


def test_referral_ends_the_route_attendance_after_it_is_ignored():
    events = [RecordedEvent(stage=REFERRED_ON, date=START + 2 * WEEK, referred_to="dagbesteding")]
    r = route(attended=weeks(6), events=events, today=START + 20 * WEEK)
    assert r.current == REFERRED_ON and r.ended
    assert r.current_step.referred_to == "dagbesteding"
    assert [s.stage for s in r.steps] == [ACQUAINTED, SETTLING, REFERRED_ON]


def test_correction_to_steady_overrides_until_the_facts_change_it():
    corrected = START + 3 * WEEK
    events = [RecordedEvent(stage=STEADY, date=corrected, reason="Hoort er echt bij.", id=5)]
    r = route(attended=weeks(4), events=events, today=START + 5 * WEEK)
    assert r.current == STEADY and r.current_step.recorded and r.current_step.event_id == 5
    assert r.current_step.note == "Hoort er echt bij."
    # The dropout clock runs from the last visit (week 3 = the correction date).
    r = route(attended=weeks(4), events=events, today=corrected + 8 * WEEK)
    assert r.current == DROPPED_OUT and r.current_step.start == corrected + 8 * WEEK


def test_correction_back_to_settling_restarts_the_steady_period():
    corrected = START + 100 * DAY
    events = [RecordedEvent(stage=SETTLING, date=corrected, reason="Nog niet.")]
    r = route(attended=weeks(40), events=events, today=START + 40 * WEEK)
    assert [s.stage for s in r.steps] == [ACQUAINTED, SETTLING, STEADY, SETTLING, STEADY]
    assert r.steps[-1].start == corrected + 92 * DAY


def test_confirmation_keeps_the_stage_and_adds_the_note():
    events = [RecordedEvent(stage=SETTLING, date=START + 2 * WEEK, reason="Klopt.")]
    r = route(attended=weeks(3), events=events, today=START + 3 * WEEK)
    assert [s.stage for s in r.steps] == [ACQUAINTED, SETTLING]
    assert r.current_step.derived and r.current_step.confirmed_on == START + 2 * WEEK
    assert r.current_step.note == "Klopt."
    assert len(r.confirmations) == 1


def test_facts_after_today_are_ignored():
    r = route(attended=weeks(10), today=START + 2 * DAY)
    assert r.current == ACQUAINTED and r.visits == 1


def test_missed_in_a_row_counts_recorded_sessions_after_the_last_visit():
    r = route(attended=weeks(5), sessions=weeks(8), today=START + 10 * WEEK)
    assert r.missed_in_a_row == 3
    assert r.sessions_since_first_visit == 8
    assert r.attendance_share == 5 / 8


def test_rules_of_the_organisation_are_used():
    rules = RouteRules(
        steady_after_days=30, steady_min_attendance_share=0.75, dropout_after_weeks=2
    )
    r = route(attended=weeks(6), today=START + 31 * DAY, rules=rules)
    assert r.current == STEADY and r.current_step.start == START + 31 * DAY
    r = route(attended=weeks(6), today=START + 7 * WEEK, rules=rules)
    assert r.current == DROPPED_OUT and r.current_step.start == START + 7 * WEEK


def test_rules_from_an_organisation_with_decimal_share():
    organisation = SimpleNamespace(
        steady_after_days=91, steady_min_attendance_share=Decimal("0.50"), dropout_after_weeks=8
    )
    rules = RouteRules.from_organisation(organisation)
    assert rules == RouteRules()


def test_odd_rules_are_clamped_not_fatal():
    rules = RouteRules(steady_after_days=-5, steady_min_attendance_share=3, dropout_after_weeks=0)
    r = route(attended=weeks(3), today=START + 30 * WEEK, rules=rules)
    assert r.current == DROPPED_OUT


def test_dates_at_the_end_of_the_calendar_do_not_break_it():
    last = dt.date.max - dt.timedelta(days=3)
    r = derive_route(
        invited_on=None,
        session_dates=[last],
        attended_dates=[last],
        events=[],
        today=dt.date.max,
    )
    assert r.current == ACQUAINTED
