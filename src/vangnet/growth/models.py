"""The worker's growth (issue 18, part 8): the method's profile of the social worker as a
periodic self-assessment, coaching on the job as a log, and a library of resources.

The profile is the list of traits of the "ideal support-net professional" from the method
description (seeds/002, "Opleiding en competenties van de uitvoerders"). Everything here is
about the organisation's own staff, never about participants (docs/worker-growth.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vangnet.growth.files import get_resource_storage


class Trait(models.TextChoices):
    """The profile of the support-net professional, in the method's order."""

    PRESENCE = "presence", _("Werkt vanuit een presente basishouding")
    GROUP_WORK = "group_work", _("Heeft ervaring met groepswerk en gesprekstechnieken")
    TALENTS = "talents", _("Is ervan overtuigd dat iedereen talenten heeft")
    SHINE = "shine", _("Kan de ander laten stralen")
    LEARNS_BY_DOING = "learns_by_doing", _("Leert door te doen en daarop terug te kijken")
    INTEREST = "interest", _("Heeft interesse in mensen met problemen en beperkingen")
    LISTENING = "listening", _("Is empathisch, nieuwsgierig en luistert goed")
    PERSEVERANCE = "perseverance", _("Houdt vol en heeft een lange adem")
    PERSONAL = "personal", _("Is persoonlijk en laat iets van zichzelf zien")
    IN_AND_BESIDE = "in_and_beside", _("Kan in en naast de groep staan")
    ORGANISED_CHAOS = "organised_chaos", _("Kan een sfeer van georganiseerde chaos maken")
    DOWN_TO_EARTH = "down_to_earth", _("Is nuchter en diplomatiek")
    TEAMWORK = "teamwork", _("Werkt samen in een team of wijk")


# Short names for charts and table headers on a phone.
TRAIT_SHORT = {
    Trait.PRESENCE: _("Presentie"),
    Trait.GROUP_WORK: _("Groepswerk"),
    Trait.TALENTS: _("Geloof in talenten"),
    Trait.SHINE: _("Laten stralen"),
    Trait.LEARNS_BY_DOING: _("Leren door doen"),
    Trait.INTEREST: _("Interesse in mensen"),
    Trait.LISTENING: _("Luisteren"),
    Trait.PERSEVERANCE: _("Lange adem"),
    Trait.PERSONAL: _("Persoonlijk zijn"),
    Trait.IN_AND_BESIDE: _("In en naast de groep"),
    Trait.ORGANISED_CHAOS: _("Georganiseerde chaos"),
    Trait.DOWN_TO_EARTH: _("Nuchter en diplomatiek"),
    Trait.TEAMWORK: _("Samenwerken"),
}

SCORE_MIN, SCORE_MAX = 1, 5
SCORE_LABELS = {
    1: _("Dit vind ik nog moeilijk"),
    2: _("Dit lukt soms"),
    3: _("Dit lukt meestal"),
    4: _("Dit gaat me goed af"),
    5: _("Hier ben ik sterk in"),
}


class SelfAssessment(models.Model):
    """A worker scores themself on every trait of the profile (1-5), with a reflection."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_assessments"
    )
    date = models.DateField(_("datum"))
    # {trait value: score 1-5}; every trait of Trait is present (services.assessment_save).
    scores = models.JSONField(_("scores"), default=dict)
    reflection = models.TextField(_("waar wil je in groeien?"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("zelfbeoordeling")
        verbose_name_plural = _("zelfbeoordelingen")
        indexes = [models.Index(fields=["worker", "-date"], name="growth_assessment_date")]

    def __str__(self) -> str:
        return f"{self.worker} {self.date}"

    def score_rows(self) -> list[tuple[str, str, int | None]]:
        """(trait label, short label, score) in the profile's order."""
        return [
            (str(trait.label), str(TRAIT_SHORT[trait]), self.scores.get(trait.value))
            for trait in Trait
        ]


class CoachingNote(models.Model):
    """One coaching-on-the-job conversation: who coached whom, about what, the next step."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coaching_received",
        verbose_name=_("werker"),
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="coaching_given",
        verbose_name=_("coach"),
    )
    date = models.DateField(_("datum"))
    theme = models.CharField(_("thema"), max_length=200)
    trait = models.CharField(
        _("deel van het profiel"), max_length=30, choices=Trait.choices, blank=True
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vangnetwerk"),
    )
    talked_about = models.TextField(_("waar ging het over"), blank=True)
    next_step = models.TextField(_("afgesproken volgende stap"))
    next_step_done = models.BooleanField(_("volgende stap gedaan"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("coachingsgesprek")
        verbose_name_plural = _("coachingsgesprekken")
        indexes = [
            models.Index(fields=["organisation", "-date"], name="growth_coaching_date"),
            models.Index(fields=["worker", "-date"], name="growth_coaching_worker"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.theme}"


class ResourceKind(models.TextChoices):
    HANDBOOK = "handbook", _("Hoofdstuk uit het handboek")
    ARTICLE = "article", _("Artikel")
    TRAINING = "training", _("Trainingsmateriaal")
    VIDEO = "video", pgettext_lazy("resource kind", "Video")
    OTHER = "other", _("Anders")


class Resource(models.Model):
    """A resource in the community of practice's library: a file kept here or a link that
    opens on its own site (never embedded from another host)."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=ResourceKind.choices)
    description = models.TextField(_("waar gaat het over"), blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("bestand"), storage=get_resource_storage, max_length=200, blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    file_size = models.PositiveIntegerField(default=0)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("bron")
        verbose_name_plural = _("bronnen")
        indexes = [models.Index(fields=["organisation", "kind"], name="growth_resource_kind")]

    def __str__(self) -> str:
        return self.title
