"""Every text column of every table, classified for the erasure of a participant.

A column is one of three things:

- **scrubbed**: free text in which anyone may write a participant's name; the erasure
  replaces the name there (`privacy.scrub.TARGETS`);
- **erased with the person**: the person's own data, emptied or deleted by
  `privacy.services.person_erase` (their profile, their route explanations, their own maps);
- **not personal** (`NOT_PERSONAL`, with the reason): codes and choices, hashes and keys,
  texts written about the organisation's own staff, names of places or groups chosen by the
  organisation, and data of another data subject with their own erasure (a network-support
  client).

`unclassified_columns()` lists the columns that are none of these; the test
`tests/privacy/test_erasure_every_column.py::test_every_text_column_is_classified` fails on
them, so a new text column must be classified (and, when people can type names in it, added
to the scrub) before it can land.
"""

from __future__ import annotations

from django.apps import apps
from django.db import models

from vangnet.privacy.scrub import TARGETS

TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)

ERASED_WITH_PERSON: frozenset[str] = frozenset(
    {
        # The participant's own profile (the name becomes "Verwijderde deelnemer #<n>").
        "participants.Participant.display_name",
        "participants.Participant.phone",
        "participants.Participant.email",
        "participants.Participant.address",
        "participants.Participant.wishes",
        "participants.Participant.talents",
        "participants.Participant.notes",
        "participants.RouteEvent.reason",
        "networks.AnnouncedAbsence.reason",  # why they stayed away: emptied
        # Their own requests for erasure from Mijn Vangnet: deleted with their account.
        "myspace.ErasureRequest.note",
        "myspace.ErasureRequest.decline_reason",
        # The address they chose for sign-in links: deleted with their account (a client's
        # with the client), never scrubbed for someone else's name (it is only theirs).
        "myspace.SignInEmail.email",
        "participants.FollowUpTask.outcome",
        "privacy.ConsentRecord.scope",
        "support.SupportTie.note",
        # Their own network maps are deleted with everyone and everything on them.
        "support.Alter.phone",
        "support.Alter.email",
        "support.ConsentChange.consent",
        # Their own questionnaire answers: open answers emptied.
        "questionnaires.Answer.text",
    }
)

_CODE = "a code or a choice from a fixed list"
_STAFF = "the organisation's staff (accounts, sign-ins), not participants"
_ORG = "the name of a place or group, chosen by the organisation"
_TEMPLATE = "questionnaire wording written by the organisation, the same for everyone"
_HASH = "a hash, key or token"
_CLIENT = "a network-support client: another data subject with their own erasure"
_SYSTEM = "written by the system, never typed text about people"
_SIGNIN = "the organisation's single sign-on configuration (URLs, ids, encrypted secret)"

