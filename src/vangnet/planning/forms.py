"""Planning forms: the plan's inputs (a GET form: it only calculates), hours and settings."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm
from vangnet.planning.staffing import (
    DEFAULT_ACTIVITY_BUDGET,
    DEFAULT_SECOND_WORKER_ABOVE,
    INTERVENTION_WEEKS,
)

LOCATION_CHOICES = [
    ("own", _("Eigen locatie (geen huur)")),
    ("rent", _("Locatie huren")),
]


class PlanForm(SafeTextForm):
    participants = forms.IntegerField(
        label=_("Verwacht aantal deelnemers"), min_value=0, max_value=200, initial=15
    )
    activity_hours = forms.DecimalField(
        label=_("Duur van een activiteit (uren)"),
        min_value=Decimal("0.5"),
        max_value=Decimal(12),
        decimal_places=2,
        localize=True,
        initial=Decimal("2.5"),
        help_text=_("Twee activiteiten tegelijk tellen als één."),
    )
    activities = forms.IntegerField(
        label=_("Aantal activiteiten per week (op verschillende momenten)"),
        min_value=1,
        max_value=7,
        initial=1,
    )
    weeks = forms.IntegerField(
        label=_("Aantal weken"),
        min_value=1,
        max_value=260,
        initial=INTERVENTION_WEEKS,
        help_text=_("Anderhalf jaar is 78 weken."),
    )
    activity_budget = forms.DecimalField(
        label=_("Activiteitenbudget voor de hele periode (euro)"),
        min_value=0,
        max_value=Decimal(1_000_000),
        decimal_places=2,
        localize=True,
        initial=DEFAULT_ACTIVITY_BUDGET,
    )
    location = forms.ChoiceField(
        label=_("Locatie"), choices=LOCATION_CHOICES, initial="own", widget=forms.RadioSelect
    )
    rent_per_month = forms.DecimalField(
        label=_("Huur per maand (euro)"),
        min_value=0,
        max_value=Decimal(100_000),
        decimal_places=2,
        localize=True,
        initial=Decimal(0),
        required=False,
    )
    replacement_weeks = forms.IntegerField(
        label=_("Weken vervanging bij ziekte en vakantie"),
        min_value=0,
        max_value=52,
        initial=4,
        required=False,
    )
    hourly_rate = forms.DecimalField(
        label=_("Kosten per uur sociaal werker (euro, mag leeg)"),
        min_value=0,
        max_value=Decimal(1000),
        decimal_places=2,
        localize=True,
        required=False,
    )

    def clean(self):
        data = super().clean()
        if data.get("location") == "rent" and not data.get("rent_per_month"):
            self.add_error("rent_per_month", _("Vul de huur per maand in."))
        return data


class HoursForm(SafeTextForm):
    """One hours field per week; the view adds the fields."""

    def __init__(self, *args, weeks, **kwargs):
        super().__init__(*args, **kwargs)
        self.weeks = weeks
        for monday, hours in weeks:
            year, week, _day = monday.isocalendar()
            self.fields[f"week_{monday.isoformat()}"] = forms.DecimalField(
                label=_("Week %(week)s (%(year)s)") % {"week": week, "year": year},
                min_value=0,
                max_value=80,
                decimal_places=2,
                localize=True,
                required=False,
                initial=hours,
            )

    def hours_by_week(self):
        return {
            monday: self.cleaned_data.get(f"week_{monday.isoformat()}") for monday, _h in self.weeks
        }


class SettingsForm(SafeTextForm):
    second_worker_above = forms.IntegerField(
        label=_("Tweede sociaal werker nodig boven (deelnemers)"),
        min_value=1,
        max_value=200,
        initial=DEFAULT_SECOND_WORKER_ABOVE,
        help_text=_(
            "Het handboek noemt bij de randvoorwaarden 30 deelnemers en bij de kosten "
            "20. Standaard: 30."
        ),
    )
