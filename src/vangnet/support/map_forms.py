"""Forms of the network-map pages."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm
from vangnet.support.models import AlterKind, Closeness, Consent, ContactMethod, SupportType

DATE = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def _link_choices(form: forms.Form, participants) -> None:
    """Participants of the owner's network to link a vangnetwerk member to (or none)."""
    choices = [(p.pk, p.display_name) for p in participants]
    if choices:
        cast(forms.ChoiceField, form.fields["linked_participant"]).choices = [
            ("", _("Niemand gekozen")),
            *choices,
        ]
    else:
        del form.fields["linked_participant"]


class ClientForm(SafeTextForm):
    display_name = forms.CharField(
        label=_("Naam"), max_length=80, help_text=_("Voornaam of roepnaam.")
    )
    setting = forms.CharField(
        label=_("Waar"), max_length=120, required=False, help_text=_("Bijvoorbeeld de opvang.")
    )


class WaveForm(SafeTextForm):
    wave_date = forms.DateField(label=_("Datum van deze meting"), widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("wave_date", timezone.localdate())


class AlterForm(SafeTextForm):
    name = forms.CharField(label=_("Naam of rol"), max_length=80)
    kind = forms.ChoiceField(label=_("Relatie"), choices=AlterKind.choices)
    closeness = forms.TypedChoiceField(
        label=_("Hoe dichtbij?"), choices=Closeness.choices, coerce=int, initial=Closeness.MIDDLE
    )
    support_types = forms.MultipleChoiceField(
        label=_("Welke steun geeft deze persoon?"),
        choices=SupportType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    in_support_group = forms.BooleanField(label=_("Hoort bij de steungroep"), required=False)
    phone = forms.CharField(label=_("Telefoon"), max_length=40, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    consent = forms.ChoiceField(
        label=_("Mag de werker contact opnemen?"),
        choices=Consent.choices,
        initial=Consent.NO,
        help_text=_("De persoon zelf beslist. Zonder ‘ja’ blijven de contactgegevens verborgen."),
    )
    linked_participant = forms.TypedChoiceField(
        label=_("Wie uit het vangnetwerk?"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Alleen bij iemand uit het vangnetwerk. Mag leeg blijven."),
    )

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        _link_choices(self, participants)


class AlterEditForm(SafeTextForm):
    alter = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    name = forms.CharField(label=_("Naam of rol"), max_length=80)
    kind = forms.ChoiceField(label=_("Relatie"), choices=AlterKind.choices)
    closeness = forms.TypedChoiceField(
        label=_("Hoe dichtbij?"), choices=Closeness.choices, coerce=int
    )
    support_types = forms.MultipleChoiceField(
        label=_("Welke steun geeft deze persoon?"),
        choices=SupportType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    in_support_group = forms.BooleanField(label=_("Hoort bij de steungroep"), required=False)
    linked_participant = forms.TypedChoiceField(
        label=_("Wie uit het vangnetwerk?"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Alleen bij iemand uit het vangnetwerk. Mag leeg blijven."),
    )

    def __init__(self, *args, participants=(), **kwargs):
        super().__init__(*args, **kwargs)
        _link_choices(self, participants)


class AlterRemoveForm(SafeTextForm):
    alter = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)


class ConsentForm(SafeTextForm):
    alter = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    consent = forms.ChoiceField(label=_("Toestemming"), choices=Consent.choices)


class ConversationForm(SafeTextForm):
    date = forms.DateField(label=_("Datum"), widget=DATE)
    alters = forms.TypedMultipleChoiceField(
        label=_("Wie deden mee?"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    others = forms.CharField(label=_("Ook aanwezig"), max_length=200, required=False)
    agreements = forms.CharField(
        label=_("Wat is afgesproken?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    family_clients = forms.TypedMultipleChoiceField(
        label=_("Wie van het gezin deden mee?"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Een gesprek met het hele gezin staat ook bij hen."),
    )

    def __init__(self, *args, alters=(), family=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["alters"]).choices = [
            (alter.pk, alter.name) for alter in alters
        ]
        if family:
            cast(forms.ChoiceField, self.fields["family_clients"]).choices = [
                (other.pk, other.display_name) for other in family
            ]
        else:
            del self.fields["family_clients"]
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())


class ContactForm(SafeTextForm):
    alter = forms.TypedChoiceField(label=_("Met wie?"), coerce=int)
    date = forms.DateField(label=_("Datum"), widget=DATE)
    method = forms.ChoiceField(label=_("Hoe?"), choices=ContactMethod.choices)
    note = forms.CharField(label=_("Korte notitie"), max_length=200, required=False)

    def __init__(self, *args, alters=(), **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["alter"]).choices = [
            (alter.pk, alter.name) for alter in alters
        ]
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())
