"""Forms of the support pages."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm
from vangnet.support.models import SupportType
from vangnet.support.selectors import participant_choices


class SupportTieForm(SafeTextForm):
    giver = forms.ModelChoiceField(queryset=None, label=_("Wie gaf de steun?"))
    receiver = forms.ModelChoiceField(queryset=None, label=_("Aan wie?"))
    support_type = forms.ChoiceField(
        label=_("Soort steun"), choices=SupportType.choices, widget=forms.RadioSelect
    )
    date = forms.DateField(
        label=_("Wanneer?"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    outside_hours = forms.BooleanField(
        label=_("Buiten de groepstijden"),
        required=False,
        help_text=_("Aanvinken als het niet tijdens een bijeenkomst gebeurde."),
    )
    note = forms.CharField(
        label=_("Korte notitie (mag leeg blijven)"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: bracht Janneke naar het ziekenhuis."),
    )

    def __init__(self, *args, network, giver=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = participant_choices(network=network)
        self.fields["giver"].queryset = people
        self.fields["receiver"].queryset = people
        if not self.is_bound:
            self.initial.setdefault("date", timezone.localdate())
            if giver is not None:
                self.initial["giver"] = giver.pk

    def full_clean(self):
        # Ids the database cannot hold are refused before they reach a query.
        if self.is_bound:
            for name in ("giver", "receiver"):
                value = str(self.data.get(name, ""))
                if value and (not value.isdigit() or len(value) > 18):
                    self.data = self.data.copy()
                    self.data[name] = ""
        super().full_clean()


LAYERS = [("phase", _("per fase")), ("quarter", _("per kwartaal"))]


class SociogramFilterForm(SafeTextForm):
    """The plain GET filter of the sociogram."""

    support_type = forms.ChoiceField(
        label=_("Soort steun"),
        required=False,
        choices=[("", _("Alle soorten")), *SupportType.choices],
    )
    start = forms.DateField(
        label=_("Vanaf"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    split = forms.ChoiceField(label=_("Kleine plaatjes"), required=False, choices=LAYERS)
    copresence = forms.BooleanField(
        label=_("Toon ook wie vaak samen aanwezig was"),
        required=False,
        help_text=_("Grijze lijnen: samen op minstens de helft van de bijeenkomsten."),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            self.add_error("end", _("Deze datum ligt voor de begindatum."))
        return data
