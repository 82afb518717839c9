"""The fidelity pages: who sees which networks, the network section, the weights page."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from tests.conftest import login
from tests.factories import NetworkFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.dashboards.pdf import PDF_TEMPLATE, pdf_context, report_form
from vangnet.dashboards.selectors import organisation_figures
from vangnet.fidelity.models import FidelityWeights
from vangnet.fidelity.score import DEFAULT_WEIGHTS

pytestmark = pytest.mark.django_db

VALID = {**DEFAULT_WEIGHTS, "checklist": 30, "phase": 0}


def test_coordinator_sees_every_network_of_the_organisation_only(client, network, coordinator):
    second = NetworkFactory(organisation=network.organisation)
    foreign = NetworkFactory()
    response = login(client, coordinator).get(reverse("fidelity:organisation"))
    assert response.status_code == 200
    text = response.content.decode()
    assert network.name in text and second.name in text
    assert foreign.name not in text
    assert "Gewichten aanpassen" in text


def test_worker_sees_only_their_networks(client, network, worker):
    second = NetworkFactory(organisation=network.organisation)
    response = login(client, worker).get(reverse("fidelity:organisation"))
    text = response.content.decode()
    assert response.status_code == 200
    assert network.name in text and second.name not in text
    assert "Gewichten aanpassen" not in text


def test_network_of_another_organisation_is_404(client, coordinator):
    foreign = NetworkFactory()
    response = login(client, coordinator).get(reverse("fidelity:network", args=[foreign.pk]))
    assert response.status_code == 404


def test_network_page_places_the_section_and_htmx_loads_it(client, network, worker):
    login(client, worker)
    page = client.get(reverse("networks:detail", args=[network.pk])).content.decode()
    url = reverse("fidelity:network", args=[network.pk])
    assert f'hx-get="{url}"' in page
    section = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert section.lstrip().startswith("<section") and "<html" not in section
    for expected in ("Checklist elementen", "Gewicht", "Wat kun je nu doen"):
        assert expected in section
    full = client.get(url).content.decode()
    assert "<html" in full and "Per kwartaal" in full


def test_coordinator_saves_weights_with_an_audit_record(client, coordinator):
    response = login(client, coordinator).post(reverse("fidelity:weights"), VALID)
    assert response.status_code == 302
    saved = FidelityWeights.objects.get(organisation=coordinator.organisation)
    assert saved.as_dict() == VALID
    event = AuditEvent.objects.get(object_type__icontains="fidelityweights")
    assert "checklist 20->30" in event.detail
    page = client.get(reverse("fidelity:organisation")).content.decode()
    assert "Checklist elementen: 30" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"checklist": 25}, "samen 100"),
        ({"checklist": -1}, "0"),
        ({"checklist": "veel"}, "heel getal"),
        ({"checklist": ""}, "Vul een gewicht in"),
    ],
)
def test_bad_weights_are_refused_and_nothing_is_saved(client, coordinator, change, message):
    response = login(client, coordinator).post(reverse("fidelity:weights"), {**VALID, **change})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not FidelityWeights.objects.exists()


def test_worker_may_not_change_weights(client, worker):
    response = login(client, worker).post(reverse("fidelity:weights"), VALID)
    assert response.status_code == 403
    assert not FidelityWeights.objects.exists()


def test_weights_of_one_organisation_do_not_change_another(client, coordinator):
    other = UserFactory(coordinator=True)
    login(client, other).post(reverse("fidelity:weights"), VALID)
    assert not FidelityWeights.objects.filter(organisation=coordinator.organisation).exists()


def test_organisation_report_has_the_fidelity_section(client, network, coordinator):
    response = login(client, coordinator).get(reverse("dashboards:report"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Methodetrouw per vangnetwerk" in text
    assert reverse("fidelity:network", args=[network.pk]) in text


def test_organisation_report_pdf_has_the_fidelity_section(network, coordinator):
    today = timezone.localdate()
    form = report_form(coordinator, {}, today=today)
    assert form.is_valid()
    figures = organisation_figures(
        organisation=coordinator.organisation, today=today, **form.filters()
    )
    html = render_to_string(PDF_TEMPLATE, pdf_context(form, figures))
    assert "Methodetrouw per vangnetwerk" in html and network.name in html
    assert reverse("fidelity:network", args=[network.pk]) not in html  # no links on paper
