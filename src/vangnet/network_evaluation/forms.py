"""Forms of the network evaluation. They only parse input; the services validate the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import IdMultipleChoiceField, SafeTextForm
from vangnet.network_evaluation.checklist import GROUPS
from vangnet.network_evaluation.indicators import SUBGOALS
from vangnet.network_evaluation.models import SUBGOAL_LETTERS, Judgement, Score
from vangnet.network_evaluation.services import MAX_ANSWER, MAX_EVIDENCE, MAX_NOTE, MAX_OTHERS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class EvaluationForm(SafeTextForm):
    goals_answer = forms.CharField(
        label=_("Zijn de doelen en subdoelen behaald?"),
        required=False,
        max_length=MAX_ANSWER,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    reasons_answer = forms.CharField(
        label=_("Wat maakt dat dit wel of niet is gelukt?"),
        required=False,
        max_length=MAX_ANSWER,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    consolidate_answer = forms.CharField(
        label=_("Wat is er nodig om het vangnetwerk te bestendigen?"),
        required=False,
        max_length=MAX_ANSWER,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    held_on = forms.DateField(
        label=_("Datum van het groepsgesprek"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Leeg laten als er (nog) geen gesprek met de groep was."),
    )
    participants = IdMultipleChoiceField(
        label=_("Deelnemers die meededen aan het gesprek"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    others_count = forms.IntegerField(
        label=_("Aantal anderen die meededen"),
        required=False,
        min_value=0,
        max_value=MAX_OTHERS,
        help_text=_("Bijvoorbeeld de achterwacht of iemand van het buurthuis."),
    )
    others_note = forms.CharField(
        label=_("Wie waren dat?"),
        required=False,
        max_length=200,
        help_text=_("Alleen hun rol, geen namen."),
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, participant_queryset, with_participants: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_participants:
            self.fields["participants"].queryset = participant_queryset
        else:
            # Names are personal data: only (backup) workers choose who took part.
            del self.fields["participants"]


def judgement_field_name(letter: str) -> str:
    return f"judgement_{letter}"


def evidence_field_name(letter: str) -> str:
    return f"evidence_{letter}"


class SubgoalForm(SafeTextForm):
    """One judgement and its evidence per sub-goal a-i."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Nog geen oordeel")), *Judgement.choices]
        for letter in SUBGOAL_LETTERS:
            self.fields[judgement_field_name(letter)] = forms.ChoiceField(
                label=_("Oordeel subdoel %(letter)s") % {"letter": letter},
                choices=choices,
                required=False,
            )
            self.fields[evidence_field_name(letter)] = forms.CharField(
                label=_("Onderbouwing subdoel %(letter)s") % {"letter": letter},
                required=False,
                max_length=MAX_EVIDENCE,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def rows(self):
        for letter in SUBGOAL_LETTERS:
            yield {
                "letter": letter,
                "title": SUBGOALS[letter],
                "judgement": self[judgement_field_name(letter)],
                "evidence": self[evidence_field_name(letter)],
            }

    def judgements(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            letter: (
                data.get(judgement_field_name(letter)) or "",
                data.get(evidence_field_name(letter)) or "",
            )
            for letter in SUBGOAL_LETTERS
        }


def score_field_name(key: str) -> str:
    return f"score_{key}"


def note_field_name(key: str) -> str:
    return f"note_{key}"


class ChecklistForm(SafeTextForm):
    date = forms.DateField(label=_("Datum"), widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Toelichting bij deze keer"),
        required=False,
        max_length=MAX_ANSWER,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for group in GROUPS:
            for item in group.items:
                self.fields[score_field_name(item.key)] = forms.ChoiceField(
                    label=item.text,
                    choices=Score.choices,
                    required=False,
                    widget=forms.RadioSelect,
                )
                self.fields[note_field_name(item.key)] = forms.CharField(
                    label=_("Notitie"),
                    required=False,
                    max_length=MAX_NOTE,
                )

    def groups(self):
        for group in GROUPS:
            yield {
                "group": group,
                "items": [
                    {
                        "item": item,
                        "score": self[score_field_name(item.key)],
                        "note": self[note_field_name(item.key)],
                    }
                    for item in group.items
                ],
            }

    def answers(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            item.key: (
                data.get(score_field_name(item.key)) or "",
                data.get(note_field_name(item.key)) or "",
            )
            for group in GROUPS
            for item in group.items
        }


class PeriodForm(SafeTextForm):
    van = forms.DateField(label=_("Van"), required=False, widget=DATE_WIDGET)
    tot = forms.DateField(label=_("Tot en met"), required=False, widget=DATE_WIDGET)
