"""Forms of the shared library and of meetings across organisations."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import DateInput, IdMultipleChoiceField, SafeTextForm
from vangnet.library.models import Kind, MeetingKind
from vangnet.practice.models import Theme


class SearchForm(SafeTextForm):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alles")), *Kind.choices]
    )
    thema = forms.ChoiceField(
        label=_("Thema"), required=False, choices=[("", _("Alle thema's")), *Theme.choices]
    )


class PublishForm(SafeTextForm):
    kind = forms.ChoiceField(
        label=_("Wat publiceer je?"), choices=Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(label=_("Titel"), max_length=200)
    text = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Wat is het, waarom werkt het en hoe gebruik je het?"),
    )
    themes = forms.MultipleChoiceField(
        label=_("Thema's"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    questionnaire = forms.TypedChoiceField(
        label=_("Vragenlijst (bij een vragenlijst)"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("De huidige versie gaat mee: de vragen, zonder antwoorden."),
    )
    checklist = forms.CharField(
        label=_("Onderdelen (bij een checklistvariant)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Elk onderdeel op een eigen regel; een regel met # ervoor is een kopje."),
    )

    def __init__(self, *args, questionnaires=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].choices = [  # type: ignore[attr-defined]
            ("", _("Kies een vragenlijst")),
            *[(template.pk, template.name) for template in questionnaires],
        ]


class SharedMeetingForm(SafeTextForm):
    kind = forms.ChoiceField(
        label=_("Soort"), choices=MeetingKind.choices, widget=forms.RadioSelect
    )
    date = forms.DateField(label=_("Datum"), widget=DateInput())
    title = forms.CharField(label=_("Titel"), max_length=200)
    place = forms.CharField(label=_("Plaats"), max_length=200)
    description = forms.CharField(
        label=_("Beschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    invite = IdMultipleChoiceField(
        label=_("Nodig deze organisaties uit"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["invite"].queryset = organisations  # type: ignore[attr-defined]
