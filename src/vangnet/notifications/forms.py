from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm


class PasswordResetRequestForm(SafeTextForm):
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul je e-mailadres in."),
            "invalid": _("Dit is geen geldig e-mailadres."),
        },
    )


class PreferencesForm(SafeTextForm):
    on_kinds = forms.MultipleChoiceField(
        label=_("Stuur mij een herinnering als"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    weekly_digest = forms.BooleanField(
        label=_("Liever één overzicht per week (op maandag) dan losse e-mails"), required=False
    )
    language = forms.ChoiceField(label=_("Taal van de e-mails"), choices=settings.LANGUAGES)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on_kinds"].choices = choices


WEEKDAYS = [
    (0, _("maandag")),
    (1, _("dinsdag")),
    (2, _("woensdag")),
    (3, _("donderdag")),
    (4, _("vrijdag")),
    (5, _("zaterdag")),
    (6, _("zondag")),
]


def _days(label, help_text, low: int, high: int) -> forms.IntegerField:
    message = _("Kies een getal van %(low)s tot en met %(high)s.") % {"low": low, "high": high}
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=low,
        max_value=high,
        error_messages={
            "required": _("Vul een aantal dagen in."),
            "invalid": _("Vul een heel getal in."),
            "min_value": message,
            "max_value": message,
        },
    )


class ReminderSettingsForm(SafeTextForm):
    """The organisation's reminder rules (notifications.models.ReminderSettings)."""

    session_weekday = forms.TypedChoiceField(
        label=_("Herinnering als de bijeenkomst van deze week nog niet is ingevuld, vanaf"),
        help_text=_("De sociaal werker krijgt de herinnering vanaf deze dag van de week."),
        choices=WEEKDAYS,
        coerce=int,
        error_messages={"invalid_choice": _("Kies een dag van de week.")},
    )
    followup_days = _days(
        _("Herinnering over een nabeltaak die open staat na (dagen)"),
        _("Voor de sociaal werker en de achterwacht."),
        1,
        365,
    )
    moment_notice_days = _days(
        _("Evaluatiemoment aankondigen (dagen van tevoren)"),
        _("Voor de sociaal werker en de coördinator."),
        1,
        90,
    )
    checklist_days = _days(
        _("Herinnering om de checklist in te vullen na (dagen sinds de vorige)"),
        _("Voor de coördinator."),
        7,
        730,
    )
