"""Scripted participants for the demo story (docs/demo.md).

Besides the simulated people, every demo network gets three participants whose recent
history is fixed, so that the demo user can see the route and the follow-up work when they
record this week's session:

- a steady participant who was there two weeks ago and missed last week: record this week
  without them and a follow-up task appears (two missed sessions in a row);
- a settling participant whose first visit was 15 sessions ago, present at 7 of them (also
  last week): the attendance share stayed just under one half; one more attendance this
  week makes it 8 of 16 and they become a steady participant;
- a participant who dropped out (recorded, for their health) and came back five weeks ago:
  the route shows "returned".
"""

from __future__ import annotations

import random

from vangnet.demo.model import Leave, Person

NAMES = [("Ria", "Joost", "Door"), ("Wies", "Gerrit", "Mien")]


def names_for(index: int) -> tuple[str, str, str]:
    return NAMES[index % len(NAMES)]


def _steady_missed_last(key: int, weeks: int, rng: random.Random) -> Person:
    first = max(0, weeks - 52)
    person = Person(key, invited_week=max(0, first - 1), channel="referral")
    person.acquainted_week, person.finds_place = first, True
    person.attended = [w for w in range(first, weeks - 3) if w == first or rng.random() < 0.8]
    person.attended += [weeks - 3, weeks - 2]  # there two weeks ago, not last week
    return person


def _settling_one_short(key: int, weeks: int, rng: random.Random) -> Person:
    first = weeks - 15
    person = Person(key, invited_week=first - 1, channel="met_by_worker")
    person.acquainted_week, person.finds_place = first, True
    person.attended = [weeks - back for back in (15, 13, 11, 8, 6, 3, 1)]
    return person


def _returned(key: int, weeks: int, rng: random.Random) -> Person:
    first = max(0, weeks - 60)
    person = Person(key, invited_week=max(0, first - 2), channel="invited_by_group")
    person.acquainted_week, person.finds_place = first, True
    stay = [w for w in range(first, weeks - 30) if w == first or rng.random() < 0.75]
    person.leaves = [Leave(stay[-1], "dropped_out", "health", recorded=True, was_steady=True)]
    person.returns = [weeks - 5]
    person.attended = [*stay, weeks - 5, weeks - 3, weeks - 2, weeks - 1]
    return person


def scripted_people(index: int, *, first_key: int, weeks: int, rng: random.Random) -> list[Person]:
    """The three scripted participants of network `index` (needs about 60 weeks of history)."""
    builders = (_steady_missed_last, _settling_one_short, _returned)
    return [build(first_key + i, weeks, rng) for i, build in enumerate(builders)]


def story(index: int, network_name: str, username: str) -> str:
    steady, settling, returned = names_for(index)
    return (
        f"{network_name} ({username}): {steady} is vaste deelnemer en was er vorige week "
        f"niet; vul deze week in zonder {steady} en er komt een nabeltaak. {settling} is aan "
        f"het wennen: is {settling} er deze week, dan wordt dat vaste deelname. {returned} "
        "is teruggekomen na een tijd weg te zijn geweest."
    )
