import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from tests.logbook.factories import BalanceReflectionFactory, LogEntryFactory
from vangnet.audit.models import AuditEvent
from vangnet.logbook import selectors, services
from vangnet.logbook.models import BalanceReflection, BuildingBlock, LogEntry
from vangnet.networks.models import PhaseTransition

pytestmark = pytest.mark.django_db

ZERO = {
    "stability_spontaneity": 0,
    "safety_challenge": 0,
    "initiative_steering": 0,
    "letting_be_intervening": 0,
}


def create(network, worker, **overrides):
    arguments = {
        "network": network,
        "author": worker,
        "date": dt.date(2025, 2, 5),
        "text": "  Soep gekookt met z'n zessen.  ",
        "building_blocks": [BuildingBlock.SOCIAL_INTERPRETING, BuildingBlock.BRINGING_TOGETHER],
    }
    return services.log_entry_create(**(arguments | overrides))


def test_create_entry_derives_the_phase_and_orders_the_blocks(network, worker):
    entry = create(network, worker)
    assert entry.text == "Soep gekookt met z'n zessen."
    assert entry.building_blocks == ["bringing_together", "social_interpreting"]
    assert entry.phase == "exploration"  # a month after the start: verkenning
    late = create(network, worker, date=dt.date(2025, 6, 2))
    assert late.phase == "build_up"
    assert AuditEvent.objects.filter(action="create", object_type="logbook.logentry").count() == 2


def test_recorded_transition_changes_the_derived_phase(network, worker):
    PhaseTransition.objects.create(
        network=network, phase="build_up", date=dt.date(2025, 2, 1), reason="Groep groeit snel"
    )
    assert create(network, worker).phase == "build_up"


def test_explicit_phase_is_kept(network, worker):
    assert create(network, worker, phase="deepening").phase == "deepening"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": "   "}, "text"),
        ({"text": "x" * 5001}, "text"),
        ({"building_blocks": []}, "building_blocks"),
        ({"building_blocks": ["diagnose"]}, "building_blocks"),
        ({"phase": "phase 9"}, "phase"),
        ({"date": dt.date(2024, 12, 31)}, "date"),
        ({"date": dt.date(2999, 1, 1)}, "date"),
        ({"date": None}, "date"),
    ],
)
def test_invalid_entries_write_nothing(network, worker, overrides, field):
    with pytest.raises(ValidationError) as caught:
        create(network, worker, **overrides)
    assert field in caught.value.message_dict
    assert not LogEntry.objects.exists() and not AuditEvent.objects.exists()


def test_only_the_author_may_update(network, worker):
    entry = create(network, worker)
    other = network.backup_worker
    with pytest.raises(PermissionDenied):
        services.log_entry_update(
            entry=entry,
            actor=other,
            date=entry.date,
            text="Overschreven",
            building_blocks=["organised_chaos"],
        )
    updated = services.log_entry_update(
        entry=entry,
        actor=worker,
        date=dt.date(2025, 2, 6),
        text="Aangevuld",
        building_blocks=["organised_chaos"],
        phase="exploration",
    )
    entry.refresh_from_db()
    assert updated.text == entry.text == "Aangevuld" and entry.date == dt.date(2025, 2, 6)


def test_balance_one_per_week_and_saving_again_updates(network, worker):
    values = ZERO | {"safety_challenge": 2, "letting_be_intervening": -1}
    first, created = services.balance_reflection_save(
        network=network, author=worker, week=dt.date(2025, 2, 5), values=values, note="Rustig"
    )
    assert created and first.week_start == dt.date(2025, 2, 3)
    second, created = services.balance_reflection_save(
        network=network,
        author=network.backup_worker,
        week=dt.date(2025, 2, 9),  # Sunday of the same ISO week
        values=ZERO,
    )
    assert not created and second.pk == first.pk
    second.refresh_from_db()
    assert second.safety_challenge == 0 and second.author == network.backup_worker
    assert BalanceReflection.objects.count() == 1
    actions = list(AuditEvent.objects.order_by("id").values_list("action", flat=True))
    assert actions == ["create", "update"]


@pytest.mark.parametrize(
    ("values", "week", "field"),
    [
        (ZERO | {"safety_challenge": 3}, dt.date(2025, 2, 5), "safety_challenge"),
        (ZERO | {"safety_challenge": -3}, dt.date(2025, 2, 5), "safety_challenge"),
        (ZERO | {"safety_challenge": "1"}, dt.date(2025, 2, 5), "safety_challenge"),
        (ZERO | {"safety_challenge": True}, dt.date(2025, 2, 5), "safety_challenge"),
        ({"safety_challenge": 0}, dt.date(2025, 2, 5), "initiative_steering"),
        (ZERO, dt.date(2999, 1, 1), "week"),
        (ZERO, dt.date(2024, 12, 1), "week"),
    ],
)
def test_invalid_balance_writes_nothing(network, worker, values, week, field):
    with pytest.raises(ValidationError) as caught:
        services.balance_reflection_save(network=network, author=worker, week=week, values=values)
    assert field in caught.value.message_dict
    assert not BalanceReflection.objects.exists()


def test_database_refuses_out_of_range_balance(network):
    with pytest.raises(IntegrityError), transaction.atomic():
        BalanceReflectionFactory(network=network, safety_challenge=5)


def test_filter_by_building_block(network):
    chaos = LogEntryFactory(network=network, building_blocks=["organised_chaos"])
    both = LogEntryFactory(
        network=network, building_blocks=["bringing_together", "social_interpreting"]
    )
    LogEntryFactory(building_blocks=["social_interpreting"])  # another network
    assert list(selectors.log_entries(network=network, building_block="organised_chaos")) == [chaos]
    assert list(selectors.log_entries(network=network, building_block="social_interpreting")) == [
        both
    ]
    assert set(selectors.log_entries(network=network)) == {chaos, both}
    assert not selectors.log_entries(network=network, building_block="onzin").exists()


def test_entries_newest_first(network):
    old = LogEntryFactory(network=network, date=dt.date(2025, 1, 10))
    new = LogEntryFactory(network=network, date=dt.date(2025, 3, 10))
    assert list(selectors.log_entries(network=network)) == [new, old]


def test_balance_history_has_every_week_and_starts_at_the_network_start(network):
    BalanceReflectionFactory(network=network, week_start=dt.date(2025, 1, 20), safety_challenge=1)
    weeks = selectors.balance_history(network=network, today=dt.date(2025, 2, 5))
    assert [w.monday for w in weeks] == [
        dt.date(2025, 1, 6),
        dt.date(2025, 1, 13),
        dt.date(2025, 1, 20),
        dt.date(2025, 1, 27),
        dt.date(2025, 2, 3),
    ]
    assert [w.value("safety_challenge") for w in weeks] == [None, None, 1, None, None]
    long = selectors.balance_history(network=network, today=dt.date(2026, 1, 1), weeks=12)
    assert len(long) == 12 and long[-1].monday == dt.date(2025, 12, 29)


def test_parse_iso_week():
    assert selectors.parse_iso_week("2025-W05") == dt.date(2025, 1, 27)
    assert selectors.parse_iso_week("2025-w5") == dt.date(2025, 1, 27)
    for bad in ("", "2025-W54", "week 5", "2025-05", "abc-Wdef"):
        assert selectors.parse_iso_week(bad) is None
