"""The participant answers their own interview report (member check from their side)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.interviews.factories import plan_interview
from tests.myspace.conftest import activate, sign_in
from vangnet.interviews import services as interview_services
from vangnet.interviews.member_check import ReportStatus
from vangnet.interviews.models import MemberCheckEvent
from vangnet.interviews.report_services import report_answer_by_participant


def _shown_report(participant, text="Anna vertelt dat ze graag tuiniert."):
    interview = plan_interview(network=participant.network, participant=participant)
    interview_services.report_version_write(
        interview=interview, text=text, by=interview.interviewer
    )
    report = interview.report
    interview_services.report_transition(
        report=report, to_status=ReportStatus.SHOWN, by=interview.interviewer
    )
    return interview, report


def test_agree_on_own_phone_shows_on_the_workers_page(client, space):
    anna = space["anna"]
    interview, report = _shown_report(anna)
    sign_in(client, activate(anna, actor=space["worker"]))
    page = client.get(reverse("myspace:reports"))
    assert "graag tuiniert" in page.content.decode()
    response = client.post(reverse("myspace:reports"), {"report": report.pk, "answer": "agree"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.AGREED
    event = MemberCheckEvent.objects.get(to_status=ReportStatus.AGREED)
    assert event.by_participant and event.by is None
    client.force_login(interview.interviewer)
    detail = client.get(reverse("interviews:detail", args=[interview.pk]))
    assert "door deelnemer zelf" in detail.content.decode()


def test_corrections_need_words_and_then_agree_after_correction(client, space):
    anna = space["anna"]
    interview, report = _shown_report(anna)
    sign_in(client, activate(anna, actor=space["worker"]))
    empty = client.post(reverse("myspace:reports"), {"report": report.pk, "answer": "corrections"})
    assert empty.status_code == 400
    report.refresh_from_db()
    assert report.status == ReportStatus.SHOWN
    client.post(
        reverse("myspace:reports"),
        {"report": report.pk, "answer": "corrections", "note": "Ik tuinier samen met Kees."},
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.CORRECTIONS
    interview_services.report_version_write(
        interview=interview,
        text="Anna tuiniert met Kees.",
        change_note="Kees erbij",
        by=interview.interviewer,
    )
    interview_services.report_transition(
        report=report, to_status=ReportStatus.SHOWN, by=interview.interviewer
    )
    client.post(reverse("myspace:reports"), {"report": report.pk, "answer": "agree"})
    report.refresh_from_db()
    assert report.status == ReportStatus.CORRECTED_AGREED


def test_no_answer_to_a_draft_or_anothers_report(client, space):
    anna, bert = space["anna"], space["bert"]
    _interview, bert_report = _shown_report(bert, text="Bertus schaakt.")
    draft = plan_interview(network=anna.network, participant=anna)
    interview_services.report_version_write(
        interview=draft, text="Concepttekst", by=draft.interviewer
    )
    sign_in(client, activate(anna, actor=space["worker"]))
    html = client.get(reverse("myspace:reports")).content.decode()
    assert "Concepttekst" not in html and "schaakt" not in html
    response = client.post(
        reverse("myspace:reports"), {"report": bert_report.pk, "answer": "agree"}
    )
    assert response.status_code == 404
    bert_report.refresh_from_db()
    assert bert_report.status == ReportStatus.SHOWN
    with pytest.raises(ValidationError):
        report_answer_by_participant(report=draft.report, participant=anna, answer="agree")


def test_answer_in_tablet_mode(client, space):
    anna, worker = space["anna"], space["worker"]
    _interview, report = _shown_report(anna)
    from vangnet.myspace import services

    services.space_switch_set(
        organisation=anna.organisation, network=anna.network, on=True, actor=worker
    )
    client.force_login(worker)
    client.post(
        reverse("myspace:tablet_start", args=[anna.pk]),
        {"task": "verslag", "pin": "73915", "repeat": "73915"},
    )
    assert "graag tuiniert" in client.get(reverse("myspace:tablet_task")).content.decode()
    client.post(reverse("myspace:tablet_task"), {"report": report.pk, "answer": "decline"})
    report.refresh_from_db()
    assert report.status == ReportStatus.DECLINED
    event = MemberCheckEvent.objects.get(to_status=ReportStatus.DECLINED)
    assert event.by_participant and event.by == worker
