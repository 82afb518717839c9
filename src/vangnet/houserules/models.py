"""A network's house rules (*huisregels*): written positively by the group itself, agreed
on a date, kept in versions. A change is a new version; old versions are never edited."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class HouseRules(models.Model):
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="house_rules"
    )
    version = models.PositiveIntegerField(_("versie"))
    text = models.TextField(_("huisregels"), help_text=_("Eén regel per regel."))
    agreed_on = models.DateField(_("afgesproken met de groep op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("huisregels")
        verbose_name_plural = _("huisregels")
        ordering = ["network", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "version"], name="houserules_one_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.network_id} v{self.version}"

    @property
    def rules(self) -> list[str]:
        return [line for line in (rule.strip() for rule in self.text.splitlines()) if line]
