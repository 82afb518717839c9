from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.audit.models import AuditAction
from vangnet.core.forms import SafeTextForm


class AuditFilterForm(SafeTextForm):
    action = forms.ChoiceField(
        label=_("Handeling"), required=False, choices=[("", _("Alle"))] + AuditAction.choices
    )
    username = forms.CharField(label=_("Gebruikersnaam"), required=False, max_length=150)
    date_from = forms.DateField(
        label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return data
