"""Evaluation interviews (evaluatiegesprekken), their reports with the member check, and the
thematic coding of agreed reports (docs/interviews.md)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vangnet.interviews.member_check import ReportStatus


class InterviewStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    HELD = "held", _("Gehouden")
    CANCELLED = "cancelled", _("Afgezegd")


class InterviewRound(models.Model):
    """A round of evaluation interviews (an evaluation moment) with the questionnaire the
    coordinator chose for it; interviews outside a round use the default questionnaire."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("naam"), max_length=120)
    questionnaire = models.ForeignKey(
        "questionnaires.QuestionnaireTemplate",
        # A used questionnaire is not deleted on its own; with its organisation it goes.
        on_delete=models.RESTRICT,
        related_name="interview_rounds",
        verbose_name=_("vragenlijst"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("gespreksronde")
        verbose_name_plural = _("gespreksrondes")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="round_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Interview(models.Model):
    """One evaluation conversation with one participant, held by one interviewer."""

    # Derived, never stored: set by interviews.themes.views for the coding list.
    passage_count: int

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.CASCADE,
        related_name="interviews",
        verbose_name=_("vangnetwerk"),
    )
    # Kept (anonymous) when a participant row is ever deleted; erasure anonymises the name.
    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interviews",
        verbose_name=_("deelnemer"),
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assigned_interviews",
        verbose_name=_("gespreksleider"),
    )
    planned_at = models.DateTimeField(_("datum en tijd"))
    place = models.CharField(_("plaats"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=InterviewStatus.choices, default=InterviewStatus.PLANNED
    )
    round = models.ForeignKey(
        InterviewRound,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interviews",
        verbose_name=_("gespreksronde"),
    )
    response = models.OneToOneField(
        "questionnaires.Response",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interview",
        verbose_name=_("vragenlijst"),
    )
    # The planner confirmed that someone who ran the network holds the conversation.
    own_worker_confirmed = models.BooleanField(_("eigen werker bevestigd"), default=False)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["planned_at", "id"]
        verbose_name = _("evaluatiegesprek")
        verbose_name_plural = _("evaluatiegesprekken")
        indexes = [
            models.Index(fields=["interviewer", "planned_at"], name="interview_interviewer"),
            models.Index(fields=["network", "planned_at"], name="interview_network"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.planned_at:%Y-%m-%d}"


class InterviewReport(models.Model):
    """The report (gespreksverslag) of one interview and where its member check stands."""

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="report")
    status = models.CharField(
        _("status"), max_length=30, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("gespreksverslag")
        verbose_name_plural = _("gespreksverslagen")

    def __str__(self) -> str:
        return f"#{self.pk} {self.status}"


class ReportVersion(models.Model):
    """One written version of a report; every version is kept."""

    report = models.ForeignKey(InterviewReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    text = models.TextField(_("verslag"))
    change_note = models.CharField(_("wat is er veranderd"), max_length=500, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField(_("geschreven op"), auto_now_add=True)

    class Meta:
        ordering = ["report", "number"]
        verbose_name = _("versie van een verslag")
        verbose_name_plural = _("versies van verslagen")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} v{self.number}"


class MemberCheckEvent(models.Model):
    """One step of the member check: who moved the report from which state to which, when."""

    report = models.ForeignKey(InterviewReport, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("van"), max_length=30, choices=ReportStatus.choices)
    to_status = models.CharField(_("naar"), max_length=30, choices=ReportStatus.choices)
    version = models.ForeignKey(
        ReportVersion, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    # The participant answered themselves (Mijn Vangnet, or on the worker's device in
    # tablet mode): shown as "door deelnemer zelf" on the worker's pages.
    by_participant = models.BooleanField(_("door deelnemer zelf"), default=False)

    class Meta:
        ordering = ["report", "at", "id"]
        verbose_name = _("stap in de member check")
        verbose_name_plural = _("stappen in de member check")

    def __str__(self) -> str:
        return f"{self.from_status} -> {self.to_status}"


class Theme(models.Model):
    """One code of an organisation's code list for the thematic report."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("naam"), max_length=100)
    description = models.CharField(_("omschrijving"), max_length=500, blank=True)
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("in gebruik"), default=True)
    # The method's sub-goals (a-i) this theme speaks to, as letters "a,b" (may be empty).
    subgoals = models.CharField(_("subdoelen"), max_length=20, blank=True)

    class Meta:
        ordering = ["position", "name", "id"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="theme_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def subgoal_letters(self) -> tuple[str, ...]:
        return tuple(letter for letter in self.subgoals.split(",") if letter)


class CodedPassage(models.Model):
    """A passage of an agreed report version, tagged with one or more themes."""

    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="passages")
    start = models.PositiveIntegerField(_("begin"))
    end = models.PositiveIntegerField(_("einde"))
    quote = models.TextField(_("passage"))
    themes = models.ManyToManyField(Theme, related_name="passages", verbose_name=_("thema's"))
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    coded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "start", "id"]
        verbose_name = _("gecodeerde passage")
        verbose_name_plural = _("gecodeerde passages")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="passage_span"
            )
        ]

    def __str__(self) -> str:
        return f"{self.version_id} [{self.start}:{self.end}]"
