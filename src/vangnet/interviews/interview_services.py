"""Writes for planning and holding evaluation interviews.

Consent rule (docs/interviews.md): an interview may be planned without an active consent for
evaluation interviews (the planner sees a warning: consent is often asked in the week before),
but nothing the participant says is recorded without it: marking the interview held, filling
in the questionnaire and writing the report all need an active consent.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.audit.services import audit_record
from vangnet.interviews import selectors
from vangnet.interviews.models import Interview, InterviewStatus

MAX_PLACE = 200


def ran_the_network(*, network, user) -> bool:
    """Is this user the network's lead or backup worker (someone who ran it)?"""
    return user is not None and user.pk in (network.lead_worker_id, network.backup_worker_id)


def _clean_plan(
    *,
    network,
    participant,
    interviewer,
    planned_at,
    place,
    confirm_own_worker,
    interview_round=None,
):
    errors: dict[str, list[str]] = {}
    if interview_round is not None and interview_round.organisation_id != network.organisation_id:
        errors["interview_round"] = [_("Deze ronde hoort niet bij je organisatie.")]
    if participant is None:
        errors["participant"] = [_("Kies een deelnemer.")]
    elif participant.network_id != network.pk:
        errors["participant"] = [_("Deze deelnemer hoort niet bij dit vangnetwerk.")]
    elif _is_erased(participant):
        errors["participant"] = [_("Deze deelnemer is verwijderd.")]
    if interviewer is None:
        errors["interviewer"] = [_("Kies wie het gesprek voert.")]
    elif (
        interviewer.organisation_id != network.organisation_id
        or not interviewer.is_active
        or interviewer.role not in selectors.interviewer_roles()
    ):
        errors["interviewer"] = [_("Deze persoon kan geen evaluatiegesprekken voeren.")]
    elif ran_the_network(network=network, user=interviewer) and not confirm_own_worker:
        errors["confirm_own_worker"] = [
            _(
                "Deze persoon begeleidt het vangnetwerk. Kies bij voorkeur iemand anders, "
                "of vink aan dat je dit bewust kiest."
            )
        ]
    if planned_at is None:
        errors["planned_at"] = [_("Vul een datum en tijd in.")]
    elif timezone.localtime(planned_at).date() < network.start_date:
        errors["planned_at"] = [_("Deze datum ligt voor de start van het vangnetwerk.")]
    elif planned_at > timezone.now() + dt.timedelta(days=366):
        errors["planned_at"] = [_("Plan hooguit een jaar vooruit.")]
    place = (place or "").strip()
    if not place:
        errors["place"] = [_("Vul een plaats in.")]
    elif len(place) > MAX_PLACE or "\x00" in place:
        errors["place"] = [_("Houd de plaats korter dan %(max)d tekens.") % {"max": MAX_PLACE}]
    if errors:
        raise ValidationError(errors)
    return place


def _is_erased(participant) -> bool:
    from vangnet.privacy.models import ErasureRecord

    return ErasureRecord.objects.filter(participant=participant).exists()


@transaction.atomic
def interview_plan(
    *,
    network,
    participant,
    interviewer,
    planned_at: dt.datetime,
    place: str,
    confirm_own_worker: bool = False,
    interview_round=None,
    by,
    request: HttpRequest | None = None,
) -> Interview:
    """Plan an interview; `interview_round` chooses its questionnaire (none: the
    organisation's default evaluation-interview questionnaire)."""
    place = _clean_plan(
        network=network,
        participant=participant,
        interviewer=interviewer,
        planned_at=planned_at,
        place=place,
        confirm_own_worker=confirm_own_worker,
        interview_round=interview_round,
    )
    interview = Interview.objects.create(
        round=interview_round,
        organisation_id=network.organisation_id,
        network=network,
        participant=participant,
        interviewer=interviewer,
        planned_at=planned_at,
        place=place,
        own_worker_confirmed=ran_the_network(network=network, user=interviewer),
        planned_by=by,
    )
    audit_record(actor=by, action="create", obj=interview, request=request)
    return interview


@transaction.atomic
def interview_update(
    *,
    interview: Interview,
    interviewer,
    planned_at: dt.datetime,
    place: str,
    confirm_own_worker: bool = False,
    interview_round=None,
    by,
    request: HttpRequest | None = None,
) -> Interview:
    """Change a planned interview. Its round can change until the questionnaire is started:
    answers stay with the questionnaire (version) they were given on."""
    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    if locked.status != InterviewStatus.PLANNED:
        raise ValidationError(_("Alleen een gepland gesprek kun je nog wijzigen."))
    place = _clean_plan(
        network=locked.network,
        participant=locked.participant,
        interviewer=interviewer,
        planned_at=planned_at,
        place=place,
        confirm_own_worker=confirm_own_worker,
        interview_round=interview_round,
    )
    if locked.response_id is not None and getattr(interview_round, "pk", None) != locked.round_id:
        raise ValidationError(
            {
                "interview_round": [
                    _("De vragenlijst van dit gesprek is al begonnen: de ronde blijft.")
                ]
            }
        )
    locked.round = interview_round
    locked.interviewer = interviewer
    locked.planned_at = planned_at
    locked.place = place
    locked.own_worker_confirmed = ran_the_network(network=locked.network, user=interviewer)
    locked.save(
        update_fields=[
            "round",
            "interviewer",
            "planned_at",
            "place",
            "own_worker_confirmed",
            "updated_at",
        ]
    )
    audit_record(actor=by, action="update", obj=locked, request=request)
    return locked


