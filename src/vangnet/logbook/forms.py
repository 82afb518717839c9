"""Forms of the logbook pages. They parse input; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm, date_field
from vangnet.logbook.models import BALANCES, BuildingBlock
from vangnet.logbook.services import MAX_NOTE, MAX_TEXT
from vangnet.networks.models import Phase


class RangeInput(forms.NumberInput):
    input_type = "range"


class LogEntryForm(SafeTextForm):
    date = date_field(_("Datum"))
    text = forms.CharField(
        label=_("Wat gebeurde er?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_TEXT,
        help_text=_(
            "Schrijf over de groep en over je eigen werk. Schrijf zo weinig mogelijk over "
            "één persoon: dit logboek is geen dossier."
        ),
        error_messages={"required": _("Schrijf wat er gebeurde.")},
    )
    building_blocks = forms.MultipleChoiceField(
        label=_("Bouwstenen"),
        choices=BuildingBlock.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Waar ging dit over? Kies er één of meer."),
        error_messages={
            "required": _("Kies minstens één bouwsteen."),
            "invalid_choice": _("Kies alleen bouwstenen uit de lijst."),
        },
    )
    phase = forms.ChoiceField(
        label=_("Fase"),
        choices=[("", _("Fase op die datum (automatisch)")), *Phase.choices],
        required=False,
        help_text=_(
            "Staat al goed op de fase van het vangnetwerk. Pas alleen aan als dat nodig is."
        ),
        error_messages={"invalid_choice": _("Kies een fase uit de lijst.")},
    )


class BalanceForm(SafeTextForm):
    note = forms.CharField(
        label=_("Toelichting (niet verplicht)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_NOTE,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {}
        for field, left, right in BALANCES:
            fields[field] = forms.IntegerField(
                label=f"{left} – {right}",
                min_value=-2,
                max_value=2,
                initial=0,
                widget=RangeInput(attrs={"min": -2, "max": 2, "step": 1}),
                error_messages={
                    "required": _("Kies een waarde van -2 tot en met 2."),
                    "invalid": _("Kies een waarde van -2 tot en met 2."),
                    "min_value": _("Kies een waarde van -2 tot en met 2."),
                    "max_value": _("Kies een waarde van -2 tot en met 2."),
                },
            )
        fields["note"] = self.fields["note"]
        self.fields = fields

    def balance_fields(self):
        """(bound field, left pole, right pole) for the template."""
        return [(self[field], left, right) for field, left, right in BALANCES]


class FilterForm(SafeTextForm):
    bouwsteen = forms.ChoiceField(
        label=_("Bouwsteen"),
        choices=[("", _("Alle bouwstenen")), *BuildingBlock.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een bouwsteen uit de lijst.")},
    )
