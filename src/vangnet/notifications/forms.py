from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm


class PasswordResetRequestForm(SafeTextForm):
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Dit is geen geldig e-mailadres."),
        },
    )


class PreferencesForm(SafeTextForm):
    on_kinds = forms.MultipleChoiceField(
        label=_("Stuur mij een herinnering als"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    weekly_digest = forms.BooleanField(
        label=_("Liever één overzicht per week (op maandag) dan losse e-mails"), required=False
    )
    language = forms.ChoiceField(label=_("Taal van de e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_kinds"].choices = choices
