"""Forms of Mijn Vangnet: large fields, one question at a time, plain words."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm


class CodeForm(SafeTextForm):
    code = forms.CharField(
        label=_("Je code"),
        max_length=20,
        help_text=_("Deze staat op je kaart. Bijvoorbeeld ABCD-EFGH."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}
        ),
    )


class ChooseSecretForm(SafeTextForm):
    secret = forms.CharField(
        label=_("Kies een pincode"),
        max_length=128,
        strip=False,
        help_text=_("5 cijfers of meer. Een wachtwoord mag ook: 8 tekens of meer."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    repeat = forms.CharField(
        label=_("Nog een keer"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )


class SignInForm(SafeTextForm):
    number = forms.CharField(
        label=_("Je nummer"),
        max_length=12,
        help_text=_("Dit staat op je kaart."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "username"}),
    )
    secret = forms.CharField(
        label=_("Je pincode"),
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
