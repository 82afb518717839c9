"""Forms of Mijn Vangnet: large fields, one question at a time, plain words."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm
from vangnet.myspace import codes


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


class TabletStartForm(SafeTextForm):
    task = forms.ChoiceField(label=_("Wat gaat de deelnemer doen?"), widget=forms.RadioSelect)
    pin = forms.CharField(
        label=_("Jouw pincode voor het teruggeven"),
        max_length=12,
        strip=False,
        help_text=_("Alleen met deze pincode krijg je het apparaat terug. 5 cijfers of meer."),
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    repeat = forms.CharField(
        label=_("Nog een keer"),
        max_length=12,
        strip=False,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def __init__(self, *args, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].choices = list(tasks.items())
        if len(tasks) == 1:
            self.fields["task"].initial = next(iter(tasks))

    def clean(self):
        data = super().clean()
        pin, repeat = data.get("pin") or "", data.get("repeat") or ""
        if pin and not pin.isdigit():
            self.add_error("pin", _("Een pincode heeft alleen cijfers."))
        elif pin and codes.secret_problem(pin):
            self.add_error("pin", _("Kies 5 tot 12 cijfers die niet makkelijk te raden zijn."))
        elif pin != repeat:
            self.add_error("repeat", _("De twee keer zijn niet hetzelfde. Probeer het opnieuw."))
        return data


class ReportAnswerForm(SafeTextForm):
    answer = forms.ChoiceField(
        choices=[
            ("agree", _("Ja, dit klopt")),
            ("corrections", _("Er moet iets anders")),
            ("decline", _("Nee, dit klopt niet")),
        ]
    )
    note = forms.CharField(
        label=_("Wat moet er anders?"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class WishesForm(SafeTextForm):
    wishes = forms.CharField(
        label=_("Wat wil je graag?"),
        max_length=1000,
        required=False,
        help_text=_("Zet een komma tussen twee dingen."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    talents = forms.CharField(
        label=_("Waar ben je goed in?"),
        max_length=1000,
        required=False,
        help_text=_("Zet een komma tussen twee dingen."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class TabletUnlockForm(SafeTextForm):
    pin = forms.CharField(
        label=_("Pincode van de begeleider"),
        max_length=12,
        strip=False,
        widget=forms.PasswordInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class EmailAddressForm(SafeTextForm):
    """An e-mail address: to choose for sign-in in the space, or to ask a link for."""

    email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Dit is geen e-mailadres. Kijk of je het goed hebt getypt."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