NOT_PERSONAL: dict[str, str] = {
    "auth.Permission.name": _SYSTEM,
    "auth.Permission.codename": _SYSTEM,
    "auth.Group.name": _SYSTEM,
    "contenttypes.ContentType.app_label": _SYSTEM,
    "contenttypes.ContentType.model": _SYSTEM,
    "sessions.Session.session_key": _HASH,
    "sessions.Session.session_data": _STAFF,
    "axes.AccessFailureLog.user_agent": _STAFF,
    "axes.AccessFailureLog.username": _STAFF,
    "axes.AccessFailureLog.http_accept": _STAFF,
    "axes.AccessFailureLog.path_info": _STAFF,
    "axes.AccessAttempt.user_agent": _STAFF,
    "axes.AccessAttempt.username": _STAFF,
    "axes.AccessAttempt.http_accept": _STAFF,
    "axes.AccessAttempt.path_info": _STAFF,
    "axes.AccessAttempt.get_data": _STAFF,
    "axes.AccessAttempt.post_data": _STAFF,
    "axes.AccessLog.user_agent": _STAFF,
    "axes.AccessLog.username": _STAFF,
    "axes.AccessLog.http_accept": _STAFF,
    "axes.AccessLog.path_info": _STAFF,
    "axes.AccessLog.session_hash": _HASH,
    "otp_totp.TOTPDevice.name": _STAFF,
    "otp_totp.TOTPDevice.key": _HASH,
    "organisations.Organisation.name": _ORG,
    "organisations.Organisation.absence_reasons": _ORG,
    "organisations.Location.name": _ORG,
    "organisations.Location.address": _ORG,
    "organisations.Location.neighbourhood": _ORG,
    "organisations.User.password": _HASH,
    "organisations.User.username": _STAFF,
    "organisations.User.first_name": _STAFF,
    "organisations.User.last_name": _STAFF,
    "organisations.User.email": _STAFF,
    "organisations.User.role": _CODE,
    "audit.AuditEvent.actor_username": _STAFF,
    "audit.AuditEvent.action": _CODE,
    "audit.AuditEvent.object_type": _CODE,
    "audit.AuditEvent.object_id": _CODE,
    "audit.AuditEvent.detail": "never personal values (audit.services.audit_record)",
    "audit.AuditEvent.path": "URL paths hold ids only, never names",
    "networks.Network.name": _ORG,
    "networks.Network.neighbourhood": _ORG,
    "networks.PhaseTransition.phase": _CODE,
    "participants.ReferralPartner.name": _ORG,
    "participants.ReferralPartner.kind": _CODE,
    "participants.NetworkDataVersion.kind": _CODE,
    "participants.Participant.came_in_via": _CODE,
    "participants.RouteEvent.stage": _CODE,
    "participants.RouteEvent.dropout_reason": _CODE,
    "participants.RouteEvent.referred_to": _CODE,
    "participants.FollowUpTask.status": _CODE,
    "logbook.LogEntry.building_blocks": _CODE,
    "logbook.LogEntry.phase": _CODE,
    "support.SupportTie.support_type": _CODE,
    "support.Client.display_name": _CLIENT,
    "support.Client.setting": _CODE,
    # What a client writes themselves in Mijn Vangnet: deleted with the client.
    "myspace.ClientGoal.text": _CLIENT,
    "myspace.SupportGroupView.answer": _CODE,
    "myspace.SupportGroupView.others": _CLIENT,
    "support.Alter.kind": _CODE,
    "support.Alter.support_types": _CODE,
    "support.Alter.consent": _CODE,
    "support.ContactAction.method": _CODE,
    "support.Family.name": _CLIENT,
    "support.SupportGroupShape.kinds": _CODE,
    "support.AgreementReview.kept": _CODE,
    "privacy.ConsentRecord.kind": _CODE,
    "privacy.ErasureRecord.reason": _CODE,
    "questionnaires.QuestionnaireTemplate.key": _CODE,
    "questionnaires.QuestionnaireTemplate.name": _TEMPLATE,
    "questionnaires.Section.title_nl": _TEMPLATE,
    "questionnaires.Section.title_en": _TEMPLATE,
    "questionnaires.Section.help_nl": _TEMPLATE,
    "questionnaires.Section.help_en": _TEMPLATE,
    "questionnaires.Item.key": _CODE,
    "questionnaires.Item.kind": _CODE,
    "questionnaires.Item.text_nl": _TEMPLATE,
    "questionnaires.Item.text_en": _TEMPLATE,
    "questionnaires.Item.help_nl": _TEMPLATE,
    "questionnaires.Item.help_en": _TEMPLATE,
    "questionnaires.Item.choices": _TEMPLATE,
    "questionnaires.Answer.choice": _CODE,
    "questionnaires.Response.occasion": _CODE,
    "interviews.InterviewRound.name": "the name of an evaluation round chosen by the organisation",
    "interviews.Interview.status": _CODE,
    "interviews.InterviewReport.status": _CODE,
    "interviews.MemberCheckEvent.from_status": _CODE,
    "interviews.MemberCheckEvent.to_status": _CODE,
    "interviews.Theme.name": "a code of the organisation's code list (a topic, not a person)",
    "interviews.Theme.subgoals": _CODE,
    "network_evaluation.NetworkEvaluation.moment": _CODE,
    "network_evaluation.SubgoalJudgement.subgoal": _CODE,
    "network_evaluation.SubgoalJudgement.judgement": _CODE,
    "network_evaluation.ChecklistAnswer.item_key": _CODE,
    "network_evaluation.ChecklistAnswer.score": _CODE,
    "learning.EvaluationPassage.question": _CODE,
    "api.ApiToken.name": _STAFF,
    "api.ApiToken.prefix": _HASH,
    "api.ApiToken.key_hash": _HASH,
    "api.ApiToken.scope": _CODE,
    "api.ApiToken.role": _CODE,
    "exports.ExportJob.kind": _CODE,
    "exports.ExportJob.file_format": _CODE,
    "exports.ExportJob.params": "ids and options of an export, never names",
    "exports.ExportJob.status": _CODE,
    "exports.ExportJob.filename": _SYSTEM,
    "exports.ExportJob.content_type": _CODE,
    "exports.ExportJob.error": _SYSTEM,
    "signin.OrganisationSignIn.authorization_endpoint": _SIGNIN,
    "signin.OrganisationSignIn.client_id": _SIGNIN,
    "signin.OrganisationSignIn.client_secret_encrypted": _SIGNIN,
    "signin.OrganisationSignIn.code": _SIGNIN,
    "signin.OrganisationSignIn.issuer": _SIGNIN,
    "signin.OrganisationSignIn.jwks_uri": _SIGNIN,
    "signin.OrganisationSignIn.match_claim": _SIGNIN,
    "signin.OrganisationSignIn.match_field": _SIGNIN,
    "signin.OrganisationSignIn.token_endpoint": _SIGNIN,
    "signin.OrganisationSignIn.userinfo_endpoint": _SIGNIN,
    "practice.Meeting.theme": _CODE,
    "growth.SelfAssessment.scores": "scores 1-5 of a staff member's self-assessment",
    "growth.CoachingNote.trait": _CODE,
    "planning.OrganisationRates.rules": _HASH,
    "planning.OrganisationRates.rates": "the forecast's rates fitted on a whole organisation",
    "planning.SimulatedForecast.key": _HASH,
    "planning.SimulatedForecast.quantiles": "a network's simulated steady counts per month",
    "benchmark.Snapshot.rows": (
        "per-network figures for the benchmark, already suppressed and binned; no names"
    ),
    "benchmark.HubSender.name": "the name of a sending installation, chosen by the hub's operator",
    "benchmark.HubSender.prefix": _HASH,
    "benchmark.HubSender.key_hash": _HASH,
    "benchmark.ReceivedFigures.organisations": (
        "another installation's binned, suppressed histograms under opaque references; no names"
    ),
    "library.Publication.kind": _CODE,
    "library.Publication.themes": _CODE,
    "library.Publication.credit": _ORG,
    "library.Publication.content": (
        "questionnaire or checklist wording, the same for everyone, checked for personal data "
        "when published (library.personal_data)"
    ),
    "library.Adoption.credit": _ORG,
    "library.Adoption.content": (
        "a copy of published questionnaire or checklist wording (library.personal_data)"
    ),
    "library.Invitation.status": _CODE,
    "library.SharedMeeting.kind": _CODE,
    "library.SharedMeeting.place": _ORG,
    "growth.Resource.kind": _CODE,
    "growth.Resource.link": "a link to a published resource, chosen by the organisation",
    "growth.Resource.file_type": _CODE,
    "practice.Lesson.themes": _CODE,
    # Background tasks: ids as arguments, never names (exports, mails: made when they run).
    "django_tasks_database.DBTaskResult.args_kwargs": "ids of the rows a task works on",
    "django_tasks_database.DBTaskResult.backend_name": _CODE,
    "django_tasks_database.DBTaskResult.exception_class_path": _SYSTEM,
    "django_tasks_database.DBTaskResult.queue_name": _CODE,
    "django_tasks_database.DBTaskResult.return_value": _SYSTEM,
    "django_tasks_database.DBTaskResult.status": _CODE,
    "django_tasks_database.DBTaskResult.task_path": _CODE,
    "django_tasks_database.DBTaskResult.traceback": _SYSTEM,
    "django_tasks_database.DBTaskResult.worker_ids": _SYSTEM,
    "jobs.PeriodicRun.name": _CODE,
    "jobs.PeriodicRun.result": _SYSTEM,
    "jobs.WorkerHeartbeat.hostname": _SYSTEM,
    "jobs.WorkerHeartbeat.worker_id": _SYSTEM,
    # E-mail: no address or body is stored; keys and paths name rows by id.
    "notifications.MailPreferences.off_kinds": _CODE,
    "notifications.MailPreferences.language": _CODE,
    "notifications.SentReminder.kind": _CODE,
    "notifications.SentReminder.key": "kind and ids of the item reminded of",
    "notifications.SentReminder.path": "the link of the reminder: a path with ids",
    "notifications.MailLog.kind": _CODE,
    "notifications.MailLog.status": _CODE,
    "notifications.MailLog.error": "the class of an SMTP error",
    "calendars.CalendarFeed.token_hash": _HASH,
    # Mijn Vangnet: the account is deleted with the person (privacy.services.person_erase).
    "myspace.ParticipantAccount.number": "a random sign-in number, deleted with the person",
    "myspace.ParticipantAccount.secret_hash": _HASH,
    "myspace.ParticipantAccount.secret_kind": _CODE,
    "myspace.ActivationCode.code_hash": _HASH,
    "myspace.EmailLink.token_hash": _HASH,
    "myspace.EmailLink.purpose": _CODE,
    "finance.MoneyEntry.kind": _CODE,
    "neighbourhood.OutputItem.kind": _CODE,
    "volunteers.NetworkHelper.kind": _CODE,
    "volunteers.NetworkHelper.name": (
        "a volunteer, intern or expert by experience of the organisation, not a participant"
    ),
    "finance.MoneyEntry.category": _CODE,
    "finance.MoneyEntry.receipt_type": _CODE,
    # The parties around the networks (docs/stakeholders.md): the contact person is a
    # professional's work name and address, shown only to coordinators, every view audited,
    # removed by emptying the fields (or with the party's organisation).
    "stakeholders.Party.name": _ORG,
    "stakeholders.Party.kind": _CODE,
    "stakeholders.Party.contact_name": (
        "the work name of a partner organisation's professional (not a participant)"
    ),
    "stakeholders.Party.contact_email": (
        "the work address of a partner organisation's professional (not a participant)"
    ),
    "stakeholders.StakeholderMeeting.kind": _CODE,
    "stakeholders.Agreement.status": _CODE,
}


def column_key(model: type[models.Model], field: models.Field) -> str:
    return f"{model._meta.app_label}.{model.__name__}.{field.name}"


def text_columns() -> list[tuple[type[models.Model], models.Field]]:
    """Every text column (char, text, JSON) of every installed model."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, TEXT_FIELDS)
    ]


def scrubbed_columns() -> frozenset[str]:
    return frozenset(f"{t.app}.{t.model}.{t.field}" for t in TARGETS)


def unclassified_columns() -> list[str]:
    known = scrubbed_columns() | ERASED_WITH_PERSON | NOT_PERSONAL.keys()
    return sorted(key for key in (column_key(m, f) for m, f in text_columns()) if key not in known)
