"""Mijn Vangnet: the participant space (docs/participant-space.md).

A participant account is a separate, least-privileged kind of account: it is not a
`organisations.User`, so it can never reach a staff page or the API (those need a signed-in
staff user). It belongs to exactly one participant or one network-support client. The
person gets in with a single-use activation code (only its keyed hash is stored) and then
signs in with their number and a PIN or password of their own.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SpaceSwitch(models.Model):
    """The participant space is off unless switched on: per network for its participants,
    per organisation (network empty) for its network-support clients."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    network = models.OneToOneField(
        "networks.Network", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    switched_on_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    switched_on_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(network__isnull=True),
                name="myspace_switch_one_for_clients",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.network_id or 'clients'}"


class SecretKind(models.TextChoices):
    PIN = "pin", _("pincode")
    PASSWORD = "password", _("wachtwoord")


class ParticipantAccount(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    participant = models.OneToOneField(
        "participants.Participant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="space_account",
    )
    client = models.OneToOneField(
        "support.Client",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="space_account",
    )
    # The sign-in number on the card: not secret (the PIN is), unique.
    number = models.CharField(max_length=12, unique=True)
    secret_hash = models.CharField(max_length=256, blank=True)
    secret_kind = models.CharField(max_length=10, choices=SecretKind.choices, blank=True)
    activated_at = models.DateTimeField(null=True, blank=True)
    last_sign_in_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(participant__isnull=False) & Q(client__isnull=True))
                | (Q(participant__isnull=True) & Q(client__isnull=False)),
                name="myspace_account_one_person",
            )
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_active(self) -> bool:
        return bool(self.secret_hash)


class ActivationCode(models.Model):
    """A single-use code on a printed card: valid 14 days, revocable; only its keyed hash
    (HMAC-SHA256 with the site's secret key) is stored."""

    account = models.ForeignKey(ParticipantAccount, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"code {self.pk}"


# What a network-support client writes themselves (goals, support group): its own module.
from vangnet.myspace.client_models import (  # noqa: E402, F401
    ClientGoal,
    GoalRating,
    SupportGroupView,
)
from vangnet.myspace.email_models import EmailLink, SignInEmail  # noqa: E402, F401
from vangnet.myspace.rights_models import ErasureRequest  # noqa: E402, F401
