"""The upload form of the attendance import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm
from vangnet.networks.importing.reading import MAX_BYTES

ACCEPT = ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AttendanceImportForm(SafeTextForm):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("Een .csv- of .xlsx-bestand van hoogstens 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "required": _("Kies een bestand."),
            "empty": _("Het bestand is leeg."),
            "invalid": _("Dit is geen bestand. Kies een .csv- of .xlsx-bestand."),
        },
    )
    create_participants = forms.BooleanField(
        label=_("Maak nieuwe deelnemers aan"),
        required=False,
        help_text=_(
            "Namen die nog niet in dit vangnetwerk staan, worden nieuwe deelnemers. "
            "Zonder vinkje is een onbekende naam een fout."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan 5 MB. Splits het in kleinere bestanden.")
            )
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Kies een .csv- of .xlsx-bestand."))
        return upload
