"""The evaluation of a vangnetwerk as a whole (method: "Evaluation", network level).

- `NetworkEvaluation`: the answers to the three questions at one evaluation moment (after
  one year, at the end, then yearly). Which moments exist and when they are due is derived
  from the network's start date and phases (`moments.py`); only the moment's key is stored.
  Every save keeps the previous answers as a `NetworkEvaluationVersion` (who, when, what).
- `SubgoalJudgement`: a judgement of one sub-goal (a-i) with evidence. Append-only: a new
  judgement is a new row, so the history stays and the latest row is the current status.
- `ChecklistAssessment` / `ChecklistAnswer`: the worker's periodic self-assessment against
  the checklist of elements (`checklist.py`; item keys are stable).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

SUBGOAL_LETTERS = ("a", "b", "c", "d", "e", "f", "g", "h", "i")


class Judgement(models.TextChoices):
    ACHIEVED = "achieved", _("Behaald")
    PARTLY = "partly", _("Deels behaald")
    NOT_YET = "not_yet", _("Nog niet behaald")


class Score(models.TextChoices):
    YES = "ja", _("Ja")
    PARTLY = "deels", _("Deels")
    NO = "nee", _("Nee")
    NOT_APPLICABLE = "nvt", _("Niet van toepassing")


class NetworkEvaluation(models.Model):
    """The network's evaluation at one moment: the three questions of the method."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="evaluations"
    )
    moment = models.CharField(_("evaluatiemoment"), max_length=30)
    held_on = models.DateField(_("datum gesprek"), null=True, blank=True)
    participants = models.ManyToManyField(
        "participants.Participant",
        blank=True,
        related_name="+",
        verbose_name=_("deelnemers in het gesprek"),
    )
    others_count = models.PositiveIntegerField(_("aantal anderen in het gesprek"), default=0)
    others_note = models.CharField(_("wie nog meer"), max_length=200, blank=True)
    goals_answer = models.TextField(_("zijn de doelen en subdoelen behaald?"), blank=True)
    reasons_answer = models.TextField(_("wat maakt dat het wel of niet is gelukt?"), blank=True)
    consolidate_answer = models.TextField(
        _("wat is er nodig om het vangnetwerk te bestendigen?"), blank=True
    )
    version = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["network", "id"]
        verbose_name = _("netwerkevaluatie")
        verbose_name_plural = _("netwerkevaluaties")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "moment"], name="network_evaluation_one_per_moment"
            )
        ]

    def __str__(self) -> str:
        return f"{self.network} {self.moment}"

    @property
    def has_answers(self) -> bool:
        return bool(self.goals_answer or self.reasons_answer or self.consolidate_answer)


class NetworkEvaluationVersion(models.Model):
    """The answers as they were after one save (the history of an evaluation)."""

    # Derived, never stored: set by network_evaluation.selectors.evaluation_detail.
    participant_names: list[str]

    evaluation = models.ForeignKey(
        NetworkEvaluation, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("versie"))
    data = models.JSONField(default=dict)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("versie van een netwerkevaluatie")
        verbose_name_plural = _("versies van netwerkevaluaties")
        constraints = [
            models.UniqueConstraint(
                fields=["evaluation", "number"], name="network_evaluation_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} v{self.number}"


class SubgoalJudgement(models.Model):
    """How far one sub-goal is achieved, in the judgement of the worker (and the group)."""

    evaluation = models.ForeignKey(
        NetworkEvaluation, on_delete=models.CASCADE, related_name="judgements"
    )
    subgoal = models.CharField(
        _("subdoel"), max_length=1, choices=[(letter, letter) for letter in SUBGOAL_LETTERS]
    )
    judgement = models.CharField(_("oordeel"), max_length=10, choices=Judgement.choices)
    evidence = models.TextField(_("onderbouwing"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["subgoal", "-id"]
        verbose_name = _("oordeel over een subdoel")
        verbose_name_plural = _("oordelen over subdoelen")
        indexes = [models.Index(fields=["evaluation", "subgoal"], name="subgoal_judgement_eval")]

    def __str__(self) -> str:
        return f"{self.subgoal}: {self.judgement}"


class ChecklistAssessment(models.Model):
    """One self-assessment of the network against the checklist of elements."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="checklist_assessments"
    )
    date = models.DateField(_("datum"))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("ingevuld door"),
    )
    note = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("checklist elementen")
        verbose_name_plural = _("checklists elementen")
        indexes = [models.Index(fields=["network", "-date"], name="checklist_network_date")]

    def __str__(self) -> str:
        return f"{self.network} {self.date}"


class ChecklistAnswer(models.Model):
    assessment = models.ForeignKey(
        ChecklistAssessment, on_delete=models.CASCADE, related_name="answers"
    )
    item_key = models.CharField(_("onderdeel"), max_length=40)
    score = models.CharField(_("score"), max_length=5, choices=Score.choices)
    note = models.CharField(_("notitie"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("antwoord checklist")
        verbose_name_plural = _("antwoorden checklist")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "item_key"], name="checklist_answer_one_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_key}: {self.score}"
