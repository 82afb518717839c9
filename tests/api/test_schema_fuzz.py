"""Fuzz every API operation from its OpenAPI schema (schemathesis 4): valid and invalid
inputs, random and real ids, as a social worker with a token. No answer may be a 5xx.

The schema is read from the app itself; requests go in-process through Django's test
handler (which keeps the test's database transaction open). Bounded and derandomised:
a fixed number of examples per operation, the same every run (about a minute on 2 cores).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
import schemathesis
import yaml
from django.test.client import ClientHandler
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from tests.api.conftest import make_key
from tests.factories import ActivityFactory, ParticipantFactory, SessionFactory
from vangnet.networks.models import Attendance
from vangnet.support.models import SupportTie

EXAMPLES = 12  # per operation, per mode, per kind of ids: 4 runs -> 48 requests


class DjangoWSGIApp:
    """A WSGI app around Django's test handler (no connection closing between requests)."""

    def __init__(self):
        self.handler = ClientHandler(enforce_csrf_checks=False)

    def __call__(self, environ, start_response):
        response = self.handler(environ)
        status = f"{response.status_code} {response.reason_phrase}"
        start_response(status, list(response.items()))
        content = b"".join(response) if response.streaming else response.content
        return [content]


@pytest.fixture
def fuzz_world(network, worker):
    activity = ActivityFactory(network=network)
    session = SessionFactory(network=network, date=dt.date(2025, 2, 5), recorded=True)
    session.activities.add(activity)
    people = [ParticipantFactory(network=network) for _ in range(3)]
    Attendance.objects.create(session=session, participant=people[0])
    SupportTie.objects.create(
        network=network,
        giver=people[0],
        receiver=people[1],
        support_type="practical",
        date=dt.date(2025, 2, 5),
    )
    return {"network_id": network.pk, "session_id": session.pk}


def _run(operation, *, app, headers, mode, path_parameters, seen: Counter):
    strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def check(case):
        response = case.call(app=app, headers=headers)
        seen[response.status_code] += 1
        assert response.status_code < 500, (
            f"{response.status_code} for {case.method} {case.formatted_path}: "
            f"{case.as_curl_command()}"
        )

    check()


def test_no_operation_answers_a_server_error(client, worker, fuzz_world):
    client.force_login(worker)
    document = yaml.safe_load(client.get("/api/schema/").content)
    client.logout()
    schema = schemathesis.openapi.from_dict(document)
    app = DjangoWSGIApp()
    headers = {"Authorization": f"Token {make_key(worker)}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    seen: Counter = Counter()
    assert len(operations) >= 10
    for operation in operations:
        definition = document["paths"][operation.path][operation.method.lower()]
        names = {param.name for param in operation.path_parameters}
        real = {name: fuzz_world[name] for name in names if name in fuzz_world}
        # Negative data needs something to break beyond fixed ids: a query or a body.
        free = "requestBody" in definition or any(
            param["in"] != "path" for param in definition.get("parameters", [])
        )
        runs = [(GenerationMode.POSITIVE, None)]
        if real:
            runs.append((GenerationMode.POSITIVE, real))
        if names or free:
            runs.append((GenerationMode.NEGATIVE, None))
        if real and free:
            runs.append((GenerationMode.NEGATIVE, real))
        for mode, path_parameters in runs:
            _run(
                operation,
                app=app,
                headers=headers,
                mode=mode,
                path_parameters=path_parameters,
                seen=seen,
            )
    # The fuzzing reached real answers, refusals of bad input and unknown ids (not only 401s).
    assert seen[200] and seen[400] and seen[404], seen
    assert not seen[401], seen
