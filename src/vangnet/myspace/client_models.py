"""What a network-support client writes in Mijn Vangnet themselves: their goals in their
own words with their own rating over time, and their support group as they see it
(docs/participant-space.md). Imported by `myspace.models`.

These rows belong to the client: erasing the client deletes them (CASCADE), and the
data-subject export of the client holds them (`myspace.client_selectors.client_own_words`).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

GOAL_MAX_LENGTH = 120


class ClientGoal(models.Model):
    """One goal in the client's own words ("een eigen woning", "rust in mijn hoofd")."""

    client = models.ForeignKey("support.Client", on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(_("doel"), max_length=GOAL_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    # The client puts a goal aside (reached, or no longer theirs); its ratings stay.
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("eigen doel")
        verbose_name_plural = _("eigen doelen")

    def __str__(self) -> str:
        return self.text


class GoalRating(models.Model):
    """The client's own score for a goal on a date: 1 (far away) to 10 (there). One per goal
    per day; rating again on the same day replaces it."""

    goal = models.ForeignKey(ClientGoal, on_delete=models.CASCADE, related_name="ratings")
    date = models.DateField(_("datum"))
    score = models.PositiveSmallIntegerField(_("cijfer"))
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "date"], name="myspace_rating_one_per_day"),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=10), name="myspace_rating_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.score}"


class GroupAnswer(models.TextChoices):
    YES = "yes", _("Ja")
    PARTLY = "partly", _("Een beetje")
    NO = "no", _("Nee")
    UNSURE = "unsure", _("Ik weet het niet")


class SupportGroupView(models.Model):
    """ "Heb ik een steungroep?" as the client sees it on a day, and who is in it: people
    on their latest map and, in their own words, others. Every answer is kept (the newest
    counts), next to the worker's own marks on the map (`Alter.in_support_group`)."""

    client = models.ForeignKey(
        "support.Client", on_delete=models.CASCADE, related_name="support_group_views"
    )
    answer = models.CharField(_("heb ik een steungroep?"), max_length=10, choices=GroupAnswer)
    members = models.ManyToManyField("support.Alter", blank=True, related_name="+")
    others = models.CharField(_("anderen"), max_length=200, blank=True)
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["answered_at", "id"]

    def __str__(self) -> str:
        return self.answer
