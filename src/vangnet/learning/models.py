"""Learning across evaluations (the method's process evaluation, study 3 of the method
description): the coordinator codes passages of the network evaluations' answers with the
organisation's themes (the code list of `interviews`) and writes a synthesis with
recommendations, kept in dated versions.

- `EvaluationPassage`: a passage of one answer of a `NetworkEvaluation`, with its themes.
- `Synthesis`: one version of the organisation's recommendations (append-only: a save is a
  new row with the next number).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Question(models.TextChoices):
    REASONS = "reasons", _("Wat maakt dat het wel of niet is gelukt?")
    GOALS = "goals", _("Zijn de doelen en subdoelen behaald?")
    CONSOLIDATE = "consolidate", _("Wat is er nodig om het vangnetwerk te bestendigen?")


ANSWER_FIELDS = {
    Question.REASONS: "reasons_answer",
    Question.GOALS: "goals_answer",
    Question.CONSOLIDATE: "consolidate_answer",
}


class EvaluationPassage(models.Model):
    evaluation = models.ForeignKey(
        "network_evaluation.NetworkEvaluation", on_delete=models.CASCADE, related_name="+"
    )
    question = models.CharField(_("vraag"), max_length=20, choices=Question.choices)
    quote = models.TextField(_("passage"))
    themes = models.ManyToManyField("interviews.Theme", related_name="+", verbose_name=_("thema's"))
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    coded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["evaluation", "question", "id"]
        verbose_name = _("gecodeerde passage uit een netwerkevaluatie")
        verbose_name_plural = _("gecodeerde passages uit netwerkevaluaties")

    def __str__(self) -> str:
        return f"{self.evaluation_id} {self.question}"


class Synthesis(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveIntegerField(_("versie"))
    year_from = models.PositiveSmallIntegerField(_("van jaar"))
    year_to = models.PositiveSmallIntegerField(_("tot en met jaar"))
    recommendations = models.TextField(_("aanbevelingen"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("synthese")
        verbose_name_plural = _("syntheses")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "number"], name="synthesis_number")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} v{self.number}"
