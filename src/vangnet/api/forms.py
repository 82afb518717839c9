from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.api.services import NAME_MAX_LENGTH
from vangnet.core.forms import SafeTextForm

VALIDITY_CHOICES = [
    ("30", _("30 dagen")),
    ("90", _("90 dagen")),
    ("365", _("1 jaar")),
    ("never", _("Geen einddatum (tot u hem intrekt)")),
]


class TokenCreateForm(SafeTextForm):
    name = forms.CharField(
        label=_("Naam van de sleutel"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Waarvoor gebruikt u hem? Bijvoorbeeld: rapportage-script gemeente."),
    )
    valid = forms.ChoiceField(
        label=_("Geldig"),
        choices=VALIDITY_CHOICES,
        initial="90",
        widget=forms.RadioSelect,
    )

    def valid_days(self) -> int | None:
        value = self.cleaned_data["valid"]
        return None if value == "never" else int(value)
