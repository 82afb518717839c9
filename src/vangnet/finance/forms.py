"""Money forms. Amounts are typed the Dutch way (12,50) or with a point; the services check
them again (positive, two decimals, a maximum)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm, SafeTextModelForm
from vangnet.finance.models import (
    EXPENSE_CATEGORIES,
    INCOME_CATEGORIES,
    MAX_AMOUNT,
    Category,
    Kind,
    MoneyEntry,
)
from vangnet.finance.receipts import MAX_RECEIPT_BYTES
from vangnet.finance.services import MAX_BUDGET

AMOUNT_ERRORS = {
    "invalid": _("Vul een bedrag in, bijvoorbeeld 12,50."),
    "max_decimal_places": _("Gebruik hoogstens twee cijfers achter de komma."),
    "max_digits": _("Dit bedrag is te groot."),
    "max_whole_digits": _("Dit bedrag is te groot."),
}


class AmountField(forms.DecimalField):
    """A euro amount; accepts a decimal comma."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 9)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("error_messages", AMOUNT_ERRORS)
        kwargs.setdefault("localize", False)
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace("€", "").replace(" ", "").replace(",", ".")
        return super().to_python(value)


def _category_choices():
    groups = (
        (_("Uitgave"), EXPENSE_CATEGORIES),
        (_("Inkomsten"), INCOME_CATEGORIES),
    )
    labels = dict(Category.choices)
    return [("", "---------")] + [
        (group, [(str(cat.value), labels[cat]) for cat in cats]) for group, cats in groups
    ]


class EntryForm(SafeTextModelForm):
    amount = AmountField(label=_("Bedrag (euro)"), min_value=Decimal("0.01"), max_value=MAX_AMOUNT)
    receipt = forms.FileField(
        label=_("Bon (foto of PDF, hoogstens 5 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )
    remove_receipt = forms.BooleanField(label=_("Bon verwijderen"), required=False)

    class Meta:
        model = MoneyEntry
        fields = ["kind", "category", "date", "amount", "description", "activity"]
        widgets = {
            "kind": forms.RadioSelect,
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "description": _("Waar was het voor? Bijvoorbeeld: groente voor de soep. Geen namen."),
        }

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Kind.choices
        self.fields["category"].choices = _category_choices()
        self.fields["activity"].queryset = network.activities.order_by("name", "pk")
        self.fields["activity"].required = False
        self.fields["activity"].empty_label = _("geen bepaalde activiteit")
        self.fields["amount"].error_messages["min_value"] = _(
            "Een bedrag is groter dan 0. Kies bij soort of het een uitgave of inkomsten is."
        )
        self.fields["amount"].error_messages["max_value"] = _(
            "Een bedrag is hoogstens 100.000 euro."
        )
        if not (self.instance.pk and self.instance.receipt):
            del self.fields["remove_receipt"]

    def clean_receipt(self):
        receipt = self.cleaned_data.get("receipt")
        if receipt and receipt.size > MAX_RECEIPT_BYTES:
            raise forms.ValidationError(_("Een bon is hoogstens 5 MB. Maak de foto kleiner."))
        return receipt or None


class BudgetForm(SafeTextForm):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    amount = AmountField(
        label=_("Activiteitenbudget (euro)"),
        min_value=Decimal("0"),
        max_value=MAX_BUDGET,
        help_text=_("Het handboek noemt ongeveer 1.000 euro voor de eerste anderhalf jaar."),
    )


class SettingsForm(SafeTextForm):
    warning_percent = forms.IntegerField(
        label=_("Waarschuwen bij (procent van het beschikbare geld)"),
        min_value=1,
        max_value=100,
        help_text=_("Standaard 80: dan zie je een waarschuwing als 80% van het geld op is."),
    )


class YearForm(SafeTextForm):
    jaar = forms.IntegerField(min_value=2000, max_value=2100, required=False)


class ExportForm(YearForm):
    formaat = forms.ChoiceField(choices=[("xlsx", "XLSX"), ("csv", "CSV")], required=False)
