"""Participants with a positive profile, their route events and dropout follow-up.

There is deliberately no field for diagnoses, problems or indications: the method records
wishes, talents and contributions. Free-text notes are the only place for sensitive detail.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from vangnet.participants.route import Route


class ReferralPartner(models.Model):
    """A samenwerkingspartner that refers people (GP mental-health nurse, district team, ...)."""

    # Derived, never stored: set by participants.selectors.partner_summary.
    referred: int
    became_steady: int
    steady_now: int

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="referral_partners"
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(
        _("soort"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld poh-ggz, wijkteam, maatjesproject of ggz."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("samenwerkingspartner")
        verbose_name_plural = _("samenwerkingspartners")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="partner_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class CameInVia(models.TextChoices):
    REFERRAL = "referral", _("Doorverwezen door een partner")
    MET_BY_WORKER = "met_by_worker", _("Ontmoet door de sociaal werker")
    INVITED_BY_GROUP = "invited_by_group", _("Uitgenodigd door de groep")
    INVITED_BY_PARTICIPANT = "invited_by_participant", _("Uitgenodigd door een deelnemer")


class Participant(models.Model):
    """A person in a network, known by first name or nickname."""

    # Derived, never stored: set by participants.selectors (network_routes, ...) and views.
    route: Route
    stage_label: str

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="participants"
    )
    network = models.ForeignKey(
        "networks.Network",
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("vangnetwerk"),
    )
    display_name = models.CharField(_("naam"), max_length=80, help_text=_("Voornaam of roepnaam."))
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    wishes = models.JSONField(_("wensen"), default=list, blank=True)
    talents = models.JSONField(_("talenten"), default=list, blank=True)
    # When the participant last wrote their wishes and talents themselves in Mijn Vangnet
    # ("door deelnemer zelf" on the worker's page); a worker's change of them clears it.
    wishes_by_participant_at = models.DateTimeField(null=True, blank=True, editable=False)
    came_in_via = models.CharField(
        _("hoe binnengekomen"), max_length=30, choices=CameInVia.choices, blank=True
    )
    referral_partner = models.ForeignKey(
        ReferralPartner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("samenwerkingspartner"),
    )
    invited_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitees",
        verbose_name=_("uitgenodigd door"),
    )
    invited_on = models.DateField(_("uitgenodigd op"), null=True, blank=True)
    notes = models.TextField(
        _("notities"),
        blank=True,
        help_text=_("Alleen wat nodig is om iemand goed te ondersteunen."),
    )
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name", "id"]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        indexes = [models.Index(fields=["network", "display_name"], name="participant_network")]

    def __str__(self) -> str:
        return self.display_name


class RouteStage(models.TextChoices):
    INVITED = "invited", _("Uitgenodigd")
    ACQUAINTED = "acquainted", _("Kennismaking")
    SETTLING = "settling", _("Wennen")
    STEADY = "steady", _("Vaste deelnemer")
    DROPPED_OUT = "dropped_out", _("Afgehaakt")
    RETURNED = "returned", _("Teruggekeerd")
    REFERRED_ON = "referred_on", _("Doorverwezen")


class DropoutReason(models.TextChoices):
    MISMATCH = "mismatch", _("Past niet bij de groep")
    HEALTH = "health", _("Gezondheid")
    ADMISSION = "admission", _("Opname")
    PROGRAMME = "programme", _("Verplicht traject")
    MOVED = "moved", _("Verhuisd")
    OTHER = "other", _("Anders")


class RouteEvent(models.Model):
    """A recorded event on a participant's route: a worker's confirmation or correction of
    the derived stage, a recorded dropout, or a referral to another provision."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="route_events"
    )
    stage = models.CharField(_("fase van de route"), max_length=20, choices=RouteStage.choices)
    date = models.DateField(_("datum"))
    dropout_reason = models.CharField(
        _("reden van afhaken"), max_length=20, choices=DropoutReason.choices, blank=True
    )
    referred_to = models.CharField(
        _("doorverwezen naar"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld dagbesteding of vrijwilligerswerk."),
    )
    reason = models.CharField(_("toelichting"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("routegebeurtenis")
        verbose_name_plural = _("routegebeurtenissen")

    def __str__(self) -> str:
        return f"{self.participant} {self.stage} {self.date}"


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Afgerond")


class FollowUpTask(models.Model):
    """A steady participant missed several sessions in a row: the worker follows up."""

    # Derived, never stored: set by participants.followup_selectors.followups_for_user.
    last_visit: dt.date | None
    seen_since: bool

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="followup_tasks"
    )
    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="followup_tasks"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voor"),
        help_text=_("De sociaal werker van het netwerk; de achterwacht ziet de taak ook."),
    )
    created_on = models.DateField(_("aangemaakt op"))
    missed_sessions = models.PositiveIntegerField(_("gemiste bijeenkomsten"))
    last_seen_on = models.DateField(_("laatst gezien"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    outcome = models.TextField(_("wat is er gedaan"), blank=True)
    closed_on = models.DateField(_("afgerond op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["status", "-created_on"]
        verbose_name = _("nabeltaak")
        verbose_name_plural = _("nabeltaken")
        constraints = [
            models.UniqueConstraint(
                fields=["participant"],
                condition=models.Q(status="open"),
                name="followup_one_open_per_participant",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} ({self.created_on})"


class NetworkFactVersion(models.Model):
    """The version of one network's route facts (participants.fact_cache): a new token from
    the database's own triggers in every statement that writes the network's sessions,
    attendance marks, participants or route events, in the same transaction. Never written by
    the application; `network_id` is no foreign key, so deleting a network deletes its row
    through a trigger after its facts are gone."""

    network_id = models.BigIntegerField(primary_key=True)
    token = models.BigIntegerField()

    class Meta:
        verbose_name = _("versie van de feiten van een netwerk")
        verbose_name_plural = _("versies van de feiten van netwerken")

    def __str__(self) -> str:
        return f"{self.network_id}: {self.token}"


class ParticipantFactVersion(models.Model):
    """The version of one participant's own route facts (participants.route_cache): a new
    token from the database's own triggers (participants.route_triggers) in every statement
    that writes the participant, their attendance marks or their route events, in the same
    transaction. Never written by the application; `participant_id` is no foreign key, so
    the row goes with the participant through a trigger."""

    participant_id = models.BigIntegerField(primary_key=True)
    token = models.BigIntegerField()

    class Meta:
        verbose_name = _("versie van de feiten van een deelnemer")
        verbose_name_plural = _("versies van de feiten van deelnemers")

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.token}"


class NetworkDataVersion(models.Model):
    """The version of one kind of a network's data other than its route facts
    (`participants.data_triggers.KINDS`: support ties, neighbourhood outputs, the plan,
    the evaluation): a new token from the database's own triggers in every statement that
    writes such rows of the network, in the same transaction. Never written by the
    application; read with `participants.data_versions.network_data_versions`."""

    network_id = models.BigIntegerField()
    kind = models.CharField(max_length=32)
    token = models.BigIntegerField()

    class Meta:
        verbose_name = _("versie van gegevens van een netwerk")
        verbose_name_plural = _("versies van gegevens van netwerken")
        constraints = [
            models.UniqueConstraint(
                fields=["network_id", "kind"], name="network_data_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.network_id} {self.kind}: {self.token}"


class NetworkPageVersion(models.Model):
    """The version of what the network page shows beside the network's facts
    (networks.page_cache): a new token from the database's own triggers
    (participants.page_triggers) in every statement that writes a row the page shows, in
    the same transaction. Never written by the application; like `NetworkFactVersion`,
    `network_id` is no foreign key."""

    network_id = models.BigIntegerField(primary_key=True)
    token = models.BigIntegerField()

    class Meta:
        verbose_name = _("versie van de netwerkpagina")
        verbose_name_plural = _("versies van netwerkpagina's")

    def __str__(self) -> str:
        return f"{self.network_id}: {self.token}"
