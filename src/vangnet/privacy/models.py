"""Privacy and security records: an organisation's security settings, participants'
consents, and the log of erasures (right to erasure and retention)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationSecuritySettings(models.Model):
    """Security choices an organisation admin makes for the whole organisation."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="security_settings"
    )
    require_two_factor_for_all = models.BooleanField(
        _("tweestapsverificatie voor iedereen"),
        default=False,
        help_text=_(
            "Coördinatoren en beheerders gebruiken altijd tweestapsverificatie. "
            "Vink aan om het ook voor alle andere accounts te verplichten."
        ),
    )
    uses_photos = models.BooleanField(
        _("we maken foto's van deelnemers"),
        default=False,
        help_text=_(
            "Vink aan als jullie foto's maken bij de groepen. Deelnemers geven of trekken "
            "dan in Mijn Vangnet zelf hun toestemming voor foto's in."
        ),
    )

    class Meta:
        verbose_name = _("beveiligingsinstellingen")
        verbose_name_plural = _("beveiligingsinstellingen")

    def __str__(self) -> str:
        return str(self.organisation)


class ConsentKind(models.TextChoices):
    EVALUATION_INTERVIEW = "evaluation_interview", _("Evaluatiegesprek")
    CONTACT_RELATIVES = "contact_relatives", _("Contact met naasten")
    PHOTOS = "photos", _("Foto's")
    NETWORK_MAP = "network_map", _("Netwerkkaart")
    RESEARCH_EXPORT = "research_export", _("Onderzoeksexport")


class ConsentRecord(models.Model):
    """A person's consent for one purpose: when it was given, for what, and when it was
    withdrawn. A withdrawn consent stays on record (proof of what was allowed when). The
    person is a participant or a network-support client (support.Client), never both."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents",
    )
    client = models.ForeignKey(
        "support.Client",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents",
    )
    kind = models.CharField(_("waarvoor"), max_length=30, choices=ConsentKind.choices)
    scope = models.CharField(
        _("afspraak"),
        max_length=300,
        blank=True,
        help_text=_("Bijvoorbeeld: alleen foto's voor de nieuwsbrief, niet online."),
    )
    given_on = models.DateField(_("gegeven op"))
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # Given or withdrawn by the participant themselves in Mijn Vangnet ("door deelnemer zelf").
    given_by_participant = models.BooleanField(default=False)
    withdrawn_by_participant = models.BooleanField(default=False)

    class Meta:
        ordering = ["-given_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(participant__isnull=False, client__isnull=True)
                    | models.Q(participant__isnull=True, client__isnull=False)
                ),
                name="privacy_consent_one_person",
            )
        ]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self) -> str:
        return f"{self.kind} {self.given_on}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class ErasureReason(models.TextChoices):
    REQUEST = "request", _("Op verzoek")
    RETENTION = "retention", _("Bewaartermijn verlopen")


class ErasureRecord(models.Model):
    """A participant was irreversibly anonymised. Holds no personal values."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    participant = models.OneToOneField(
        "participants.Participant", on_delete=models.CASCADE, related_name="erasure"
    )
    reason = models.CharField(_("reden"), max_length=20, choices=ErasureReason.choices)
    erased_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("verwijdering")
        verbose_name_plural = _("verwijderingen")

    def __str__(self) -> str:
        return f"#{self.participant_id} {self.reason}"
