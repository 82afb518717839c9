"""Forms of the interviews app. Validation that needs the database lives in the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import SafeTextForm
from vangnet.interviews import selectors
from vangnet.interviews.member_check import ReportStatus
from vangnet.interviews.models import InterviewRound

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class _UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.get_role_display()})"


class _PlanFields(SafeTextForm):
    interviewer = _UserChoiceField(
        label=_("Wie voert het gesprek?"),
        queryset=None,
        help_text=_(
            "Bij voorkeur iemand die het vangnetwerk niet heeft begeleid: een andere "
            "sociaal werker, een beleidsmedewerker of een evaluator."
        ),
    )
    confirm_own_worker = forms.BooleanField(
        label=_("Ik kies bewust iemand die het vangnetwerk begeleidt."), required=False
    )
    planned_at = forms.DateTimeField(
        label=_("Datum en tijd"),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
    )
    place = forms.CharField(
        label=_("Plaats"),
        max_length=200,
        help_text=_("Bijvoorbeeld: het wijkcentrum, of bij de deelnemer thuis."),
    )
    interview_round = forms.ModelChoiceField(
        label=_("Gespreksronde"),
        queryset=None,
        required=False,
        empty_label=_("Geen ronde: de standaardvragenlijst"),
        help_text=_("De ronde bepaalt welke vragenlijst het gesprek gebruikt."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewer"].queryset = selectors.interviewer_candidates(
            organisation=organisation
        )
        self.fields["interview_round"].queryset = InterviewRound.objects.filter(
            organisation=organisation
        ).select_related("questionnaire")
        self.fields["interview_round"].label_from_instance = lambda obj: (
            f"{obj.name} ({obj.questionnaire.name})"
        )


class PlanForm(_PlanFields):
    participant = forms.ModelChoiceField(label=_("Met wie?"), queryset=None)
    field_order = [
        "participant",
        "interviewer",
        "confirm_own_worker",
        "planned_at",
        "place",
        "interview_round",
    ]

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, organisation=network.organisation, **kwargs)
        self.fields["participant"].queryset = network.participants.filter(
            erasure__isnull=True
        ).order_by("display_name", "id")


class EditPlanForm(_PlanFields):
    pass


class ReportForm(SafeTextForm):
    text = forms.CharField(
        label=_("Verslag van het gesprek"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_(
            "Schrijf in gewone woorden wat de deelnemer vertelde. Geen diagnoses of "
            "problemen: wat werkt, wat het meedoen brengt, wat de deelnemer geeft en krijgt."
        ),
    )
    change_note = forms.CharField(
        label=_("Wat is er veranderd?"),
        required=False,
        max_length=500,
        help_text=_("Nodig als de deelnemer om correcties vroeg."),
    )


class MemberCheckForm(SafeTextForm):
    to_status = forms.ChoiceField(
        label=_("Volgende stap"), choices=ReportStatus.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bij correcties: wat wil de deelnemer anders?"),
    )

    def __init__(self, *args, steps: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if steps is not None:
            labels = dict(ReportStatus.choices)
            self.fields["to_status"].choices = [(step, labels[step]) for step in steps]
