"""The staffing rule against cases taken from the seeds' text (handbook, randvoorwaarden)."""

from decimal import Decimal as D

import pytest

from vangnet.planning.staffing import plan_budget, required_staffing

CASES = [
    # (participants, activity hours, activities, threshold, hours/week, workers, source)
    (15, "2.5", 1, 30, "4", 1, "minimaal vier uur ... 15-20 deelnemers ... maximaal 2,5 uur"),
    (20, "2.5", 1, 30, "4", 1, "20 is still 15-20"),
    (10, "2", 1, 30, "4", 1, "minimaal vier uur, also for a smaller start"),
    (18, "3.5", 1, 30, "5", 1, "een uur langer duren: een extra uur"),
    (18, "4.5", 1, 30, "6", 1, "two hours longer: two extra hours"),
    (22, "2.5", 1, 30, "4.5", 1, "20-25 deelnemers: een half uur extra"),
    (25, "2.5", 1, 30, "4.5", 1, "25 is still 20-25"),
    (28, "2.5", 1, 30, "5", 1, "25-30 deelnemers: een uur"),
    (30, "2.5", 1, 30, "5", 1, "30 is not above 30"),
    (31, "2.5", 1, 30, "9", 2, "boven de 30 deelnemers een tweede sociaal werker"),
    (21, "2.5", 1, 20, "8.5", 2, "cost section: groter dan 20 deelnemers, twee werkers"),
    (20, "2.5", 1, 20, "4", 1, "cost section: 20 is not above 20"),
    (28, "3.5", 1, 30, "6", 1, "longer activity and larger group add up"),
    (15, "2.5", 2, 30, "6.5", 1, "activiteiten op meerdere momenten: a second moment"),
]


@pytest.mark.parametrize(
    ("participants", "length", "activities", "threshold", "hours", "workers", "source"), CASES
)
def test_rule_table(participants, length, activities, threshold, hours, workers, source):
    staffing = required_staffing(
        participants=participants,
        activity_hours=D(length),
        activities=activities,
        second_worker_above=threshold,
    )
    assert staffing.hours_per_week == D(hours), source
    assert staffing.workers == workers, source


def test_two_parallel_activities_count_as_one():
    assert required_staffing(participants=18, activity_hours=2.5).hours_per_week == D(4)


def test_negative_input_counts_as_zero():
    staffing = required_staffing(participants=-3, activity_hours=-1, activities=0)
    assert staffing.hours_per_week == D(4)


def test_budget_over_one_and_a_half_year():
    budget = plan_budget(staffing=required_staffing(participants=15))
    assert budget.weeks == 78
    assert budget.worker_hours == D(312)  # anderhalf jaar vier uur per week
    assert budget.activity_budget == D(1000)  # gemiddeld duizend euro
    assert budget.rent_total == 0


def test_budget_rent_replacement_and_rate():
    budget = plan_budget(
        staffing=required_staffing(participants=22),
        own_location=False,
        rent_per_month=D(100),
        replacement_weeks=4,
        hourly_rate=D(50),
    )
    assert budget.replacement_hours == D(18)
    assert budget.total_hours == D("4.5") * 82
    assert budget.rent_total == D(1800)  # 78 weeks are 18 months
    assert budget.total_cost == D("4.5") * 82 * 50 + 1000 + 1800


def test_rent_ignored_with_own_location():
    budget = plan_budget(staffing=required_staffing(participants=15), rent_per_month=D(500))
    assert budget.rent_total == 0
