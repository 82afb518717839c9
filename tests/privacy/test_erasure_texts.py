"""Erasure replaces the person's name in other free text (whole words, case-insensitive,
scoped to their network and organisation), explains it first, and audits it."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import NetworkFactory, ParticipantFactory, SessionFactory
from vangnet.audit.models import AuditEvent
from vangnet.logbook.models import LogEntry
from vangnet.participants.models import FollowUpTask
from vangnet.practice.models import Lesson
from vangnet.privacy import scrub
from vangnet.privacy.services import person_erase
from vangnet.support.models import Alter, NetworkMap, SupportTie

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 3, 5)


def log(network, text):
    return LogEntry.objects.create(network=network, author=network.lead_worker, date=DAY, text=text)


def test_name_terms_whole_name_then_parts_without_particles():
    assert scrub.name_terms("Jo") == ["Jo"]
    assert scrub.name_terms("  Anja   de Vries ") == ["Anja de Vries", "Vries", "Anja"]
    assert scrub.name_terms("") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Met Jo gebeld.", "Met [verwijderd] gebeld."),
        ("JO kwam laat; jo ook.", "[verwijderd] kwam laat; [verwijderd] ook."),
        ("Johan en de jongeren, joggen", "Johan en de jongeren, joggen"),
        ("Jo's taart", "[verwijderd]'s taart"),
        ("(Jo)", "([verwijderd])"),
        ("Jozef-Jo", "Jozef-[verwijderd]"),
    ],
)
def test_short_names_are_replaced_as_whole_words_only(text, expected):
    pattern = scrub.name_pattern(scrub.name_terms("Jo"))
    assert pattern.subn(scrub.REDACTED, text)[0] == expected


def test_unicode_word_boundaries():
    pattern = scrub.name_pattern(scrub.name_terms("Zoë"))
    assert pattern.sub(scrub.REDACTED, "Zoë en Zoëlla") == "[verwijderd] en Zoëlla"


def test_json_values_are_replaced_inside_strings():
    pattern = scrub.name_pattern(["Jo"])
    data, count = scrub.replace_in({"a": ["met Jo", 3], "b": {"c": "jo!"}}, pattern)
    assert data == {"a": ["met [verwijderd]", 3], "b": {"c": "[verwijderd]!"}} and count == 2


@pytest.fixture
def jo(network):
    return ParticipantFactory(network=network, display_name="Jo")


def test_erasure_replaces_name_in_texts_of_the_network(jo, network, worker):
    other = ParticipantFactory(network=network, display_name="Piet", notes="Kan goed met jo.")
    entry = log(network, "Jo en Johan kookten. Daarna belde jo.")
    session = SessionFactory(network=network, date=DAY, note="Jo was er niet")
    task = FollowUpTask.objects.create(
        participant=other, network=network, created_on=DAY, missed_sessions=2, outcome="Via Jo"
    )
    tie = SupportTie.objects.create(
        network=network, giver=other, receiver=jo, support_type="practical", date=DAY,
        note="Bracht Jo naar huis",
    )  # fmt: skip
    untouched = log(network, "Johan en de jongeren")
    foreign = log(NetworkFactory(), "Jo uit een ander netwerk")
    lesson = Lesson.objects.create(
        organisation=network.organisation, title="Les van Jo", text="x", date=DAY
    )
    person_erase(participant=jo, actor=worker)
    entry.refresh_from_db()
    assert entry.text == "[verwijderd] en Johan kookten. Daarna belde [verwijderd]."
    session.refresh_from_db()
    assert session.note == "[verwijderd] was er niet"
    other.refresh_from_db()
    assert other.notes == "Kan goed met [verwijderd]."
    task.refresh_from_db()
    assert task.outcome == "Via [verwijderd]"
    tie.refresh_from_db()
    assert tie.note == ""  # the person's own tie notes are emptied entirely
    lesson.refresh_from_db()
    assert lesson.title == "Les van [verwijderd]"
    untouched.refresh_from_db()
    assert untouched.text == "Johan en de jongeren"
    foreign.refresh_from_db()
    assert foreign.text == "Jo uit een ander netwerk"
    audit = AuditEvent.objects.get(action="update", detail__startswith="erasure:name-in-texts")
    assert "logboek=1" in audit.detail and "bijeenkomsten=1" in audit.detail
    assert "Jo " not in audit.detail


def test_support_tie_note_of_other_people_mentioning_the_person(jo, network, worker):
    a = ParticipantFactory(network=network, display_name="Ans")
    b = ParticipantFactory(network=network, display_name="Bas")
    tie = SupportTie.objects.create(
        network=network, giver=a, receiver=b, support_type="emotional", date=DAY,
        note="Ook Jo hielp",
    )  # fmt: skip
    person_erase(participant=jo, actor=worker)
    tie.refresh_from_db()
    assert tie.note == "Ook [verwijderd] hielp"


def test_map_person_replaced_only_when_linked(jo, network, worker):
    owner = ParticipantFactory(network=network, display_name="Ans")
    wave = NetworkMap.objects.create(participant=owner, wave_date=DAY)
    linked = Alter.objects.create(
        network_map=wave, name="Jo", kind="vangnetwerk", linked_participant=jo
    )
    namesake = Alter.objects.create(network_map=wave, name="Tante Jo", kind="relative")
    person_erase(participant=jo, actor=worker)
    linked.refresh_from_db()
    namesake.refresh_from_db()
    assert linked.name == "[verwijderd]"
    assert namesake.name == "Tante Jo"


def test_replacement_longer_than_the_field_is_cut(jo, network, worker):
    other = ParticipantFactory(network=network, display_name="Piet")
    a = ParticipantFactory(network=network, display_name="Ans")
    tie = SupportTie.objects.create(
        network=network, giver=other, receiver=a, support_type="emotional", date=DAY,
        note=("Jo " * 66).strip(),
    )  # fmt: skip
    person_erase(participant=jo, actor=worker)
    tie.refresh_from_db()
    assert len(tie.note) == 200 and tie.note.startswith("[verwijderd] [verwijderd]")


def test_erase_page_explains_and_counts_before_confirming(jo, network, worker_client):
    log(network, "Jo kwam")
    log(network, "jo bleef")
    page = worker_client.get(reverse("privacy:erase", args=[jo.pk])).content.decode()
    assert "[verwijderd]" in page
    assert "het logboek: 2 teksten" in page
    assert LogEntry.objects.filter(text__contains="verwijderd").count() == 0


def test_every_target_resolves():
    """A renamed field in another app must fail here, not during someone's erasure."""
    from django.apps import apps

    for target in scrub.TARGETS:
        if not apps.is_installed(f"vangnet.{target.app}"):
            continue
        model = apps.get_model(target.app, target.model)
        model._meta.get_field(target.field)
        lookup = "organisation_id" if target.scope == "organisation" else f"{target.scope}_id"
        str(model.objects.filter(**{lookup: 1}).query)  # raises FieldError if wrong


def test_a_failed_erasure_changes_no_text(jo, network, worker, monkeypatch):
    entry = log(network, "Jo kwam")

    def boom(**kwargs):
        raise RuntimeError("stop")

    monkeypatch.setattr("vangnet.privacy.services.audit_record", boom)
    with pytest.raises(RuntimeError):
        person_erase(participant=jo, actor=worker)
    entry.refresh_from_db()
    assert entry.text == "Jo kwam"
