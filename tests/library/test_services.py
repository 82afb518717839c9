"""Publishing (refused with personal data, nothing saved), finding, adopting a copy with its
origin credited, withdrawing, and who may do what."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tests.factories import NetworkFactory, OrganisationFactory, ParticipantFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.library.models import Adoption, Kind, Publication
from vangnet.library.selectors import live_publications, publication_for
from vangnet.library.services import (
    publication_adopt,
    publication_publish,
    publication_withdraw,
)
from vangnet.practice.models import Lesson
from vangnet.questionnaires.models import Item, QuestionnaireTemplate
from vangnet.questionnaires.template_services import item_add, section_add, template_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def two():
    first, second = OrganisationFactory(name="Welzijn Noord"), OrganisationFactory(name="Zuid")
    ParticipantFactory(network=NetworkFactory(organisation=first), display_name="Zwaantje")
    return {
        "first": first,
        "second": second,
        "coordinator": UserFactory(organisation=first, coordinator=True),
        "other": UserFactory(organisation=second, coordinator=True),
    }


def lesson(user, **extra):
    data = {"kind": Kind.LESSON, "title": "Samen koken", "text": "Laat de groep kiezen."}
    return publication_publish(user=user, **(data | extra))


def test_publish_refuses_a_participant_name_and_saves_nothing(two):
    with pytest.raises(ValidationError) as caught:
        lesson(two["coordinator"], text="Zwaantje nam de leiding; bel 06-12345678.")
    messages = caught.value.messages
    assert messages[0].startswith("Je kunt dit nog niet publiceren")
    assert "'Zwaantje' in de tekst: een naam uit je organisatie" in messages
    assert "'06-12345678' in de tekst: een telefoonnummer" in messages
    assert not Publication.objects.exists()


def test_names_of_another_organisation_do_not_block(two):
    assert lesson(two["other"], text="Zwaantje is hier geen deelnemer.").credit == "Zuid"


def test_publish_find_adopt_a_lesson_with_its_origin(two):
    publication = lesson(two["coordinator"], themes=["reciprocity"])
    assert publication.credit == "Welzijn Noord"
    assert live_publications(query="koken") == [publication]
    assert live_publications(kind=Kind.QUESTIONNAIRE) == []
    assert live_publications(theme="reciprocity") == [publication]
    adoption = publication_adopt(user=two["other"], publication=publication)
    copy = Lesson.objects.get(pk=adoption.copy_id)
    assert copy.organisation == two["second"]
    assert "afkomstig van Welzijn Noord" in copy.text
    assert copy.themes == ["reciprocity"]
    with pytest.raises(ValidationError, match="al overgenomen"):
        publication_adopt(user=two["other"], publication=publication)
    with pytest.raises(ValidationError, match="eigen organisatie"):
        publication_adopt(user=two["coordinator"], publication=publication)
    assert AuditEvent.objects.filter(object_type__startswith="library").count() == 2


def test_questionnaire_is_copied_into_a_new_template(two):
    template = template_create(
        organisation=two["first"], name="Kort na een jaar", by=two["coordinator"]
    )
    section = section_add(template=template, by=two["coordinator"], title_nl="Meedoen")
    item_add(
        section=section,
        by=two["coordinator"],
        key="meedoen",
        kind="scale",
        text_nl="Hoe vaak doe je mee?",
    )
    publication = publication_publish(
        user=two["coordinator"],
        kind=Kind.QUESTIONNAIRE,
        title="Kort na een jaar",
        text="Vijf minuten.",
        questionnaire_id=template.pk,
    )
    adoption = publication_adopt(user=two["other"], publication=publication)
    copy = QuestionnaireTemplate.objects.get(pk=adoption.copy_id)
    assert copy.organisation == two["second"] and copy.key.endswith("-bibliotheek")
    assert list(
        Item.objects.filter(section__version__template=copy).values_list("text_nl", flat=True)
    ) == ["Hoe vaak doe je mee?"]


def test_questionnaire_of_another_organisation_cannot_be_published(two):
    foreign = template_create(organisation=two["second"], name="Andere", by=two["other"])
    with pytest.raises(ValidationError) as caught:
        publication_publish(
            user=two["coordinator"],
            kind=Kind.QUESTIONNAIRE,
            title="X",
            text="Y",
            questionnaire_id=foreign.pk,
        )
    assert "questionnaire" in caught.value.message_dict


def test_checklist_variant_items_are_checked_and_kept_as_the_copy(two):
    with pytest.raises(ValidationError, match="Zwaantje"):
        publication_publish(
            user=two["coordinator"],
            kind=Kind.CHECKLIST,
            title="Lijst",
            text="Uitleg",
            checklist="# Groep\n- Vraag Zwaantje",
        )
    publication = publication_publish(
        user=two["coordinator"],
        kind=Kind.CHECKLIST,
        title="Lijst",
        text="Uitleg",
        checklist="# Start\n- Koffie klaar\n- Iedereen welkom\n# Eind\nSamen opruimen",
    )
    assert publication.content == {
        "groups": [
            {"title": "Start", "items": ["Koffie klaar", "Iedereen welkom"]},
            {"title": "Eind", "items": ["Samen opruimen"]},
        ]
    }
    adoption = publication_adopt(user=two["other"], publication=publication)
    assert adoption.content == publication.content and adoption.credit == "Welzijn Noord"


def test_withdraw_hides_it_from_others_and_keeps_their_copies(two):
    publication = lesson(two["coordinator"])
    adoption = publication_adopt(user=two["other"], publication=publication)
    with pytest.raises(PermissionDenied):
        publication_withdraw(user=two["other"], publication=publication)
    publication_withdraw(user=two["coordinator"], publication=publication)
    assert live_publications() == []
    assert publication_for(two["coordinator"], publication.pk) == publication
    with pytest.raises(Http404):
        publication_for(two["other"], publication.pk)
    assert Adoption.objects.filter(pk=adoption.pk).exists()
    assert Lesson.objects.filter(pk=adoption.copy_id).exists()
    third = UserFactory(coordinator=True)
    with pytest.raises(ValidationError, match="ingetrokken"):
        publication_adopt(user=third, publication=publication)


def test_workers_read_but_do_not_publish(two):
    worker = UserFactory(organisation=two["first"])
    with pytest.raises(PermissionDenied):
        lesson(worker)
