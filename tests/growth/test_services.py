"""The worker's growth: who writes what, validation in Dutch, the trend, the team view."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import NetworkFactory, OrganisationFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.growth import selectors, services
from vangnet.growth.files import resource_storage
from vangnet.growth.models import CoachingNote, Resource, SelfAssessment, Trait

TODAY = dt.date(2025, 6, 30)


def scores(value=3, **changes):
    result = {trait.value: value for trait in Trait}
    result.update(changes)
    return result


def assess(worker, day=dt.date(2025, 1, 10), **kw):
    args = {"worker": worker, "date": day, "scores": scores(), "reflection": "", "today": TODAY}
    args.update(kw)
    return services.assessment_save(**args)


@pytest.fixture
def team(db):
    organisation = OrganisationFactory()
    return {
        "organisation": organisation,
        "worker": UserFactory(organisation=organisation),
        "colleague": UserFactory(organisation=organisation),
        "coordinator": UserFactory(organisation=organisation, coordinator=True),
        "evaluator": UserFactory(organisation=organisation, evaluator=True),
        "stranger": UserFactory(),
    }


def test_trend_compares_the_first_and_the_latest_assessment(team):
    worker = team["worker"]
    assess(worker, dt.date(2025, 1, 10), scores=scores(2, presence=1))
    assess(worker, dt.date(2025, 3, 10), scores=scores(3))
    assess(worker, dt.date(2025, 6, 10), scores=scores(4, presence=5, teamwork=2))
    trend = selectors.trend(list(selectors.assessments_of(worker)))
    assert trend.count == 3
    assert (trend.first_date, trend.latest_date) == (dt.date(2025, 1, 10), dt.date(2025, 6, 10))
    by_trait = {item.trait: item for item in trend.traits}
    assert [item.trait for item in trend.traits] == list(Trait.values)
    assert (by_trait["presence"].first, by_trait["presence"].latest) == (1, 5)
    assert by_trait["presence"].change == 4
    assert by_trait["teamwork"].change == 0
    assert by_trait["listening"].change == 2
    assert selectors.trend([]).count == 0


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"presence": None}, "Geef bij elk punt"),
        ({"presence": 0}, "1, 2, 3, 4 of 5"),
        ({"presence": 6}, "1, 2, 3, 4 of 5"),
        ({"presence": "drie"}, "Geef bij elk punt"),
        ({"presence": True}, "Geef bij elk punt"),
        ({"charisma": 4}, "niet in het profiel"),
    ],
)
def test_scores_are_whole_numbers_one_to_five_for_every_point(team, given, message):
    with pytest.raises(ValidationError) as error:
        assess(team["worker"], scores=scores(**given))
    assert message in str(error.value)
    assert not SelfAssessment.objects.exists()


def test_a_second_assessment_on_the_same_day_is_refused_and_dates_are_checked(team):
    worker = team["worker"]
    first = assess(worker)
    with pytest.raises(ValidationError) as error:
        assess(worker)
    assert "al een zelfbeoordeling" in str(error.value)
    # Changing the same one on its own day is fine.
    assess(worker, assessment=first, reflection="Meer rust.")
    with pytest.raises(ValidationError, match="toekomst"):
        assess(worker, day=TODAY + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="onveilig|teken"):
        assess(worker, day=dt.date(2025, 2, 1), reflection="a\u202eb")
    assert SelfAssessment.objects.count() == 1


def test_only_the_worker_writes_their_own_assessment(team):
    mine = assess(team["worker"])
    with pytest.raises(PermissionDenied):
        assess(team["coordinator"], assessment=mine)
    with pytest.raises(PermissionDenied):
        assess(team["evaluator"])  # no profile of the method for evaluators
    with pytest.raises(PermissionDenied):
        services.assessment_delete(assessment=mine, actor=team["coordinator"])
    services.assessment_delete(assessment=mine, actor=team["worker"])
    assert not SelfAssessment.objects.exists()
    assert AuditEvent.objects.filter(object_type="growth.selfassessment").count() == 2


def test_assessments_are_seen_by_their_worker_and_coordinators_only(team):
    from django.http import Http404

    mine = assess(team["worker"])
    assert selectors.assessment_for(user=team["worker"], assessment_id=mine.pk) == mine
    assert selectors.assessment_for(user=team["coordinator"], assessment_id=mine.pk) == mine
    for other in ("colleague", "stranger"):
        with pytest.raises(Http404):
            selectors.assessment_for(user=team[other], assessment_id=mine.pk)
    with pytest.raises(Http404):
        selectors.worker_for(user=team["colleague"], worker_id=team["worker"].pk)
    assert selectors.worker_for(user=team["coordinator"], worker_id=team["worker"].pk)
    with pytest.raises(Http404):  # another organisation's worker, even for a coordinator
        selectors.worker_for(user=team["coordinator"], worker_id=team["stranger"].pk)


def note(actor, worker, coach, **kw):
    args = {
        "actor": actor,
        "worker": worker,
        "coach": coach,
        "date": dt.date(2025, 5, 1),
        "theme": "Afhakers nabellen",
        "next_step": "Binnen een week bellen.",
        "today": TODAY,
    }
    args.update(kw)
    return services.coaching_note_save(**args)


def test_a_coaching_note_is_written_by_its_parties_or_a_coordinator(team):
    worker, colleague, coordinator = team["worker"], team["colleague"], team["coordinator"]
    by_worker = note(worker, worker, colleague)  # a senior colleague coached the worker
    by_coordinator = note(coordinator, worker, coordinator)
    with pytest.raises(PermissionDenied):  # a third colleague cannot write it for them
        note(UserFactory(organisation=team["organisation"]), worker, colleague)
    with pytest.raises(PermissionDenied):  # nor change it
        note(colleague, worker, colleague, note=by_coordinator)
    note(coordinator, worker, colleague, note=by_worker, next_step_done=True)
    visible = {n.pk for n in selectors.notes_visible(user=colleague)}
    assert visible == {by_worker.pk}  # the coach sees the conversations they coached
    assert {n.pk for n in selectors.notes_visible(user=coordinator)} == {
        by_worker.pk,
        by_coordinator.pk,
    }
    assert list(selectors.notes_visible(user=team["stranger"])) == []


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"coach": "worker"}, "coach"),
        ({"coach": "stranger"}, "coach"),
        ({"coach": "evaluator"}, "coach"),
        ({"theme": "   "}, "theme"),
        ({"theme": "x" * 201}, "theme"),
        ({"next_step": ""}, "next_step"),
        ({"trait": "charisma"}, "trait"),
        ({"talked_about": "bel\x00later"}, "talked_about"),
        ({"date": TODAY + dt.timedelta(days=3)}, "date"),
    ],
)
def test_bad_coaching_notes_are_refused_field_by_field(team, change, field):
    args = {"actor": team["worker"], "worker": team["worker"], "coach": team["colleague"]}
    args |= {key: team[value] if key == "coach" else value for key, value in change.items()}
    with pytest.raises(ValidationError) as error:
        note(**args)
    assert field in error.value.message_dict
    assert not CoachingNote.objects.exists()


def test_a_network_of_another_organisation_is_refused(team):
    foreign = NetworkFactory()
    with pytest.raises(ValidationError) as error:
        note(team["worker"], team["worker"], team["colleague"], network=foreign)
    assert "network" in error.value.message_dict


def test_team_rows_count_assessments_notes_and_open_steps_in_fixed_queries(
    team, django_assert_max_num_queries
):
    assess(team["worker"], dt.date(2025, 1, 10))
    assess(team["worker"], dt.date(2025, 5, 10))
    note(team["worker"], team["worker"], team["colleague"])
    note(team["worker"], team["worker"], team["colleague"], next_step_done=True)
    for _ in range(5):
        UserFactory(organisation=team["organisation"])
    with django_assert_max_num_queries(3):
        rows = selectors.team(organisation=team["organisation"])
    row = next(row for row in rows if row.worker == team["worker"])
    assert (row.assessments, row.latest_assessment) == (2, dt.date(2025, 5, 10))
    assert (row.notes, row.open_steps) == (2, 1)
    names = {row.worker.pk for row in rows}
    assert team["evaluator"].pk not in names and team["stranger"].pk not in names


def upload(name="hoofdstuk.pdf", data=b"%PDF-1.4 hallo", content_type="application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_a_resource_keeps_its_file_privately_and_replacing_removes_the_old(
    team, django_capture_on_commit_callbacks
):
    worker = team["worker"]
    resource = services.resource_save(
        actor=worker, title="Handboek H3", kind="handbook", upload=upload()
    )
    first = resource.file.name
    assert resource_storage.exists(first) and resource.file_type == "application/pdf"
    assert "hoofdstuk" not in first  # the uploaded name (could name a person) is not kept
    mp4 = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 32
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_save(
            actor=worker,
            title="Sociaal tolken",
            kind="video",
            upload=upload("film.mp4", mp4, "video/mp4"),
            resource=resource,
        )
    resource.refresh_from_db()
    assert resource.file_type == "video/mp4" and not resource_storage.exists(first)
    with pytest.raises(PermissionDenied):
        services.resource_save(actor=team["colleague"], title="X", kind="other", resource=resource)
    second = resource.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.resource_delete(resource=resource, actor=team["coordinator"])
    assert not Resource.objects.exists() and not resource_storage.exists(second)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"upload": upload("virus.exe", b"MZ\x90\x00")}, "Kies een PDF"),
        ({"upload": upload("nep.pdf", b"<html>")}, "Kies een PDF"),
        ({"upload": upload("leeg.pdf", b"")}, "leeg"),
        ({"link": "javascript:alert(1)"}, "https://"),
        ({}, "een link, een bestand"),
        ({"title": " "}, "Vul dit in"),
        ({"kind": "podcast", "link": "https://example.org"}, "soort"),
    ],
)
def test_bad_resources_are_refused_and_leave_no_file(team, kwargs, message):
    args = {"actor": team["worker"], "title": "Bron", "kind": "article", **kwargs}
    with pytest.raises(ValidationError) as error:
        services.resource_save(**args)
    assert message in str(error.value)
    assert not Resource.objects.exists()
