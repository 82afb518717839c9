"""Token scope (read-only or read + record attendance), the role a token is bound to, and
the API's rate limit (429)."""

import pytest
from django.urls import reverse

from tests.api.conftest import TokenClient, make_key
from vangnet.api.models import ApiToken
from vangnet.audit.models import AuditEvent
from vangnet.organisations.models import Role


@pytest.fixture
def session_url(network):
    from tests.factories import SessionFactory

    session = SessionFactory(network=network)
    return reverse(
        "api:session_attendance", kwargs={"network_id": network.pk, "session_id": session.pk}
    )


def test_read_only_token_reads_but_cannot_record_attendance(worker, session_url):
    api = TokenClient(make_key(worker, scope="read"))
    state = api.get(session_url)
    assert state.status_code == 200
    body = state.json()
    response = api.post(
        session_url, {"version": body["version"], "present": []}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "alleen lezen" in response.json()["detail"]


def test_attendance_token_records_attendance(worker, session_url):
    api = TokenClient(make_key(worker, scope="attendance"))
    body = api.get(session_url).json()
    response = api.post(
        session_url, {"version": body["version"], "present": []}, content_type="application/json"
    )
    assert response.status_code != 403


def test_token_of_a_user_who_lost_the_role_stops_working(worker):
    api = TokenClient(make_key(worker, scope="read"))
    assert api.get("/api/networks/").status_code == 200
    worker.role = Role.EVALUATOR
    worker.save(update_fields=["role"])
    response = api.get("/api/networks/")
    assert response.status_code == 401
    assert AuditEvent.objects.filter(
        action="login_failed", detail="api token of a user whose role changed"
    ).exists()
    # Given the role back, the old token still does not come back to life for another role:
    # it works only for the role it was made with.
    worker.role = Role.SOCIAL_WORKER
    worker.save(update_fields=["role"])
    assert api.get("/api/networks/").status_code == 200


def test_token_page_shows_a_token_whose_role_is_gone(worker_client, worker):
    make_key(worker, scope="read")
    ApiToken.objects.update(role=Role.COORDINATOR)
    page = worker_client.get(reverse("api:tokens")).content.decode()
    assert "je rol is veranderd" in page


def test_api_throttling_answers_429(settings, worker):
    settings.VANGNET_API_RATES = {"user": "3/minute", "anon": "2/minute"}
    api = TokenClient(make_key(worker, scope="read"))
    codes = [api.get("/api/networks/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert int(api.get("/api/networks/")["Retry-After"]) > 0


def test_guessing_tokens_is_throttled_by_address(settings, db, ratelimit_clock):
    settings.VANGNET_RATE_LIMITS = {"api_auth": "2/minute"}
    codes = [TokenClient(f"vn_guess{i}").get("/api/networks/").status_code for i in range(3)]
    assert codes == [401, 401, 429]
