"""Forms of the community of practice. They parse input; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import IdMultipleChoiceField, SafeTextForm, date_field
from vangnet.practice import selectors
from vangnet.practice.models import Theme
from vangnet.practice.services import MAX_TEXT, MAX_THEME_OTHER, MAX_TITLE

NO_PEOPLE = _(
    "Schrijf over de methode en over je eigen werk, niet over deelnemers: geen namen of "
    "andere persoonsgegevens van deelnemers. Alle collega's kunnen dit lezen."
)


def _text_field(label, *, required=False, help_text="", rows=5, error=""):
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=MAX_TEXT,
        required=required,
        help_text=help_text,
        error_messages={"required": error} if error else {},
    )


def _people_field(label, *, required, error=""):
    messages = {
        "invalid_choice": _("Kies alleen collega's uit de lijst."),
        "invalid_pk_value": _("Kies alleen collega's uit de lijst."),
        "invalid_list": _("Kies alleen collega's uit de lijst."),
    }
    if error:
        messages["required"] = error
    return IdMultipleChoiceField(
        label=label,
        queryset=selectors.colleagues(organisation=None),
        widget=forms.CheckboxSelectMultiple,
        required=required,
        error_messages=messages,
    )


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that refuses ids the database cannot hold (as IdMultipleChoiceField)."""

    def to_python(self, value):
        if value not in self.empty_values:
            text = str(value)
            if not text.isdigit() or len(text) > 18:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
        return super().to_python(value)


class MeetingForm(SafeTextForm):
    date = date_field(_("Datum"))
    theme = forms.ChoiceField(
        label=_("Thema"),
        choices=[("", _("Kies een thema")), *Theme.choices],
        error_messages={
            "required": _("Kies een thema uit de lijst."),
            "invalid_choice": _("Kies een thema uit de lijst."),
        },
    )
    theme_other = forms.CharField(
        label=_("Ander thema"),
        max_length=MAX_THEME_OTHER,
        required=False,
        help_text=_("Alleen invullen als je bij thema 'Anders' kiest."),
    )
    attendees = _people_field(_("Wie waren er?"), required=False)
    notes = _text_field(_("Aantekeningen"), help_text=NO_PEOPLE, rows=6)
    lessons = _text_field(
        _("Geleerde lessen"), help_text=_("Wat neem je mee naar je eigen vangnetwerk?")
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = selectors.colleagues(organisation=organisation)


class LessonForm(SafeTextForm):
    title = forms.CharField(
        label=_("Titel"),
        max_length=MAX_TITLE,
        error_messages={"required": _("Geef de les een titel.")},
    )
    text = _text_field(
        _("De les of het goede voorbeeld"),
        required=True,
        help_text=NO_PEOPLE,
        rows=8,
        error=_("Schrijf de les of het goede voorbeeld op."),
    )
    themes = forms.MultipleChoiceField(
        label=_("Bouwstenen en thema's"),
        choices=Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": _("Kies alleen thema's uit de lijst.")},
    )
    networks = IdMultipleChoiceField(
        label=_("Vangnetwerken (niet verplicht)"),
        queryset=selectors.organisation_networks(organisation=None),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("In welk vangnetwerk kwam je dit tegen?"),
        error_messages={
            "invalid_choice": _("Kies alleen vangnetwerken uit de lijst."),
            "invalid_pk_value": _("Kies alleen vangnetwerken uit de lijst."),
            "invalid_list": _("Kies alleen vangnetwerken uit de lijst."),
        },
    )
    date = date_field(_("Datum"))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["networks"].queryset = selectors.organisation_networks(
            organisation=organisation
        )


class WorkVisitForm(SafeTextForm):
    date = date_field(_("Datum van het bezoek"))
    network = IdChoiceField(
        label=_("Bezocht vangnetwerk"),
        queryset=selectors.organisation_networks(organisation=None),
        empty_label=_("Kies een vangnetwerk"),
        error_messages={
            "required": _("Kies het vangnetwerk dat jullie bezochten."),
            "invalid_choice": _("Kies het vangnetwerk dat jullie bezochten."),
        },
    )
    visitors = _people_field(
        _("Wie gingen er op bezoek?"), required=True, error=_("Kies wie er op bezoek gingen.")
    )
    seen = _text_field(
        _("Wat zagen jullie?"),
        required=True,
        help_text=NO_PEOPLE,
        rows=6,
        error=_("Schrijf op wat jullie zagen."),
    )
    take_home = _text_field(_("Wat nemen jullie mee?"))

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = selectors.organisation_networks(organisation=organisation)
        self.fields["visitors"].queryset = selectors.colleagues(organisation=organisation)


class SearchForm(SafeTextForm):
    q = forms.CharField(label=_("Zoeken"), max_length=100, required=False)
    thema = forms.ChoiceField(
        label=_("Thema"),
        choices=[("", _("Alle thema's")), *Theme.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een thema uit de lijst.")},
    )
