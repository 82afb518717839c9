"""Every page of the staff roles (worker, coordinator, evaluator, municipality), from the
URLconf, with the ids it names taken from the demo data.

The walk (tests/browser/test_staff_pages.py: axe-core, sideways scrolling at 320 px, at 200%
zoom and with text at 200%) visits the pages listed here. The list is not written by hand:
it is every URL name of tests/test_authorization.py's ROUTES (which test_every_url_is_listed
keeps equal to the URLconf) that answers GET, for every role the authorization matrix lets
in (`expected_allowed`, with the demo's users in the matrix's roles). A new page is walked
without anyone listing it; what is not walked is named below, each with its reason.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from tests.test_authorization import ROUTES, _pattern_kwargs, expected_allowed
from vangnet.organisations.models import User

# The demo's users, by the label the authorization matrix gives their role (its "only").
ROLES = {
    "lead": "sociaalwerker",
    "coordinator": "coordinator",
    "evaluator": "evaluator",
    "municipality": "gemeente",
}

# Addresses that answer GET with something other than a page (a file, a fragment).
NOT_A_PAGE = {
    "audit:export": "a CSV file",
    "dashboards:report_pdf": "a PDF file",
    "exports:download": "the export file",
    "exports:job_status": "the job's progress fragment, polled by the job page",
    "finance:export": "an XLSX file",
    "finance:receipt": "the receipt's file",
    "growth:resource_file": "the resource's file",
    "learning:synthesis_pdf": "a PDF file",
    "neighbourhood:export": "a CSV file",
    "networks:import_template": "an XLSX template",
    "planning:network_plan_pdf": "a PDF file",
    "privacy:client_export_json": "a JSON file",
    "privacy:export_json": "a JSON file",
    "privacy:export_pdf": "a PDF file",
    "reports:annual_pdf": "a PDF file",
    "reports:municipality_pdf": "a PDF file",
    "networks:session_paper": "a PDF file (the attendance list on paper)",
    "stakeholders:export": "a CSV file",
}
# Pages whose GET sends the browser on to another page, which is walked under its own name.
REDIRECTS = {
    "networks:session_current": "this week's session: networks:session_record",
    "questionnaires:template_detail": "its current version: questionnaires:version_detail",
    "privacy:twofactor_verify": "the set-up page while no second step is set up",
    # Without a device handed over in tablet mode they send the worker home; the tablet
    # pages are walked by tests/browser/test_myspace_pages.py.
    "myspace:tablet_task": "home, without a locked device",
    "myspace:tablet_unlock": "home, without a locked device",
}
# The same, for one role only.
ROLE_REDIRECTS = {("municipality", "home"): "the municipality's home is its report"}


@dataclass(frozen=True)
class Visit:
    name: str
    kwargs: dict[str, object]
    lands_elsewhere: bool  # REDIRECTS: the walk checks that it does, and nothing more


def demo_kwargs(network) -> dict[str, object]:
    """An id for every kind of object a staff URL names, from the demo data: the worker's
    first network and what is in it (a participant with a personal network map, the last
    session before today, their logbook entry, an interview the evaluator holds)."""
    from vangnet.finance.models import MoneyEntry
    from vangnet.growth.models import Resource, SelfAssessment
    from vangnet.interviews.models import Interview, InterviewRound, Theme
    from vangnet.library.models import Publication
    from vangnet.logbook.models import LogEntry
    from vangnet.network_evaluation.models import ChecklistAssessment, NetworkEvaluation
    from vangnet.networks.models import Session
    from vangnet.participants.models import ReferralPartner
    from vangnet.practice.models import Lesson, WorkVisit
    from vangnet.questionnaires.models import Item, QuestionnaireTemplate, Section
    from vangnet.stakeholders.models import Agreement, Party, StakeholderMeeting
    from vangnet.support.models import NetworkMap
    from vangnet.volunteers.models import NetworkHelper

    organisation, worker = network.organisation, network.lead_worker
    mapped = NetworkMap.objects.filter(participant__network=network).order_by("pk").first()
    participant = mapped.participant if mapped else network.participants.order_by("pk").first()
    template = QuestionnaireTemplate.objects.filter(organisation=organisation).first()
    section = Section.objects.filter(version__template=template).order_by("pk").first()
    evaluation = NetworkEvaluation.objects.filter(network=network).order_by("pk").first()
    last_session = (
        Session.objects.filter(network=network, date__lt=timezone.localdate())
        .order_by("-date")
        .first()
    )

    def first(queryset):
        found = queryset.order_by("pk").first()
        return found.pk if found is not None else None

    kwargs: dict[str, object] = {
        "network_id": network.pk,
        "participant_id": participant.pk,
        "session_id": last_session.pk if last_session else None,
        "activity_id": first(network.activities.all()),
        "partner_id": first(ReferralPartner.objects.filter(organisation=organisation)),
        "location_id": network.location_id,
        "user_id": worker.pk,
        "entry_id": first(LogEntry.objects.filter(network=network, author=worker)),
        "interview_id": first(
            Interview.objects.filter(network=network, interviewer__username=ROLES["evaluator"])
        ),
        "round_id": first(InterviewRound.objects.filter(organisation=organisation)),
        "theme_id": first(Theme.objects.filter(organisation=organisation)),
        "evaluation_id": evaluation.pk if evaluation else None,
        "moment": evaluation.moment if evaluation else None,
        "assessment_id": first(ChecklistAssessment.objects.filter(network=network)),
        "self_assessment_id": first(SelfAssessment.objects.filter(worker=worker)),
        "resource_id": first(Resource.objects.filter(author=worker)),
        "questionnaire_id": template.pk if template else None,
        "version_number": section.version.number if section else None,
        "qsection_id": section.pk if section else None,
        "qitem_id": first(Item.objects.filter(section=section)),
        "money_id": first(MoneyEntry.objects.filter(network=network)),
        "lesson_id": first(Lesson.objects.filter(organisation=organisation)),
        "visit_id": first(WorkVisit.objects.filter(organisation=organisation)),
        "party_id": first(Party.objects.filter(organisation=organisation)),
        "party_meeting_id": first(StakeholderMeeting.objects.filter(organisation=organisation)),
        "party_agreement_id": first(Agreement.objects.filter(meeting__organisation=organisation)),
        "helper_id": first(NetworkHelper.objects.filter(network=network)),
        "publication_id": first(Publication.objects.filter(organisation=organisation)),
    }
    return {key: value for key, value in kwargs.items() if value is not None}


def add_what_the_demo_lacks(network, kwargs: dict[str, object]) -> None:
    """What the demo does not have, so that its pages are walked too: a network-support
    client (with a map and a support group), an open follow-up task, a questionnaire the
    worker fills in (the demo's are all interviews), a coaching note and a practice meeting
    the worker wrote (the demo's are the coordinator's: only the author and a coordinator
    change them), an export job and a checklist adopted from another organisation's library
    with a meeting shared with it."""
    from tests.factories import OrganisationFactory
    from vangnet.exports.models import ExportJob, JobStatus
    from vangnet.growth.models import CoachingNote
    from vangnet.library.models import Adoption, Invitation, Kind, Publication, SharedMeeting
    from vangnet.participants.models import FollowUpTask
    from vangnet.practice.models import Meeting
    from vangnet.questionnaires import worker_services
    from vangnet.questionnaires.models import Occasion, QuestionnaireTemplate
    from vangnet.support import group_services, map_services
    from vangnet.support.models import Client

    organisation, worker = network.organisation, network.lead_worker
    participant = network.participants.get(pk=kwargs["participant_id"])
    task = FollowUpTask.objects.create(
        participant=participant,
        network=network,
        created_on=timezone.localdate(),
        missed_sessions=3,
    )
    template = QuestionnaireTemplate.objects.get(pk=kwargs["questionnaire_id"])
    worker_services.worker_template_set(template=template, worker_use=True, by=worker)
    response = worker_services.worker_response_start(
        participant=participant, template=template, occasion=Occasion.INTAKE, by=worker
    )
    note = CoachingNote.objects.filter(organisation=organisation).order_by("pk").first()
    practice_meeting = Meeting.objects.filter(organisation=organisation).order_by("pk").first()
    for written in (note, practice_meeting):
        type(written).objects.filter(pk=written.pk).update(author=worker)
    client = Client.objects.create(
        organisation=organisation,
        display_name="Kees",
        worker=worker,
        backup_worker=network.backup_worker,
    )
    network_map = map_services.map_wave_create(
        client=client, wave_date=dt.date(2025, 3, 1), actor=worker
    )
    map_services.alter_add(
        network_map=network_map, name="Moeder", kind="relative", consent="yes", actor=worker
    )
    group_services.group_member_add(
        client=client, name="Zus", start=dt.date(2025, 3, 1), actor=worker
    )
    group_services.agreement_add(
        client=client, who="Zus", what="Belt op zondag", made_on=dt.date(2025, 3, 1), actor=worker
    )
    now = timezone.now()
    job = ExportJob.objects.create(
        organisation=organisation,
        requested_by=User.objects.get(username=ROLES["coordinator"]),
        kind="routes",
        file_format="csv",
        params={},
        status=JobStatus.DONE,
        progress_done=1,
        progress_total=1,
        file=b"Vangnetwerk\r\n",
        filename="routes-organisatie.csv",
        content_type="text/csv; charset=utf-8",
        size=13,
        finished_at=now,
        expires_at=now + dt.timedelta(hours=24),
    )
    elsewhere = Publication.objects.create(
        organisation=OrganisationFactory(),
        kind=Kind.CHECKLIST,
        title="Checklist eerste bijeenkomst",
        text="Wat je vooraf regelt.",
        content={"groups": [{"title": "Vooraf", "items": ["Sleutel van de ruimte"]}]},
        credit="Welzijn Breda",
    )
    adoption = Adoption.objects.create(
        publication=elsewhere,
        organisation=organisation,
        title=elsewhere.title,
        content=elsewhere.content,
        credit=elsewhere.credit,
    )
    shared_meeting = SharedMeeting.objects.create(
        organisation=organisation,
        kind="meeting",
        date=timezone.localdate() - dt.timedelta(days=7),
        title="Samen leren over vaste dagen",
        place="Buurthuis De Lindeboom",
    )
    Invitation.objects.create(meeting=shared_meeting, organisation=elsewhere.organisation)
    kwargs |= {
        "task_id": task.pk,
        "response_id": response.pk,
        "note_id": note.pk,
        "meeting_id": practice_meeting.pk,
        "client_id": client.pk,
        "job_id": job.pk,
        "adoption_id": adoption.pk,
        "shared_meeting_id": shared_meeting.pk,
    }


def staff_routes() -> dict[str, object]:
    """The URL names that answer GET (the API has its own documentation page)."""
    return {
        name: route
        for name, route in ROUTES.items()
        if "get" in route.methods and not name.startswith("api:")
    }


def pages_of(label: str, network, kwargs: dict[str, object]) -> tuple[list[Visit], list[str]]:
    """The pages of one role (sorted by name) and the names it may open that cannot be
    built from `kwargs` (an id the demo does not have): the walk fails on those."""
    user = User.objects.get(username=ROLES[label])
    participant_id = kwargs["participant_id"]
    world = {
        "network": network,
        "participant": network.participants.get(pk=participant_id),
        "organisation": network.organisation,
    }
    visits, missing = [], []
    for name, route in sorted(staff_routes().items()):
        if name in NOT_A_PAGE:
            continue
        if not expected_allowed(label, user, route, world):
            continue
        needed = _pattern_kwargs(name)
        if any(key not in kwargs for key in needed):
            missing.append(name)
            continue
        elsewhere = name in REDIRECTS or (label, name) in ROLE_REDIRECTS
        visits.append(Visit(name, {key: kwargs[key] for key in needed}, elsewhere))
    return visits, missing
