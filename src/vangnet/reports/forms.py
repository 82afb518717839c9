"""The choosers of the reports (GET forms: nothing is saved)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm
from vangnet.reports.periods import ReportPeriod, default_period, parse_period, period_choices


class MunicipalityReportForm(SafeTextForm):
    periode = forms.ChoiceField(label=_("Periode"))
    gebied = forms.ChoiceField(label=_("Gebied"), required=False)

    def __init__(self, data=None, *, areas: list[str], first_year: int, today: dt.date):
        super().__init__(data)
        self.today = today
        self.fields["periode"].choices = period_choices(first_year=first_year, today=today)
        self.fields["periode"].initial = default_period(today).key
        self.fields["gebied"].choices = [("", _("Alle gebieden"))] + [(a, a) for a in areas]

    def period(self) -> ReportPeriod:
        if self.is_bound and self.is_valid():
            return parse_period(self.cleaned_data["periode"]) or default_period(self.today)
        return default_period(self.today)

    def area(self) -> str | None:
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get("gebied") or None
        return None


class YearForm(SafeTextForm):
    jaar = forms.TypedChoiceField(label=_("Jaar"), coerce=int)

    def __init__(self, data=None, *, years: list[int]):
        super().__init__(data)
        self.years = years
        self.fields["jaar"].choices = [(y, str(y)) for y in years]
        self.fields["jaar"].initial = years[0] if years else None

    def year(self) -> int:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["jaar"]
        return self.years[0]
