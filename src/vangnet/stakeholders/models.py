"""The parties around the networks beyond the referral partners: the project group and the
sounding board of the method's project pages (municipality, mental-health and
sheltered-housing organisations, the social council, neighbourhood boards, education),
their meetings, who attended, and the agreements made there with their follow-up.

A party is organisation-wide; it and its meetings name the networks they concern. The
contact person is a professional of the party (work name and e-mail), never a participant.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PartyKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("gemeente")
    MENTAL_HEALTH = "mental_health", _("ggz-instelling")
    SHELTERED_HOUSING = "sheltered_housing", _("beschermd wonen")
    SOCIAL_COUNCIL = "social_council", _("sociale raad of Wmo-raad")
    NEIGHBOURHOOD_BOARD = "neighbourhood_board", _("wijkraad of wijkbestuur")
    EDUCATION = "education", _("onderwijs")
    CARE_SAFETY = "care_safety", _("zorg- en veiligheidshuis")
    HOUSING = "housing", _("woningcorporatie")
    OTHER = "other", _("anders")


class MeetingKind(models.TextChoices):
    PROJECT_GROUP = "project_group", _("projectgroep")
    SOUNDING_BOARD = "sounding_board", _("klankbordgroep")
    WORK_VISIT = "work_visit", _("werkbezoek")
    CONSULTATION = "consultation", _("overleg")


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("afgerond")
    DROPPED = "dropped", _("vervallen")


class Party(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="parties"
    )
    name = models.CharField(_("naam"), max_length=160)
    kind = models.CharField(_("soort"), max_length=20, choices=PartyKind.choices)
    in_project_group = models.BooleanField(_("in de projectgroep"), default=False)
    in_sounding_board = models.BooleanField(_("in de klankbordgroep"), default=False)
    contact_name = models.CharField(_("contactpersoon"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), max_length=200, blank=True)
    interest = models.TextField(
        _("wat de methode voor hen betekent"),
        blank=True,
        help_text=_("Wat heeft deze partij nodig om bij te dragen? Wat brengt ze in?"),
    )
    networks = models.ManyToManyField(
        "networks.Network", blank=True, related_name="parties", verbose_name=_("vangnetwerken")
    )
    active = models.BooleanField(_("nog betrokken"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("partij")
        verbose_name_plural = _("partijen")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="party_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class StakeholderMeeting(models.Model):
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="party_meetings"
    )
    date = models.DateField(_("datum"))
    kind = models.CharField(_("soort overleg"), max_length=20, choices=MeetingKind.choices)
    subject = models.CharField(_("onderwerp"), max_length=200)
    parties = models.ManyToManyField(
        Party, blank=True, related_name="meetings", verbose_name=_("aanwezige partijen")
    )
    networks = models.ManyToManyField(
        "networks.Network",
        blank=True,
        related_name="party_meetings",
        verbose_name=_("gaat over deze vangnetwerken"),
    )
    notes = models.TextField(_("verslag"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("overleg met partijen")
        verbose_name_plural = _("overleggen met partijen")

    def __str__(self) -> str:
        return f"{self.date} {self.kind}"


class Agreement(models.Model):
    meeting = models.ForeignKey(
        StakeholderMeeting, on_delete=models.CASCADE, related_name="agreements"
    )
    text = models.CharField(_("afspraak"), max_length=500)
    # Who follows it up: one of the parties, or (empty) our own organisation.
    owner = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agreements",
        verbose_name=_("wie pakt het op"),
    )
    due_date = models.DateField(_("klaar op"), null=True, blank=True)
    status = models.CharField(
        _("stand"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.OPEN
    )
    done_on = models.DateField(_("afgerond op"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.pk}"
