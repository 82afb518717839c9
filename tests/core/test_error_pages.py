"""The error pages speak Dutch (B1) like the rest: an unknown address (404) inside the
application's layout, and a failure of Vangnet itself (500) on a page that needs nothing of
the failed request."""

import pytest
from django.test import RequestFactory
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db


def test_an_unknown_address_gives_a_dutch_page_in_the_layout(worker_client):
    response = worker_client.get("/bestaat-niet/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Deze pagina bestaat niet (meer)" in html
    assert "Naar de startpagina" in html and "Not Found" not in html


def test_a_network_of_another_organisation_looks_like_an_unknown_address(worker_client):
    response = worker_client.get("/netwerken/999999999/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet (meer)" in response.content.decode()


def test_the_server_error_page_needs_no_request_context():
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Er ging iets mis bij Vangnet" in html and "Server Error" not in html
