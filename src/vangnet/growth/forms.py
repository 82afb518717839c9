"""Forms of the worker's growth. They parse input; the services validate and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm, date_field
from vangnet.growth.models import SCORE_LABELS, ResourceKind, Trait
from vangnet.growth.selectors import coach_choices
from vangnet.growth.services import MAX_TEXT
from vangnet.networks.models import Network
from vangnet.practice.forms import IdChoiceField


def _text(label: Any, *, required: bool = False, rows: int = 4, help_text: Any = "") -> Any:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=MAX_TEXT,
        required=required,
        help_text=help_text,
        error_messages={"required": _("Vul dit in.")},
    )


SCORE_CHOICES = [(score, f"{score}: {label}") for score, label in SCORE_LABELS.items()]


class SelfAssessmentForm(SafeTextForm):
    """The date, one choice of 1-5 per point of the profile, and a reflection."""

    date = date_field(_("Datum"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for trait in Trait:
            self.fields[f"score_{trait.value}"] = forms.TypedChoiceField(
                label=trait.label,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies een score."),
                    "invalid_choice": _("Kies een score van 1 tot 5."),
                },
            )
        self.fields["reflection"] = _text(
            _("Waar wil je in groeien?"),
            help_text=_("Bijvoorbeeld: wat wil je oefenen, waar wil je coaching bij?"),
        )

    def score_fields(self) -> list[Any]:
        return [self[f"score_{trait.value}"] for trait in Trait]

    def scores(self) -> dict[str, int]:
        return {trait.value: self.cleaned_data[f"score_{trait.value}"] for trait in Trait}


class CoachingNoteForm(SafeTextForm):
    date = date_field(_("Datum"))
    worker = IdChoiceField(
        label=_("Werker"),
        queryset=coach_choices(organisation=None),
        error_messages={
            "required": _("Kies de werker."),
            "invalid_choice": _("Kies een collega uit de lijst."),
        },
    )
    coach = IdChoiceField(
        label=_("Coach"),
        queryset=coach_choices(organisation=None),
        error_messages={
            "required": _("Kies de coach."),
            "invalid_choice": _("Kies een collega uit de lijst."),
        },
    )
    theme = forms.CharField(
        label=_("Thema"),
        max_length=200,
        error_messages={"required": _("Vul een thema in.")},
        help_text=_("Bijvoorbeeld: sociaal tolken in de groep, afhakers nabellen."),
    )
    trait = forms.ChoiceField(
        label=_("Deel van het profiel (niet verplicht)"),
        choices=[("", "—"), *Trait.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een punt uit het profiel.")},
    )
    network = IdChoiceField(
        label=_("Vangnetwerk (niet verplicht)"),
        queryset=Network.objects.none(),
        required=False,
        error_messages={"invalid_choice": _("Kies een vangnetwerk uit de lijst.")},
    )
    talked_about = _text(
        _("Waar ging het over?"),
        help_text=_("Over je eigen werk en de methode; geen namen van deelnemers."),
    )
    next_step = _text(_("Afgesproken volgende stap"), required=True, rows=3)
    next_step_done = forms.BooleanField(label=_("De volgende stap is gedaan"), required=False)

    def __init__(self, *args: Any, organisation: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = coach_choices(organisation=organisation)
        self.fields["worker"].queryset = people  # type: ignore[attr-defined]
        self.fields["coach"].queryset = people  # type: ignore[attr-defined]
        self.fields["network"].queryset = Network.objects.filter(  # type: ignore[attr-defined]
            organisation=organisation
        ).order_by("name")


class ResourceForm(SafeTextForm):
    title = forms.CharField(
        label=_("Titel"), max_length=200, error_messages={"required": _("Vul een titel in.")}
    )
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=ResourceKind.choices,
        error_messages={"required": _("Kies een soort."), "invalid_choice": _("Kies een soort.")},
    )
    description = _text(_("Waar gaat het over?"))
    link = forms.URLField(
        label=_("Link (niet verplicht)"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("De link opent op de eigen website van de maker."),
        error_messages={"invalid": _("Vul een geldige link in, bijvoorbeeld https://...")},
    )
    file = forms.FileField(
        label=_("Bestand (niet verplicht)"),
        required=False,
        help_text=_("PDF, Word, PowerPoint of video (MP4, WebM), hoogstens 50 MB."),
        error_messages={"invalid": _("Het bestand kon niet worden gelezen.")},
    )
    remove_file = forms.BooleanField(label=_("Bestand weghalen"), required=False)


class SearchForm(SafeTextForm):
    q = forms.CharField(label=_("Zoek"), max_length=100, required=False)
    soort = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("Alle soorten")), *ResourceKind.choices], required=False
    )
