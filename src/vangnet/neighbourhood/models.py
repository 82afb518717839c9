"""What a session "voor de buurt" produced: guests from the neighbourhood (a count, never
names), what was made or handed out (a kind and a number, e.g. 14 toy parcels, 6 families
reached, as at the Speelgoedpunt) and the partners who helped. One output per session,
recorded on the session screen (docs/neighbourhood.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OutputKind(models.TextChoices):
    """What kind of result: fixed, so the municipality report can add them up."""

    PARCELS = "parcels", _("pakketten of spullen uitgedeeld")
    FAMILIES = "families", _("gezinnen bereikt")
    CHILDREN = "children", _("kinderen bereikt")
    MEALS = "meals", _("maaltijden of soep uitgedeeld")
    MADE = "made", _("dingen gemaakt")
    OTHER = "other", _("iets anders")


class NeighbourhoodOutput(models.Model):
    session = models.OneToOneField(
        "networks.Session", on_delete=models.CASCADE, related_name="neighbourhood_output"
    )
    guests = models.PositiveIntegerField(
        _("gasten uit de buurt"), default=0, help_text=_("Een aantal, geen namen.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("opbrengst voor de buurt")
        verbose_name_plural = _("opbrengsten voor de buurt")

    def __str__(self) -> str:
        return f"{self.session_id}: {self.guests}"


class OutputItem(models.Model):
    """One result: a kind, a number and (optionally) what exactly ("speelgoedpakketten")."""

    output = models.ForeignKey(NeighbourhoodOutput, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("soort"), max_length=20, choices=OutputKind.choices)
    description = models.CharField(_("wat precies"), max_length=120, blank=True)
    number = models.PositiveIntegerField(_("aantal"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("resultaat voor de buurt")
        verbose_name_plural = _("resultaten voor de buurt")

    def __str__(self) -> str:
        return f"{self.number} {self.description or self.kind}"


class OutputPartner(models.Model):
    """An organisation that helped: a referral partner of the organisation, or a name."""

    output = models.ForeignKey(
        NeighbourhoodOutput, on_delete=models.CASCADE, related_name="partners"
    )
    partner = models.ForeignKey(
        "participants.ReferralPartner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="neighbourhood_help",
    )
    name = models.CharField(_("partner"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner die hielp")
        verbose_name_plural = _("partners die hielpen")

    def __str__(self) -> str:
        return self.name
