"""Forms: filling in a questionnaire (ResponseForm) and editing templates."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm
from vangnet.questionnaires.models import (
    SCALE_MAX,
    SCALE_MIN,
    ItemKind,
    QuestionnaireVersion,
    Response,
)
from vangnet.questionnaires.selectors import version_structure
from vangnet.questionnaires.services import field_names
from vangnet.questionnaires.template_services import choices_text

SCORE_ERROR = _("Kies een cijfer van 0 tot 10.")


def _score_field(label: str, help_text: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "-")] + [(str(n), str(n)) for n in range(SCALE_MIN, SCALE_MAX + 1)],
        error_messages={"invalid_choice": SCORE_ERROR},
    )


class ResponseForm(SafeTextForm):
    """One field per item (a post-then-pre item has two: now and one year ago). Every field
    is optional here: part of a questionnaire may be saved; `response_save` checks the
    required items when the questionnaire is completed."""

    def __init__(
        self, *args, version: QuestionnaireVersion, response: Response | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.version = version
        self.structure = version_structure(version=version)
        answers = {}
        if response is not None and response.pk:
            answers = {a.item_id: a for a in response.answers.all()}
        self.grouped: list[dict] = []
        for section in self.structure:
            rows = []
            for item in section.items.all():
                names = field_names(item)
                answer = answers.get(item.pk)
                if item.kind == ItemKind.POST_THEN_PRE:
                    self.fields[names[0]] = _score_field(_("Nu"), "")
                    self.fields[names[1]] = _score_field(_("Een jaar geleden"), "")
                    if answer is not None:
                        self.initial[names[0]] = answer.value_now
                        self.initial[names[1]] = answer.value_then
                elif item.kind == ItemKind.SCALE:
                    self.fields[names[0]] = _score_field(item.text, item.help)
                    if answer is not None:
                        self.initial[names[0]] = answer.value_now
                elif item.kind == ItemKind.CHOICE:
                    self.fields[names[0]] = forms.ChoiceField(
                        label=item.text,
                        help_text=item.help,
                        required=False,
                        widget=forms.RadioSelect,
                        choices=[(c["value"], item.choice_label(c["value"])) for c in item.choices],
                        error_messages={"invalid_choice": _("Kies een van de antwoorden.")},
                    )
                    if answer is not None:
                        self.initial[names[0]] = answer.choice
                else:
                    self.fields[names[0]] = forms.CharField(
                        label=item.text,
                        help_text=item.help,
                        required=False,
                        max_length=5000,
                        widget=forms.Textarea(attrs={"rows": 4}),
                    )
                    if answer is not None:
                        self.initial[names[0]] = answer.text
                rows.append({"item": item, "fields": [self[name] for name in names]})
            self.grouped.append({"section": section, "items": rows})


# --------------------------------------------------------------------------- editing


class TemplateForm(SafeTextForm):
    name = forms.CharField(label=_("Naam"), max_length=120)
    key = forms.SlugField(
        label=_("Sleutel"),
        max_length=60,
        required=False,
        help_text=_("Korte vaste naam zonder spaties. Leeg laten: wordt gemaakt van de naam."),
    )


class SectionForm(SafeTextForm):
    title_nl = forms.CharField(label=_("Titel (Nederlands)"), max_length=200)
    title_en = forms.CharField(label=_("Titel (Engels)"), max_length=200, required=False)
    help_nl = forms.CharField(
        label=_("Uitleg (Nederlands)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    help_en = forms.CharField(
        label=_("Uitleg (Engels)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ItemForm(SafeTextForm):
    key = forms.SlugField(
        label=_("Sleutel"),
        max_length=60,
        help_text=_("Korte vaste naam, gelijk in alle versies. Bijvoorbeeld: meedoen."),
    )
    kind = forms.ChoiceField(label=_("Soort vraag"), choices=ItemKind.choices)
    text_nl = forms.CharField(
        label=_("Vraag (Nederlands)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    text_en = forms.CharField(
        label=_("Vraag (Engels)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    help_nl = forms.CharField(label=_("Uitleg (Nederlands)"), max_length=2000, required=False)
    help_en = forms.CharField(label=_("Uitleg (Engels)"), max_length=2000, required=False)
    choices = forms.CharField(
        label=_("Antwoorden (alleen bij een keuzevraag)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Eén antwoord per regel: waarde | Nederlands | Engels."),
    )
    required = forms.BooleanField(label=_("Verplicht om af te ronden"), required=False)

    @staticmethod
    def initial_for(item) -> dict:
        return {
            "key": item.key,
            "kind": item.kind,
            "text_nl": item.text_nl,
            "text_en": item.text_en,
            "help_nl": item.help_nl,
            "help_en": item.help_en,
            "choices": choices_text(item.choices or []),
            "required": item.required,
        }


class MoveForm(SafeTextForm):
    direction = forms.ChoiceField(
        choices=[("up", _("Omhoog")), ("down", _("Omlaag"))],
        error_messages={
            "invalid_choice": _("Kies omhoog of omlaag."),
            "required": _("Kies omhoog of omlaag."),
        },
    )
