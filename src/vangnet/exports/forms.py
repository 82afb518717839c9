"""Forms of the exports page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm
from vangnet.exports.models import DATA_KINDS, ExportFormat, ExportKind
from vangnet.exports.scope import ORGANISATION
from vangnet.exports.selectors import ExportOptions


class DataExportForm(SafeTextForm):
    kind = forms.ChoiceField(
        label=_("Wat wil je exporteren?"),
        choices=[(kind.value, kind.label) for kind in DATA_KINDS],
        widget=forms.RadioSelect,
    )
    network = forms.ChoiceField(label=_("Van welk vangnetwerk?"))
    file_format = forms.ChoiceField(
        label=_("Bestandsvorm"),
        choices=[
            (ExportFormat.XLSX.value, ExportFormat.XLSX.label),
            ("csv", ExportFormat.CSV.label),
        ],
        initial=ExportFormat.XLSX,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, options: ExportOptions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].choices = [
            (ORGANISATION, _("Alle vangnetwerken die ik mag zien")),
            *[(str(option.network.pk), option.network.name) for option in options.networks],
        ]
        self.fields["kind"].initial = ExportKind.ATTENDANCE

    def network_id(self) -> int | None:
        value = self.cleaned_data["network"]
        return None if value == ORGANISATION else int(value)


class ResearchExportForm(SafeTextForm):
    prefix = "research"

    file_format = forms.ChoiceField(
        label=_("Bestandsvorm"),
        choices=[
            (ExportFormat.ZIP.value, ExportFormat.ZIP.label),
            (ExportFormat.XLSX.value, _("Eén Excel-bestand met een blad per tabel")),
        ],
        initial=ExportFormat.ZIP,
        widget=forms.RadioSelect,
    )
