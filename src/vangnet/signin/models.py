"""An organisation's single sign-on (OpenID Connect) settings: which identity provider its
staff sign in with, how a signed-in person is matched to a Vangnet account, and whether
the local username + password (+ two-factor code) sign-in stays open."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MatchField(models.TextChoices):
    EMAIL = "email", _("E-mailadres")
    USERNAME = "username", _("Gebruikersnaam")


class OrganisationSignIn(models.Model):
    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="sign_in"
    )
    enabled = models.BooleanField(_("inloggen via de organisatie aan"), default=False)
    # In the sign-in address: /inloggen/organisatie/<code>/
    code = models.SlugField(_("code voor inloggen"), max_length=50, unique=True)
    issuer = models.URLField(_("uitgever (issuer)"), max_length=300)
    client_id = models.CharField(_("client-ID"), max_length=300)
    # Fernet-encrypted (signin.crypto); never shown again after saving.
    client_secret_encrypted = models.TextField(blank=True)
    match_claim = models.CharField(_("claim om op te zoeken"), max_length=100, default="email")
    match_field = models.CharField(
        _("vergelijken met"), max_length=20, choices=MatchField.choices, default=MatchField.EMAIL
    )
    create_users = models.BooleanField(_("onbekende medewerkers een account geven"), default=False)
    local_login_allowed = models.BooleanField(
        _("inloggen met gebruikersnaam en wachtwoord toestaan"), default=True
    )
    # From the issuer's /.well-known/openid-configuration, fetched when the settings are saved.
    authorization_endpoint = models.URLField(max_length=500, blank=True)
    token_endpoint = models.URLField(max_length=500, blank=True)
    userinfo_endpoint = models.URLField(max_length=500, blank=True)
    jwks_uri = models.URLField(max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("inloggen via de organisatie")
        verbose_name_plural = _("inloggen via de organisatie")

    def __str__(self) -> str:
        return self.code
