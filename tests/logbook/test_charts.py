import datetime as dt
import xml.etree.ElementTree as ET

from vangnet.logbook.charts import balance_chart, describe
from vangnet.logbook.models import BalanceReflection
from vangnet.logbook.selectors import WeekBalance

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 - our own output, not untrusted input


def weeks_with(values_per_week):
    result = []
    monday = dt.date(2025, 1, 6)
    for values in values_per_week:
        reflection = None
        if values is not None:
            reflection = BalanceReflection(
                week_start=monday,
                stability_spontaneity=values[0],
                safety_challenge=values[1],
                initiative_steering=values[2],
                letting_be_intervening=values[3],
            )
        result.append(WeekBalance(monday, reflection))
        monday += dt.timedelta(weeks=1)
    return result


def test_no_reflections_gives_no_chart():
    assert balance_chart([]) == ""
    assert balance_chart(weeks_with([None, None])) == ""


def test_chart_is_accessible_svg_with_points_and_gaps():
    weeks = weeks_with([(-2, 0, 1, 2), None, (1, 1, 1, 1), (2, -1, 0, -2)])
    svg = str(balance_chart(weeks, chart_id="b"))
    root = parse(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "b-title b-desc"
    assert root.find(f"{SVG}title").text == "Balansen per week"
    assert "Ingevuld in 3 van de 4 weken" in root.find(f"{SVG}desc").text
    circles = root.findall(f"{SVG}circle")
    assert len(circles) == 12  # four balances x three filled weeks
    # The gap in week 2 splits each line: only weeks 3-4 are joined, week 1 stands alone.
    assert len(root.findall(f"{SVG}polyline")) == 4
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Stabiliteit – Spontaniteit" in texts and "Spontaniteit +2" in texts
    assert "Laten gebeuren −2" in texts
    tips = [c.find(f"{SVG}title").text for c in circles]
    assert "week 2: -2, veel stabiliteit" in tips


def test_values_map_to_heights():
    weeks = weeks_with([(2, -2, 0, 0)])
    root = parse(balance_chart(weeks))
    first, second = root.findall(f"{SVG}circle")[:2]
    # +2 is drawn at the top of its panel, -2 at the bottom (60 px lower within a panel).
    panel_offset = 34 + 60
    assert float(second.get("cy")) - float(first.get("cy")) == panel_offset + 60


def test_describe():
    assert describe(None, "Stabiliteit", "Spontaniteit") == "niet ingevuld"
    assert describe(0, "Stabiliteit", "Spontaniteit") == "in balans"
    assert describe(-1, "Stabiliteit", "Spontaniteit") == "wat meer stabiliteit"
    assert describe(2, "Stabiliteit", "Spontaniteit") == "veel spontaniteit"


def test_labels_are_escaped(monkeypatch):
    monkeypatch.setattr("vangnet.logbook.charts.BALANCES", [("safety_challenge", "<b>", "a & b")])
    svg = str(balance_chart(weeks_with([(0, 1, 0, 0)])))
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "a &amp; b" in svg
    parse(svg)
