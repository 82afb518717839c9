"""Forms of the "Steungroep en samenwerking" page of a network-support client. Choices that
name people (the map, the family, volunteers, coaches) are set per page from what the user
may see."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm
from vangnet.support.map_forms import DATE
from vangnet.support.models import GroupKind, Kept


def _choices(form: forms.Form, name: str, items, *, empty: str | None = None) -> None:
    choices = [(pk, label) for pk, label in items]
    field = cast(forms.ChoiceField, form.fields[name])
    field.choices = [("", empty), *choices] if empty is not None else choices


class _Dated(SafeTextForm):
    date_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            for name in self.date_fields:
                self.initial.setdefault(name, timezone.localdate())


class FamilyForm(SafeTextForm):
    name = forms.CharField(
        label=_("Naam van het gezin"),
        max_length=80,
        required=False,
        help_text=_("Bijvoorbeeld 'Gezin Yilmaz'. Leeg laten: niet meer bij een gezin."),
    )


class ShapeForm(_Dated):
    date_fields = ("since",)
    kinds = forms.MultipleChoiceField(
        label=_("Welke vorm heeft de steungroep?"),
        choices=GroupKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    since = forms.DateField(label=_("Sinds"), widget=DATE)


class MemberForm(_Dated):
    date_fields = ("start",)
    alter = forms.TypedChoiceField(
        label=_("Iemand van de netwerkkaart"), coerce=int, required=False, empty_value=None
    )
    name = forms.CharField(
        label=_("Of: naam of rol"),
        max_length=80,
        required=False,
        help_text=_("Als de persoon niet op de kaart staat."),
    )
    start = forms.DateField(label=_("Vanaf"), widget=DATE)

    def __init__(self, *args, alters=(), **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "alter", [(a.pk, a.name) for a in alters], empty=_("Niemand gekozen"))

    def clean(self):
        data = super().clean()
        if not data.get("alter") and not data.get("name") and not self.errors:
            raise forms.ValidationError(_("Kies iemand van de kaart of vul een naam in."))
        return data


class EndForm(_Dated):
    """End a membership, a volunteer's support or an agreement (the item by id)."""

    date_fields = ("end",)
    item = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**62)
    end = forms.DateField(label=_("Tot en met"), widget=DATE)


class SupporterForm(_Dated):
    date_fields = ("start",)
    helper = forms.TypedChoiceField(
        label=_("Vrijwilliger bij een vangnetwerk"), coerce=int, required=False, empty_value=None
    )
    name = forms.CharField(label=_("Of: naam vrijwilliger"), max_length=80, required=False)
    coach = forms.TypedChoiceField(label=_("Coach (professional)"), coerce=int)
    start = forms.DateField(label=_("Vanaf"), widget=DATE)

    def __init__(self, *args, helpers=(), coaches=(), **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "helper", [(h.pk, h.name) for h in helpers], empty=_("Niemand gekozen"))
        _choices(self, "coach", [(u.pk, u.get_full_name() or u.username) for u in coaches])

    def clean(self):
        data = super().clean()
        if not data.get("helper") and not data.get("name") and not self.errors:
            raise forms.ValidationError(_("Kies een vrijwilliger of vul een naam in."))
        return data


class CoachingForm(_Dated):
    date_fields = ("date",)
    item = forms.TypedChoiceField(label=_("Vrijwilliger"), coerce=int)
    date = forms.DateField(label=_("Datum"), widget=DATE)
    theme = forms.CharField(label=_("Onderwerp"), max_length=120)
    next_step = forms.CharField(label=_("Volgende stap"), max_length=200, required=False)

    def __init__(self, *args, supporters=(), **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "item", [(s.pk, s.name) for s in supporters])


class AgreementForm(_Dated):
    date_fields = ("made_on",)
    who = forms.CharField(label=_("Met wie"), max_length=80)
    what = forms.CharField(label=_("Wat is afgesproken?"), max_length=200)
    made_on = forms.DateField(label=_("Afgesproken op"), widget=DATE)


class ReviewForm(_Dated):
    date_fields = ("date",)
    item = forms.TypedChoiceField(label=_("Afspraak"), coerce=int)
    date = forms.DateField(label=_("Datum"), widget=DATE)
    kept = forms.ChoiceField(label=_("Nagekomen?"), choices=Kept.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("Korte notitie"), max_length=200, required=False)

    def __init__(self, *args, agreements=(), **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "item", [(a.pk, f"{a.who}: {a.what}") for a in agreements])
