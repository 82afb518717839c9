"""Forms of the participant pages. They parse input; the services validate and write."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import DateInput, SafeTextForm, date_field
from vangnet.participants.models import CameInVia, DropoutReason, RouteStage
from vangnet.participants.selectors import network_participant_choices, organisation_partners
from vangnet.participants.services import CORRECTABLE_STAGES, parse_tags

if TYPE_CHECKING:
    from vangnet.participants.models import Participant, ReferralPartner


class TagsField(forms.CharField):
    """Wishes or talents typed as comma-separated words."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value):
        return parse_tags(super().to_python(value))


class ParticipantForm(SafeTextForm):
    display_name = forms.CharField(
        label=_("Naam"),
        max_length=80,
        help_text=_("Voornaam of roepnaam."),
        error_messages={"required": _("Vul een naam in.")},
    )
    wishes = TagsField(
        label=_("Wensen"),
        required=False,
        max_length=2000,
        help_text=_(
            "Wat iemand graag wil, met komma's ertussen. Bijvoorbeeld: samen eten, wandelen."
        ),
    )
    talents = TagsField(
        label=_("Talenten"),
        required=False,
        max_length=2000,
        help_text=_(
            "Waar iemand goed in is, met komma's ertussen. Bijvoorbeeld: koken, luisteren."
        ),
    )
    came_in_via = forms.ChoiceField(
        label=_("Hoe binnengekomen"),
        required=False,
        choices=[("", _("Weet ik niet"))] + list(CameInVia.choices),
        error_messages={"invalid_choice": _("Kies een van de mogelijkheden.")},
    )
    referral_partner: forms.ModelChoiceField[ReferralPartner] = forms.ModelChoiceField(
        label=_("Doorverwezen door"),
        required=False,
        queryset=None,
        empty_label=_("Kies een partner"),
        help_text=_("Alleen invullen als iemand is doorverwezen door een partner."),
        error_messages={"invalid_choice": _("Kies een partner uit de lijst.")},
    )
    invited_by: forms.ModelChoiceField[Participant] = forms.ModelChoiceField(
        label=_("Uitgenodigd door deelnemer"),
        required=False,
        queryset=None,
        empty_label=_("Kies een deelnemer"),
        help_text=_("Alleen invullen als een deelnemer deze persoon heeft uitgenodigd."),
        error_messages={"invalid_choice": _("Kies een deelnemer uit de lijst.")},
    )
    invited_on = forms.DateField(label=_("Uitgenodigd op"), required=False, widget=DateInput())
    phone = forms.CharField(label=_("Telefoon"), required=False, max_length=40)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Vul een geldig e-mailadres in.")},
    )
    address = forms.CharField(label=_("Adres"), required=False, max_length=300)
    notes = forms.CharField(
        label=_("Notities"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Alleen wat nodig is om iemand goed te ondersteunen. Geen diagnoses."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, network, participant=None, **kwargs):
        if participant is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "display_name": participant.display_name,
                "wishes": participant.wishes,
                "talents": participant.talents,
                "came_in_via": participant.came_in_via,
                "referral_partner": participant.referral_partner_id,
                "invited_by": participant.invited_by_id,
                "invited_on": participant.invited_on,
                "phone": participant.phone,
                "email": participant.email,
                "address": participant.address,
                "notes": participant.notes,
                "version": participant.version,
            }
        super().__init__(*args, **kwargs)
        self.fields["referral_partner"].queryset = organisation_partners(
            organisation=network.organisation
        )
        self.fields["invited_by"].queryset = network_participant_choices(
            network=network, exclude_id=participant.pk if participant else None
        )
        if participant is None:
            del self.fields["version"]

    def clean_invited_on(self):
        value = self.cleaned_data.get("invited_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Deze datum ligt in de toekomst."))
        return value

    def clean(self):
        data = super().clean()
        via = data.get("came_in_via")
        if via == CameInVia.REFERRAL and not data.get("referral_partner"):
            if "referral_partner" not in self.errors:
                self.add_error("referral_partner", _("Kies de partner die heeft doorverwezen."))
        if via == CameInVia.INVITED_BY_PARTICIPANT and not data.get("invited_by"):
            if "invited_by" not in self.errors:
                self.add_error("invited_by", _("Kies de deelnemer die heeft uitgenodigd."))
        return data

    def profile(self) -> dict:
        """The cleaned profile fields as the services take them."""
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class CorrectionForm(SafeTextForm):
    stage = forms.ChoiceField(
        label=_("De fase die klopt"),
        choices=[(s.value, s.label) for s in RouteStage if s in CORRECTABLE_STAGES],
        error_messages={
            "required": _("Kies de fase die klopt."),
            "invalid_choice": _("Kies de fase die klopt."),
        },
    )
    date = date_field(_("Vanaf"))
    reason = forms.CharField(
        label=_("Waarom?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Schrijf kort op waarom deze fase klopt.")},
    )


