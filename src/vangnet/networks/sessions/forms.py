"""Forms of the session screen and the session list.

The session screen has one row per participant, so its checkboxes are not fixed form fields:
`SessionRecordForm.clean` reads them from the posted data (`present`, `task-<id>`,
`other-<id>`) together with the state the screen was rendered with (`version`,
`base_present`, `base_contributions`, `base_note`).
"""

from __future__ import annotations

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vangnet.core.forms import IdMultipleChoiceField, SafeTextForm
from vangnet.core.text import UNSAFE_MESSAGE, has_unsafe_characters
from vangnet.networks.models import Activity
from vangnet.networks.sessions.services import (
    CONTRIBUTION_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    AttendanceMarks,
)

BROKEN = _(
    "De gegevens van dit formulier kloppen niet. Laad de bijeenkomst opnieuw en probeer het "
    "nog eens."
)
NO_VERSION = _(
    "Dit formulier mist de versie van de bijeenkomst. Laad de bijeenkomst opnieuw en probeer "
    "het nog eens."
)


def _to_id(value) -> int:
    text = str(value).strip()
    if not text.isdigit() or len(text) > 18:
        raise ValidationError(BROKEN, code="bad_id")
    return int(text)


def encode_ids(ids) -> str:
    return ",".join(str(pid) for pid in sorted(ids))


def encode_contributions(pairs) -> str:
    return json.dumps(sorted([pid, task] for pid, task in pairs), ensure_ascii=False)


# The value of the "afgemeld" choice without a reason (a reason is sent as its text).
NO_REASON = "*"


def _pairs(raw: str) -> set[tuple[int, str]]:
    try:
        return {(_to_id(pid), str(text)) for pid, text in json.loads(raw or "[]")}
    except (ValueError, TypeError) as exc:
        raise ValidationError(BROKEN, code="bad_base") from exc


class SessionRecordForm(SafeTextForm):
    safe_text_exempt = ("base_contributions", "base_absent", "base_note")
    version = forms.CharField(required=False, widget=forms.HiddenInput)
    base_present = forms.CharField(required=False, widget=forms.HiddenInput)
    base_contributions = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)
    base_absent = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)
    base_note = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)
    newcomer = forms.CharField(
        label=_("Nieuw vandaag"),
        required=False,
        max_length=300,
        help_text=_("Voornaam; meer namen met komma's."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words"}),
    )
    note = forms.CharField(
        label=_("Notitie"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        strip=False,
        help_text=_("Geen gevoelige details over mensen."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        data = self.data
        version = (cleaned.get("version") or "").strip()
        if not version.isdigit() or len(version) > 9:
            raise ValidationError(NO_VERSION, code="no_version")
        cleaned["base_version"] = int(version)

        present = {_to_id(value) for value in data.getlist("present")}
        contributions: set[tuple[int, str]] = set()
        absent: set[tuple[int, str]] = set()
        for key in data:
            if key.startswith("absent-"):
                reason = str(data.get(key) or "").strip()
                if reason:
                    pid = _to_id(key.split("-", 1)[1])
                    absent.add((pid, "" if reason == NO_REASON else reason))
            elif key.startswith("task-") or key.startswith("other-"):
                pid = _to_id(key.split("-", 1)[1])
                for text in data.getlist(key):
                    text = " ".join(str(text).split())
                    if text:
                        contributions.add((pid, text))
        # Kept even when a text is too long, so the screen shows the choices again.
        cleaned["marks"] = AttendanceMarks.build(present, contributions, absent)
        texts = [text for _pid, text in contributions | absent]
        if any(has_unsafe_characters(text) for text in texts):
            self.add_error(None, ValidationError(UNSAFE_MESSAGE, code="unsafe_character"))
        if any(len(text) > CONTRIBUTION_MAX_LENGTH for _pid, text in contributions):
            self.add_error(
                None,
                ValidationError(
                    _("Een bijdrage mag hoogstens %(max)d tekens hebben. Maak hem korter."),
                    params={"max": CONTRIBUTION_MAX_LENGTH},
                    code="contribution_too_long",
                ),
            )

        raw_base = (cleaned.get("base_present") or "").strip()
        base_present = {_to_id(value) for value in raw_base.split(",")} if raw_base else set()
        cleaned["base_marks"] = AttendanceMarks.build(
            base_present,
            _pairs(cleaned.get("base_contributions")),
            _pairs(cleaned.get("base_absent")),
        )
        cleaned["newcomers"] = [n for n in (cleaned.get("newcomer") or "").split(",") if n.strip()]
        return cleaned


class OneOffSessionForm(SafeTextForm):
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        help_text=_("Bijvoorbeeld: buurtlunch of speelgoed inpakken voor de buurt."),
    )
    activities = IdMultipleChoiceField(
        label=_("Bij welke activiteiten hoort het?"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Niet verplicht. De taken van deze activiteiten worden keuzes bij bijdragen."),
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = Activity.objects.filter(network=network)


class AbsenceAnnounceForm(SafeTextForm):
    """An absence passed on ahead of the session (a phone call, a message via the group)."""

    participant = forms.TypedChoiceField(label=_("Wie meldt zich af?"), coerce=int)
    session = forms.TypedChoiceField(label=_("Voor welke bijeenkomst?"), coerce=int)
    reason = forms.ChoiceField(label=_("Reden"), required=False)

    def __init__(self, *args, people, sessions, reasons, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].choices = [("", "—")] + [(p.pk, p.display_name) for p in people]
        self.fields["session"].choices = [
            (s.pk, f"{s.date:%d-%m-%Y}" + (f" {s.title}" if s.title else "")) for s in sessions
        ]
        self.fields["reason"].choices = [("", _("geen reden"))] + [(r, r) for r in reasons]
