from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextMixin
from vangnet.organisations.forms import LoginForm
from vangnet.signin.models import MatchField


class OrganisationCodeForm(SafeTextMixin, forms.Form):
    code = forms.SlugField(
        label=_("Code van je organisatie"),
        max_length=50,
        help_text=_("Deze code krijg je van de beheerder van je organisatie."),
    )


class SignInSettingsForm(SafeTextMixin, forms.Form):
    enabled = forms.BooleanField(label=_("Inloggen via de organisatie aan"), required=False)
    code = forms.SlugField(
        label=_("Code voor inloggen"),
        max_length=50,
        help_text=_(
            "Kort en zonder spaties. Medewerkers loggen in op /inloggen/organisatie/<code>/."
        ),
    )
    issuer = forms.URLField(
        label=_("Uitgever (issuer)"),
        max_length=300,
        assume_scheme="https",
        help_text=_(
            "Het adres van je identiteitsprovider, bijvoorbeeld https://login.microsoftonline.com/<tenant>/v2.0."
        ),
    )
    client_id = forms.CharField(label=_("Client-ID"), max_length=300)
    client_secret = forms.CharField(
        label=_("Client-geheim"),
        required=False,
        max_length=500,
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "Vangnet bewaart het versleuteld en laat het niet meer zien. "
            "Leeg laten: het bewaarde geheim blijft."
        ),
    )
    match_claim = forms.CharField(
        label=_("Claim om medewerkers op te zoeken"),
        max_length=100,
        initial="email",
        help_text=_("Meestal email. Rollen komen nooit van de provider: die regel je in Vangnet."),
    )
    match_field = forms.ChoiceField(
        label=_("Vergelijken met"), choices=MatchField.choices, initial=MatchField.EMAIL
    )
    create_users = forms.BooleanField(
        label=_("Onbekende medewerkers een account geven"),
        required=False,
        help_text=_("Een nieuw account heeft de rol sociaal werker en nog geen netwerken."),
    )
    local_login_allowed = forms.BooleanField(
        label=_("Inloggen met gebruikersnaam en wachtwoord toestaan"),
        required=False,
        initial=True,
        help_text=_("Uitzetten: iedereen van je organisatie logt in via de organisatie."),
    )


class LocalLoginForm(LoginForm):
    """Username and password, refused for an organisation that switched it off."""

    def confirm_login_allowed(self, user) -> None:
        from vangnet.signin.services import local_login_allowed

        super().confirm_login_allowed(user)
        if not local_login_allowed(user):
            raise forms.ValidationError(
                _(
                    "Je organisatie laat je inloggen met je organisatie-account. "
                    "Kies hieronder 'Inloggen via je organisatie'."
                ),
                code="local_login_off",
            )
