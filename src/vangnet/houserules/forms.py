from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm


class HouseRulesForm(SafeTextForm):
    text = forms.CharField(
        label=_("Huisregels"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=8000,
        help_text=_(
            "Eén regel per regel, positief geschreven, zoals de groep ze zelf zegt. "
            "Bijvoorbeeld: We laten elkaar uitpraten."
        ),
    )
    agreed_on = forms.DateField(
        label=_("Afgesproken met de groep op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
