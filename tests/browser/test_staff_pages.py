"""Every page of the worker, the coordinator, the evaluator and the municipality, walked in a
browser on the demo data: axe-core finds no WCAG A/AA violation, and no page scrolls
sideways at 320 CSS px, with text at 200% at 320 px, nor at 200% zoom (WCAG 2.1 1.4.4 and
1.4.10; the checks: tests/browser/reflow.py).

The pages come from tests/browser/staff_pages.py: every URL name that answers GET, for every
role the authorization matrix lets in, with ids from the demo data. A new page is walked
without being listed; the walk fails if a role's page cannot be built from the demo's ids.

One browser, one context per role (signed in once), every check of a page done while it is
open, and axe-core once per address (the first role to open it): some 270 pages in a few
minutes.
Run: .venv/bin/pytest -m browser tests/browser/test_staff_pages.py -p no:randomly
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.conftest import PHONE, login_via_form
from tests.browser.reflow import NARROW, reflow_problems
from tests.browser.staff_pages import ROLES, add_what_the_demo_lacks, demo_kwargs, pages_of
from vangnet.demo import content
from vangnet.demo.generator import demo_generate
from vangnet.networks.models import Network
from vangnet.organisations.models import User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _walk_role(chromium_browser, live_server, label: str, visits, axed: set[str]) -> list[str]:
    """One role's pages in one context. axe-core runs once per page (by the first role that
    opens it: it takes most of the time); the reflow checks run for every role."""
    context = chromium_browser.new_context(
        base_url=live_server.url, **{**PHONE, "viewport": NARROW}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    user = User.objects.get(username=ROLES[label])
    login_via_form(page, live_server, user, password=content.DEMO_PASSWORD)
    problems = []
    for visit in visits:
        path = reverse(visit.name, kwargs=visit.kwargs)
        answer = page.goto(live_server.url + path)
        where = f"{label} {visit.name} {path}"
        landed = page.url.removeprefix(live_server.url).split("?")[0]
        if visit.lands_elsewhere:
            if landed == path:
                problems.append(f"{where}: listed in REDIRECTS but it is a page now: walk it")
            continue
        if answer is None or answer.status != 200 or landed != path:
            problems.append(f"{where}: answered {answer and answer.status}, at {landed}")
            continue
        problems += reflow_problems(page, where, axe=visit.name not in axed)
        axed.add(visit.name)
    context.close()
    return problems


def test_every_staff_page_reflows_and_passes_axe(chromium_browser, live_server):
    demo_generate(today=timezone.localdate(), progress=False)
    network = Network.objects.filter(lead_worker__username=ROLES["lead"]).order_by("pk").first()
    kwargs = demo_kwargs(network)
    add_what_the_demo_lacks(network, kwargs)
    problems: list[str] = []
    axed: set[str] = set()
    for label in ROLES:
        visits, missing = pages_of(label, network, kwargs)
        problems += [f"{label} {name}: no id for it in the demo data" for name in missing]
        problems += _walk_role(chromium_browser, live_server, label, visits, axed)
    assert problems == [], "\n".join(problems)
