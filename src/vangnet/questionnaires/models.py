"""Questionnaires (vragenlijsten): versioned templates and the responses given on them.

A template has numbered versions; the current version is the one with the highest number.
Once a version has a response it is frozen: editing the template then makes a new version
(docs/questionnaires.md). Answers always stay with the version they were given on.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

SCALE_MIN = 0
SCALE_MAX = 10


def _pick(obj, field: str) -> str:
    """The English text when the active language is English and it is filled in."""
    lang = (get_language() or "nl")[:2]
    if lang == "en":
        value = getattr(obj, f"{field}_en", "")
        if value:
            return value
    return getattr(obj, f"{field}_nl", "")


class ItemKind(models.TextChoices):
    SCALE = "scale", _("Cijfer van 0 tot 10")
    POST_THEN_PRE = "post_then_pre", _("Cijfer nu en een jaar geleden (0 tot 10)")
    CHOICE = "choice", _("Keuze uit antwoorden")
    OPEN = "open", _("Open vraag")


class Occasion(models.TextChoices):
    """When a questionnaire was filled in: in an evaluation interview, or by the worker
    outside one (a short questionnaire at intake, after a year, or another moment)."""

    INTERVIEW = "interview", _("Evaluatiegesprek")
    INTAKE = "intake", _("Bij de kennismaking")
    AFTER_YEAR = "after_year", _("Na een jaar")
    OTHER = "other", _("Ander moment")


WORKER_OCCASIONS = [Occasion.INTAKE, Occasion.AFTER_YEAR, Occasion.OTHER]


class QuestionnaireTemplate(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="questionnaire_templates",
    )
    key = models.SlugField(_("sleutel"), max_length=60)
    name = models.CharField(_("naam"), max_length=120)
    # The coordinator lets workers use this (short) questionnaire outside interviews.
    worker_use = models.BooleanField(
        _("ook voor sociaal werkers buiten een evaluatiegesprek"), default=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="qtemplate_unique_key")
        ]

    def __str__(self) -> str:
        return self.name


class QuestionnaireVersion(models.Model):
    template = models.ForeignKey(
        QuestionnaireTemplate, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("versie"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["template", "-number"]
        verbose_name = _("versie van een vragenlijst")
        verbose_name_plural = _("versies van een vragenlijst")
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="qversion_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"


class Section(models.Model):
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="sections"
    )
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    title_nl = models.CharField(_("titel (Nederlands)"), max_length=200)
    title_en = models.CharField(_("titel (Engels)"), max_length=200, blank=True)
    help_nl = models.TextField(_("uitleg (Nederlands)"), blank=True)
    help_en = models.TextField(_("uitleg (Engels)"), blank=True)

    class Meta:
        ordering = ["version", "position", "id"]
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _pick(self, "title")

    @property
    def help(self) -> str:
        return _pick(self, "help")


class Item(models.Model):
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    key = models.SlugField(
        _("sleutel"),
        max_length=60,
        help_text=_("Korte vaste naam, gelijk in alle versies. Bijvoorbeeld: meedoen."),
    )
    kind = models.CharField(_("soort vraag"), max_length=20, choices=ItemKind.choices)
    text_nl = models.TextField(_("vraag (Nederlands)"))
    text_en = models.TextField(_("vraag (Engels)"), blank=True)
    help_nl = models.TextField(_("uitleg (Nederlands)"), blank=True)
    help_en = models.TextField(_("uitleg (Engels)"), blank=True)
    choices = models.JSONField(_("antwoorden"), default=list, blank=True)
    required = models.BooleanField(_("verplicht"), default=False)

    class Meta:
        ordering = ["section__position", "position", "id"]
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")

    def __str__(self) -> str:
        return self.key

    @property
    def text(self) -> str:
        return _pick(self, "text")

    @property
    def help(self) -> str:
        return _pick(self, "help")

    def choice_label(self, value: str) -> str:
        lang = (get_language() or "nl")[:2]
        for choice in self.choices or []:
            if choice.get("value") == value:
                if lang == "en" and choice.get("en"):
                    return choice["en"]
                return choice.get("nl") or value
        return value


class Response(models.Model):
    """One filled-in questionnaire. Erasing the participant keeps it anonymously."""

    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="responses"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="questionnaire_responses",
        verbose_name=_("vangnetwerk"),
    )
    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questionnaire_responses",
        verbose_name=_("deelnemer"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    occasion = models.CharField(
        _("moment"), max_length=20, choices=Occasion.choices, default=Occasion.INTERVIEW
    )
    started_at = models.DateTimeField(_("begonnen op"), auto_now_add=True)
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    # Filled in by the participant themselves (Mijn Vangnet or tablet mode), not read out
    # and noted by the worker: "door deelnemer zelf" on the worker's pages.
    self_filled = models.BooleanField(_("door deelnemer zelf"), default=False)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("ingevulde vragenlijst")
        verbose_name_plural = _("ingevulde vragenlijsten")
        indexes = [models.Index(fields=["network", "completed_at"], name="qresponse_network")]

    def __str__(self) -> str:
        return f"{self.version} #{self.pk}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    value_now = models.SmallIntegerField(_("cijfer (nu)"), null=True, blank=True)
    value_then = models.SmallIntegerField(_("cijfer (een jaar geleden)"), null=True, blank=True)
    choice = models.CharField(_("keuze"), max_length=60, blank=True)
    text = models.TextField(_("antwoord"), blank=True)

    class Meta:
        ordering = ["response", "item__section__position", "item__position"]
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="answer_unique_item"),
            models.CheckConstraint(
                condition=(
                    models.Q(value_now__isnull=True)
                    | models.Q(value_now__gte=SCALE_MIN, value_now__lte=SCALE_MAX)
                ),
                name="answer_value_now_range",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(value_then__isnull=True)
                    | models.Q(value_then__gte=SCALE_MIN, value_then__lte=SCALE_MAX)
                ),
                name="answer_value_then_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.key}"
