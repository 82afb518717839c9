"""Support ties between participants of one vangnetwerk (who supports whom).

A tie is personal data: every read and write is audited. The note is free text and the
only place for detail; keep it short and positive ("took Janneke to the hospital").
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SupportType(models.TextChoices):
    EMOTIONAL = "emotional", _("Emotionele steun")
    COMPANIONSHIP = "companionship", _("Gezelschap")
    PRACTICAL = "practical", _("Praktische hulp")


class SupportTie(models.Model):
    """One recorded act of support from `giver` to `receiver` on a date."""

    network = models.ForeignKey(
        "networks.Network", on_delete=models.CASCADE, related_name="support_ties"
    )
    giver = models.ForeignKey(
        "participants.Participant",
        on_delete=models.CASCADE,
        related_name="support_given",
        verbose_name=_("van"),
    )
    receiver = models.ForeignKey(
        "participants.Participant",
        on_delete=models.CASCADE,
        related_name="support_received",
        verbose_name=_("aan"),
    )
    support_type = models.CharField(_("soort steun"), max_length=20, choices=SupportType.choices)
    date = models.DateField(_("datum"))
    outside_hours = models.BooleanField(
        _("buiten de groepstijden"),
        default=False,
        help_text=_("Aanvinken als het niet tijdens een bijeenkomst gebeurde."),
    )
    note = models.CharField(_("korte notitie"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("steunrelatie")
        verbose_name_plural = _("steunrelaties")
        indexes = [models.Index(fields=["network", "date"], name="supporttie_network_date")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(giver=models.F("receiver")), name="supporttie_not_self"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_support_type_display()} {self.date}"


# --------------------------------------------------------------------------- network maps


class Client(models.Model):
    """A network-support client (for example someone in a shelter) who is not in a
    vangnetwerk. Their map and support group are kept under the client's direction."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="support_clients"
    )
    display_name = models.CharField(_("naam"), max_length=80, help_text=_("Voornaam of roepnaam."))
    setting = models.CharField(
        _("waar"), max_length=120, blank=True, help_text=_("Bijvoorbeeld de opvang of de wijk.")
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="support_clients",
        verbose_name=_("sociaal werker"),
    )
    backup_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="backed_support_clients",
        verbose_name=_("achterwacht"),
    )
    family = models.ForeignKey(
        "support.Family",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clients",
        verbose_name=_("gezin"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["display_name", "id"]
        verbose_name = _("cliënt netwerkondersteuning")
        verbose_name_plural = _("cliënten netwerkondersteuning")

    def __str__(self) -> str:
        return self.display_name


class NetworkMap(models.Model):
    """One wave of a person's own network map (ecomap) at a date."""

    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="network_maps",
    )
    client = models.ForeignKey(
        Client, on_delete=models.CASCADE, null=True, blank=True, related_name="network_maps"
    )
    wave_date = models.DateField(_("datum"))
    previous = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_wave"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["wave_date", "id"]
        verbose_name = _("netwerkkaart")
        verbose_name_plural = _("netwerkkaarten")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(participant__isnull=False, client__isnull=True)
                    | models.Q(participant__isnull=True, client__isnull=False)
                ),
                name="networkmap_one_owner",
            )
        ]

    def __str__(self) -> str:
        return f"{self.wave_date}"


class AlterKind(models.TextChoices):
    RELATIVE = "relative", _("Familie")
    FRIEND = "friend", _("Vriend of vriendin")
    NEIGHBOUR = "neighbour", _("Buur")
    PROFESSIONAL = "professional", _("Professional")
    VANGNETWERK = "vangnetwerk", _("Iemand uit het vangnetwerk")
    OTHER = "other", _("Anders")


class Closeness(models.IntegerChoices):
    CLOSE = 1, _("Heel dichtbij")
    MIDDLE = 2, _("Dichtbij")
    OUTER = 3, _("Verder weg")


