"""Hypothesis on the privacy services: any input either succeeds or raises a Dutch
ValidationError; nothing else escapes and a refused call writes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ParticipantFactory
from vangnet.privacy.models import ConsentRecord
from vangnet.privacy.selectors import months_before
from vangnet.privacy.services import consent_record

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def person(network):
    return ParticipantFactory(network=network)


@FUZZ
@given(
    kind=st.one_of(
        st.sampled_from(["photos", "evaluation_interview", "contact_relatives"]), st.text()
    ),
    scope=st.text(max_size=400),
    given_on=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)),
)
def test_consent_record_accepts_or_refuses_cleanly(person, worker, kind, scope, given_on):
    before = ConsentRecord.objects.count()
    try:
        consent = consent_record(
            participant=person, kind=kind, scope=scope, given_on=given_on, actor=worker
        )
    except ValidationError:
        assert ConsentRecord.objects.count() == before
    else:
        consent.refresh_from_db()
        assert consent.kind == kind and len(consent.scope) <= 300


@given(
    day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2999, 12, 31)),
    months=st.integers(min_value=1, max_value=1200),
)
def test_months_before_is_always_a_valid_earlier_date(day, months):
    earlier = months_before(day, months)
    assert earlier < day
    assert (day.year * 12 + day.month) - (earlier.year * 12 + earlier.month) == months