@transaction.atomic
def interview_cancel(*, interview: Interview, by, request: HttpRequest | None = None) -> Interview:
    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    if locked.status != InterviewStatus.PLANNED:
        raise ValidationError(_("Alleen een gepland gesprek kun je afzeggen."))
    locked.status = InterviewStatus.CANCELLED
    locked.save(update_fields=["status", "updated_at"])
    audit_record(actor=by, action="update", obj=locked, detail="cancelled", request=request)
    return locked


def require_consent(interview: Interview) -> None:
    if not selectors.has_evaluation_consent(participant=interview.participant):
        raise ValidationError(
            _(
                "De deelnemer heeft (nog) geen toestemming gegeven voor een evaluatiegesprek. "
                "Vraag de sociaal werker om de toestemming vast te leggen."
            )
        )


def require_interviewer(interview: Interview, by) -> None:
    if by is None or interview.interviewer_id != by.pk:
        raise ValidationError(_("Alleen de gespreksleider kan dit doen."))


@transaction.atomic
def interview_mark_held(
    *, interview: Interview, by, request: HttpRequest | None = None
) -> Interview:
    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    require_interviewer(locked, by)
    if locked.status == InterviewStatus.HELD:
        return locked
    if locked.status != InterviewStatus.PLANNED:
        raise ValidationError(_("Een afgezegd gesprek kan niet meer gehouden worden."))
    require_consent(locked)
    if timezone.localtime(locked.planned_at).date() > timezone.localdate():
        raise ValidationError(_("Dit gesprek is pas later gepland."))
    locked.status = InterviewStatus.HELD
    locked.save(update_fields=["status", "updated_at"])
    audit_record(actor=by, action="update", obj=locked, detail="held", request=request)
    return locked


def _questionnaire_version(interview: Interview):
    """The current version of the questionnaire the interview's round chose (or the
    default one)."""
    from vangnet.interviews.rounds.selectors import questionnaire_template_for
    from vangnet.questionnaires import selectors as q_selectors

    return q_selectors.current_version(template=questionnaire_template_for(interview))


@transaction.atomic
def interview_response_ensure(*, interview: Interview, by, request: HttpRequest | None = None):
    """The questionnaire response of this interview, started on first use."""
    from vangnet.questionnaires import services as q_services

    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    require_interviewer(locked, by)
    if locked.response_id is not None:
        return locked.response
    if locked.status == InterviewStatus.CANCELLED:
        raise ValidationError(_("Dit gesprek is afgezegd."))
    require_consent(locked)
    version = _questionnaire_version(locked)
    # response_start writes the audit record (one per write).
    response = q_services.response_start(
        version=version, participant=locked.participant, by=by, request=request
    )
    locked.response = response
    locked.save(update_fields=["response", "updated_at"])
    interview.response = response
    return response


@transaction.atomic
def interview_response_save(
    *,
    interview: Interview,
    cleaned_data: dict,
    complete: bool,
    by,
    request: HttpRequest | None = None,
):
    """Save the questionnaire answers (a draft, or complete); the interview counts as held."""
    from vangnet.questionnaires import services as q_services

    locked = Interview.objects.select_for_update().get(pk=interview.pk)
    require_interviewer(locked, by)
    if locked.status == InterviewStatus.CANCELLED:
        raise ValidationError(_("Dit gesprek is afgezegd."))
    require_consent(locked)
    if locked.response_id is None:
        raise ValidationError(_("Open eerst de vragenlijst."))
    if locked.status == InterviewStatus.PLANNED:
        if timezone.localtime(locked.planned_at).date() > timezone.localdate():
            raise ValidationError(_("Dit gesprek is pas later gepland."))
        locked.status = InterviewStatus.HELD
        locked.save(update_fields=["status", "updated_at"])
    # response_save writes the audit record (one per write).
    return q_services.response_save(
        response=locked.response,
        cleaned_data=cleaned_data,
        by=by,
        complete=complete,
        request=request,
    )


ERASED_TEXT = "[verwijderd]"


@transaction.atomic
def interview_texts_erase(*, participant_id: int) -> int:
    """Remove the free text of an erased participant's interviews (see signals.py).
    Returns the number of interviews touched."""
    from vangnet.interviews.models import CodedPassage, MemberCheckEvent, ReportVersion

    interviews = Interview.objects.filter(participant_id=participant_id)
    ReportVersion.objects.filter(report__interview__in=interviews).update(
        text=ERASED_TEXT, change_note=""
    )
    CodedPassage.objects.filter(version__report__interview__in=interviews).update(quote="")
    MemberCheckEvent.objects.filter(report__interview__in=interviews).update(note="")
    return interviews.update(place=ERASED_TEXT)