class Consent(models.TextChoices):
    YES = "yes", _("Ja, de werker mag contact opnemen")
    NO = "no", _("Nee, geen contact")
    VIA_CLIENT = "via_client", _("Alleen via de persoon zelf")


class AlterQuerySet(models.QuerySet):
    def present(self):
        """People still on their map (not removed from it)."""
        return self.filter(removed_at__isnull=True)


class Alter(models.Model):
    """Someone in a person's network map. Contact details may only be shown or used when
    the person gave consent (Consent.YES); every change of consent is kept."""

    network_map = models.ForeignKey(NetworkMap, on_delete=models.CASCADE, related_name="alters")
    origin = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="later",
        help_text="The same person in the previous wave.",
    )
    name = models.CharField(_("naam of rol"), max_length=80)
    kind = models.CharField(_("relatie"), max_length=20, choices=AlterKind.choices)
    closeness = models.PositiveSmallIntegerField(
        _("hoe dichtbij"), choices=Closeness.choices, default=Closeness.MIDDLE
    )
    support_types = models.JSONField(_("soort steun"), default=list, blank=True)
    in_support_group = models.BooleanField(_("in de steungroep"), default=False)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    consent = models.CharField(
        _("contact door de werker"), max_length=20, choices=Consent.choices, default=Consent.NO
    )
    linked_participant = models.ForeignKey(
        "participants.Participant",
        verbose_name=_("deelnemer in het vangnetwerk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="A vangnetwerk member: the participant of the same network.",
    )
    # Soft removal from this wave: the person is hidden from the map, its counts and
    # contact actions and is not copied into a later wave, but the row and its consent
    # history stay (docs/support.md).
    removed_at = models.DateTimeField(_("van de kaart gehaald op"), null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("van de kaart gehaald door"),
    )

    objects = AlterQuerySet.as_manager()

    class Meta:
        ordering = ["closeness", "name", "id"]
        verbose_name = _("persoon in het netwerk")
        verbose_name_plural = _("personen in het netwerk")

    def __str__(self) -> str:
        return self.name

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None


class ConsentChange(models.Model):
    """History of consent: who decided what, when (the client decides). `recorded_by` is the
    worker who recorded it; `by_person` says the client (or participant) changed it
    themselves in Mijn Vangnet ("door cliënt zelf" on the worker's map page)."""

    alter = models.ForeignKey(Alter, on_delete=models.CASCADE, related_name="consent_changes")
    consent = models.CharField(max_length=20, choices=Consent.choices)
    changed_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    by_person = models.BooleanField(_("door de persoon zelf"), default=False)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return self.consent


class NetworkConversation(models.Model):
    """A netwerkgesprek with the person and members of their network, linked to a map."""

    network_map = models.ForeignKey(
        NetworkMap, on_delete=models.CASCADE, related_name="conversations"
    )
    date = models.DateField(_("datum"))
    alters = models.ManyToManyField(Alter, blank=True, related_name="conversations")
    # A family conversation: other clients of the same family who took part (seed 003).
    family_clients = models.ManyToManyField(Client, blank=True, related_name="family_conversations")
    others = models.CharField(_("ook aanwezig"), max_length=200, blank=True)
    agreements = models.TextField(_("afspraken"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date}"


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Gebeld")
    VISIT = "visit", _("Bezocht")
    MESSAGE = "message", _("Bericht gestuurd")


class ContactAction(models.Model):
    """The worker contacted someone on the map (only with consent YES)."""

    alter = models.ForeignKey(Alter, on_delete=models.CASCADE, related_name="contacts")
    date = models.DateField(_("datum"))
    method = models.CharField(_("hoe"), max_length=20, choices=ContactMethod.choices)
    note = models.CharField(_("korte notitie"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date}"


from vangnet.support.group_models import (  # noqa: E402, F401
    AgreementReview,
    CoachingMoment,
    Family,
    GroupKind,
    InformalAgreement,
    Kept,
    NetworkSupporter,
    SupportGroupMember,
    SupportGroupShape,
)
