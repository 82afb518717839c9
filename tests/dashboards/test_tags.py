"""The dashboard's number filters write numbers in the language's notation."""

from django.utils import translation

from vangnet.dashboards.charts import meter_svg
from vangnet.dashboards.templatetags.dashboards_tags import hours, one_decimal, pct


def test_numbers_in_dutch_and_english():
    with translation.override("nl"):
        assert (one_decimal(4.25), one_decimal(3), hours(204.0), hours(4.5)) == (
            "4,2",
            "3,0",
            "204",
            "4,5",
        )
    with translation.override("en"):
        assert (one_decimal(4.26), hours(4.5), hours(12)) == ("4.3", "4.5", "12")
    assert one_decimal(None) == "—" and pct(None) == "—" and pct(0.5) == "50%"


def test_meter_draws_value_and_target():
    svg = meter_svg(8, 10)
    assert 'aria-hidden="true"' in svg and 'width="65.5"' in svg and 'x1="81.8"' in svg
    assert meter_svg(3, 0) == ""
