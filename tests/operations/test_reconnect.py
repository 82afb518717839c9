"""After a database failover or restart the application's connections are gone; with
CONN_HEALTH_CHECKS the next request notices and reconnects instead of failing (issue 17)."""

import io

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection

from tests.api.conftest import make_key

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (set DATABASE_URL=postgres://...)")


def terminate_application_connections() -> int:
    """pg_terminate_backend for every connection of this database but the caller's own."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return len(rows)


def serve(path: str, **headers) -> int:
    """One request through Django's WSGI handler in this thread, as a gunicorn sync worker
    serves it: request_started/finished run close_old_connections (the test client turns
    that off), and the thread's database connection is kept between requests."""
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": io.StringIO(),
        **headers,
    }
    status = []
    response = WSGIHandler()(environ, lambda code, _headers: status.append(code))
    b"".join(response)
    response.close()
    return int(status[0].split()[0])


def test_next_request_succeeds_after_pg_terminate_backend(worker):
    auth = {"HTTP_AUTHORIZATION": f"Token {make_key(worker, scope='read')}"}
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    assert connection.settings_dict["CONN_MAX_AGE"] > 0  # connections are reused
    assert serve("/api/networks/", **auth) == 200
    pid = connection.connection.info.backend_pid
    assert terminate_application_connections() >= 1
    assert serve("/api/networks/", **auth) == 200
    assert connection.connection.info.backend_pid != pid  # a new connection
    assert serve("/readyz") == 200


def test_without_health_checks_the_first_request_fails(worker):
    """The control: the same failover without the health check costs a request (a 500)."""
    auth = {"HTTP_AUTHORIZATION": f"Token {make_key(worker, scope='read')}"}
    assert serve("/api/networks/", **auth) == 200
    connection.health_check_enabled = False
    terminate_application_connections()
    assert serve("/api/networks/", **auth) == 500
    assert serve("/api/networks/", **auth) == 200  # the broken connection was dropped
