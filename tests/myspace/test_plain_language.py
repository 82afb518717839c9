"""The pages participants and network-support clients read are in plain language: short
sentences (at most 12 words on average per page) and none of the jargon of the method or of
research. Every such page in myspace/urls.py is walked (tests/myspace/pages.py lists them):
the participant's, the client's, the pages to get in, and tablet mode with every task."""

import re
from html.parser import HTMLParser

from django.urls import reverse

from tests.myspace import pages
from tests.myspace.conftest import activate, sign_in
from tests.myspace.test_contacts import _client_with_map
from tests.myspace.test_member_check import _shown_report
from tests.myspace.test_questionnaire import _started
from vangnet.myspace import client_services, services
from vangnet.myspace.tablet import CLIENT_TASKS, TASKS

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


def _walk(client, problems: list[str], walked: set[str], name: str, *args, **kwargs) -> None:
    """GET (or POST, with `data`) one page and check its language."""
    data = kwargs.pop("data", None)
    query = kwargs.pop("query", "")
    url = reverse(f"myspace:{name}", args=args) + query
    page = client.post(url, data) if data is not None else client.get(url)
    assert page.status_code in (200, 400), f"{name}: {page.status_code}"
    walked.add(name)
    problems += _check(page.content.decode(), f"{name}{query}")


def test_participant_pages_are_plain_language(client, space):
    anna, worker = space["anna"], space["worker"]
    _shown_report(anna)
    response, first, _second = _started(anna, worker)
    sign_in(client, activate(anna, actor=worker))
    problems: list[str] = []
    walked: set[str] = set()
    for name in sorted(pages.PARTICIPANT - {"questionnaire_fill"}):
        _walk(client, problems, walked, name)
    _walk(client, problems, walked, "questionnaire_fill", response.pk)
    client.post(
        reverse("myspace:questionnaire_fill", args=[response.pk]) + "?stap=1",
        {f"item_{first.pk}_now": "7", f"item_{first.pk}_then": "3"},
    )
    _walk(client, problems, walked, "questionnaire_fill", response.pk, query="?stap=2")
    _walk(client, problems, walked, "questionnaire_fill", response.pk, query="?stap=klaar")
    assert pages.PARTICIPANT - walked == set()
    assert problems == []


def test_client_pages_are_plain_language(client, space):
    kees, _mother = _client_with_map(space["worker"])
    client_services.goal_add(client=kees, text="een eigen woning")
    sign_in(client, activate(None, actor=space["worker"], client=kees))
    problems: list[str] = []
    walked: set[str] = set()
    for name in sorted(pages.CLIENT):
        _walk(client, problems, walked, name)
    assert pages.CLIENT - walked == set()
    assert problems == []


def test_signed_out_pages_are_plain_language(client, space):
    anna, worker = space["anna"], space["worker"]
    activate(anna, actor=worker)
    problems: list[str] = []
    walked: set[str] = set()
    _walk(client, problems, walked, "signin")
    _walk(client, problems, walked, "email_link_request", data={"email": "anna@example.org"})
    _walk(client, problems, walked, "email_link", "onbekend")
    _walk(client, problems, walked, "activate")
    new = services.code_create(actor=worker, participant=anna)
    client.post(reverse("myspace:activate"), {"code": new.code})
    _walk(client, problems, walked, "choose_secret")
    assert pages.SIGNED_OUT - walked == set()
    assert problems == []


def test_tablet_pages_are_plain_language(client, space):
    anna, worker = space["anna"], space["worker"]
    _shown_report(anna)
    _started(anna, worker)
    kees, _mother = _client_with_map(worker)
    services.space_switch_set(
        organisation=anna.organisation, network=anna.network, on=True, actor=worker
    )
    services.space_switch_set(organisation=kees.organisation, network=None, on=True, actor=worker)
    client.force_login(worker)
    problems: list[str] = []
    walked: set[str] = set()
    people = [("tablet_start", anna.pk, TASKS), ("client_tablet_start", kees.pk, CLIENT_TASKS)]
    for start, pk, tasks in people:
        for task in tasks:
            pin = {"pin": "73915", "repeat": "73915"}
            client.post(reverse(f"myspace:{start}", args=[pk]), {"task": task, **pin})
            _walk(client, problems, walked, "tablet_task", query=f"?{task}")
            _walk(client, problems, walked, "tablet_unlock")
            client.post(reverse("myspace:tablet_unlock"), {"pin": "73915"})
    assert pages.TABLET - walked == set()
    assert problems == []


def test_every_page_for_participants_is_walked():
    """The lists the tests above walk cover every name in myspace/urls.py."""
    assert pages.unlisted() == set()


def test_the_check_can_fail():
    long = "<main><p>" + " ".join(["woord"] * 20) + ".</p></main>"
    assert _check(long, "long")
    assert _check("<main><p>Een respondent.</p></main>", "jargon")
