"""Forms of the thematic coding: a theme of the organisation's code list and a coded passage."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import IdMultipleChoiceField, SafeTextForm
from vangnet.interviews.themes import selectors


def subgoal_choices() -> list[tuple[str, str]]:
    """The method's sub-goals a-i with their titles (from the network evaluation)."""
    try:
        from vangnet.network_evaluation.indicators import SUBGOALS
    except ImportError:  # pragma: no cover - the network evaluation is optional here
        SUBGOALS = {}
    letters = ("a", "b", "c", "d", "e", "f", "g", "h", "i")
    return [(letter, f"{letter}. {SUBGOALS.get(letter, '')}".strip(" .")) for letter in letters]


class ThemeForm(SafeTextForm):
    name = forms.CharField(label=_("Naam"), max_length=100)
    description = forms.CharField(label=_("Omschrijving"), max_length=500, required=False)
    position = forms.IntegerField(label=_("Volgorde"), min_value=0, max_value=100000)
    active = forms.BooleanField(label=_("In gebruik"), required=False, initial=True)
    subgoals = forms.MultipleChoiceField(
        label=_("Bij welke subdoelen hoort dit thema?"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Het thematisch verslag telt mee bij deze subdoelen van de methode."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subgoals"].choices = subgoal_choices()


class NewThemeForm(ThemeForm):
    position = forms.IntegerField(
        label=_("Volgorde"), min_value=0, max_value=100000, required=False
    )
    active = None


class PassageForm(SafeTextForm):
    quote = forms.CharField(
        label=_("Passage uit het verslag"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_("Selecteer tekst in het verslag hierboven, of kopieer en plak een stuk."),
    )
    start = forms.IntegerField(
        required=False, min_value=0, max_value=10**6, widget=forms.HiddenInput
    )
    themes = IdMultipleChoiceField(
        label=_("Thema's"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = selectors.organisation_themes(
            organisation=organisation, active_only=True
        )
