"""Text responses travel gzip-compressed when the browser accepts it (a phone on poor wifi);
downloads that are compressed already are left alone."""

import gzip

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.urls import reverse

from vangnet.core.compression import TextGZipMiddleware

pytestmark = pytest.mark.django_db

BODY = "<p>Wie was er vandaag?</p>" * 200


def through(response, accept="gzip, deflate, br"):
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING=accept)
    return TextGZipMiddleware(lambda _request: response)(request)


def test_a_signed_in_page_arrives_compressed_and_whole(worker_client, network):
    url = reverse("networks:detail", args=[network.pk])
    plain = worker_client.get(url)
    packed = worker_client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    text = gzip.decompress(packed.content).decode()
    assert network.name in text and text.startswith("<!DOCTYPE html>")
    assert len(packed.content) < len(plain.content) / 2


@pytest.mark.parametrize(
    "content_type",
    ["text/html; charset=utf-8", "text/csv", "application/json", "text/calendar", "image/svg+xml"],
)
def test_text_is_compressed(content_type):
    response = through(HttpResponse(BODY, content_type=content_type))
    assert response["Content-Encoding"] == "gzip"
    assert gzip.decompress(response.content).decode() == BODY


@pytest.mark.parametrize(
    "content_type",
    [
        "application/pdf",
        "application/zip",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "image/png",
    ],
)
def test_downloads_compressed_already_are_left_alone(content_type):
    response = through(HttpResponse(BODY.encode(), content_type=content_type))
    assert "Content-Encoding" not in response
    assert response.content == BODY.encode()


def test_a_streamed_csv_is_compressed_as_it_streams():
    rows = (f"{i};naam {i}\n".encode() for i in range(2000))
    response = through(StreamingHttpResponse(rows, content_type="text/csv"))
    assert response["Content-Encoding"] == "gzip"
    data = gzip.decompress(b"".join(response.streaming_content)).decode()
    assert data.splitlines()[1999] == "1999;naam 1999"


def test_nothing_is_compressed_for_a_browser_that_does_not_ask():
    response = through(HttpResponse(BODY), accept="identity")
    assert "Content-Encoding" not in response
    assert response.content == BODY.encode()
