"""Default template, responses and versioning."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import OrganisationFactory, ParticipantFactory
from vangnet.audit.models import AuditEvent
from vangnet.questionnaires import selectors, services
from vangnet.questionnaires.forms import ResponseForm
from vangnet.questionnaires.models import Answer, Item, QuestionnaireVersion, Response


def _item(version, key):
    return Item.objects.get(section__version=version, key=key)


def _fill(version, **values):
    """Form data for a version: keyword item key -> value (tuple for post_then_pre)."""
    data = {}
    for item in Item.objects.filter(section__version=version):
        if item.key not in values:
            continue
        value = values[item.key]
        if item.kind == "post_then_pre":
            data[f"item_{item.pk}_now"], data[f"item_{item.pk}_then"] = (str(v) for v in value)
        else:
            data[f"item_{item.pk}"] = str(value)
    return data


@pytest.fixture
def template(organisation):
    return services.default_template_ensure(organisation=organisation)


@pytest.fixture
def participant(network):
    return ParticipantFactory(network=network)


def test_default_template_is_idempotent_and_has_the_method_items(organisation):
    first = services.default_template_ensure(organisation=organisation)
    second = services.default_template_ensure(organisation=organisation)
    assert first.pk == second.pk
    assert QuestionnaireVersion.objects.filter(template=first).count() == 1
    version = selectors.current_version(template=first)
    keys = set(Item.objects.filter(section__version=version).values_list("key", flat=True))
    assert {"meedoen", "zinvol", "veilig", "eigen_groep", "situatie", "ervaring", "steun"} <= keys
    meedoen = _item(version, "meedoen")
    assert meedoen.kind == "post_then_pre" and meedoen.required
    for item in Item.objects.filter(section__version=version):
        assert item.text_nl and item.text_en
    # another organisation gets its own copy
    other = services.default_template_ensure(organisation=OrganisationFactory())
    assert other.pk != first.pk


def test_response_save_partial_then_complete(template, participant, worker):
    version = selectors.current_version(template=template)
    response = services.response_start(version=version, participant=participant, by=worker)
    assert response.network_id == participant.network_id
    form = ResponseForm(version=version, response=response, data=_fill(version, zinvol=7))
    assert form.is_valid(), form.errors
    services.response_save(
        response=response, cleaned_data=form.cleaned_data, by=worker, complete=False
    )
    assert Answer.objects.get(response=response).value_now == 7
    # completing without the required meedoen scores fails and saves nothing new
    form = ResponseForm(version=version, response=response, data=_fill(version, zinvol=8))
    assert form.is_valid()
    with pytest.raises(ValidationError) as exc:
        services.response_save(
            response=response, cleaned_data=form.cleaned_data, by=worker, complete=True
        )
    assert f"item_{_item(version, 'meedoen').pk}_now" in exc.value.message_dict
    response.refresh_from_db()
    assert response.completed_at is None
    assert Answer.objects.get(response=response).value_now == 7
    data = _fill(version, zinvol=8, meedoen=(7, 4), bijdrage="eens", steun="Meer mensen.")
    form = ResponseForm(version=version, response=response, data=data)
    assert form.is_valid(), form.errors
    services.response_save(
        response=response, cleaned_data=form.cleaned_data, by=worker, complete=True
    )
    response.refresh_from_db()
    assert response.completed_at is not None
    assert selectors.paired_scores(responses_qs_or_list=[response]) == [(4, 7)]
    assert selectors.item_scores(networks=[participant.network], item_key="zinvol") == [8]
    assert AuditEvent.objects.filter(object_type="questionnaires.response").count() == 3


@pytest.mark.parametrize(
    "value", ["11", "-1", "abc", "7.5", "1e3", "9999999999999999999999", "\x00"]
)
def test_response_form_rejects_junk_scores(template, value):
    version = selectors.current_version(template=template)
    item = _item(version, "meedoen")
    form = ResponseForm(version=version, data={f"item_{item.pk}_now": value})
    assert not form.is_valid()
    assert f"item_{item.pk}_now" in form.errors


def test_response_form_rejects_unknown_choice(template):
    version = selectors.current_version(template=template)
    item = _item(version, "bijdrage")
    form = ResponseForm(version=version, data={f"item_{item.pk}": "misschien"})
    assert not form.is_valid()


def test_response_save_service_checks_range_itself(template, participant, worker):
    version = selectors.current_version(template=template)
    response = services.response_start(version=version, participant=participant, by=worker)
    item = _item(version, "zinvol")
    with pytest.raises(ValidationError):
        services.response_save(
            response=response, cleaned_data={f"item_{item.pk}": 12}, by=worker, complete=False
        )
    assert not Answer.objects.filter(response=response).exists()


def test_form_labels_follow_the_language(template):
    version = selectors.current_version(template=template)
    item = _item(version, "zinvol")
    with translation.override("en"):
        form = ResponseForm(version=version)
        assert form.fields[f"item_{item.pk}"].label == item.text_en
    with translation.override("nl"):
        form = ResponseForm(version=version)
        assert form.fields[f"item_{item.pk}"].label == item.text_nl


def test_response_start_refuses_foreign_participant(template, worker):
    foreign = ParticipantFactory()
    with pytest.raises(ValidationError):
        services.response_start(
            version=selectors.current_version(template=template), participant=foreign, by=worker
        )


def test_edit_without_responses_is_in_place(template, coordinator):
    version = selectors.current_version(template=template)
    item = _item(version, "zinvol")
    edited = services.item_edit(
        item=item, by=coordinator, **{**_item_data(item), "text_nl": "Nieuwe tekst?"}
    )
    assert edited.pk == item.pk
    assert selectors.current_version(template=template).pk == version.pk


def _item_data(item):
    return {
        "key": item.key,
        "kind": item.kind,
        "text_nl": item.text_nl,
        "text_en": item.text_en,
        "help_nl": item.help_nl,
        "help_en": item.help_en,
        "choices": item.choices,
        "required": item.required,
    }


def test_edit_after_a_response_makes_a_new_version(template, participant, worker, coordinator):
    v1 = selectors.current_version(template=template)
    response = services.response_start(version=v1, participant=participant, by=worker)
    form = ResponseForm(version=v1, data=_fill(v1, meedoen=(8, 5), zinvol=9))
    assert form.is_valid()
    services.response_save(
        response=response, cleaned_data=form.cleaned_data, by=worker, complete=True
    )
    old_item = _item(v1, "zinvol")
    new_item = services.item_edit(
        item=old_item, by=coordinator, **{**_item_data(old_item), "text_nl": "Anders gezegd?"}
    )
    v2 = selectors.current_version(template=template)
    assert v2.number == 2 and new_item.section.version_id == v2.pk
    old_item.refresh_from_db()
    assert old_item.text_nl != "Anders gezegd?"
    assert (
        Item.objects.filter(section__version=v2).count()
        == Item.objects.filter(section__version=v1).count()
    )
    # the answers stay with v1 and its items
    assert set(
        Answer.objects.filter(response=response).values_list("item__section__version", flat=True)
    ) == {v1.pk}
    summary = selectors.response_summary(response=Response.objects.get(pk=response.pk))
    texts = [item.text_nl for _section, rows in summary for item, _display in rows]
    assert "Anders gezegd?" not in texts
    # a second edit before any answer on v2 stays in v2
    services.section_add(template=template, by=coordinator, title_nl="Extra")
    assert selectors.current_version(template=template).pk == v2.pk
    # the old version can no longer be edited
    with pytest.raises(ValidationError):
        services.item_remove(item=old_item, by=coordinator)
    # cross-version paired scores still find the item by its key
    assert selectors.paired_scores(responses_qs_or_list=Response.objects.all()) == [(5, 8)]


def test_item_validation_messages(template, coordinator):
    version = selectors.current_version(template=template)
    section = version.sections.first()
    with pytest.raises(ValidationError) as exc:
        services.item_add(
            section=section, by=coordinator, key="meedoen", kind="choice", text_nl="", choices=[]
        )
    assert set(exc.value.message_dict) == {"key", "text_nl", "choices"}
    with pytest.raises(ValidationError):
        services.item_add(section=section, by=coordinator, key="x", kind="weird", text_nl="Vraag")


def test_item_move_and_remove(template, coordinator):
    version = selectors.current_version(template=template)
    section = version.sections.get(position=3)
    keys = list(section.items.order_by("position").values_list("key", flat=True))
    services.item_move(item=section.items.get(key=keys[1]), direction="up", by=coordinator)
    moved = list(section.items.order_by("position").values_list("key", flat=True))
    assert moved[:2] == [keys[1], keys[0]]
    services.item_remove(item=section.items.get(key=keys[0]), by=coordinator)
    assert not section.items.filter(key=keys[0]).exists()


def test_anonymise_keeps_scores_and_drops_text(template, participant, worker):
    version = selectors.current_version(template=template)
    response = services.response_start(version=version, participant=participant, by=worker)
    form = ResponseForm(version=version, data=_fill(version, meedoen=(8, 5), steun="Jan helpt."))
    assert form.is_valid()
    services.response_save(
        response=response, cleaned_data=form.cleaned_data, by=worker, complete=True
    )
    assert services.participant_responses_anonymise(participant=participant, by=worker) == 1
    response.refresh_from_db()
    assert response.participant_id is None
    assert not Answer.objects.filter(response=response).exclude(text="").exists()
    assert selectors.paired_scores(responses_qs_or_list=[response]) == [(5, 8)]
    assert selectors.item_scores(networks=[participant.network], item_key="zinvol") == []


def test_participant_responses_for_access_export(template, participant, worker):
    version = selectors.current_version(template=template)
    response = services.response_start(version=version, participant=participant, by=worker)
    form = ResponseForm(version=version, data=_fill(version, meedoen=(8, 5), zinvol=6))
    assert form.is_valid()
    services.response_save(
        response=response, cleaned_data=form.cleaned_data, by=worker, complete=False
    )
    export = selectors.participant_responses(participant=participant)
    assert len(export) == 1 and export[0]["completed_at"] is None
    answers = {row["question"]: row["answer"] for row in export[0]["answers"]}
    assert answers[_item(version, "zinvol").text_nl] == "6"
    assert selectors.participant_responses(participant=ParticipantFactory()) == []
