from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm, SafeTextMixin, SafeTextModelForm
from vangnet.core.text import validate_safe_text
from vangnet.organisations.models import Location, Organisation, Role, User


class LoginForm(SafeTextMixin, AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Gebruikersnaam")
        self.fields["password"].label = _("Wachtwoord")


class OrganisationRulesForm(SafeTextModelForm):
    class Meta:
        model = Organisation
        fields = [
            "steady_after_days",
            "steady_min_attendance_share",
            "dropout_after_weeks",
            "followup_after_missed_sessions",
            "followup_after_announced_absences",
            "absence_reasons",
        ]
        # Accept a decimal comma (0,5) as a Dutch user types it.
        localized_fields = ["steady_min_attendance_share"]

    absence_reasons = forms.CharField(
        label=_("Redenen van afmelden"),
        required=False,
        max_length=500,
        help_text=_("Met komma's ertussen, bijvoorbeeld: ziek, afspraak, vakantie, anders."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left empty (or by an older form): the current value stays.
        self.fields["followup_after_announced_absences"].required = False
        if not self.is_bound and self.instance is not None:
            self.initial["absence_reasons"] = ", ".join(self.instance.absence_reasons or [])

    def clean_absence_reasons(self):
        reasons: list[str] = []
        for part in (self.cleaned_data.get("absence_reasons") or "").split(","):
            text = " ".join(part.split())
            validate_safe_text(part)
            if len(text) > 60:
                raise forms.ValidationError(_("Een reden mag hoogstens 60 tekens hebben."))
            if text and text.casefold() not in {r.casefold() for r in reasons}:
                reasons.append(text)
        return reasons

    def clean_followup_after_announced_absences(self):
        value = self.cleaned_data.get("followup_after_announced_absences")
        if value is None:
            return (
                Organisation.objects.filter(pk=self.instance.pk)
                .values_list("followup_after_announced_absences", flat=True)
                .first()
                or 3
            )
        return value

    def clean_steady_min_attendance_share(self):
        value = self.cleaned_data["steady_min_attendance_share"]
        if value < 0 or value > 1:
            raise forms.ValidationError(_("Vul een getal tussen 0 en 1 in, bijvoorbeeld 0,5."))
        return value

    def clean_followup_after_missed_sessions(self):
        value = self.cleaned_data["followup_after_missed_sessions"]
        if value < 1:
            raise forms.ValidationError(_("Vul minstens 1 in."))
        return value

    def clean_dropout_after_weeks(self):
        value = self.cleaned_data["dropout_after_weeks"]
        if value < 1:
            raise forms.ValidationError(_("Vul minstens 1 in."))
        return value


class LocationForm(SafeTextModelForm):
    class Meta:
        model = Location
        fields = ["name", "address", "neighbourhood"]


class UserForm(SafeTextForm):
    username = forms.RegexField(
        label=_("Gebruikersnaam"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Gebruik alleen letters, cijfers en . @ + - _")},
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(label=_("Rol"), choices=Role.choices)
    is_active = forms.BooleanField(label=_("Account actief"), required=False, initial=True)

    def __init__(self, *args, organisation: Organisation, instance: User | None = None, **kwargs):
        self.organisation = organisation
        self.instance = instance
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "username": instance.username,
                    "first_name": instance.first_name,
                    "last_name": instance.last_name,
                    "email": instance.email,
                    "role": instance.role,
                    "is_active": instance.is_active,
                },
            )
        super().__init__(*args, **kwargs)

    def clean_username(self):
        username = self.cleaned_data["username"]
        others = User.objects.filter(username__iexact=username)
        if self.instance is not None:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Deze gebruikersnaam bestaat al. Kies een andere."))
        return username
