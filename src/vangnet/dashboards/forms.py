"""The dashboard filter: a GET form (it only selects what to show)."""

from __future__ import annotations

import datetime as dt
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm
from vangnet.dashboards.periods import Period, default_period, preset_choices, preset_period
from vangnet.organisations.models import Location, Role, User

MAX_PERIOD_DAYS = 366 * 10


class ListedChoices(forms.models.ModelChoiceIterator):
    """The choices of a ModelChoiceField read in one plain query: Django's iterator uses
    `QuerySet.iterator()`, on PostgreSQL a server-side cursor (DECLARE, FETCH, CLOSE: three
    round trips for a list of a few dozen locations or workers)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for item in self.queryset.all():
            yield self.choice(item)


EARLIEST, LATEST = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
FILTER_FIELDS = ("periode", "van", "tot", "locatie", "werker")


class DashboardFilterForm(SafeTextForm):
    periode = forms.ChoiceField(label=_("Periode"), required=False)
    van = forms.DateField(
        label=_("Van"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Of kies hierboven een periode."),
    )
    tot = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    locatie = forms.ModelChoiceField(
        label=_("Locatie"), queryset=Location.objects.none(), required=False
    )
    werker = forms.ModelChoiceField(
        label=_("Sociaal werker"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Vangnetwerken waar deze persoon sociaal werker of achterwacht is."),
    )

    def __init__(self, data=None, *, organisation, today: dt.date, **kwargs):
        super().__init__(data, **kwargs)
        self.today = today
        cast(forms.ChoiceField, self.fields["periode"]).choices = [
            ("", _("Zelf kiezen")),
            *preset_choices(today),
        ]
        cast(forms.ModelChoiceField, self.fields["locatie"]).queryset = Location.objects.filter(
            organisation=organisation
        ).order_by("name")
        cast(forms.ModelChoiceField, self.fields["locatie"]).empty_label = _("Alle locaties")
        cast(forms.ModelChoiceField, self.fields["werker"]).queryset = User.objects.filter(
            Q(role=Role.SOCIAL_WORKER) | Q(role=Role.BACKUP_WORKER),
            organisation=organisation,
        ).order_by("first_name", "last_name", "username")
        cast(forms.ModelChoiceField, self.fields["werker"]).empty_label = _("Alle sociaal werkers")
        for name in ("locatie", "werker"):
            field = cast(forms.ModelChoiceField, self.fields[name])
            field.iterator = ListedChoices
            field.widget.choices = field.choices  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        preset = data.get("periode")
        if preset:
            period = preset_period(preset, self.today)
        elif data.get("van") or data.get("tot"):
            default = default_period(self.today)
            period = Period(data.get("van") or default.start, data.get("tot") or default.end)
        else:
            period = default_period(self.today)
        if period is None:
            raise ValidationError(_("Kies een bestaande periode."))
        if period.start < EARLIEST or period.end > LATEST:
            raise ValidationError(_("Kies datums tussen 2000 en 2100."))
        if period.end < period.start:
            raise ValidationError(_("De einddatum ligt voor de begindatum."))
        if (period.end - period.start).days > MAX_PERIOD_DAYS:
            raise ValidationError(_("Kies een periode van hoogstens tien jaar."))
        data["period"] = period
        return data

    def filters(self) -> dict:
        """Arguments for organisation_figures (only after is_valid())."""
        period = self.cleaned_data["period"]
        return {
            "start": period.start,
            "end": period.end,
            "location": self.cleaned_data.get("locatie"),
            "worker": self.cleaned_data.get("werker"),
        }


def filter_form(query, *, organisation, today: dt.date) -> DashboardFilterForm:
    """The form bound to the filter fields of the query string (unbound data counts as the
    default period, so the form is always bound and validated)."""
    data = {name: query.get(name, "") for name in FILTER_FIELDS}
    return DashboardFilterForm(data, organisation=organisation, today=today)
