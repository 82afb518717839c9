"""Organisations (tenants), their locations and their users with one role each."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


def default_absence_reasons() -> list[str]:
    return ["ziek", "afspraak", "vakantie", "anders"]


class Organisation(models.Model):
    """A welfare organisation: the tenant boundary. Users see only their own organisation."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    # Method rules the organisation may tune (defaults from settings.VANGNET_DEFAULTS).
    steady_after_days = models.PositiveIntegerField(
        _("vaste deelnemer na (dagen)"),
        default=91,
        help_text=_("Wie langer dan dit aantal dagen meedoet, telt als vaste deelnemer."),
    )
    steady_min_attendance_share = models.DecimalField(
        _("minimale opkomst vaste deelnemer"),
        max_digits=3,
        decimal_places=2,
        default=0.5,
        help_text=_("Deel van de bijeenkomsten sinds de kennismaking (0,00 tot 1,00)."),
    )
    dropout_after_weeks = models.PositiveIntegerField(
        _("afgehaakt na (weken zonder komen)"), default=8
    )
    followup_after_missed_sessions = models.PositiveIntegerField(
        _("nabellen na (gemiste bijeenkomsten op rij)"), default=2
    )
    followup_after_announced_absences = models.PositiveIntegerField(
        _("nabellen na (afmeldingen op rij)"),
        default=3,
        help_text=_(
            "Wie zich afmeldt, telt niet als gemist. Na zoveel afmeldingen op rij komt er "
            "toch een nabeltaak. 0 = nooit."
        ),
    )
    absence_reasons = models.JSONField(
        _("redenen van afmelden"),
        default=default_absence_reasons,
        blank=True,
        help_text=_("De korte lijst waaruit je kiest bij een afmelding."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """A community centre (wijkcentrum, buurthuis, dorpshuis) where networks meet."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(_("naam"), max_length=200)
    address = models.CharField(_("adres"), max_length=300, blank=True)
    neighbourhood = models.CharField(_("wijk"), max_length=120, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="location_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("Sociaal werker")
    BACKUP_WORKER = "backup_worker", _("Achterwacht")
    COORDINATOR = "coordinator", _("Coördinator")
    EVALUATOR = "evaluator", _("Evaluator")
    MUNICIPALITY = "municipality", _("Gemeente")
    ORG_ADMIN = "org_admin", _("Beheerder")
    KNOWLEDGE_INSTITUTE = "knowledge_institute", _("Kennisinstituut")
    NETWORK_HELPER = "network_helper", _("Vrijwilliger of ervaringsdeskundige")


# Roles that work with the networks they are assigned to.
ASSIGNED_ROLES = {Role.SOCIAL_WORKER, Role.BACKUP_WORKER}
# Roles that see every network of their organisation.
ORGANISATION_WIDE_ROLES = {Role.COORDINATOR, Role.ORG_ADMIN}
# Roles that see the networks they are attached to as a volunteer, intern or expert by
# experience, for the period of that attachment (vangnet.volunteers).
HELPER_ROLES = {Role.NETWORK_HELPER}


class User(AbstractUser):
    """A staff member of one organisation, with one role."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        verbose_name=_("organisatie"),
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, blank=True)
    must_change_password = models.BooleanField(_("moet wachtwoord wijzigen"), default=False)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def works_with_assigned_networks(self) -> bool:
        return self.role in ASSIGNED_ROLES

    @property
    def sees_whole_organisation(self) -> bool:
        return self.role in ORGANISATION_WIDE_ROLES

    @property
    def is_org_admin(self) -> bool:
        return self.role == Role.ORG_ADMIN
