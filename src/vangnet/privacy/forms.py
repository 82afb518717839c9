from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm, SafeTextModelForm
from vangnet.privacy.models import ConsentKind, ConsentRecord, OrganisationSecuritySettings

ERASE_WORD = "verwijderen"


class TokenForm(SafeTextForm):
    token = forms.RegexField(
        label=_("Code uit je app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=20,
        error_messages={"invalid": _("Vul de 6 cijfers uit je app in.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].strip()


class SecuritySettingsForm(SafeTextModelForm):
    class Meta:
        model = OrganisationSecuritySettings
        fields = ["require_two_factor_for_all", "uses_photos"]


class ConsentForm(SafeTextModelForm):
    class Meta:
        model = ConsentRecord
        fields = ["kind", "scope", "given_on"]
        widgets = {"given_on": forms.DateInput(attrs={"type": "date"})}

    kind = forms.ChoiceField(label=_("Waarvoor"), choices=ConsentKind.choices)


class EraseForm(SafeTextForm):
    confirm = forms.CharField(
        label=_("Typ het woord „verwijderen” om te bevestigen"), max_length=30, required=True
    )

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip().lower()
        if value != ERASE_WORD:
            raise forms.ValidationError(_("Typ precies het woord „verwijderen”."))
        return value
