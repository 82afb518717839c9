"""The checklist of elements: four groups of 5-8 items with stable, unique keys."""

from vangnet.network_evaluation import checklist


def test_groups_and_items():
    assert [group.key for group in checklist.GROUPS] == [
        "target_group",
        "activity",
        "social_worker",
        "results",
    ]
    for group in checklist.GROUPS:
        assert 5 <= len(group.items) <= 8, group.key
    keys = [item.key for group in checklist.GROUPS for item in group.items]
    assert len(keys) == len(set(keys)) == len(checklist.ITEMS) == 29
    assert all(len(key) <= 40 for key in keys)  # ChecklistAnswer.item_key
    assert not set(keys) & checklist.RETIRED_KEYS


def test_keys_are_stable():
    """Answers are stored by key: changing a key loses history. Add keys, never rename."""
    assert {"tg_positive", "ac_contribute", "sw_interpret", "rs_reciprocal"} <= set(
        checklist.ITEM_KEYS
    )
