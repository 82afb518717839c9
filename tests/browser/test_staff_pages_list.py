"""The list of staff pages the browser walk visits (tests/browser/staff_pages.py): derived
from the URLconf, and it can fail. No browser needed."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.browser import staff_pages
from vangnet.demo.generator import demo_generate
from vangnet.networks.models import Network


def test_every_name_left_out_is_a_url_that_answers_get():
    routes = staff_pages.staff_routes()
    assert set(staff_pages.NOT_A_PAGE) - set(routes) == set()
    assert set(staff_pages.REDIRECTS) - set(routes) == set()
    assert {name for _label, name in staff_pages.ROLE_REDIRECTS} - set(routes) == set()
    assert not set(staff_pages.NOT_A_PAGE) & set(staff_pages.REDIRECTS)


@pytest.mark.django_db
def test_pages_come_from_the_urlconf_and_a_missing_id_is_reported():
    demo_generate(today=timezone.localdate(), progress=False)
    network = Network.objects.filter(lead_worker__username="sociaalwerker").order_by("pk").first()
    kwargs = staff_pages.demo_kwargs(network)
    staff_pages.add_what_the_demo_lacks(network, kwargs)
    walked = {}
    for label in staff_pages.ROLES:
        visits, missing = staff_pages.pages_of(label, network, kwargs)
        assert missing == []
        walked[label] = {visit.name for visit in visits}
    # Every role's own pages, by the authorization matrix: no hand-made list.
    assert {"home", "networks:detail", "participants:detail", "myspace:participant_access"} <= (
        walked["lead"]
    )
    assert {"dashboards:organisation", "finance:overview"} <= walked["coordinator"]
    assert {"interviews:mine", "interviews:report_write"} <= walked["evaluator"]
    assert "reports:municipality" in walked["municipality"]
    assert "networks:detail" not in walked["municipality"]
    assert not set(staff_pages.NOT_A_PAGE) & set().union(*walked.values())
    # An id the data does not have: the pages that need it are reported, not skipped.
    del kwargs["client_id"]
    _visits, missing = staff_pages.pages_of("lead", network, kwargs)
    assert "support:client_map" in missing and "myspace:client_access" in missing
