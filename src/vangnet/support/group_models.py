"""A network-support client's support group over time, the volunteers who support them,
and the collaboration with their informal network (docs/support.md, "Steungroep en
samenwerking"). Imported by `support.models`.

Seeds 003 and 004: a steungroep takes whatever form fits (meetings, a chat group, one close
person), its members come and go, volunteers coached by a professional support the client,
and the worker monitors whether agreements with the informal network are kept. Everything
belongs to the client: erasing the client deletes it (CASCADE).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

TEXT_SHORT = 80
TEXT_NOTE = 200


class Family(models.Model):
    """A family (gezin) of clients, the unit of a family network conversation."""

    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="support_families"
    )
    name = models.CharField(_("naam van het gezin"), max_length=TEXT_SHORT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("gezin")
        verbose_name_plural = _("gezinnen")

    def __str__(self) -> str:
        return self.name


class GroupKind(models.TextChoices):
    MEETINGS = "meetings", _("Bijeenkomsten met de steungroep")
    CHAT = "chat", _("Een chatgroep (bijvoorbeeld WhatsApp)")
    ONE_PERSON = "one_person", _("Eén naaste")
    LOOSE = "loose", _("Losse contacten, zonder vaste vorm")


class SupportGroupShape(models.Model):
    """The form the client's support group has from a date on; the newest counts, the
    earlier ones are its history."""

    client = models.ForeignKey(
        "support.Client", on_delete=models.CASCADE, related_name="group_shapes"
    )
    kinds = models.JSONField(_("vorm"), default=list)
    since = models.DateField(_("sinds"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["since", "id"]
        verbose_name = _("vorm van de steungroep")
        verbose_name_plural = _("vormen van de steungroep")

    def __str__(self) -> str:
        return f"{self.since}"

    @property
    def kinds_label(self) -> str:
        return ", ".join(str(GroupKind(k).label) for k in self.kinds if k in GroupKind.values)


class SupportGroupMember(models.Model):
    """Someone in the client's support group from `start` to `end` (open: still in it).
    Linked to the person on the client's map when they are on it."""

    client = models.ForeignKey(
        "support.Client", on_delete=models.CASCADE, related_name="group_members"
    )
    name = models.CharField(_("naam of rol"), max_length=TEXT_SHORT)
    alter = models.ForeignKey(
        "support.Alter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_memberships",
        verbose_name=_("op de netwerkkaart"),
    )
    start = models.DateField(_("vanaf"))
    end = models.DateField(_("tot en met"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("lid van de steungroep")
        verbose_name_plural = _("leden van de steungroep")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="support_groupmember_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class NetworkSupporter(models.Model):
    """A volunteer who supports the client as network supporter, coached by a professional.
    May be linked to a volunteer registered with a vangnetwerk (volunteers.NetworkHelper)."""

    client = models.ForeignKey(
        "support.Client", on_delete=models.CASCADE, related_name="network_supporters"
    )
    name = models.CharField(_("naam vrijwilliger"), max_length=TEXT_SHORT)
    helper = models.ForeignKey(
        "volunteers.NetworkHelper",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supported_clients",
        verbose_name=_("vrijwilliger bij een vangnetwerk"),
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coached_supporters",
        verbose_name=_("coach"),
    )
    start = models.DateField(_("vanaf"))
    end = models.DateField(_("tot en met"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("netwerkondersteuner")
        verbose_name_plural = _("netwerkondersteuners")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="support_supporter_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name


class CoachingMoment(models.Model):
    """The professional coached the volunteer: when, about what, the next step."""

    supporter = models.ForeignKey(
        NetworkSupporter, on_delete=models.CASCADE, related_name="coaching"
    )
    date = models.DateField(_("datum"))
    theme = models.CharField(_("onderwerp"), max_length=120)
    next_step = models.CharField(_("volgende stap"), max_length=TEXT_NOTE, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("coachmoment")
        verbose_name_plural = _("coachmomenten")

    def __str__(self) -> str:
        return f"{self.date}"


class Kept(models.TextChoices):
    YES = "yes", _("Nagekomen")
    PARTLY = "partly", _("Deels")
    NO = "no", _("Niet nagekomen")


class InformalAgreement(models.Model):
    """An agreement with someone of the client's informal network ("Ilse belt elke
    zondag"), reviewed on dates."""

    client = models.ForeignKey(
        "support.Client", on_delete=models.CASCADE, related_name="informal_agreements"
    )
    who = models.CharField(_("met wie"), max_length=TEXT_SHORT)
    what = models.CharField(_("wat is afgesproken"), max_length=TEXT_NOTE)
    made_on = models.DateField(_("afgesproken op"))
    ended_on = models.DateField(_("gestopt op"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["made_on", "id"]
        verbose_name = _("afspraak met het netwerk")
        verbose_name_plural = _("afspraken met het netwerk")

    def __str__(self) -> str:
        return f"{self.made_on}"


class AgreementReview(models.Model):
    """On a review date: was the agreement kept (yes, partly, no)?"""

    agreement = models.ForeignKey(
        InformalAgreement, on_delete=models.CASCADE, related_name="reviews"
    )
    date = models.DateField(_("datum"))
    kept = models.CharField(_("nagekomen?"), max_length=10, choices=Kept.choices)
    note = models.CharField(_("korte notitie"), max_length=TEXT_NOTE, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("terugblik op een afspraak")
        verbose_name_plural = _("terugblikken op afspraken")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "date"], name="support_review_one_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.kept}"
