from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextModelForm
from vangnet.volunteers.models import NetworkHelper


class HelperForm(SafeTextModelForm):
    hours_per_week = forms.DecimalField(
        label=_("Uren per week"), min_value=0, max_value=40, decimal_places=1, max_digits=4
    )

    class Meta:
        model = NetworkHelper
        fields = ["kind", "name", "start_date", "end_date", "hours_per_week"]
        widgets = {
            "kind": forms.RadioSelect,
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {"end_date": _("Leeg laten zolang iemand er nog bij is.")}
