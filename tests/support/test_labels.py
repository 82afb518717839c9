"""Names in the sociogram never lie on top of each other or on someone else's dot."""

from __future__ import annotations

import itertools
import random

from vangnet.support.labels import _box, place_labels, spread, text_width

FONT = 13.0
RADIUS = 9.0


def boxes(places, texts):
    return {
        pid: _box(place.x, place.y, place.anchor, text_width(texts[pid], FONT), FONT)
        for pid, place in places.items()
        if not place.dense
    }


def overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def test_a_crowded_centre_gets_names_that_do_not_overlap():
    rng = random.Random(3)
    points = {pid: (300 + rng.uniform(-90, 90), 300 + rng.uniform(-90, 90)) for pid in range(40)}
    texts = {pid: f"Naam{pid}" for pid in points}
    places = place_labels(
        points, texts, order=sorted(points), radius=RADIUS, font=FONT, bounds=(0, 0, 640, 640)
    )
    assert set(places) == set(points)
    placed = boxes(places, texts)
    assert len(placed) >= 20, "most names find a spot"
    for (a, box_a), (b, box_b) in itertools.combinations(placed.items(), 2):
        assert not overlap(box_a, box_b), (a, b)
    for pid, box in placed.items():
        for other, (x, y) in points.items():
            if other != pid:
                dot = (x - RADIUS, y - RADIUS, x + RADIUS, y + RADIUS)
                assert not overlap(box, dot), (pid, other)


def test_a_name_without_a_free_spot_is_marked_dense():
    points = {
        row * 5 + col: (300.0 + 14 * col, 300.0 + 14 * row) for row in range(5) for col in range(5)
    }
    texts = {pid: "Bartholomeus" for pid in points}
    places = place_labels(
        points, texts, order=sorted(points), radius=RADIUS, font=FONT, bounds=(0, 0, 640, 640)
    )
    assert places[12].dense, "the middle of a packed grid has no free spot"
    assert not places[0].dense


def test_names_stay_inside_the_picture():
    points = {1: (2.0, 2.0), 2: (638.0, 638.0)}
    texts = {1: "Wilhelmina", 2: "Bartholomeus"}
    places = place_labels(
        points, texts, order=[1, 2], radius=RADIUS, font=FONT, bounds=(0, 0, 640, 640)
    )
    for pid, box in boxes(places, texts).items():
        assert box[0] >= 0 and box[1] >= 0 and box[2] <= 640 and box[3] <= 640, pid


def test_spread_opens_up_a_tangle_the_same_way_every_time():
    rng = random.Random(5)
    points = {
        pid: (0.5 + rng.uniform(-0.05, 0.05), 0.5 + rng.uniform(-0.05, 0.05)) for pid in range(12)
    }
    first = spread(points, minimum=0.1)
    assert first == spread(points, minimum=0.1)
    closest = min(
        ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5
        for (ax, ay), (bx, by) in itertools.combinations(first.values(), 2)
    )
    assert closest > 0.09
    assert all(0.04 <= x <= 0.96 and 0.04 <= y <= 0.96 for x, y in first.values())
