from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import DateInput, IdMultipleChoiceField, SafeTextForm
from vangnet.stakeholders.models import AgreementStatus, MeetingKind, PartyKind


def _networks_field(label):
    return IdMultipleChoiceField(
        label=label, queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )


class PartyForm(SafeTextForm):
    name = forms.CharField(
        label=_("Naam"),
        max_length=160,
        help_text=_("De organisatie en eventueel de afdeling, zoals Gemeente Tilburg, Zorg."),
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=PartyKind.choices)
    in_project_group = forms.BooleanField(label=_("Zit in de projectgroep"), required=False)
    in_sounding_board = forms.BooleanField(label=_("Zit in de klankbordgroep"), required=False)
    contact_name = forms.CharField(label=_("Contactpersoon"), max_length=120, required=False)
    contact_email = forms.EmailField(
        label=_("E-mail contactpersoon"),
        max_length=200,
        required=False,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@gemeente.nl.")},
    )
    interest = forms.CharField(
        label=_("Wat de methode voor hen betekent"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat heeft deze partij nodig om bij te dragen? Wat brengt ze in?"),
    )
    networks = _networks_field(_("Vangnetwerken waar deze partij bij betrokken is"))
    active = forms.BooleanField(label=_("Nog betrokken"), required=False, initial=True)

    def __init__(self, *args, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["networks"].queryset = networks  # type: ignore[attr-defined]


class MeetingForm(SafeTextForm):
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    kind = forms.ChoiceField(
        label=_("Soort overleg"), choices=MeetingKind.choices, widget=forms.RadioSelect
    )
    subject = forms.CharField(label=_("Onderwerp"), max_length=200)
    parties = IdMultipleChoiceField(
        label=_("Aanwezige partijen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    networks = _networks_field(_("Gaat over deze vangnetwerken"))
    notes = forms.CharField(
        label=_("Verslag"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Kort wat besproken is. Geen namen van deelnemers."),
    )

    def __init__(self, *args, parties, networks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = parties  # type: ignore[attr-defined]
        self.fields["networks"].queryset = networks  # type: ignore[attr-defined]


class OwnerField(forms.ModelChoiceField):
    """A party, or empty for our own organisation."""

    def __init__(self, **kwargs):
        super().__init__(
            label=_("Wie pakt het op"),
            queryset=None,
            required=False,
            empty_label=_("Wij (sociaal werk)"),
            **kwargs,
        )

    def to_python(self, value):
        text = str(value or "")
        if text and (not text.isdigit() or len(text) > 18):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid")
        return super().to_python(value)


class AgreementRowForm(SafeTextForm):
    """One new agreement on the meeting form; a row left empty is skipped."""

    text = forms.CharField(label=_("Afspraak"), max_length=500, required=False)
    owner = OwnerField()
    due_date = forms.DateField(label=_("Klaar op"), required=False, widget=DateInput())

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = parties  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean()
        if not data.get("text") and (data.get("owner") or data.get("due_date")):
            self.add_error("text", _("Vul de afspraak in, of maak de regel leeg."))
        return data

    @property
    def filled(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data.get("text"))


class AgreementForm(SafeTextForm):
    text = forms.CharField(
        label=_("Afspraak"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = OwnerField()
    due_date = forms.DateField(label=_("Klaar op"), required=False, widget=DateInput())
    status = forms.ChoiceField(
        label=_("Stand"), choices=AgreementStatus.choices, widget=forms.RadioSelect
    )
    done_on = forms.DateField(
        label=_("Afgerond of vervallen op"),
        required=False,
        widget=DateInput(),
        help_text=_("Leeg laten is vandaag."),
    )

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = parties  # type: ignore[attr-defined]
