"""The session screen's folded section "Voor de buurt" (prefix `buurt`).

It is part of the session form, so a save that waits offline carries it too. `base` holds
the section's fields as the screen was rendered ([name, value] pairs in page order, the way
the browser posts them): a save whose section equals its base leaves the stored output
alone, so a worker who did not open the section never overwrites another's entry, and the
phone's outbox counts a change in the section (static/js/offline-store.js).
"""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm
from vangnet.neighbourhood.models import OutputKind
from vangnet.neighbourhood.services import (
    DESCRIPTION_MAX_LENGTH,
    MAX_GUESTS,
    MAX_NUMBER,
    Item,
    OutputData,
)

PREFIX = "buurt"
MIN_ROWS = 2
MAX_ROWS = 12  # rows read from a post (more rows than results are refused by the service)
WHOLE = _("Vul een heel getal in, zonder letters.")


def _count_field(label) -> forms.IntegerField:
    """A count; its range is checked in `clean`, with the range in the message."""
    return forms.IntegerField(
        label=label,
        required=False,
        error_messages={"invalid": WHOLE},
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "count-input"}),
    )


def summary_text(data: OutputData) -> str:
    """A short line for the folded section: "12 gasten · 14 speelgoedpakketten"."""
    labels = dict(OutputKind.choices)
    parts = []
    if data.guests:
        parts.append(ngettext("%(n)d gast", "%(n)d gasten", data.guests) % {"n": data.guests})
    parts += [f"{i.number} {i.description or labels.get(i.kind, i.kind)}" for i in data.items]
    return " · ".join(parts)


def _rows_posted(data) -> int:
    indexes = [key.rsplit("_", 1)[1] for key in data if key.startswith(f"{PREFIX}-kind_")]
    found = [int(i) for i in indexes if i.isdigit() and len(i) < 3]
    return min(MAX_ROWS, max(found) + 1) if found else 0


