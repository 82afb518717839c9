"""Forms of the process evaluation: they parse input; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm
from vangnet.learning.models import Question
from vangnet.learning.services import FIRST_YEAR, LAST_YEAR, MAX_QUOTE, MAX_RECOMMENDATIONS


class PassageForm(SafeTextForm):
    question = forms.ChoiceField(label=_("Vraag"), choices=Question.choices)
    quote = forms.CharField(
        label=_("Passage"),
        max_length=MAX_QUOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Neem een stuk uit het antwoord over, of het hele antwoord."),
    )
    themes = forms.TypedMultipleChoiceField(
        label=_("Thema's"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, themes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["themes"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = themes


class YearsForm(SafeTextForm):
    van = forms.IntegerField(label=_("Van jaar"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    tot = forms.IntegerField(label=_("Tot en met jaar"), min_value=FIRST_YEAR, max_value=LAST_YEAR)


class SynthesisForm(SafeTextForm):
    year_from = forms.IntegerField(label=_("Van jaar"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    year_to = forms.IntegerField(
        label=_("Tot en met jaar"), min_value=FIRST_YEAR, max_value=LAST_YEAR
    )
    recommendations = forms.CharField(
        label=_("Aanbevelingen"),
        max_length=MAX_RECOMMENDATIONS,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Wat leer je uit de evaluaties van alle vangnetwerken samen? Wat werkt, wat niet, "
            "en wat raad je aan?"
        ),
    )
