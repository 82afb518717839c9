"""Coordinator pages, outcome pages, the include and the inclusion tag."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from tests.conftest import login
from tests.factories import NetworkFactory, ParticipantFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.questionnaires import selectors, services
from vangnet.questionnaires.demo import demo_answers
from vangnet.questionnaires.forms import ResponseForm
from vangnet.questionnaires.models import Item, QuestionnaireVersion, Response
from vangnet.questionnaires.outcome_selectors import network_outcome, organisation_outcome


@pytest.fixture
def template(organisation):
    return services.default_template_ensure(organisation=organisation)


def _answered(network, worker, count, *, seed=1):
    import random

    rng = random.Random(seed)
    template = services.default_template_ensure(organisation=network.organisation)
    version = selectors.current_version(template=template)
    responses = []
    for index in range(count):
        participant = ParticipantFactory(network=network, display_name=f"Geheimenaam{index}")
        response = services.response_start(version=version, participant=participant, by=worker)
        responses.append(demo_answers(response=response, rng=rng))
    return responses


def test_template_list_and_version_page(client, coordinator, template):
    login(client, coordinator)
    page = client.get(reverse("questionnaires:template_list"))
    assert page.status_code == 200 and "Evaluatiegesprek" in page.content.decode()
    page = client.get(reverse("questionnaires:template_detail", args=[template.pk]))
    assert page.status_code == 302
    page = client.get(page["Location"])
    content = page.content.decode()
    assert "meedoen" in content and "Onderdeel toevoegen" in content


def test_foreign_template_is_404(client, template):
    stranger = UserFactory(coordinator=True)
    login(client, stranger)
    assert (
        client.get(reverse("questionnaires:template_detail", args=[template.pk])).status_code == 404
    )


def test_create_template_with_bad_input_gives_dutch_errors(client, coordinator, template):
    login(client, coordinator)
    url = reverse("questionnaires:template_create")
    page = client.post(url, {"name": "", "key": "evaluatiegesprek"})
    assert page.status_code == 400
    page = client.post(url, {"name": "Nog een", "key": "evaluatiegesprek"})
    assert page.status_code == 400
    assert "Er is al een vragenlijst met deze sleutel." in page.content.decode()
    page = client.post(url, {"name": "Kort gesprek", "key": ""})
    assert page.status_code == 302


def test_item_edit_on_answered_version_makes_new_version(
    client, coordinator, network, worker, template
):
    _answered(network, worker, 1)
    v1 = selectors.current_version(template=template)
    item = Item.objects.get(section__version=v1, key="zinvol")
    login(client, coordinator)
    url = reverse("questionnaires:item_edit", args=[item.pk])
    data = {
        "key": "zinvol",
        "kind": "scale",
        "text_nl": "Hoe zinvol is het?",
        "text_en": "How meaningful?",
        "help_nl": "",
        "help_en": "",
        "choices": "",
    }
    page = client.post(url, data, follow=True)
    assert page.status_code == 200
    assert "versie 2 gemaakt" in page.content.decode()
    assert QuestionnaireVersion.objects.filter(template=template).count() == 2
    # the old version is still readable, and no longer editable
    old = client.get(reverse("questionnaires:version_detail", args=[template.pk, 1]))
    assert old.status_code == 200 and "oude versie" in old.content.decode()
    again = client.get(url)
    assert again.status_code == 302


def test_item_form_bad_choices(client, coordinator, template):
    section = selectors.current_version(template=template).sections.first()
    login(client, coordinator)
    page = client.post(
        reverse("questionnaires:item_create", args=[section.pk]),
        {"key": "nieuw", "kind": "choice", "text_nl": "Kies", "choices": "alleen één"},
    )
    assert page.status_code == 400
    assert "Geef minstens twee antwoorden" in page.content.decode()
    page = client.post(
        reverse("questionnaires:item_create", args=[section.pk]),
        {"key": "nieuw", "kind": "choice", "text_nl": "Kies", "choices": "ja | Ja | Yes\nnee"},
    )
    assert page.status_code == 302
    item = Item.objects.get(section=section, key="nieuw")
    assert item.choices == [
        {"value": "ja", "nl": "Ja", "en": "Yes"},
        {"value": "nee", "nl": "nee", "en": ""},
    ]


def test_network_outcomes_page(client, network, worker, settings):
    settings.VANGNET_SMALL_CELL_K = 5
    _answered(network, worker, 6)
    login(client, worker)
    page = client.get(reverse("questionnaires:network_outcomes", args=[network.pk]))
    content = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in content and "Deelnemer 6" in content
    assert "Geheimenaam" not in content
    assert AuditEvent.objects.filter(object_type="questionnaires.outcomes", action="view").exists()


def test_network_outcomes_suppressed_below_k(client, network, worker, settings):
    settings.VANGNET_SMALL_CELL_K = 5
    _answered(network, worker, 4)
    login(client, worker)
    content = client.get(
        reverse("questionnaires:network_outcomes", args=[network.pk])
    ).content.decode()
    assert "<svg" not in content and "Deelnemer 1" not in content
    assert "Minder dan 5" in content


def test_outcome_pages_permissions(client, network, worker):
    other = NetworkFactory(organisation=network.organisation)
    login(client, other.lead_worker)
    assert (
        client.get(reverse("questionnaires:network_outcomes", args=[network.pk])).status_code == 404
    )
    assert client.get(reverse("questionnaires:organisation_outcomes")).status_code == 403
    evaluator = UserFactory(organisation=network.organisation, evaluator=True)
    login(client, evaluator)
    assert (
        client.get(reverse("questionnaires:network_outcomes", args=[network.pk])).status_code == 404
    )
    assert client.get(reverse("questionnaires:template_list")).status_code == 403


def test_organisation_outcomes_rows_and_pooled(client, coordinator, network, worker, settings):
    settings.VANGNET_SMALL_CELL_K = 5
    _answered(network, worker, 6)
    small = NetworkFactory(organisation=network.organisation, name="Klein netwerk")
    _answered(small, small.lead_worker, 2, seed=2)
    login(client, coordinator)
    page = client.get(reverse("questionnaires:organisation_outcomes"))
    content = page.content.decode()
    assert page.status_code == 200
    assert "Klein netwerk" in content and "&lt; 5" in content
    data = organisation_outcome(networks=[network, small])
    assert data["pooled"].n == 8
    assert [row["change"].suppressed for row in data["rows"]] == [False, True]


def test_outcome_queries_are_bounded(network, worker, django_assert_max_num_queries):
    _answered(network, worker, 8)
    # meedoen pairs, indicator scores, every post-then-pre item (issue 14, item 8)
    with django_assert_max_num_queries(3):
        outcome = network_outcome(network=network)
    assert outcome.change.n == 8
    others = [NetworkFactory(organisation=network.organisation) for _ in range(3)]
    with django_assert_max_num_queries(3):
        organisation_outcome(networks=[network, *others])


def test_response_summary_queries_are_bounded(network, worker, django_assert_num_queries):
    response = _answered(network, worker, 1)[0]
    response = Response.objects.select_related("version").get(pk=response.pk)
    with django_assert_num_queries(3):
        summary = selectors.response_summary(response=response)
    displays = dict((item.key, display) for _s, rows in summary for item, display in rows)
    assert displays["meedoen"].startswith("Nu: ")


def test_response_fields_include_groups_by_section(template):
    version = selectors.current_version(template=template)
    form = ResponseForm(version=version)
    html = Template('{% include "questionnaires/includes/response_fields.html" %}').render(
        Context({"form": form})
    )
    assert html.count('<fieldset class="q-section">') == version.sections.count()
    assert "Een jaar geleden" in html and "<legend>" in html
    meedoen = Item.objects.get(section__version=version, key="meedoen")
    assert f'name="item_{meedoen.pk}_then"' in html


def test_network_section_tag(rf: RequestFactory, network, worker, settings):
    settings.VANGNET_SMALL_CELL_K = 5
    _answered(network, worker, 5)
    request = rf.get("/")
    request.user = worker
    html = Template(
        "{% load questionnaires_tags %}{% questionnaires_network_section network %}"
    ).render(Context({"request": request, "network": network}))
    assert "5 deelnemers" in html
    request.user = UserFactory(organisation=network.organisation, admin=True)
    html = Template(
        "{% load questionnaires_tags %}{% questionnaires_network_section network %}"
    ).render(Context({"request": request, "network": network}))
    assert "meedoen" not in html.lower()


def test_section_pages(client, coordinator, template):
    login(client, coordinator)
    version = selectors.current_version(template=template)
    page = client.post(
        reverse("questionnaires:section_create", args=[template.pk]), {"title_nl": ""}
    )
    assert page.status_code == 400 and "Titel (Nederlands)" in page.content.decode()
    page = client.post(
        reverse("questionnaires:section_create", args=[template.pk]),
        {"title_nl": "Afsluiting", "title_en": "Closing"},
    )
    assert page.status_code == 302
    last = version.sections.order_by("-position").first()
    assert last.title_nl == "Afsluiting"
    page = client.post(reverse("questionnaires:section_move", args=[last.pk]), {"direction": "up"})
    assert page.status_code == 302
    last.refresh_from_db()
    assert last.position == version.sections.count() - 1
    page = client.post(reverse("questionnaires:section_move", args=[last.pk]), {"direction": "x"})
    assert page.status_code == 302  # refused with a message, nothing moved
    assert client.get(reverse("questionnaires:section_delete", args=[last.pk])).status_code == 200
    page = client.post(reverse("questionnaires:section_delete", args=[last.pk]))
    assert page.status_code == 302
    assert not version.sections.filter(pk=last.pk).exists()


def test_item_move_view_on_answered_version(client, coordinator, network, worker, template):
    _answered(network, worker, 1)
    v1 = selectors.current_version(template=template)
    section = v1.sections.get(position=3)
    first, second = section.items.order_by("position")[:2]
    login(client, coordinator)
    client.post(reverse("questionnaires:item_move", args=[second.pk]), {"direction": "up"})
    v2 = selectors.current_version(template=template)
    assert v2.number == 2
    keys = list(
        Item.objects.filter(section__version=v2, section__position=3)
        .order_by("position")
        .values_list("key", flat=True)
    )
    assert keys[:2] == [second.key, first.key]
    # version 1 kept its order
    assert list(section.items.order_by("position").values_list("key", flat=True))[:2] == [
        first.key,
        second.key,
    ]


def test_version_page_queries_are_bounded(
    client, coordinator, template, django_assert_max_num_queries
):
    login(client, coordinator)
    url = reverse("questionnaires:version_detail", args=[template.pk, 1])
    client.get(url)
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200
