"""Report periods: a calendar quarter ("2026-K2") or a calendar year ("2026")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

_QUARTER = re.compile(r"^(\d{4})-K([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class ReportPeriod:
    key: str
    start: dt.date
    end: dt.date  # inclusive

    @property
    def is_year(self) -> bool:
        return "-" not in self.key

    @property
    def label(self) -> str:
        if self.is_year:
            return self.key
        year, quarter = self.key.split("-K")
        return _("%(quarter)se kwartaal %(year)s") % {"quarter": quarter, "year": year}


def year_period(year: int) -> ReportPeriod:
    return ReportPeriod(str(year), dt.date(year, 1, 1), dt.date(year, 12, 31))


def quarter_period(year: int, quarter: int) -> ReportPeriod:
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    end = dt.date(year + 1, 1, 1) if quarter == 4 else dt.date(year, 3 * quarter + 1, 1)
    return ReportPeriod(f"{year}-K{quarter}", start, end - dt.timedelta(days=1))


def parse_period(value: str | None) -> ReportPeriod | None:
    """The period for a key, or None for anything else (never raises)."""
    value = (value or "").strip()
    if match := _QUARTER.match(value):
        year = int(match.group(1))
        return quarter_period(year, int(match.group(2))) if 1900 < year < 3000 else None
    if match := _YEAR.match(value):
        year = int(match.group(1))
        return year_period(year) if 1900 < year < 3000 else None
    return None


def default_period(today: dt.date) -> ReportPeriod:
    """The last complete quarter."""
    quarter = (today.month - 1) // 3 + 1
    if quarter == 1:
        return quarter_period(today.year - 1, 4)
    return quarter_period(today.year, quarter - 1)


def period_choices(*, first_year: int, today: dt.date) -> list[tuple[str, str]]:
    """Years and their started quarters, newest first."""
    choices: list[tuple[str, str]] = []
    for year in range(today.year, min(first_year, today.year) - 1, -1):
        choices.append((str(year), _("Heel %(year)s") % {"year": year}))
        for quarter in (4, 3, 2, 1):
            period = quarter_period(year, quarter)
            if period.start <= today:
                choices.append((period.key, period.label))
    return choices
