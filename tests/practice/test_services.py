import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import NetworkFactory, UserFactory
from vangnet.audit.models import AuditEvent
from vangnet.practice import services
from vangnet.practice.models import Lesson, Meeting, Theme, WorkVisit

pytestmark = pytest.mark.django_db


def test_meeting_create_keeps_fields_and_attendees(worker, coordinator):
    meeting = services.meeting_create(
        author=worker,
        date=dt.date(2025, 3, 4),
        theme=Theme.RECIPROCITY,
        theme_other="genegeerd",
        attendees=[worker, coordinator],
        notes="  Over geven en nemen.\r\n",
        lessons="Vraag iedereen iets mee te nemen.",
    )
    meeting.refresh_from_db()
    assert meeting.organisation_id == worker.organisation_id
    assert meeting.theme_other == ""  # only kept for "anders"
    assert meeting.notes == "Over geven en nemen."
    assert set(meeting.attendees.all()) == {worker, coordinator}
    assert AuditEvent.objects.filter(action="create", object_id=str(meeting.pk)).count() == 1


def test_meeting_other_theme_needs_text(worker):
    with pytest.raises(ValidationError) as error:
        services.meeting_create(author=worker, date=dt.date(2025, 3, 4), theme=Theme.OTHER)
    assert "theme_other" in error.value.message_dict
    meeting = services.meeting_create(
        author=worker, date=dt.date(2025, 3, 4), theme=Theme.OTHER, theme_other="Huisregels"
    )
    assert meeting.theme_label == "Huisregels"


def test_meeting_refuses_bad_input_and_saves_nothing(worker):
    foreign = UserFactory()
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            author=worker,
            date=None,
            theme="diagnose",
            attendees=[foreign],
            notes="x" * (services.MAX_TEXT + 1),
        )
    assert set(error.value.message_dict) == {"date", "theme", "attendees", "notes"}
    assert Meeting.objects.count() == 0


def test_meeting_date_far_future_refused(worker):
    with pytest.raises(ValidationError):
        services.meeting_create(
            author=worker,
            date=timezone.localdate() + dt.timedelta(days=400),
            theme=Theme.OWNERSHIP,
        )


def test_only_author_or_coordinator_updates(worker, coordinator, organisation):
    meeting = services.meeting_create(
        author=worker, date=dt.date(2025, 3, 4), theme=Theme.OWNERSHIP
    )
    colleague = UserFactory(organisation=organisation)
    with pytest.raises(PermissionDenied):
        services.meeting_update(
            meeting=meeting, actor=colleague, date=meeting.date, theme=Theme.RECIPROCITY
        )
    services.meeting_update(
        meeting=meeting, actor=coordinator, date=meeting.date, theme=Theme.RECIPROCITY
    )
    meeting.refresh_from_db()
    assert meeting.theme == Theme.RECIPROCITY


def test_lesson_themes_sorted_and_networks_scoped(worker, network):
    lesson = services.lesson_create(
        author=worker,
        title="Soep als middel",
        text="De activiteit is een middel.",
        date=dt.date(2025, 3, 4),
        themes=[Theme.OWNERSHIP, Theme.RECIPROCITY, Theme.OWNERSHIP],
        networks=[network],
    )
    assert lesson.themes == [Theme.RECIPROCITY, Theme.OWNERSHIP]
    assert list(lesson.networks.all()) == [network]
    with pytest.raises(ValidationError) as error:
        services.lesson_create(
            author=worker,
            title="",
            text="",
            date=timezone.localdate() + dt.timedelta(days=1),
            themes=["nope"],
            networks=[NetworkFactory()],
        )
    assert set(error.value.message_dict) == {"title", "text", "date", "themes", "networks"}
    assert Lesson.objects.count() == 1


def test_work_visit_needs_network_visitors_and_seen(worker, network):
    with pytest.raises(ValidationError) as error:
        services.work_visit_create(
            author=worker, date=dt.date(2025, 3, 4), network=None, visitors=[], seen=" "
        )
    assert set(error.value.message_dict) == {"network", "visitors", "seen"}
    with pytest.raises(ValidationError) as error:
        services.work_visit_create(
            author=worker,
            date=dt.date(2025, 3, 4),
            network=NetworkFactory(),
            visitors=[worker],
            seen="x",
        )
    assert "network" in error.value.message_dict
    visit = services.work_visit_create(
        author=worker, date=dt.date(2025, 3, 4), network=network, visitors=[worker], seen="Soep"
    )
    assert WorkVisit.objects.get().pk == visit.pk
    with pytest.raises(PermissionDenied):
        services.work_visit_update(
            visit=visit,
            actor=UserFactory(organisation=network.organisation, backup=True),
            date=visit.date,
            network=network,
            visitors=[worker],
            seen="Anders",
        )


def test_may_edit_other_organisation_coordinator_refused(worker):
    meeting = services.meeting_create(
        author=worker, date=dt.date(2025, 3, 4), theme=Theme.OWNERSHIP
    )
    assert not services.may_edit(UserFactory(coordinator=True), meeting)
    assert not services.may_edit(UserFactory(organisation=worker.organisation, admin=True), meeting)
