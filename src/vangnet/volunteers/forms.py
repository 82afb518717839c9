from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm, SafeTextModelForm
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


class HelperAccountForm(SafeTextForm):
    """A new sign-in for a network helper: only the user name; the password is a one-time
    password the coordinator hands over."""

    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        help_text=_("Bijvoorbeeld de voornaam en de eerste letter van de achternaam."),
        error_messages={"required": _("Vul een gebruikersnaam in.")},
    )


class HelperAccountLinkForm(SafeTextForm):
    """Link an account the person already has (attached to another network too)."""

    account = forms.TypedChoiceField(
        label=_("Bestaand account"),
        coerce=int,
        error_messages={"invalid_choice": _("Kies een account uit de lijst.")},
    )

    def __init__(self, *args, accounts: list, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["account"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(a.pk, f"{a.first_name or a.username} ({a.username})") for a in accounts]
