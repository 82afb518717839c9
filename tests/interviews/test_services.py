"""Planning, consent, themes and coding: the services validate and change nothing on error."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import NetworkFactory, ParticipantFactory, UserFactory
from tests.interviews.factories import agreed_interview, give_consent, plan_interview
from vangnet.audit.models import AuditEvent
from vangnet.interviews import selectors, services
from vangnet.interviews.models import CodedPassage, Interview, InterviewStatus, Theme
from vangnet.privacy.services import consent_withdraw

pytestmark = pytest.mark.django_db


def _plan(network, **overrides):
    kwargs = {
        "network": network,
        "participant": ParticipantFactory(network=network),
        "interviewer": UserFactory(organisation=network.organisation, evaluator=True),
        "planned_at": timezone.now() + dt.timedelta(days=3),
        "place": "Wijkcentrum De Boog",
        "by": network.lead_worker,
    }
    kwargs.update(overrides)
    return services.interview_plan(**kwargs)


def test_plan_an_interview_without_consent_is_allowed_and_audited():
    network = NetworkFactory()
    interview = _plan(network)
    assert interview.status == InterviewStatus.PLANNED
    assert not interview.own_worker_confirmed
    assert not selectors.has_evaluation_consent(participant=interview.participant)
    assert AuditEvent.objects.filter(action="create", object_id=str(interview.pk)).count() == 1


@pytest.mark.parametrize("who", ["lead", "backup"])
def test_own_worker_needs_an_explicit_confirmation(who):
    network = NetworkFactory()
    worker = network.lead_worker if who == "lead" else network.backup_worker
    with pytest.raises(ValidationError) as info:
        _plan(network, interviewer=worker)
    assert "confirm_own_worker" in info.value.message_dict
    assert not Interview.objects.exists()
    interview = _plan(network, interviewer=worker, confirm_own_worker=True)
    assert interview.own_worker_confirmed


def test_plan_validation_messages():
    network = NetworkFactory()
    stranger = ParticipantFactory()
    municipality = UserFactory(organisation=network.organisation, municipality=True)
    foreign = UserFactory(evaluator=True)
    with pytest.raises(ValidationError) as info:
        _plan(network, participant=stranger, interviewer=municipality, place="  ")
    errors = info.value.message_dict
    assert errors["participant"] == ["Deze deelnemer hoort niet bij dit vangnetwerk."]
    assert errors["interviewer"] == ["Deze persoon kan geen evaluatiegesprekken voeren."]
    assert errors["place"] == ["Vul een plaats in."]
    with pytest.raises(ValidationError, match="evaluatiegesprekken voeren"):
        _plan(network, interviewer=foreign)
    with pytest.raises(ValidationError, match="voor de start"):
        _plan(network, planned_at=timezone.make_aware(dt.datetime(2020, 1, 1, 10)))
    with pytest.raises(ValidationError, match="een jaar vooruit"):
        _plan(network, planned_at=timezone.now() + dt.timedelta(days=400))
    assert not Interview.objects.exists()


def test_nothing_is_recorded_without_consent():
    interview = plan_interview(network=NetworkFactory(), consent=False)
    me = interview.interviewer
    for call in (
        lambda: services.interview_mark_held(interview=interview, by=me),
        lambda: services.report_version_write(interview=interview, text="Tekst", by=me),
        lambda: services.interview_response_ensure(interview=interview, by=me),
    ):
        with pytest.raises(ValidationError, match="toestemming"):
            call()
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.PLANNED
    assert interview.response_id is None
    give_consent(interview.participant)
    services.interview_mark_held(interview=interview, by=me)
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.HELD


def test_withdrawn_consent_stops_recording():
    interview = plan_interview(network=NetworkFactory())
    consent = interview.participant.consents.get()
    consent_withdraw(consent=consent, actor=interview.network.lead_worker)
    with pytest.raises(ValidationError, match="toestemming"):
        services.report_version_write(interview=interview, text="Tekst", by=interview.interviewer)


def test_a_future_interview_cannot_be_held_yet_and_cancel_rules():
    interview = plan_interview(network=NetworkFactory(), days_ago=-3)
    with pytest.raises(ValidationError, match="pas later"):
        services.interview_mark_held(interview=interview, by=interview.interviewer)
    services.interview_cancel(interview=interview, by=interview.network.lead_worker)
    with pytest.raises(ValidationError, match="afzeggen"):
        services.interview_cancel(interview=interview, by=interview.network.lead_worker)
    with pytest.raises(ValidationError, match="afgezegd"):
        services.report_version_write(interview=interview, text="x", by=interview.interviewer)


def test_questionnaire_through_the_contract():
    from vangnet.questionnaires.forms import ResponseForm

    interview = plan_interview(network=NetworkFactory())
    me = interview.interviewer
    response = services.interview_response_ensure(interview=interview, by=me)
    assert services.interview_response_ensure(interview=interview, by=me) == response
    form = ResponseForm(version=response.version, response=response, data={})
    assert form.is_valid(), form.errors
    services.interview_response_save(
        interview=interview, cleaned_data=form.cleaned_data, complete=False, by=me
    )
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.HELD
    assert interview.response.participant == interview.participant


def test_update_keeps_the_participant_and_checks_the_interviewer():
    network = NetworkFactory()
    interview = _plan(network)
    new_time = timezone.now() + dt.timedelta(days=10)
    with pytest.raises(ValidationError):
        services.interview_update(
            interview=interview,
            interviewer=network.lead_worker,
            planned_at=new_time,
            place="Thuis",
            by=network.lead_worker,
        )
    services.interview_update(
        interview=interview,
        interviewer=network.lead_worker,
        planned_at=new_time,
        place="Thuis",
        confirm_own_worker=True,
        by=network.lead_worker,
    )
    interview.refresh_from_db()
    assert interview.place == "Thuis" and interview.interviewer == network.lead_worker


def test_default_themes_are_seeded_once():
    network = NetworkFactory()
    organisation = network.organisation
    created = services.themes_ensure_defaults(organisation=organisation)
    assert created == len(services.DEFAULT_THEMES) >= 8
    assert services.themes_ensure_defaults(organisation=organisation) == 0
    names = set(Theme.objects.filter(organisation=organisation).values_list("name", flat=True))
    assert {"Zich uitgenodigd voelen", "Zinvol bijdragen", "Wederkerigheid", "Veilige plek"} <= (
        names
    )


def test_theme_create_and_update_validate():
    network = NetworkFactory()
    organisation = network.organisation
    coordinator = UserFactory(organisation=organisation, coordinator=True)
    theme = services.theme_create(organisation=organisation, name="Humor", by=coordinator)
    with pytest.raises(ValidationError, match="al een thema"):
        services.theme_create(organisation=organisation, name="humor", by=coordinator)
    with pytest.raises(ValidationError) as info:
        services.theme_update(
            theme=theme, name="", description="", position=-1, active=True, by=coordinator
        )
    assert set(info.value.message_dict) == {"name", "position"}
    services.theme_update(
        theme=theme, name="Samen lachen", description="", position=5, active=False, by=coordinator
    )
    theme.refresh_from_db()
    assert (theme.name, theme.position, theme.active) == ("Samen lachen", 5, False)


def test_code_a_passage_stores_quote_and_offsets():
    interview = agreed_interview(network=NetworkFactory())
    services.themes_ensure_defaults(organisation=interview.network.organisation)
    themes = list(selectors.organisation_themes(organisation=interview.network.organisation)[:2])
    version = interview.report.versions.get()
    passage = services.passage_code(
        version=version, quote="  kookt graag  ", themes=themes, by=interview.interviewer
    )
    assert version.text[passage.start : passage.end] == "kookt graag"
    assert set(passage.themes.all()) == set(themes)


def test_code_validation():
    network = NetworkFactory()
    interview = agreed_interview(network=network)
    services.themes_ensure_defaults(organisation=network.organisation)
    theme = selectors.organisation_themes(organisation=network.organisation).first()
    version = interview.report.versions.get()
    me = interview.interviewer
    with pytest.raises(ValidationError) as info:
        services.passage_code(version=version, quote="staat er niet", themes=[], by=me)
    assert set(info.value.message_dict) == {"quote", "themes"}
    other = NetworkFactory()
    services.themes_ensure_defaults(organisation=other.organisation)
    foreign_theme = selectors.organisation_themes(organisation=other.organisation).first()
    with pytest.raises(ValidationError, match="uit de lijst"):
        services.passage_code(version=version, quote="soep", themes=[foreign_theme], by=me)
    draft = plan_interview(network=network)
    v1 = services.report_version_write(interview=draft, text="Een soep.", by=draft.interviewer)
    with pytest.raises(ValidationError, match="akkoord"):
        services.passage_code(version=v1, quote="soep", themes=[theme], by=me)
    assert not CodedPassage.objects.exists()


def test_erasure_removes_the_interview_texts_but_keeps_the_counts():
    from vangnet.privacy.services import person_erase

    network = NetworkFactory()
    interview = agreed_interview(network=network)
    services.themes_ensure_defaults(organisation=network.organisation)
    theme = selectors.organisation_themes(organisation=network.organisation).first()
    services.passage_code(
        version=interview.report.versions.get(),
        quote="kookt graag",
        themes=[theme],
        by=interview.interviewer,
    )
    person_erase(participant=interview.participant, actor=network.lead_worker)
    version = interview.report.versions.get()
    assert version.text == "[verwijderd]"
    assert CodedPassage.objects.get().quote == ""
    interview.refresh_from_db()
    assert interview.place == "[verwijderd]"
    row = {r.theme.pk: r for r in selectors.theme_report(networks=[network])}[theme.pk]
    assert (row.report_count, row.passages) == (1, [])


def test_switched_off_theme_with_passages_still_counts():
    network = NetworkFactory()
    interview = agreed_interview(network=network)
    services.themes_ensure_defaults(organisation=network.organisation)
    theme = selectors.organisation_themes(organisation=network.organisation).first()
    services.passage_code(
        version=interview.report.versions.get(),
        quote="kookt graag",
        themes=[theme],
        by=interview.interviewer,
    )
    Theme.objects.filter(pk=theme.pk).update(active=False)
    row = {r.theme.pk: r for r in selectors.theme_report(networks=[network])}[theme.pk]
    assert row.report_count == 1 and row.passages == ["kookt graag"]


def test_themes_carry_the_method_subgoals():
    network = NetworkFactory()
    organisation = network.organisation
    coordinator = UserFactory(organisation=organisation, coordinator=True)
    services.themes_ensure_defaults(organisation=organisation)
    letters = {
        t.name: t.subgoal_letters for t in selectors.organisation_themes(organisation=organisation)
    }
    assert letters["Zich uitgenodigd voelen"] == ("a",)
    assert letters["Steun geven en krijgen"] == ("h", "i")
    assert letters["Wederkerigheid"] == ("d",)
    theme = services.theme_create(
        organisation=organisation, name="Humor", subgoals=["g", "b", "g"], by=coordinator
    )
    assert theme.subgoals == "b,g"
    with pytest.raises(ValidationError) as info:
        services.theme_update(
            theme=theme,
            name="Humor",
            description="",
            position=1,
            active=True,
            subgoals=["z"],
            by=coordinator,
        )
    assert "subgoals" in info.value.message_dict
    interview = agreed_interview(network=network)
    services.passage_code(
        version=interview.report.versions.get(),
        quote="kookt graag",
        themes=[theme],
        by=interview.interviewer,
    )
    row = {r.theme.pk: r for r in selectors.theme_report(networks=[network])}[theme.pk]
    assert row.subgoals == ("b", "g")


def test_no_report_before_the_interview_day():
    interview = plan_interview(network=NetworkFactory(), days_ago=-2)
    with pytest.raises(ValidationError, match="pas later"):
        services.report_version_write(interview=interview, text="Tekst", by=interview.interviewer)
    interview.refresh_from_db()
    assert interview.status == InterviewStatus.PLANNED
