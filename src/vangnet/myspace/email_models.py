"""Signing in to Mijn Vangnet with a link by e-mail, for a person who wants it.

The address is stored only when the person chooses it in their own space
(`SignInEmail`); it is used for sign-in only after they opened the confirmation link sent
to it. A link (`EmailLink`) works once, for 30 minutes; only a keyed hash of its token is
stored. Erasure of the person deletes both with their account.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignInEmail(models.Model):
    account = models.OneToOneField(
        "myspace.ParticipantAccount", on_delete=models.CASCADE, related_name="signin_email"
    )
    email = models.EmailField(_("e-mailadres"))
    chosen_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"e-mail of account {self.account_id}"


class LinkPurpose(models.TextChoices):
    CONFIRM = "confirm", _("adres bevestigen")
    SIGN_IN = "signin", _("inloggen")


class EmailLink(models.Model):
    account = models.ForeignKey(
        "myspace.ParticipantAccount", on_delete=models.CASCADE, related_name="email_links"
    )
    purpose = models.CharField(max_length=10, choices=LinkPurpose.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.purpose} link {self.pk}"
