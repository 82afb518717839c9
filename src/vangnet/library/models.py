"""The shared library across organisations (issue 19 item 4; docs/library.md).

A coordinator publishes a lesson of the community of practice, a questionnaire template or
a checklist variant; every organisation of the installation finds, reads and adopts it (a
copy into its own organisation, the origin credited). A publication is a copy made at
publishing time, checked for personal data (`library.personal_data`): it never points at
the publisher's own rows, so withdrawing it or changing the source changes no copy.

Cross-organisation meetings and work visits of the community of practice: a host
organisation invites others; their colleagues sign up; the host records who came."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    LESSON = "lesson", _("Les of goed voorbeeld")
    QUESTIONNAIRE = "questionnaire", _("Vragenlijst")
    CHECKLIST = "checklist", _("Checklistvariant")


class Publication(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"))
    themes = models.JSONField(_("thema's"), default=list, blank=True)
    # A questionnaire: {"sections": [{"title", "help", "items": [{"key", "kind", "text",
    # "help", "choices", "required"}]}]}; a checklist variant: {"groups": [{"title",
    # "items": [text, ...]}]}; a lesson: {}.
    content = models.JSONField(default=dict, blank=True)
    credit = models.CharField(_("afkomstig van"), max_length=200)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("publicatie in de gedeelde bibliotheek")
        verbose_name_plural = _("publicaties in de gedeelde bibliotheek")
        indexes = [models.Index(fields=["withdrawn_at", "-published_at"], name="library_pub_live")]

    def __str__(self) -> str:
        return self.title


class Adoption(models.Model):
    """An organisation took a copy of a publication: which row the copy became."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE, related_name="adoptions")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    adopted_at = models.DateTimeField(auto_now_add=True)
    # The copy: a practice Lesson or a QuestionnaireTemplate of the adopting organisation
    # (its id); a checklist variant is kept here (title, text, content).
    copy_id = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    content = models.JSONField(default=dict, blank=True)
    credit = models.CharField(max_length=200)

    class Meta:
        ordering = ["-adopted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "organisation"], name="library_adopt_once"
            )
        ]

    def __str__(self) -> str:
        return self.title


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("Bijeenkomst")
    VISIT = "visit", _("Werkbezoek")


class SharedMeeting(models.Model):
    """A meeting or work visit of the community of practice across organisations."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=10, choices=MeetingKind.choices)
    date = models.DateField(_("datum"))
    title = models.CharField(_("titel"), max_length=200)
    place = models.CharField(_("plaats"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("gezamenlijke bijeenkomst")
        verbose_name_plural = _("gezamenlijke bijeenkomsten")

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


class InvitationStatus(models.TextChoices):
    OPEN = "open", _("uitgenodigd")
    ACCEPTED = "accepted", _("doet mee")
    DECLINED = "declined", _("doet niet mee")


class Invitation(models.Model):
    meeting = models.ForeignKey(SharedMeeting, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.OPEN
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organisation"], name="library_invite_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.organisation_id} {self.status}"


class Registration(models.Model):
    """A colleague signed up; after the date the host records whether they came."""

    meeting = models.ForeignKey(
        SharedMeeting, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(null=True)  # None: not recorded yet

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="library_register_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.user_id}"
