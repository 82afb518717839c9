"""A person's own request, from Mijn Vangnet, to erase their data (docs/participant-space.md).
Imported by `myspace.models`.

The request does not erase anything itself: the worker who may exercise the person's
data-subject rights handles it through the existing erasure (`privacy.services.person_erase`,
`privacy.client_rights.client_erase`) or declines it with a reason the person reads.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ErasureRequest(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="erasure_requests",
    )
    client = models.ForeignKey(
        "support.Client",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="erasure_requests",
    )
    note = models.CharField(_("waarom"), max_length=300, blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decline_reason = models.CharField(_("reden"), max_length=300, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(participant__isnull=False) & Q(client__isnull=True))
                | (Q(participant__isnull=True) & Q(client__isnull=False)),
                name="myspace_erasure_request_one_person",
            ),
            models.UniqueConstraint(
                fields=["participant"],
                condition=Q(withdrawn_at__isnull=True, declined_at__isnull=True),
                name="myspace_erasure_request_one_open_participant",
            ),
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(withdrawn_at__isnull=True, declined_at__isnull=True),
                name="myspace_erasure_request_one_open_client",
            ),
        ]

    def __str__(self) -> str:
        return f"erasure request {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.withdrawn_at is None and self.declined_at is None
