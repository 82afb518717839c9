"""The shared benchmark (docs/benchmark.md): which organisations take part, and each
participating organisation's figures per network and quarter (`Snapshot`), refreshed in the
background. Only binned, suppressed distributions of these leave the organisation."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Participation(models.Model):
    """An organisation that takes part in the benchmark (its administrator opted in; deleting
    the row is withdrawing, which deletes its snapshots too)."""

    organisation = models.OneToOneField(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="benchmark_participation",
    )
    # Shown in the list of participating organisations only when the organisation chose so;
    # its figures are never shown apart, named or not.
    named = models.BooleanField(_("met naam in de lijst van deelnemers"), default=False)
    # The opaque reference in the exchange between installations; never the name or id.
    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    joined_at = models.DateTimeField(auto_now_add=True)
    joined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("deelname aan de benchmark")
        verbose_name_plural = _("deelnames aan de benchmark")

    def __str__(self) -> str:
        return f"{self.organisation_id}"


class Snapshot(models.Model):
    """One participating organisation's networks in one quarter: per network its phase, the
    benchmark's figures and the people counts they describe (metrics.py)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    rows = models.JSONField(default=list)
    k = models.PositiveSmallIntegerField(default=5)  # the small-cell k it was made with
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "quarter"], name="benchmark_snapshot_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year}-{self.quarter}"


class HubSender(models.Model):
    """On a benchmark hub (`VANGNET_BENCHMARK_HUB`): another Vangnet installation that may send
    its figures. Only a SHA-256 hash of its token is stored; the token is shown once, when
    the sender is registered (`vangnet benchmark-hub add-sender`)."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    prefix = models.CharField(_("begin van de sleutel"), max_length=16)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_received_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("afzender van de benchmark")
        verbose_name_plural = _("afzenders van de benchmark")

    def __str__(self) -> str:
        return self.name


class ReceivedFigures(models.Model):
    """On a hub: one sender's figures of one quarter, as it sent them last (each send replaces
    the previous): per participating organisation of the sender (an opaque reference) its
    histograms per phase and figure (exchange format, docs/benchmark.md)."""

    sender = models.ForeignKey(HubSender, on_delete=models.CASCADE, related_name="figures")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField()
    schema_version = models.PositiveSmallIntegerField()
    k = models.PositiveSmallIntegerField()
    organisations = models.JSONField(default=list)
    received_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["sender", "year", "quarter"], name="benchmark_received_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sender_id} {self.year}-{self.quarter}"


class PendingWithdrawal(models.Model):
    """On a sending installation: an organisation that stopped taking part, by its exchange
    reference, until the hub confirmed it removed the organisation's figures."""

    reference = models.UUIDField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.reference)
