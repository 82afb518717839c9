"""The pages: who sees what (404 outside the scope), forms, warnings, and content."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.factories import NetworkFactory, ParticipantFactory, UserFactory
from tests.interviews.factories import agreed_interview, plan_interview
from vangnet.audit.models import AuditEvent
from vangnet.interviews import selectors, services
from vangnet.interviews.member_check import ReportStatus
from vangnet.interviews.models import Interview

pytestmark = pytest.mark.django_db

INTERVIEWER_PAGES = ["interviews:detail", "interviews:print", "interviews:report_write"]


def test_evaluator_sees_only_assigned_interviews(client):
    network = NetworkFactory()
    mine = plan_interview(network=network)
    evaluator = mine.interviewer
    colleague = UserFactory(organisation=network.organisation, evaluator=True)
    theirs = plan_interview(network=network, interviewer=colleague)
    client.force_login(evaluator)
    page = client.get(reverse("interviews:mine"))
    assert page.status_code == 200
    assert mine.participant.display_name in page.content.decode()
    assert theirs.participant.display_name not in page.content.decode()
    for name in INTERVIEWER_PAGES:
        assert client.get(reverse(name, args=[mine.pk])).status_code == 200
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404
    # no other access to the network
    assert client.get(reverse("networks:detail", args=[network.pk])).status_code in (403, 404)
    assert client.get(reverse("interviews:network", args=[network.pk])).status_code in (403, 404)
    assert client.get(reverse("interviews:code", args=[theirs.pk])).status_code == 404


def test_worker_of_another_network_gets_404(client):
    network = NetworkFactory()
    interview = plan_interview(network=network)
    other = NetworkFactory(organisation=network.organisation)
    client.force_login(other.lead_worker)
    for name in ["interviews:network", "interviews:plan", "interviews:network_theme_report"]:
        assert client.get(reverse(name, args=[network.pk])).status_code == 404
    for name in ["interviews:edit", *INTERVIEWER_PAGES]:
        assert client.get(reverse(name, args=[interview.pk])).status_code == 404
    assert client.post(reverse("interviews:cancel", args=[interview.pk])).status_code == 404
    interview.refresh_from_db()
    assert interview.status == "planned"


def test_plan_form_warns_and_requires_confirmation_for_the_own_worker(client):
    network = NetworkFactory()
    participant = ParticipantFactory(network=network, display_name="Fatima")
    client.force_login(network.lead_worker)
    url = reverse("interviews:plan", args=[network.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Let op: de sociaal werker en de achterwacht" in page.content.decode()
    when = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    data = {
        "participant": participant.pk,
        "interviewer": network.backup_worker.pk,
        "planned_at": when,
        "place": "Wijkcentrum",
    }
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "vink aan dat je dit bewust kiest" in refused.content.decode()
    assert not Interview.objects.exists()
    done = client.post(url, {**data, "confirm_own_worker": "on"}, follow=True)
    assert done.status_code == 200
    text = done.content.decode()
    assert "Het evaluatiegesprek is gepland." in text
    assert "nog geen toestemming" in text  # consent warning, planning not blocked
    assert Interview.objects.get().interviewer == network.backup_worker


def test_backup_worker_and_evaluator_cannot_plan(client):
    network = NetworkFactory()
    client.force_login(network.backup_worker)
    assert client.get(reverse("interviews:plan", args=[network.pk])).status_code == 403
    evaluator = UserFactory(organisation=network.organisation, evaluator=True)
    client.force_login(evaluator)
    assert client.get(reverse("interviews:plan", args=[network.pk])).status_code == 404


def test_member_check_through_the_pages(client):
    interview = plan_interview(network=NetworkFactory())
    client.force_login(interview.interviewer)
    url = reverse("interviews:report_write", args=[interview.pk])
    assert client.post(url, {"text": "We praatten over de lunch."}).status_code == 302
    detail = reverse("interviews:detail", args=[interview.pk])
    check = reverse("interviews:member_check", args=[interview.pk])
    page = client.get(detail).content.decode()
    assert "Voorgelegd aan deelnemer" in page
    bad = client.post(check, {"to_status": ReportStatus.AGREED})
    assert bad.status_code == 400  # not offered from draft
    assert client.post(check, {"to_status": ReportStatus.SHOWN}).status_code == 302
    assert client.post(check, {"to_status": ReportStatus.AGREED}).status_code == 302
    interview.report.refresh_from_db()
    assert interview.report.status == ReportStatus.AGREED
    page = client.get(detail).content.decode()
    assert "Geschiedenis" in page and "Akkoord" in page


def test_participant_sheet_is_plain_dutch(client):
    interview = agreed_interview(network=NetworkFactory())
    client.force_login(interview.interviewer)
    before = AuditEvent.objects.count()
    page = client.get(reverse("interviews:print", args=[interview.pk]))
    text = page.content.decode()
    assert "Dit is wat we hebben opgeschreven. Klopt het?" in text
    assert "Ja, het klopt." in text and "Anne vertelt" in text
    assert AuditEvent.objects.count() == before + 1


def test_questionnaire_page_saves_a_draft(client):
    interview = plan_interview(network=NetworkFactory())
    client.force_login(interview.interviewer)
    url = reverse("interviews:questionnaire", args=[interview.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"tussendoor": "1"}).status_code == 302
    interview.refresh_from_db()
    assert interview.status == "held" and interview.response_id


def test_questionnaire_without_consent_redirects_with_message(client):
    interview = plan_interview(network=NetworkFactory(), consent=False)
    client.force_login(interview.interviewer)
    page = client.get(reverse("interviews:questionnaire", args=[interview.pk]), follow=True)
    assert "toestemming" in page.content.decode()
    interview.refresh_from_db()
    assert interview.response_id is None


def test_coding_and_thematic_report_pages(client):
    network = NetworkFactory()
    interview = agreed_interview(
        network=network, participant=ParticipantFactory(network=network, display_name="Anne")
    )
    coordinator = UserFactory(organisation=network.organisation, coordinator=True)
    client.force_login(coordinator)
    url = reverse("interviews:code", args=[interview.pk])
    page = client.get(url)
    assert page.status_code == 200
    theme = selectors.organisation_themes(organisation=network.organisation).get(
        name="Zich uitgenodigd voelen"
    )
    response = client.post(
        url, {"quote": "Anne vertelt dat ze zich welkom voelde", "themes": [theme.pk]}
    )
    assert response.status_code == 302
    report = client.get(reverse("interviews:network_theme_report", args=[network.pk]))
    text = report.content.decode()
    assert "[deelnemer] vertelt dat ze zich welkom voelde" in text
    assert "Anne vertelt" not in text
    assert "<svg" in text
    client.force_login(network.lead_worker)
    assert "[deelnemer] vertelt" in client.get(reverse("interviews:theme_report")).content.decode()
    client.force_login(NetworkFactory(organisation=network.organisation).lead_worker)
    assert (
        "[deelnemer] vertelt" not in client.get(reverse("interviews:theme_report")).content.decode()
    )


def test_network_section_tag():
    network = NetworkFactory()
    agreed_interview(network=network)
    request = RequestFactory().get("/")
    request.user = network.lead_worker
    html = Template("{% load interviews_tags %}{% interviews_network_section network %}").render(
        Context({"request": request, "network": network})
    )
    assert "1 verslag met akkoord" in html
    assert reverse("interviews:network", args=[network.pk]) in html
    request.user = network.backup_worker
    html = Template("{% load interviews_tags %}{% interviews_network_section network %}").render(
        Context({"request": request, "network": network})
    )
    assert f'href="{reverse("interviews:network", args=[network.pk])}"' not in html
    assert "Thematisch verslag" in html


def test_themes_page_seeds_the_code_list(client):
    network = NetworkFactory()
    coordinator = UserFactory(organisation=network.organisation, coordinator=True)
    client.force_login(coordinator)
    page = client.get(reverse("interviews:themes"))
    assert "Wederkerigheid" in page.content.decode()
    response = client.post(reverse("interviews:themes"), {"name": "Humor", "description": ""})
    assert response.status_code == 302
    assert (
        selectors.organisation_themes(organisation=network.organisation)
        .filter(name="Humor")
        .exists()
    )
    assert services.themes_ensure_defaults(organisation=network.organisation) == 0


def test_theme_edit_page_saves_subgoals(client):
    network = NetworkFactory()
    coordinator = UserFactory(organisation=network.organisation, coordinator=True)
    services.themes_ensure_defaults(organisation=network.organisation)
    theme = selectors.organisation_themes(organisation=network.organisation).first()
    client.force_login(coordinator)
    url = reverse("interviews:theme_edit", args=[theme.pk])
    page = client.get(url).content.decode()
    assert "Bij welke subdoelen hoort dit thema?" in page
    response = client.post(
        url, {"name": theme.name, "description": "", "position": 3, "subgoals": ["a", "f"]}
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.subgoals, theme.active, theme.position) == ("a,f", False, 3)
    other = UserFactory(coordinator=True)
    client.force_login(other)
    assert client.get(url).status_code == 404


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_lists_make_a_bounded_number_of_queries(client):
    network = NetworkFactory()
    evaluator = UserFactory(organisation=network.organisation, evaluator=True)
    agreed_interview(network=network, interviewer=evaluator)
    plan_interview(network=network, interviewer=evaluator)
    client.force_login(evaluator)
    mine_few = _queries(client, reverse("interviews:mine"))
    coding_few = _queries(client, reverse("interviews:coding_list"))
    client.force_login(network.lead_worker)
    network_few = _queries(client, reverse("interviews:network", args=[network.pk]))
    report_few = _queries(client, reverse("interviews:network_theme_report", args=[network.pk]))
    for _ in range(4):
        agreed_interview(network=network, interviewer=evaluator)
        plan_interview(network=network, interviewer=evaluator)
    assert _queries(client, reverse("interviews:network", args=[network.pk])) == network_few
    assert (
        _queries(client, reverse("interviews:network_theme_report", args=[network.pk]))
        == report_few
    )
    client.force_login(evaluator)
    assert _queries(client, reverse("interviews:mine")) == mine_few
    assert _queries(client, reverse("interviews:coding_list")) == coding_few


def test_lists_mark_a_report_answered_by_the_participant_themselves(client):
    from vangnet.interviews.report_services import report_answer_by_participant

    network = NetworkFactory()
    evaluator = UserFactory(organisation=network.organisation, evaluator=True)
    by_self = plan_interview(network=network, interviewer=evaluator)
    by_worker = plan_interview(network=network, interviewer=evaluator)
    client.force_login(evaluator)
    for interview in (by_self, by_worker):
        client.post(reverse("interviews:report_write", args=[interview.pk]), {"text": "Fijn."})
        check = reverse("interviews:member_check", args=[interview.pk])
        assert client.post(check, {"to_status": ReportStatus.SHOWN}).status_code == 302
    report_answer_by_participant(
        report=by_self.report, participant=by_self.participant, answer="agree"
    )
    check = reverse("interviews:member_check", args=[by_worker.pk])
    assert client.post(check, {"to_status": ReportStatus.AGREED}).status_code == 302
    marked = {
        interview.pk: interview.report_step_by_participant
        for interview in selectors.network_interviews(network=network)
    }
    assert marked == {by_self.pk: True, by_worker.pk: False}
    for page in (
        client.get(reverse("interviews:mine")),
        _login_get(client, network.lead_worker, reverse("interviews:network", args=[network.pk])),
    ):
        html = page.content.decode()
        assert html.count("badge-self") == 1, html


def _login_get(client, user, url):
    client.force_login(user)
    return client.get(url)
