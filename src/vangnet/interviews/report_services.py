"""Writes for the interview report (gespreksverslag) and its member check.

Every version of the text is kept; every step of the member check is an event (who, from,
to, when, note). The legal steps are in vangnet.interviews.member_check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.interviews.interview_services import require_consent, require_interviewer
from vangnet.interviews.member_check import WRITABLE_STATUSES, ReportStatus, transition_error
from vangnet.interviews.models import (
    Interview,
    InterviewReport,
    InterviewStatus,
    MemberCheckEvent,
    ReportVersion,
)

if TYPE_CHECKING:
    from vangnet.organisations.models import User
    from vangnet.participants.models import Participant

MAX_TEXT = 20000
MAX_NOTE = 500


def _clean_text(text: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf het verslag.")})
    if len(text) > MAX_TEXT or "\x00" in text:
        raise ValidationError(
            {"text": _("Houd het verslag korter dan %(max)d tekens.") % {"max": MAX_TEXT}}
        )
    return text


def _clean_note(note: str, field: str) -> str:
    note = (note or "").strip()
    if len(note) > MAX_NOTE or "\x00" in note:
        raise ValidationError({field: _("Houd dit korter dan %(max)d tekens.") % {"max": MAX_NOTE}})
    return note


@transaction.atomic
def report_version_write(
    *,
    interview: Interview,
    text: str,
    change_note: str = "",
    by: User,
    request: HttpRequest | None = None,
) -> ReportVersion:
    """Write a new version of the report (the first one creates the report as a draft).

    Only the interviewer writes; only while the report is a draft or corrections were asked
    for; after a correction request the note of what changed is required.
    """
    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    require_interviewer(locked, by)
    if locked.status == InterviewStatus.CANCELLED:
        raise ValidationError(_("Dit gesprek is afgezegd."))
    require_consent(locked)
    if timezone.localtime(locked.planned_at).date() > timezone.localdate():
        raise ValidationError(_("Dit gesprek is pas later gepland."))
    text = _clean_text(text)
    change_note = _clean_note(change_note, "change_note")
    report, _created = InterviewReport.objects.select_for_update().get_or_create(interview=locked)
    if report.status not in WRITABLE_STATUSES:
        raise ValidationError(
            _("Het verslag is %(status)s: je kunt nu geen nieuwe versie schrijven.")
            % {"status": str(ReportStatus(report.status).label).lower()}
        )
    last = report.versions.order_by("-number").first()
    if report.status == ReportStatus.CORRECTIONS:
        if not change_note:
            raise ValidationError({"change_note": _("Schrijf kort wat je hebt veranderd.")})
    if last is not None and last.text == text:
        raise ValidationError({"text": _("De tekst is niet veranderd.")})
    if locked.status == InterviewStatus.PLANNED:
        locked.status = InterviewStatus.HELD
        locked.save(update_fields=["status", "updated_at"])
    version = ReportVersion.objects.create(
        report=report,
        number=(last.number + 1) if last else 1,
        text=text,
        change_note=change_note,
        author=by,
    )
    report.save(update_fields=["updated_at"])
    audit_record(actor=by, action="create", obj=version, request=request)
    return version


def _new_version_since_request(report: InterviewReport) -> bool:
    last_request = report.events.filter(to_status=ReportStatus.CORRECTIONS).order_by("-id").first()
    if last_request is None:
        return True
    last = report.versions.order_by("-number").first()
    return last is not None and (
        last_request.version_id is None or last.pk != last_request.version_id
    )


@transaction.atomic
def report_transition(
    *,
    report: InterviewReport,
    to_status: str,
    note: str = "",
    by: User,
    request: HttpRequest | None = None,
) -> InterviewReport:
    """Move the member check one legal step; refuse anything else with a Dutch message."""
    locked = (
        InterviewReport.objects.select_for_update().select_related("interview").get(pk=report.pk)
    )
    require_interviewer(locked.interview, by)
    note = _clean_note(note, "note")
    corrected = locked.events.filter(to_status=ReportStatus.CORRECTIONS).exists()
    error = transition_error(
        current=locked.status,
        target=to_status,
        was_corrected=corrected,
        new_version_since_request=_new_version_since_request(locked),
    )
    if error:
        raise ValidationError(error)
    version = locked.versions.order_by("-number").first()
    if version is None:
        raise ValidationError(_("Schrijf eerst het verslag."))
    if to_status == ReportStatus.CORRECTIONS and not note:
        raise ValidationError({"note": _("Schrijf op wat de deelnemer anders wil.")})
    _step_record(locked, version=version, to_status=to_status, note=note, by=by, request=request)
    report.status = to_status
    return locked


def _step_record(
    locked: InterviewReport,
    *,
    version: ReportVersion,
    to_status: str,
    note: str,
    by: User | None,
    request: HttpRequest | None,
    by_participant: bool = False,
) -> None:
    MemberCheckEvent.objects.create(
        report=locked,
        from_status=locked.status,
        to_status=to_status,
        version=version,
        by=by,
        note=note,
        by_participant=by_participant,
    )
    locked.status = to_status
    locked.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=by,
        action="update",
        obj=locked,
        detail=f"member_check:{to_status}" + (" door deelnemer zelf" if by_participant else ""),
        request=request,
        organisation=locked.interview.organisation,
    )


PARTICIPANT_ANSWERS = ("agree", "corrections", "decline")


@transaction.atomic
def report_answer_by_participant(
    *,
    report: InterviewReport,
    participant: Participant,
    answer: str,
    note: str = "",
    device_user: User | None = None,
    request: HttpRequest | None = None,
) -> InterviewReport:
    """The participant's own answer to the report shown to them (Mijn Vangnet): agree, ask
    for corrections (with what should change) or not agree. `device_user` is the worker
    whose device it is in tablet mode (None on the participant's own phone)."""
    locked = (
        InterviewReport.objects.select_for_update(of=("self",))
        .select_related("interview__organisation")
        .get(pk=report.pk)
    )
    if locked.interview.participant_id != participant.pk:
        raise ValidationError(_("Dit verslag is niet van jou."))
    if answer not in PARTICIPANT_ANSWERS:
        raise ValidationError(_("Kies een antwoord."))
    if locked.status != ReportStatus.SHOWN:
        raise ValidationError(_("Je kunt dit verslag nu niet beoordelen."))
    note = _clean_note(note, "note")
    corrected = locked.events.filter(to_status=ReportStatus.CORRECTIONS).exists()
    if answer == "agree":
        to_status = ReportStatus.CORRECTED_AGREED if corrected else ReportStatus.AGREED
    elif answer == "corrections":
        if not note:
            raise ValidationError({"note": _("Schrijf op wat er anders moet.")})
        to_status = ReportStatus.CORRECTIONS
    else:
        to_status = ReportStatus.DECLINED
    version = locked.versions.order_by("-number").first()
    if version is None:  # pragma: no cover - a shown report always has a version
        raise ValidationError(_("Schrijf eerst het verslag."))
    _step_record(
        locked,
        version=version,
        to_status=to_status,
        note=note,
        by=device_user,
        request=request,
        by_participant=True,
    )
    return locked
