"""The verdict rows of `make bench` for the goals of issue 21 (benchmarks/goals.py): figures
against targets, and "not measured" rather than a verdict when a run lacks a figure."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from goals import goal_rows  # noqa: E402


def page(name, median, p95):
    return {"name": name, "median_ms": median, "p95_ms": p95}


def run(**extra):
    floor = {"name": "framework floor (healthz)", "median_ms": 3.0, "p95_ms": 4.0}
    large = [
        page("network page", 30.0, 40.0),  # 10x: not met
        page("sociogram", 15.0, 20.0),  # 5x: met
        page("municipality report", 40.0, 60.0),
        page("organisation report PDF: the job", 1500.0, 1900.0),
    ]
    return {
        "pages": {
            "large": {"floor": floor, "pages": large},
            "small": {"floor": floor, "pages": [page("municipality report", 25.0, 30.0)]},
        },
        **extra,
    }


def verdicts(result):
    return {target: (measured, verdict) for _goal, target, measured, verdict in goal_rows(result)}


def test_pages_against_the_floor_and_the_report_against_its_small_size():
    rows = verdicts(run())
    assert rows["network page (large) within 5x the floor"] == (
        "p95 10.0x the floor's p95",
        "not met",
    )
    assert rows["sociogram (large) within 5x the floor"][1] == "met"
    assert rows["municipality report: large within 2x small"] == ("1.6x (median)", "met")
    assert rows["municipality report (large) within 20x the floor"][1] == "met"
    assert rows["organisation report PDF (200 networks) in at most 2 s (the job)"][1] == "met"


def test_what_a_run_did_not_measure_has_no_verdict():
    rows = verdicts(run())
    assert rows["participant page (large) within 5x the floor"] == (
        "not measured in this run",
        "-",
    )
    assert rows["municipality report (national) under 300 ms"][1] == "-"
    assert rows["throughput at saturation, errors, worker memory"][1] == "-"


def test_exports_and_load():
    exports = {
        "dataset": "large",
        "timings": {
            "attendance (xlsx)": {"seconds": 12.0, "peak_rss_mb": 180.0, "bytes": 1},
            "research (zip)": {"seconds": 8.0, "peak_rss_mb": 260.0, "bytes": 1},
        },
    }
    load = {
        "floor": {"throughput_per_s": 200.0},
        "mixed": {"throughput_per_s": 40.0},
        "errors": 0,
        "worker_rss_mb": [150.0, 210.0],
    }
    rows = verdicts(run(exports=exports, load=load))
    assert rows["whole-organisation attendance (xlsx) in at most 10 s (large)"][1] == "not met"
    assert rows["whole-organisation research (zip) in at most 10 s (large)"][1] == "met"
    peak = next(key for key in rows if key.startswith("peak memory"))
    assert rows[peak] == ("largest 260.0 MB", "not met")
    share = rows["working mix at least 15% of the floor's requests/s (saturated)"]
    assert share == ("40.0 / 200.0 per s = 20.0%", "met")
    assert rows["gunicorn worker memory under 200 MB"] == ("210.0 MB", "not met")


def test_cost_as_data_grows_per_page():
    from goals import growth_markdown, growth_rows

    floor = {"name": "framework floor (healthz)", "median_ms": 3.0, "p95_ms": 4.0}

    def sized(median, queries):
        return {"name": "network page", "median_ms": median, "p95_ms": median, "queries": queries}

    result = {
        "pages": {
            "small": {"floor": floor, "pages": [sized(20.0, 19)]},
            "large": {"floor": floor, "pages": [sized(30.0, 19)]},
            "national": {"floor": floor, "pages": [sized(50.0, 21)]},
        }
    }
    assert growth_rows(result) == [("network page", "20.0", "30.0", "50.0", "2.5x", "19 / 19 / 21")]
    result["pages"]["national"]["pages"] = [sized(50.0, 19)]
    assert growth_rows(result)[0][-1] == "same"
    assert growth_markdown(result)[2].startswith("| page | small median ms | large median ms")
    del result["pages"]["national"], result["pages"]["large"]
    assert growth_markdown(result) == []
