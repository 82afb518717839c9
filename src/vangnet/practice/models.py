"""The community of practice of the organisation's social workers: meetings, a library of
lessons and good practices, and work visits to running networks.

Everything here is about the method, never about participants: the forms say so and no
field names a participant (docs/community-of-practice.md)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    RECIPROCITY = "reciprocity", _("Wederkerigheid")
    OWNERSHIP = "ownership", _("Eigenaarschap")
    BRINGING_TOGETHER = "bringing_together", _("Positief bij elkaar brengen")
    ORGANISED_CHAOS = "organised_chaos", _("Georganiseerde chaos")
    SOCIAL_INTERPRETING = "social_interpreting", _("Sociaal tolken")
    FOUR_BALANCES = "four_balances", _("De vier balansen")
    DROPOUT_RETURN = "dropout_return", _("Afhaken en terugkomen")
    OTHER = "other", _("Anders")


class Meeting(models.Model):
    """A meeting of the community of practice: one theme, who came, notes, lessons."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("datum"))
    theme = models.CharField(_("thema"), max_length=30, choices=Theme.choices)
    theme_other = models.CharField(_("ander thema"), max_length=120, blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("aanwezig")
    )
    notes = models.TextField(_("aantekeningen"), blank=True)
    lessons = models.TextField(_("geleerde lessen"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("bijeenkomst van de praktijkgemeenschap")
        verbose_name_plural = _("bijeenkomsten van de praktijkgemeenschap")
        indexes = [models.Index(fields=["organisation", "-date"], name="practice_meeting_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.theme_label}"

    @property
    def theme_label(self) -> str:
        if self.theme == Theme.OTHER and self.theme_other:
            return self.theme_other
        return str(Theme(self.theme).label) if self.theme in Theme.values else self.theme


class Lesson(models.Model):
    """A lesson or good practice in the library, tagged with themes."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"))
    themes = models.JSONField(_("thema's"), default=list, blank=True)
    networks = models.ManyToManyField(
        "networks.Network", related_name="+", blank=True, verbose_name=_("vangnetwerken")
    )
    date = models.DateField(_("datum"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("les of goed voorbeeld")
        verbose_name_plural = _("lessen en goede voorbeelden")
        indexes = [models.Index(fields=["organisation", "-date"], name="practice_lesson_date")]

    def __str__(self) -> str:
        return self.title

    def theme_labels(self) -> list[str]:
        labels = dict(Theme.choices)
        return [str(labels[theme]) for theme in self.themes if theme in labels]


class WorkVisit(models.Model):
    """A work visit to a running network: who went, what they saw, what they take home."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    date = models.DateField(_("datum"))
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="+", verbose_name=_("bezocht")
    )
    visitors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", blank=True, verbose_name=_("bezoekers")
    )
    seen = models.TextField(_("wat we zagen"))
    take_home = models.TextField(_("wat we meenemen"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("werkbezoek")
        verbose_name_plural = _("werkbezoeken")
        indexes = [models.Index(fields=["organisation", "-date"], name="practice_visit_date")]

    def __str__(self) -> str:
        return f"{self.date} {self.network}"
