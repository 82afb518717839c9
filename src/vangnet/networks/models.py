"""Vangnetwerken, their phases, activities, weekly sessions, attendance and contributions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Phase(models.TextChoices):
    EXPLORATION = "exploration", _("Verkenning")
    BUILD_UP = "build_up", _("Opbouw")
    DEEPENING = "deepening", _("Verdieping")
    EVALUATION = "evaluation", _("Evaluatie en overgang")
    CONTINUATION = "continuation", _("Voorziening")


PHASE_ORDER = [
    Phase.EXPLORATION,
    Phase.BUILD_UP,
    Phase.DEEPENING,
    Phase.EVALUATION,
    Phase.CONTINUATION,
]


class Network(models.Model):
    """A vangnetwerk: a weekly group of neighbourhood residents supported by a social worker."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="networks"
    )
    name = models.CharField(_("naam"), max_length=200)
    neighbourhood = models.CharField(_("wijk"), max_length=120, blank=True)
    location = models.ForeignKey(
        "organisations.Location",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name=_("locatie"),
    )
    start_date = models.DateField(_("startdatum"))
    lead_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="led_networks",
        verbose_name=_("sociaal werker"),
    )
    backup_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="backed_networks",
        verbose_name=_("achterwacht"),
    )
    target_core_size = models.PositiveIntegerField(_("doel vaste kern"), default=15)
    exploration_months = models.PositiveIntegerField(_("verkenning (maanden)"), default=3)
    build_up_months = models.PositiveIntegerField(_("opbouw (maanden)"), default=9)
    deepening_months = models.PositiveIntegerField(_("verdieping (maanden)"), default=6)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vangnetwerk")
        verbose_name_plural = _("vangnetwerken")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="network_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class PhaseTransition(models.Model):
    """A recorded move of a network into a phase, with date and reason."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="transitions")
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices)
    date = models.DateField(_("datum"))
    reason = models.CharField(_("reden"), max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("faseovergang")
        verbose_name_plural = _("faseovergangen")

    def __str__(self) -> str:
        return f"{self.network} → {self.get_phase_display()} ({self.date})"


class Audience(models.TextChoices):
    GROUP = "group", _("Voor de groep")
    NEIGHBOURHOOD = "neighbourhood", _("Voor de buurt")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("maandag")
    TUESDAY = 1, _("dinsdag")
    WEDNESDAY = 2, _("woensdag")
    THURSDAY = 3, _("donderdag")
    FRIDAY = 4, _("vrijdag")
    SATURDAY = 5, _("zaterdag")
    SUNDAY = 6, _("zondag")


class Activity(models.Model):
    """A weekly activity of a network. A change (soup group -> lunch group) ends this one
    and starts a successor that points back to it."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="activities")
    name = models.CharField(_("naam"), max_length=200)
    audience = models.CharField(
        _("voor wie"), max_length=20, choices=Audience.choices, default=Audience.GROUP
    )
    weekday = models.PositiveSmallIntegerField(_("weekdag"), choices=Weekday.choices)
    start_time = models.TimeField(_("begintijd"))
    duration_minutes = models.PositiveIntegerField(_("duur (minuten)"))
    tasks = models.JSONField(
        _("taken"),
        default=list,
        blank=True,
        help_text=_("Taken waarmee deelnemers kunnen bijdragen, bijvoorbeeld koken of afwassen."),
    )
    active_from = models.DateField(_("vanaf"))
    active_until = models.DateField(_("tot en met"), null=True, blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("vervangt"),
    )

    class Meta:
        ordering = ["weekday", "start_time", "name"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    """A bijeenkomst: one dated occurrence of one or more activities of a network."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField(_("datum"))
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="sessions", verbose_name=_("activiteiten")
    )
    title = models.CharField(
        _("titel"), max_length=200, blank=True, help_text=_("Voor een eenmalige activiteit.")
    )
    is_one_off = models.BooleanField(_("eenmalig"), default=False)
    note = models.TextField(_("notitie"), blank=True)
    recorded = models.BooleanField(_("ingevuld"), default=False)
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        indexes = [models.Index(fields=["network", "date"], name="session_network_date")]

    def __str__(self) -> str:
        return f"{self.network} {self.date}"


class Attendance(models.Model):
    """A participant was present at a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="attendances"
    )

    class Meta:
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="attendance_unique_participant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} @ {self.session}"


class Contribution(models.Model):
    """What a participant contributed at a session (a task of the activity or typed)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="contributions")
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="contributions"
    )
    task = models.CharField(_("bijdrage"), max_length=120)

    class Meta:
        verbose_name = _("bijdrage")
        verbose_name_plural = _("bijdragen")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant", "task"], name="contribution_unique_task"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant}: {self.task}"


class AnnouncedAbsence(models.Model):
    """A participant let the group know they would not come (afgemeld), before or at the
    session, with an optional reason from the organisation's short list. Not a presence:
    it counts as absent for attendance figures, but not as a missed session for the
    follow-up rule (participants.followup_rule)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="announced_absences"
    )
    participant = models.ForeignKey(
        "participants.Participant", on_delete=models.CASCADE, related_name="announced_absences"
    )
    reason = models.CharField(_("reden"), max_length=60, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Announced by the participant themselves in Mijn Vangnet (shown as "door deelnemer
    # zelf" on the session screen); a worker's change of the reason clears it.
    by_participant = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("afmelding")
        verbose_name_plural = _("afmeldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="absence_unique_participant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant} afgemeld @ {self.session}"
