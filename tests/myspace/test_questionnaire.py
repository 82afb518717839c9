"""The participant fills in their own questionnaire, one question at a time."""

from django.urls import reverse

from tests.interviews.factories import give_consent
from tests.myspace.conftest import activate, sign_in
from vangnet.questionnaires import services as questionnaire_services
from vangnet.questionnaires import worker_services
from vangnet.questionnaires.models import ItemKind, Occasion, Response


def _started(participant, worker):
    template = questionnaire_services.template_create(
        organisation=participant.organisation, name="Kort", by=worker
    )
    section = questionnaire_services.section_add(template=template, by=worker, title_nl="Nu")
    first = questionnaire_services.item_add(
        section=section,
        by=worker,
        key="eenzaam",
        kind=ItemKind.POST_THEN_PRE,
        text_nl="Hoe vaak voel je je alleen?",
        required=True,
    )
    second = questionnaire_services.item_add(
        section=section,
        by=worker,
        key="thuis",
        kind=ItemKind.SCALE,
        text_nl="Hoe fijn is het in de groep?",
        required=True,
    )
    template.worker_use = True
    template.save(update_fields=["worker_use"])
    give_consent(participant)
    response = worker_services.worker_response_start(
        participant=participant, template=template, occasion=Occasion.INTAKE, by=worker
    )
    return response, first, second


def test_one_question_at_a_time_then_done(client, space):
    anna, worker = space["anna"], space["worker"]
    response, first, second = _started(anna, worker)
    sign_in(client, activate(anna, actor=worker))
    listing = client.get(reverse("myspace:questionnaire")).content.decode()
    assert "Kort" in listing
    url = reverse("myspace:questionnaire_fill", args=[response.pk])
    page = client.get(url).content.decode()
    assert "Hoe vaak voel je je alleen?" in page and "Vraag 1 van 2" in page
    assert "data-read-aloud" in page
    step = client.post(url + "?stap=1", {f"item_{first.pk}_now": "7", f"item_{first.pk}_then": "3"})
    assert step["Location"] == url + "?stap=2"
    # The last question completes it; a missing answer keeps it open with a message.
    missing = client.post(url + "?stap=2", {})
    assert missing.status_code == 400
    done = client.post(url + "?stap=2", {f"item_{second.pk}": "8"})
    assert done["Location"] == url + "?stap=klaar"
    response.refresh_from_db()
    assert response.is_complete and response.self_filled
    answers = {a.item_id: (a.value_now, a.value_then) for a in response.answers.all()}
    assert answers == {first.pk: (7, 3), second.pk: (8, None)}
    # The worker's page shows who filled it in.
    client.force_login(worker)
    worker_page = client.get(reverse("questionnaires:participant", args=[anna.pk]))
    assert "door deelnemer zelf" in worker_page.content.decode()


def test_another_participants_questionnaire_is_404(client, space):
    bert_response, _first, _second = _started(space["bert"], space["worker"])
    sign_in(client, activate(space["anna"], actor=space["worker"]))
    url = reverse("myspace:questionnaire_fill", args=[bert_response.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404
    assert "Kort" not in client.get(reverse("myspace:questionnaire")).content.decode()


def test_questionnaire_in_tablet_mode(client, space):
    anna, worker = space["anna"], space["worker"]
    response, first, second = _started(anna, worker)
    from vangnet.myspace import services

    services.space_switch_set(
        organisation=anna.organisation, network=anna.network, on=True, actor=worker
    )
    client.force_login(worker)
    client.post(
        reverse("myspace:tablet_start", args=[anna.pk]),
        {"task": "vragenlijst", "pin": "73915", "repeat": "73915"},
    )
    task = reverse("myspace:tablet_task")
    assert "Hoe vaak voel je je alleen?" in client.get(task).content.decode()
    client.post(task + "?stap=1", {f"item_{first.pk}_now": "6", f"item_{first.pk}_then": "2"})
    done = client.post(task + "?stap=2", {f"item_{second.pk}": "9"})
    assert done["Location"] == task + "?stap=klaar"
    response = Response.objects.get(pk=response.pk)
    assert response.is_complete and response.self_filled
