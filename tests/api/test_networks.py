"""Network detail: the phase now and the timeline, derived by networks.phases."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tests.api.conftest import token_client
from vangnet.networks.models import PhaseTransition
from vangnet.networks.selectors import network_timeline


def test_detail_gives_the_derived_phase_timeline(worker, network):
    PhaseTransition.objects.create(
        network=network, phase="build_up", date=dt.date(2025, 3, 1), reason="Eerste groep"
    )
    data = token_client(worker).get(reverse("api:network_detail", args=[network.pk])).json()
    timeline = network_timeline(network=network, today=timezone.localdate())
    assert data["phase"] == timeline.current.value
    build_up = data["phases"][1]
    assert build_up["phase"] == "build_up"
    assert build_up["actual_start"] == "2025-03-01" and build_up["source"] == "recorded"
    assert data["phases"][0]["actual_end"] == "2025-02-28"
    assert data["location_name"] == network.location.name
    assert data["start_date"] == "2025-01-06"
    assert len(data["phases"]) == 5
    # The reason a worker typed is not part of the API answer.
    assert "Eerste groep" not in str(data)


def test_answers_vary_on_the_language(worker, network):
    response = token_client(worker).get(reverse("api:network_detail", args=[network.pk]))
    assert "Accept-Language" in response["Vary"]
    english = token_client(worker).get(
        reverse("api:network_detail", args=[network.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert english["Content-Language"] == "en"
