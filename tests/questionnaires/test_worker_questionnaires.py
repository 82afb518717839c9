"""Issue 14, item 8: workers use a short questionnaire outside interviews (at intake, after
a year), recorded per participant; the analysis covers every post-then-pre item, not only
the one with key "meedoen"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.factories import NetworkFactory, ParticipantFactory, UserFactory
from tests.interviews.factories import give_consent
from vangnet.questionnaires import services
from vangnet.questionnaires.models import ItemKind, Occasion, Response
from vangnet.questionnaires.outcome_selectors import network_outcome, organisation_outcome

pytestmark = pytest.mark.django_db


def _short(organisation, by, *, worker_use=True):
    template = services.template_create(organisation=organisation, name="Kort", by=by)
    section = services.section_add(template=template, by=by, title_nl="Nu en toen")
    item = services.item_add(
        section=section,
        by=by,
        key="eenzaam",
        kind=ItemKind.POST_THEN_PRE,
        text_nl="Hoe vaak voelt u zich alleen?",
        required=True,
    )
    template.worker_use = worker_use
    template.save(update_fields=["worker_use"])
    return template, item


def test_worker_fills_in_a_short_questionnaire_at_intake(client, network, worker):
    coordinator = UserFactory(organisation=network.organisation, coordinator=True)
    template, item = _short(network.organisation, coordinator, worker_use=False)
    login(client, coordinator)
    response = client.post(
        reverse("questionnaires:worker_use", args=[template.pk]), {"worker_use": "on"}
    )
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.worker_use

    person = ParticipantFactory(network=network)
    login(client, worker)
    url = reverse("questionnaires:participant", args=[person.pk])
    assert "Kort" in client.get(url).content.decode()
    # Without consent for evaluation nothing is recorded.
    response = client.post(url, {"template": template.pk, "occasion": "intake"})
    assert response.status_code == 400
    assert "toestemming" in response.content.decode()
    assert not Response.objects.exists()

    give_consent(person)
    response = client.post(url, {"template": template.pk, "occasion": "intake"})
    assert response.status_code == 302
    started = Response.objects.get()
    assert (started.occasion, started.participant, started.network) == (
        Occasion.INTAKE,
        person,
        network,
    )
    fill = reverse("questionnaires:worker_response", args=[started.pk])
    assert response["Location"] == fill
    assert "Hoe vaak voelt u zich alleen?" in client.get(fill).content.decode()
    # Completing needs the required item.
    assert client.post(fill, {"klaar": "1"}).status_code == 400
    response = client.post(
        fill, {f"item_{item.pk}_now": "7", f"item_{item.pk}_then": "3", "klaar": "1"}
    )
    assert response.status_code == 302
    started.refresh_from_db()
    assert started.is_complete
    page = client.get(url).content.decode()
    assert "Bij de kennismaking" in page


def test_worker_questionnaire_refuses_an_interview_only_template_and_others(
    client, network, worker
):
    template, _item = _short(network.organisation, worker, worker_use=False)
    person = ParticipantFactory(network=network)
    give_consent(person)
    login(client, worker)
    url = reverse("questionnaires:participant", args=[person.pk])
    assert client.post(url, {"template": template.pk, "occasion": "intake"}).status_code == 400
    template.worker_use = True
    template.save()
    assert client.post(url, {"template": template.pk, "occasion": "interview"}).status_code == 400
    assert not Response.objects.exists()
    # A worker of another network sees neither the page nor the response.
    client.post(url, {"template": template.pk, "occasion": "after_year"})
    started = Response.objects.get()
    other = NetworkFactory(organisation=network.organisation)
    login(client, other.lead_worker)
    assert client.get(url).status_code == 404
    fill = reverse("questionnaires:worker_response", args=[started.pk])
    assert client.get(fill).status_code == 404


def test_analysis_covers_only_meedoen(network, worker, settings):
    settings.VANGNET_SMALL_CELL_K = 5
    template, item = _short(network.organisation, worker)
    version = template.versions.get()
    for then, now in [(2, 6), (3, 5), (4, 4), (5, 7), (3, 6)]:
        person = ParticipantFactory(network=network)
        response = services.response_start(
            version=version, participant=person, by=worker, occasion=Occasion.AFTER_YEAR
        )
        services.response_save(
            response=response,
            cleaned_data={f"item_{item.pk}_now": now, f"item_{item.pk}_then": then},
            by=worker,
            complete=True,
        )
    outcome = network_outcome(network=network)
    rows = {row["key"]: row for row in outcome.items}
    assert set(rows) == {"eenzaam"}
    change = rows["eenzaam"]["change"]
    assert (change.n, change.suppressed) == (5, False)
    assert change.mean_change == pytest.approx((4 + 2 + 0 + 2 + 3) / 5)
    assert rows["eenzaam"]["label"] == "Hoe vaak voelt u zich alleen?"
    pooled = {row["key"]: row for row in organisation_outcome(networks=[network])["items"]}
    assert pooled["eenzaam"]["change"].n == 5


def test_outcome_page_lists_every_post_then_pre_item(client, network, worker, settings):
    settings.VANGNET_SMALL_CELL_K = 5
    template, item = _short(network.organisation, worker)
    version = template.versions.get()
    for _ in range(4):
        person = ParticipantFactory(network=network)
        response = services.response_start(version=version, participant=person, by=worker)
        services.response_save(
            response=response,
            cleaned_data={f"item_{item.pk}_now": 5, f"item_{item.pk}_then": 4},
            by=worker,
            complete=True,
        )
    login(client, worker)
    page = client.get(reverse("questionnaires:network_outcomes", args=[network.pk]))
    content = page.content.decode()
    assert "Hoe vaak voelt u zich alleen?" in content
    assert "&lt; 5" in content  # 4 people: suppressed like every figure
