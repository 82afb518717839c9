from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.api.models import TokenScope
from vangnet.api.services import NAME_MAX_LENGTH
from vangnet.core.forms import SafeTextForm

VALIDITY_CHOICES = [
    ("30", _("30 dagen")),
    ("90", _("90 dagen")),
    ("365", _("1 jaar")),
]


class TokenCreateForm(SafeTextForm):
    name = forms.CharField(
        label=_("Naam van de sleutel"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Waarvoor gebruik je hem? Bijvoorbeeld: rapportage-script gemeente."),
    )
    valid = forms.ChoiceField(
        label=_("Geldig"),
        choices=VALIDITY_CHOICES,
        initial="90",
        widget=forms.RadioSelect,
    )
    scope = forms.ChoiceField(
        label=_("Wat mag de sleutel?"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Geef alleen de rechten die het programma nodig heeft."),
    )

    def clean_scope(self) -> str:
        # Nothing chosen: the least a token can do.
        return self.cleaned_data.get("scope") or TokenScope.READ

    def valid_days(self) -> int:
        return int(self.cleaned_data["valid"])