class DropoutForm(SafeTextForm):
    date = date_field(_("Afgehaakt op"))
    dropout_reason = forms.ChoiceField(
        label=_("Reden"),
        choices=[("", _("Kies een reden"))] + list(DropoutReason.choices),
        error_messages={
            "required": _("Kies een reden van afhaken."),
            "invalid_choice": _("Kies een reden van afhaken."),
        },
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Niet verplicht. Schrijf geen medische details op."),
    )


class ReferralForm(SafeTextForm):
    date = date_field(_("Doorverwezen op"))
    referred_to = forms.CharField(
        label=_("Doorverwezen naar"),
        max_length=200,
        help_text=_("Bijvoorbeeld dagbesteding of vrijwilligerswerk."),
        error_messages={"required": _("Vul in waar iemand naartoe is doorverwezen.")},
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


ROUTE_FORMS = {"correction": CorrectionForm, "dropout": DropoutForm, "referral": ReferralForm}


def route_forms(data=None, *, kind: str = "", today=None) -> dict[str, forms.Form]:
    """The three route forms; only the one of `kind` is bound to `data`."""
    today = today or timezone.localdate()
    return {
        name: cls(
            data if (data is not None and name == kind) else None,
            prefix=name,
            initial={"date": today},
        )
        for name, cls in ROUTE_FORMS.items()
    }


# The fields of an unbound route form, rendered: per (kind, language, initial values).
_UNBOUND_FIELDS: dict[tuple[str, str, str], SafeString] = {}
_UNBOUND_FIELDS_MAX = 64


def prerender_unbound(route_forms_by_kind: dict[str, forms.Form]) -> None:
    """Give every unbound form of `route_forms_by_kind` a `prerendered` attribute: the HTML
    of its fields (includes/form.html), which route_event_form.html then shows instead of
    rendering the fields again. An unbound form's fields depend only on its kind, the
    language and its initial values (today's date), so they are rendered once per process
    and day: the three forms were about half of the participant page's template time.
    A bound form (with the user's input and errors) is always rendered afresh."""
    language = get_language() or ""
    for kind, form in route_forms_by_kind.items():
        if form.is_bound:
            continue
        key = (kind, language, repr(sorted(form.initial.items())))
        html = _UNBOUND_FIELDS.get(key)
        if html is None:
            if len(_UNBOUND_FIELDS) >= _UNBOUND_FIELDS_MAX:
                _UNBOUND_FIELDS.clear()  # yesterday's forms
            html = render_to_string("includes/form.html", {"form": form})
            _UNBOUND_FIELDS[key] = html
        form.prerendered = html  # type: ignore[attr-defined]


class FollowUpCloseForm(SafeTextForm):
    outcome = forms.CharField(
        label=_("Wat heb je gedaan?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: gebeld, ze komt volgende week weer."),
        error_messages={"required": _("Schrijf op wat je hebt gedaan.")},
    )


class PartnerForm(SafeTextForm):
    name = forms.CharField(
        label=_("Naam"), max_length=200, error_messages={"required": _("Vul een naam in.")}
    )
    kind = forms.CharField(
        label=_("Soort"),
        required=False,
        max_length=120,
        help_text=_("Bijvoorbeeld poh-ggz, wijkteam, maatjesproject of ggz."),
    )