class NeighbourhoodOutputForm(SafeTextForm):
    safe_text_exempt = ("base",)
    base = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)
    guests = _count_field(_("Gasten uit de buurt"))
    partners = forms.TypedMultipleChoiceField(
        label=_("Partners die hielpen"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    other_partners = forms.CharField(
        label=_("Andere partner"),
        required=False,
        max_length=400,
        help_text=_("Naam van een organisatie; meer namen met komma's."),
    )

    def __init__(self, data=None, *, partners, stored: OutputData | None, **kwargs):
        stored = stored or OutputData()
        self.summary = summary_text(stored)
        initial = {
            "guests": stored.guests if stored.guests or not stored.is_empty else None,
            "partners": [str(pk) for pk in stored.partner_ids],
            "other_partners": ", ".join(stored.other_partners),
        }
        self.rows = max(MIN_ROWS, len(stored.items) + 1)
        if data is not None:  # the rows the page had (what is stored may have changed since)
            self.rows = max(MIN_ROWS, _rows_posted(data))
        for index, item in enumerate(stored.items):
            initial.update(
                {
                    f"kind_{index}": item.kind,
                    f"number_{index}": item.number,
                    f"description_{index}": item.description,
                }
            )
        super().__init__(data, prefix=PREFIX, initial=initial, **kwargs)
        self.partner_choices = [(pk, name) for pk, name in partners]
        self.fields["partners"].choices = self.partner_choices  # type: ignore[attr-defined]
        for index in range(self.rows):
            self.fields[f"number_{index}"] = _count_field(_("Aantal"))
            self.fields[f"kind_{index}"] = forms.ChoiceField(
                label=_("Wat"),
                required=False,
                choices=[("", "—"), *OutputKind.choices],
            )
            self.fields[f"description_{index}"] = forms.CharField(
                label=_("Wat precies"),
                required=False,
                max_length=DESCRIPTION_MAX_LENGTH,
                widget=forms.TextInput(attrs={"placeholder": _("bijv. speelgoedpakketten")}),
            )
        if not self.is_bound:
            self.initial["base"] = json.dumps(self.posted_pairs(), ensure_ascii=False)

    # ------------------------------------------------------------------ what was posted

    @property
    def present(self) -> bool:
        """Did the posted form hold this section (an older page or the API does not)?"""
        return self.is_bound and self.add_prefix("base") in self.data

    def item_rows(self) -> list[tuple]:
        return [
            (self[f"number_{i}"], self[f"kind_{i}"], self[f"description_{i}"])
            for i in range(self.rows)
        ]

    def _order(self) -> list[str]:
        """The section's fields in page order (the template's)."""
        names = ["guests"]
        for i in range(self.rows):
            names += [f"number_{i}", f"kind_{i}", f"description_{i}"]
        return [*names, "partners", "other_partners"]

    def posted_pairs(self) -> list[list[str]]:
        """The section as the browser posts it: [name, value] in page order."""
        pairs = []
        for name in self._order():
            bound = self[name]
            if self.is_bound:
                values = self.data.getlist(bound.html_name)  # type: ignore[attr-defined]
            else:
                value = bound.value()
                if name == "partners":
                    chosen = {str(v) for v in value or ()}
                    values = [str(pk) for pk, _n in self.partner_choices if str(pk) in chosen]
                else:
                    values = ["" if value is None else str(value)]
            pairs += [[bound.html_name, str(v)] for v in values]
        return pairs

    @property
    def changed(self) -> bool:
        """The section differs from what the screen was rendered with."""
        try:
            base = json.loads(self.cleaned_data.get("base") or "[]")
        except ValueError:
            return True
        return base != self.posted_pairs()

    def clean(self):
        cleaned = super().clean()
        guests = cleaned.get("guests")
        if guests is not None and not 0 <= guests <= MAX_GUESTS:
            self.add_error(
                "guests",
                gettext("Vul bij gasten een aantal van 0 tot en met %(max)d in.")
                % {"max": MAX_GUESTS},
            )
        for i in range(self.rows):
            number = cleaned.get(f"number_{i}")
            if number is not None and not 0 <= number <= MAX_NUMBER:
                self.add_error(
                    f"number_{i}",
                    gettext("Vul een aantal van 1 tot en met %(max)d in.") % {"max": MAX_NUMBER},
                )
        items = []
        for i in range(self.rows):
            kind = cleaned.get(f"kind_{i}") or ""
            number = cleaned.get(f"number_{i}")
            description = cleaned.get(f"description_{i}") or ""
            if f"number_{i}" in self.errors:
                continue
            if not kind and not number and not description.strip():
                continue
            if not number:
                self.add_error(f"number_{i}", _("Vul in hoeveel het er waren."))
            elif not kind:
                self.add_error(f"kind_{i}", _("Kies wat er gemaakt of uitgedeeld is."))
            else:
                items.append(Item(kind, number, description.strip()))
        names = [" ".join(n.split()) for n in (cleaned.get("other_partners") or "").split(",")]
        cleaned["output"] = OutputData(
            guests=cleaned.get("guests") or 0,
            items=items,
            partner_ids=sorted(set(cleaned.get("partners") or [])),
            other_partners=[n for n in names if n],
        )
        return cleaned

    def error_texts(self) -> list[str]:
        return [str(m) for messages in self.errors.values() for m in messages]


def raise_if_invalid(form: NeighbourhoodOutputForm) -> None:
    if form.present and not form.is_valid():
        raise ValidationError(form.error_texts())


class YearForm(SafeTextForm):
    jaar = forms.IntegerField(
        min_value=2000,
        max_value=2100,
        required=False,
        error_messages={
            "min_value": _("Kies een jaar tussen 2000 en 2100."),
            "max_value": _("Kies een jaar tussen 2000 en 2100."),
            "invalid": _("Kies een jaar tussen 2000 en 2100."),
        },
    )


class ExportForm(YearForm):
    formaat = forms.ChoiceField(
        choices=[("xlsx", "XLSX"), ("csv", "CSV")],
        required=False,
        error_messages={"invalid_choice": _("Kies XLSX of CSV.")},
    )
