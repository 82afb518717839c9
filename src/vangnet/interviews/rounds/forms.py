"""The form of an interview round (validation that needs the database: rounds/services.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm
from vangnet.questionnaires.models import QuestionnaireTemplate


class RoundForm(SafeTextForm):
    name = forms.CharField(
        label=_("Naam van de ronde"),
        max_length=120,
        help_text=_("Bijvoorbeeld: Evaluatie na het eerste jaar (voorjaar 2026)."),
    )
    questionnaire = forms.ModelChoiceField(
        label=_("Vragenlijst"),
        queryset=QuestionnaireTemplate.objects.none(),
        help_text=_("De gesprekken van deze ronde gebruiken de nieuwste versie van deze lijst."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = QuestionnaireTemplate.objects.filter(
            organisation=organisation
        ).order_by("name", "id")
