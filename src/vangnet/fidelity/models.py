"""The organisation's weights of the method-fidelity score (defaults: `score.DEFAULT_WEIGHTS`,
argued in docs/benchmark.md). No row means the defaults; the coordinator's first save
creates it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.fidelity.score import DEFAULT_WEIGHTS


class FidelityWeights(models.Model):
    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="fidelity_weights"
    )
    checklist = models.PositiveSmallIntegerField(
        _("checklist elementen"), default=DEFAULT_WEIGHTS["checklist"]
    )
    phase = models.PositiveSmallIntegerField(
        _("fasen volgens plan"), default=DEFAULT_WEIGHTS["phase"]
    )
    hours = models.PositiveSmallIntegerField(
        _("uren van de sociaal werker"), default=DEFAULT_WEIGHTS["hours"]
    )
    steady_group = models.PositiveSmallIntegerField(
        _("vaste groep en opkomst"), default=DEFAULT_WEIGHTS["steady_group"]
    )
    subgoals = models.PositiveSmallIntegerField(
        _("subdoelen a-i"), default=DEFAULT_WEIGHTS["subgoals"]
    )
    followup = models.PositiveSmallIntegerField(
        _("nabellen op tijd"), default=DEFAULT_WEIGHTS["followup"]
    )
    evaluation = models.PositiveSmallIntegerField(
        _("evaluatiestappen"), default=DEFAULT_WEIGHTS["evaluation"]
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("gewichten methodetrouw")
        verbose_name_plural = _("gewichten methodetrouw")

    def __str__(self) -> str:
        return f"{self.organisation_id}"

    def as_dict(self) -> dict[str, int]:
        return {key: int(getattr(self, key)) for key in DEFAULT_WEIGHTS}
