"""The participant pages are in plain language: short sentences (at most 12 words on
average per page) and none of the jargon of the method or of research."""

import re
from html.parser import HTMLParser

from django.urls import reverse

from tests.myspace.conftest import activate, sign_in
from tests.myspace.test_contacts import _client_with_map
from tests.myspace.test_member_check import _shown_report
from tests.myspace.test_questionnaire import _started

BANNED = (
    "afgeleid",
    "member check",
    "wilcoxon",
    "respondent",
    "kennismaker",
    "vaste deelnemer",
    "afhaker",
    "route-fase",
    "data-subject",
    "gepseudonimiseerd",
)


class _Text(HTMLParser):
    """The visible text of <main>, without scripts and styles."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        if tag in ("script", "style"):
            self.skip += 1
        if tag in ("p", "li", "h1", "h2", "h3", "dt", "dd", "legend", "label", "button", "a"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def _sentences(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    text = "".join(parser.parts)
    chunks = re.split(r"[.!?:\n]+", text)
    return [chunk.strip() for chunk in chunks if len(chunk.split()) >= 1]


def _check(html: str, name: str) -> list[str]:
    problems = []
    sentences = _sentences(html)
    words = [len(sentence.split()) for sentence in sentences]
    if words and sum(words) / len(words) > 12:
        problems.append(f"{name}: {sum(words) / len(words):.1f} words per sentence")
    lowered = html.lower()
    problems += [f"{name}: '{word}'" for word in BANNED if word in lowered]
    return problems


def test_participant_pages_are_plain_language(client, space):
    anna, worker = space["anna"], space["worker"]
    _shown_report(anna)
    response, _first, _second = _started(anna, worker)
    sign_in(client, activate(anna, actor=worker))
    pages = {
        "home": reverse("myspace:home"),
        "my_data": reverse("myspace:my_data"),
        "reports": reverse("myspace:reports"),
        "questionnaire": reverse("myspace:questionnaire"),
        "questionnaire_item": reverse("myspace:questionnaire_fill", args=[response.pk]),
        "contacts": reverse("myspace:contacts"),
        "wishes": reverse("myspace:wishes"),
        "absences": reverse("myspace:absences"),
        "consents": reverse("myspace:consents"),
    }
    problems = []
    for name, url in pages.items():
        page = client.get(url)
        assert page.status_code == 200, name
        problems += _check(page.content.decode(), name)
    client.post(reverse("myspace:signout"))
    for name in ("myspace:signin", "myspace:activate"):
        problems += _check(client.get(reverse(name)).content.decode(), name)
    assert problems == []


def test_client_pages_are_plain_language(client, space):
    kees, _mother = _client_with_map(space["worker"])
    sign_in(client, activate(None, actor=space["worker"], client=kees))
    problems = []
    for name in ("myspace:home", "myspace:my_data", "myspace:contacts"):
        problems += _check(client.get(reverse(name)).content.decode(), name)
    assert problems == []


def test_the_check_can_fail():
    long = "<main><p>" + " ".join(["woord"] * 20) + ".</p></main>"
    assert _check(long, "long")
    assert _check("<main><p>Een respondent.</p></main>", "jargon")
