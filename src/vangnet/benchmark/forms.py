from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.benchmark.disclosure import ALL_PHASES
from vangnet.benchmark.selectors import phase_choices, quarter_choices
from vangnet.core.forms import SafeTextForm


class ChooseForm(SafeTextForm):
    """The viewer's choice: a quarter (the running one or the three before) and a phase."""

    kwartaal = forms.ChoiceField(label=_("Kwartaal"))
    fase = forms.ChoiceField(label=_("Fase"))

    def __init__(self, data, *, today: dt.date):
        super().__init__(data)
        quarters = quarter_choices(today)
        self.fields["kwartaal"].choices = quarters  # type: ignore[attr-defined]
        self.fields["fase"].choices = phase_choices()  # type: ignore[attr-defined]
        self.default = (quarters[0][0], ALL_PHASES)

    def chosen(self) -> tuple[int, int, str]:
        """(year, quarter, phase): the valid choice, else the defaults."""
        quarter, phase = self.default
        if self.is_valid():
            quarter, phase = self.cleaned_data["kwartaal"], self.cleaned_data["fase"]
        year, number = quarter.split("-")
        return int(year), int(number), phase


class ParticipationForm(SafeTextForm):
    named = forms.BooleanField(
        label=_("Noem onze organisatie bij naam in de lijst van deelnemers"),
        required=False,
        help_text=_(
            "Ook met naam worden jullie cijfers nooit apart getoond: alleen samen met die "
            "van andere organisaties."
        ),
    )
