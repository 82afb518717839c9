import pytest
from django.urls import reverse

from tests.conftest import login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_user_is_sent_to_login(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_login_page_is_dutch_and_has_no_third_party_assets(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="nl"' in html
    assert "Inloggen" in html
    assert "http://" not in html and "https://" not in html
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_home_for_coordinator_lists_networks(client, coordinator, network):
    response = login(client, coordinator).get(reverse("home"))
    assert response.status_code == 200
    assert network.name in response.content.decode()


def test_language_can_be_switched_to_english(client, coordinator):
    login(client, coordinator)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("account"))
    assert "My account" in response.content.decode()


def test_user_with_one_time_password_must_change_it_first(client, organisation):
    user = UserFactory(organisation=organisation, coordinator=True, must_change_password=True)
    response = login(client, user).get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("password_change")


def test_dutch_is_the_default_whatever_the_browser_language(client, coordinator):
    login(client, coordinator)
    response = client.get(reverse("account"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert 'lang="nl"' in response.content.decode()
    assert "Mijn account" in response.content.decode()


def test_municipality_viewer_lands_on_the_report_and_sees_one_menu_item(client, organisation):
    viewer = UserFactory(organisation=organisation, municipality=True)
    client.force_login(viewer)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/rapportages/gemeente/"
    page = client.get(response["Location"])
    assert [item["url"] for item in page.context["navigation"]] == [
        "/",
        "/rapportages/gemeente/",
    ]


def test_evaluation_overview_lists_what_the_role_may_open(client, organisation):
    evaluator = UserFactory(organisation=organisation, evaluator=True)
    client.force_login(evaluator)
    page = client.get("/evaluaties/").content.decode()
    assert "Mijn evaluatiegesprekken" in page and "Verslagen coderen" in page
    assert "Vragenlijsten" not in page and "Uitkomsten" not in page
    coordinator = UserFactory(organisation=organisation, coordinator=True)
    client.force_login(coordinator)
    page = client.get("/evaluaties/").content.decode()
    assert "Vragenlijsten" in page and "Uitkomsten" in page and "Thematisch verslag" in page
    client.force_login(UserFactory(organisation=organisation, municipality=True))
    assert client.get("/evaluaties/").status_code == 403
