"""Reporting periods of the dashboard: quarter presets and the default period (pure)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from vangnet.networks.phases import add_months

PRESET_QUARTERS = 8  # how many past quarters the filter offers


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    def as_of(self, today: dt.date) -> dt.date:
        """The day the figures describe: the end of the period, or today if that is earlier."""
        return min(self.end, today)


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_period(year: int, quarter: int) -> Period:
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    return Period(start, add_months(start, 3) - dt.timedelta(days=1))


def default_period(today: dt.date) -> Period:
    """The last twelve months up to and including today."""
    return Period(add_months(today, -12) + dt.timedelta(days=1), today)


def preset_choices(today: dt.date) -> list[tuple[str, str]]:
    """(value, label) for the period presets: this and last year, the last quarters."""
    choices = [
        ("12m", _("Laatste 12 maanden")),
        (f"y{today.year}", _("Jaar %(year)s") % {"year": today.year}),
        (f"y{today.year - 1}", _("Jaar %(year)s") % {"year": today.year - 1}),
    ]
    year, quarter = quarter_of(today)
    for _index in range(PRESET_QUARTERS):
        label = _("Kwartaal %(quarter)s %(year)s") % {"quarter": quarter, "year": year}
        choices.append((f"q{year}-{quarter}", label))
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
    return choices


def preset_period(value: str, today: dt.date) -> Period | None:
    """The period of a preset value from `preset_choices`, or None for an unknown value."""
    if value == "12m":
        return default_period(today)
    try:
        if value.startswith("y"):
            year = int(value[1:])
            return Period(dt.date(year, 1, 1), dt.date(year, 12, 31))
        if value.startswith("q"):
            year_text, quarter_text = value[1:].split("-")
            quarter = int(quarter_text)
            if 1 <= quarter <= 4:
                return quarter_period(int(year_text), quarter)
    except ValueError:
        return None
    return None
