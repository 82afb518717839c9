"""The base layout written once per language and menu (core/layout.py) and the menu kept
per capabilities (core/context_processors.py): the same markup as from scratch, for every
role in Dutch and English, and never another viewer's menu."""

import re

import pytest
from django.contrib.messages import add_message, constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.template import RequestContext, engines
from django.test import RequestFactory
from django.urls import resolve
from django.utils import translation

from tests.factories import UserFactory
from vangnet.core import context_processors, layout
from vangnet.core.context_processors import NAVIGATION, navigation_build
from vangnet.organisations.models import Role

PAGE = (
    '{% extends "base.html" %}{% block title %}Titel &amp; co{% endblock %}'
    "{% block content %}<p>{{ LANGUAGE_CODE }}</p>{% endblock %}"
)
# The layout from scratch: its parts rendered by the template engine on every call, as
# base.html did before core/layout.py.
FROM_SCRATCH = (
    '{% include "includes/layout_start.html" %}Titel &amp; co'
    '{% include "includes/layout_top.html" %}{% include "includes/messages.html" %}'
    '\n    <p>{{ LANGUAGE_CODE }}</p>{% include "includes/layout_end.html" %}\n'
)


def _masked(html: str) -> str:
    """The CSRF token is masked anew for every render; the minute of printing may turn."""
    html = re.sub(r'csrfmiddlewaretoken" value="[^"]+"', 'csrfmiddlewaretoken" value="-"', html)
    html = re.sub(r'"X-CSRFToken": "[^"]+"', '"X-CSRFToken": "-"', html)
    return re.sub(r"(Gemaakt op|Made on) [^<]*? (met|with) Vangnet", r"\1 - \2 Vangnet", html)


def _context(user, path: str, language: str, messages: bool = False) -> RequestContext:
    request = RequestFactory().get(path + "?terug=<a>&b=1")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    request.resolver_match = resolve(path)
    request.LANGUAGE_CODE = language
    if messages:
        add_message(request, constants.SUCCESS, "Opgeslagen <b>&</b>")
    return RequestContext(request, {})


def _paths() -> list[str]:
    from django.urls import reverse

    return ["/account/", "/netwerken/1/", *(reverse(name) for name, _label, _cap in NAVIGATION)]


def _render(user, path: str, language: str, messages: bool = False) -> tuple[str, str]:
    """(this page through base.html, the same page's layout from scratch)."""
    engine = engines["django"].engine
    with translation.override(language):
        kept = engine.from_string(PAGE).render(_context(user, path, language, messages))
        scratch = engine.from_string(FROM_SCRATCH).render(_context(user, path, language, messages))
    return _masked(kept), _masked(scratch)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_layout_is_the_same_as_from_scratch_for_every_role(organisation, language):
    for role in Role:
        user = UserFactory(organisation=organisation, role=role, first_name="Jan & <Piet>")
        for path in _paths():
            kept, scratch = _render(user, path, language)
            assert kept == scratch, (role, path)
            # and a second time, from the kept parts
            assert _render(user, path, language)[0] == scratch
        kept, scratch = _render(user, "/account/", language, messages=True)
        assert kept == scratch
        assert "Opgeslagen &lt;b&gt;&amp;&lt;/b&gt;" in kept
    assert layout._PARTS, "the parts were kept"


@pytest.mark.django_db
def test_signed_out_and_without_an_organisation(organisation):
    from django.contrib.auth.models import AnonymousUser

    kept, scratch = _render(AnonymousUser(), "/account/", "nl")
    assert kept == scratch and "Uitloggen" not in kept
    lost = UserFactory(organisation=None, role=Role.COORDINATOR)
    kept, scratch = _render(lost, "/account/", "en")
    assert kept == scratch and "Uitloggen" not in kept and "Log out" in kept


@pytest.mark.django_db
def test_the_kept_menu_is_the_menu_from_scratch(organisation):
    for role in Role:
        user = UserFactory(organisation=organisation, role=role)
        for path in _paths():
            request = RequestFactory().get(path)
            request.user = user
            request.resolver_match = resolve(path)
            for language in ("nl", "en"):
                with translation.override(language):
                    kept = context_processors.navigation(request)["navigation"]
                    fresh = navigation_build(user, request.resolver_match.view_name)
                    assert [dict(item, label=str(item["label"])) for item in kept] == [
                        dict(item, label=str(item["label"])) for item in fresh
                    ]


@pytest.mark.django_db
def test_a_viewer_never_gets_a_menu_kept_for_more_capabilities(client, organisation):
    """The coordinator's menu is written first; the worker and the municipality viewer on
    the same page of the same process see only their own entries."""
    coordinator = UserFactory(organisation=organisation, role=Role.COORDINATOR)
    worker = UserFactory(organisation=organisation)
    viewer = UserFactory(organisation=organisation, role=Role.MUNICIPALITY)
    client.force_login(coordinator)
    page = client.get("/account/").content.decode()
    assert "/dashboard/" in page
    client.force_login(worker)
    page = client.get("/account/").content.decode()
    assert "/netwerken/" in page and "/dashboard/" not in page
    assert _render(worker, "/account/", "nl")[0] == _render(worker, "/account/", "nl")[1]
    client.force_login(viewer)
    page = client.get("/account/").content.decode()
    assert "/rapportages/gemeente/" in page
    assert "/netwerken/" not in page and "/dashboard/" not in page
    # A user whose role changes gets the new role's menu on the next page.
    worker.role = Role.COORDINATOR
    worker.save()
    client.force_login(worker)
    assert "/dashboard/" in client.get("/account/").content.decode()


@pytest.mark.django_db
def test_the_layout_without_a_request_is_written_from_scratch(organisation):
    """The error pages may render without a request: no menu, no CSRF token."""
    page = engines["django"].from_string(PAGE).render({})
    assert page.startswith("<!DOCTYPE html>") and "Titel &amp; co" in page
    assert "csrfmiddlewaretoken" not in page and "Uitloggen" not in page
