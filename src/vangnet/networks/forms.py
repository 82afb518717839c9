"""Forms of the network pages: parse and check input; the services do the real validation
(organisation, roles, phase order) and their errors are put back on the fields."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import DateInput, SafeTextForm
from vangnet.networks import selectors
from vangnet.networks.activities.services import ACTIVITY_MAX_MINUTES, parse_tasks
from vangnet.networks.models import Audience, Phase, Weekday
from vangnet.networks.services import (
    PHASE_MONTHS_MAX,
    PHASE_MONTHS_MIN,
    REASON_MAX_LENGTH,
    TARGET_MAX,
    TARGET_MIN,
)

if TYPE_CHECKING:
    from vangnet.organisations.models import Location, User


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


def _months_field(label, initial: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        initial=initial,
        min_value=PHASE_MONTHS_MIN,
        max_value=PHASE_MONTHS_MAX,
        error_messages={
            "min_value": _("Vul een aantal maanden tussen 1 en 36 in."),
            "max_value": _("Vul een aantal maanden tussen 1 en 36 in."),
        },
    )


class NetworkForm(SafeTextForm):
    name = forms.CharField(label=_("Naam"), max_length=200)
    neighbourhood = forms.CharField(label=_("Wijk"), max_length=120, required=False)
    location: forms.ModelChoiceField[Location] = forms.ModelChoiceField(
        label=_("Locatie"),
        queryset=None,
        required=False,
        empty_label=_("(nog geen locatie)"),
        help_text=_("Het wijkcentrum, buurthuis of dorpshuis waar de groep samenkomt."),
    )
    start_date = forms.DateField(
        label=_("Startdatum"),
        widget=DateInput(),
        help_text=_("De eerste dag van de verkenning."),
    )
    lead_worker: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Sociaal werker"), queryset=None, empty_label=_("(kies een sociaal werker)")
    )
    backup_worker: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Achterwacht"),
        queryset=None,
        required=False,
        empty_label=_("(nog geen achterwacht)"),
        help_text=_("Iemand die de groep kent en het werk kan overnemen."),
    )
    target_core_size = forms.IntegerField(
        label=_("Doel vaste kern"),
        min_value=TARGET_MIN,
        max_value=TARGET_MAX,
        initial=15,
        help_text=_("Hoeveel vaste deelnemers jullie willen. De methode gaat uit van 15."),
        error_messages={
            "min_value": _("Vul een doel tussen 1 en 500 in."),
            "max_value": _("Vul een doel tussen 1 en 500 in."),
        },
    )
    exploration_months = _months_field(_("Verkenning (maanden)"), 3)
    build_up_months = _months_field(_("Opbouw (maanden)"), 9)
    deepening_months = _months_field(_("Verdieping (maanden)"), 6)

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = selectors.location_choices(organisation=organisation)
        self.fields["lead_worker"].queryset = selectors.lead_worker_choices(
            organisation=organisation
        )
        self.fields["backup_worker"].queryset = selectors.backup_worker_choices(
            organisation=organisation
        )

    def clean(self):
        cleaned = super().clean()
        lead, backup = cleaned.get("lead_worker"), cleaned.get("backup_worker")
        if lead is not None and backup is not None and lead.pk == backup.pk:
            self.add_error(
                "backup_worker", _("De achterwacht moet iemand anders zijn dan de sociaal werker.")
            )
        return cleaned

    @staticmethod
    def initial_for(network) -> dict:
        return {
            "name": network.name,
            "neighbourhood": network.neighbourhood,
            "location": network.location_id,
            "start_date": network.start_date,
            "lead_worker": network.lead_worker_id,
            "backup_worker": network.backup_worker_id,
            "target_core_size": network.target_core_size,
            "exploration_months": network.exploration_months,
            "build_up_months": network.build_up_months,
            "deepening_months": network.deepening_months,
        }


TRANSITION_PHASES = [(phase.value, phase.label) for phase in Phase if phase != Phase.EXPLORATION]


class PhaseTransitionForm(SafeTextForm):
    phase = forms.ChoiceField(
        label=_("Nieuwe fase"),
        choices=TRANSITION_PHASES,
        error_messages={"invalid_choice": _("Kies een fase uit de lijst.")},
    )
    date = forms.DateField(label=_("Begonnen op"), widget=DateInput())
    reason = forms.CharField(
        label=_("Waarom nu?"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: er is een vaste groep van 15 mensen die elke week komt."),
    )


TASKS_HELP = _("Waarmee deelnemers kunnen bijdragen. Zet een komma tussen de taken.")


class ActivityForm(SafeTextForm):
    """Add or correct an activity. `date_field` is active_from (new, correct) or from_date
    (change from a date on)."""

    name = forms.CharField(label=_("Naam"), max_length=200)
    audience = forms.ChoiceField(
        label=_("Voor wie"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
        initial=Audience.GROUP,
    )
    weekday = forms.TypedChoiceField(
        label=_("Weekdag"), choices=Weekday.choices, coerce=int, empty_value=None
    )
    start_time = forms.TimeField(label=_("Begintijd"), widget=TimeInput())
    duration_minutes = forms.IntegerField(
        label=_("Duur (minuten)"),
        min_value=1,
        max_value=ACTIVITY_MAX_MINUTES,
        help_text=_("De methode gaat uit van hoogstens 150 minuten (2,5 uur)."),
        error_messages={
            "min_value": _("Vul een duur tussen 1 en 720 minuten in."),
            "max_value": _("Vul een duur tussen 1 en 720 minuten in."),
        },
    )
    tasks = forms.CharField(label=_("Taken"), required=False, max_length=4000, help_text=TASKS_HELP)
    active_from = forms.DateField(label=_("Vanaf"), widget=DateInput())

    def __init__(self, *args, change: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.change = change
        if change:
            del self.fields["active_from"]
            self.fields["from_date"] = forms.DateField(
                label=_("Vanaf welke dag verandert de activiteit?"),
                widget=DateInput(),
                help_text=_("De oude activiteit stopt de dag ervoor. De geschiedenis blijft."),
            )

    def clean_tasks(self):
        return parse_tasks(self.cleaned_data.get("tasks") or "")

    @staticmethod
    def initial_for(activity) -> dict:
        return {
            "name": activity.name,
            "audience": activity.audience,
            "weekday": activity.weekday,
            "start_time": activity.start_time,
            "duration_minutes": activity.duration_minutes,
            "tasks": ", ".join(activity.tasks or []),
            "active_from": activity.active_from,
        }


class ActivityEndForm(SafeTextForm):
    until = forms.DateField(
        label=_("Laatste dag"),
        widget=DateInput(),
        help_text=_("Na deze dag komt de activiteit niet meer in het weekrooster."),
    )
