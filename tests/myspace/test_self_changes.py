"""Issue 16 part 4: the worker's participant page lists what the participant changed
themselves in Mijn Vangnet (*Zelf aangepast*), newest first, at most five, each marked
"door deelnemer zelf"; read from the models' own marks in one query."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import SessionFactory, UserFactory
from tests.myspace.conftest import activate, sign_in
from tests.myspace.test_member_check import _shown_report
from tests.myspace.test_questionnaire import _started
from vangnet.interviews.models import MemberCheckEvent
from vangnet.interviews.report_services import report_answer_by_participant
from vangnet.myspace.self_change_selectors import own_changes
from vangnet.networks.models import AnnouncedAbsence
from vangnet.participants.models import Participant
from vangnet.privacy.models import ConsentRecord
from vangnet.privacy.services import consent_set_by_participant, consent_withdraw
from vangnet.questionnaires.models import Response
from vangnet.support import contact_services, map_services
from vangnet.support.models import ConsentChange

NOTE = "Ik tuinier samen met Kees, niet alleen."


def _at(days_ago: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days_ago)


def _absence(participant, *, days_ago, by_participant=True, reason=""):
    session = SessionFactory(
        network=participant.network, date=timezone.localdate() + dt.timedelta(days=7 + days_ago)
    )
    absence = AnnouncedAbsence.objects.create(
        session=session, participant=participant, by_participant=by_participant, reason=reason
    )
    AnnouncedAbsence.objects.filter(pk=absence.pk).update(recorded_at=_at(days_ago))
    return absence


def _everything(anna, worker):
    """One of each self-made change, each on its own day (days ago)."""
    Participant.objects.filter(pk=anna.pk).update(wishes_by_participant_at=_at(9))
    _absence(anna, days_ago=8)
    response, _first, _second = _started(anna, worker)
    Response.objects.filter(pk=response.pk).update(self_filled=True, completed_at=_at(7))
    _interview, report = _shown_report(anna)
    report_answer_by_participant(report=report, participant=anna, answer="corrections", note=NOTE)
    MemberCheckEvent.objects.filter(by_participant=True).update(at=_at(6))
    consent_set_by_participant(participant=anna, kind="photos", given=True)
    ConsentRecord.objects.filter(participant=anna, kind="photos").update(recorded_at=_at(5))
    network_map = map_services.map_wave_create(
        participant=anna, wave_date=dt.date(2025, 3, 1), actor=worker
    )
    friend = map_services.alter_add(
        network_map=network_map, name="Vriendin Els", kind="friend", consent="yes", actor=worker
    )
    contact_services.alter_set_consent(alter=friend, consent="no", actor=None, by_person=True)
    ConsentChange.objects.filter(by_person=True).update(changed_at=_at(4))
    consent_set_by_participant(participant=anna, kind="research_export", given=False)


def test_newest_first_at_most_five_in_one_query(space):
    anna, worker = space["anna"], space["worker"]
    _everything(anna, worker)
    anna.refresh_from_db()
    with CaptureQueriesContext(connection) as queries:
        changes = own_changes(participant=anna)
    assert len(queries) == 1
    assert [change.text for change in changes] == [
        "Toestemming Onderzoeksexport: nee",
        "Toestemming per persoon op de kaart aangepast",
        "Toestemming Foto's: ja",
        "Gespreksverslag: er moet iets anders",
        "Vragenlijst zelf ingevuld",
    ]
    assert changes[0].day == timezone.localdate()
    assert changes[-1].day == timezone.localdate(_at(7))
    everything = own_changes(participant=anna, limit=10)
    assert [change.text for change in everything][-2:] == [
        "Afgemeld voor de bijeenkomst van " + everything[-2].text.rsplit("van ", 1)[1],
        "Wensen en talenten aangepast",
    ]


def test_what_the_worker_did_is_not_listed(space):
    anna, worker = space["anna"], space["worker"]
    _absence(anna, days_ago=1, by_participant=False, reason="ziek")
    record = ConsentRecord.objects.create(
        organisation=anna.organisation,
        participant=anna,
        kind="photos",
        given_on=timezone.localdate(),
    )
    consent_withdraw(consent=record, actor=worker)
    assert own_changes(participant=anna) == []


def test_the_workers_participant_page_shows_them_without_notes(client, space):
    anna, worker = space["anna"], space["worker"]
    _everything(anna, worker)
    _absence(anna, days_ago=2, by_participant=False, reason="Werkersreden")
    client.force_login(worker)
    page = client.get(reverse("participants:detail", args=[anna.pk])).content.decode()
    section = page.split('id="self-changes-heading"')[1].split("</section>")[0]
    assert section.count("door deelnemer zelf") == 5
    assert "Toestemming Onderzoeksexport: nee" in section
    assert NOTE not in page  # the correction asked for stays on the interview's page
    assert "Vriendin Els" not in section and "Werkersreden" not in section


def test_no_section_without_self_made_changes(client, space):
    client.force_login(space["worker"])
    page = client.get(reverse("participants:detail", args=[space["anna"].pk])).content.decode()
    assert "Zelf aangepast" not in page


def test_page_queries_do_not_grow_with_the_changes(client, space):
    anna, worker = space["anna"], space["worker"]
    url = reverse("participants:detail", args=[anna.pk])
    client.force_login(worker)
    consent_set_by_participant(participant=anna, kind="photos", given=True)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    _everything(anna, worker)
    for days_ago in range(3, 9):
        _absence(anna, days_ago=days_ago + 20)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert "Zelf aangepast" in response.content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)


def test_only_for_staff_who_may_see_the_participant(client, space):
    anna = space["anna"]
    consent_set_by_participant(participant=anna, kind="research_export", given=False)
    url = reverse("participants:detail", args=[anna.pk])
    client.force_login(space["foreign_worker"])  # a colleague of another organisation
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(organisation=anna.organisation, network_helper=True))
    assert client.get(url).status_code in (403, 404)
    client.logout()
    sign_in(client, activate(anna, actor=space["worker"]))
    response = client.get(url)
    assert response.status_code != 200 and "Zelf aangepast" not in response.content.decode()


@pytest.mark.parametrize("role", ["coordinator", "admin"])
def test_the_include_stays_empty_for_roles_without_participant_files(space, role):
    from django.template import Context, Template

    anna = space["anna"]
    consent_set_by_participant(participant=anna, kind="research_export", given=False)
    user = UserFactory(organisation=anna.organisation, **{role: True})
    html = Template("{% load myspace_client %}{% participant_self_changes participant %}").render(
        Context({"user": user, "participant": anna})
    )
    assert "Zelf aangepast" not in html
    html = Template("{% load myspace_client %}{% participant_self_changes participant %}").render(
        Context({"user": space["foreign_worker"], "participant": anna})
    )
    assert "Zelf aangepast" not in html


def test_the_sql_compiled_once_reads_each_participants_own_facts(space):
    """The UNION's SQL is made once per process (for an id no participant has): each read
    gives the same rows as the queryset built for that participant."""
    from tests.factories import ParticipantFactory
    from vangnet.myspace import self_change_selectors as selectors

    anna, worker = space["anna"], space["worker"]
    _everything(anna, worker)
    bert = ParticipantFactory(network=anna.network, organisation=anna.organisation)
    _absence(bert, days_ago=3)
    selectors._COMPILED.clear()
    for person in (anna, bert, anna):
        for limit in (2, 10):
            compiled = [_plain(fact) for fact in selectors._facts(person, limit)]
            built = [_plain(fact) for fact in selectors._union(person.pk, limit)]
            assert compiled == built and compiled
    assert len(selectors._COMPILED) == 2


def _plain(fact):
    """As own_changes reads a fact (SQLite gives times without a zone, or as text)."""
    from vangnet.myspace.self_change_selectors import _as_datetime

    day = fact["fact_day"]
    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    return {**fact, "fact_at": _as_datetime(fact["fact_at"]), "fact_day": day}
