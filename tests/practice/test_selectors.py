import datetime as dt

import pytest

from tests.factories import OrganisationFactory, UserFactory
from vangnet.practice import selectors, services
from vangnet.practice.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(worker, network):
    day = dt.date(2025, 3, 4)
    services.meeting_create(
        author=worker, date=day, theme=Theme.RECIPROCITY, notes="Geven en nemen in de soepgroep"
    )
    services.meeting_create(
        author=worker, date=day, theme=Theme.OTHER, theme_other="Huisregels maken"
    )
    services.lesson_create(
        author=worker,
        title="Iedereen een taak",
        text="Laat de SOEP door deelnemers koken.",
        date=day,
        themes=[Theme.OWNERSHIP],
    )
    services.lesson_create(
        author=worker,
        title="Tolken bij ruzie",
        text="Leg uit wat iemand bedoelde.",
        date=day,
        themes=[Theme.SOCIAL_INTERPRETING, Theme.RECIPROCITY],
    )
    services.work_visit_create(
        author=worker,
        date=day,
        network=network,
        visitors=[worker],
        seen="Een volle keuken",
        take_home="Soep werkt als begin",
    )


def test_search_is_case_insensitive_over_all_texts(library, organisation):
    result = selectors.practice_search(organisation=organisation, query="soep")
    assert len(result.meetings) == 1
    assert [lesson.title for lesson in result.lessons] == ["Iedereen een taak"]
    assert len(result.visits) == 1
    assert result.total == 3
    assert selectors.practice_search(organisation=organisation, query="huisregels").total == 1


def test_theme_filter(library, organisation):
    result = selectors.practice_search(organisation=organisation, theme=Theme.RECIPROCITY)
    assert len(result.meetings) == 1
    assert [lesson.title for lesson in result.lessons] == ["Tolken bij ruzie"]
    assert result.visits == []  # visits carry no theme
    assert selectors.practice_search(organisation=organisation, theme="onzin").total == 0


def test_other_organisation_sees_nothing(library):
    other = OrganisationFactory()
    assert selectors.practice_search(organisation=other).total == 0
    assert selectors.practice_search(organisation=other, query="soep").total == 0


def test_search_query_count_is_bounded(library, organisation, worker, django_assert_num_queries):
    for index in range(5):
        services.meeting_create(
            author=worker,
            date=dt.date(2025, 1, 1),
            theme=Theme.FOUR_BALANCES,
            attendees=[worker, UserFactory(organisation=organisation)],
            notes=f"soep {index}",
        )
    with django_assert_num_queries(6):
        result = selectors.practice_search(organisation=organisation, query="soep")
        names = [user.pk for meeting in result.meetings for user in meeting.attendees.all()]
        networks = [network.pk for lesson in result.lessons for network in lesson.networks.all()]
        sites = [visit.network.name for visit in result.visits]
    assert len(result.meetings) == 6 and names and sites and networks == []


def test_colleagues_are_practice_roles_of_the_organisation(
    organisation, network, worker, coordinator
):
    UserFactory(organisation=organisation, admin=True)
    UserFactory(organisation=organisation, evaluator=True)
    UserFactory()
    assert set(selectors.colleagues(organisation=organisation)) == {
        worker,
        network.backup_worker,
        coordinator,
    }
