"""The member-check state machine: every legal and illegal step, and random sequences."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import NetworkFactory
from tests.interviews.factories import plan_interview
from vangnet.interviews import services
from vangnet.interviews.member_check import (
    FINAL_STATUSES,
    TRANSITIONS,
    ReportStatus,
    next_steps,
    transition_error,
)
from vangnet.interviews.models import MemberCheckEvent

S = ReportStatus
LEGAL = {
    (S.DRAFT, S.SHOWN),
    (S.SHOWN, S.AGREED),
    (S.SHOWN, S.CORRECTED_AGREED),
    (S.SHOWN, S.CORRECTIONS),
    (S.SHOWN, S.DECLINED),
    (S.CORRECTIONS, S.SHOWN),
}


def test_transition_table_is_exactly_the_method():
    table = {(a, b) for a, targets in TRANSITIONS.items() for b in targets}
    assert table == LEGAL
    for status in FINAL_STATUSES:
        assert TRANSITIONS[status] == frozenset()


@pytest.mark.parametrize("current,target", list(itertools.product(S.values, S.values)))
def test_every_pair(current, target):
    """Legal pairs pass (with the right correction history), every other pair is refused
    with a Dutch message."""
    ok_plain = transition_error(
        current=current, target=target, was_corrected=False, new_version_since_request=True
    )
    ok_corrected = transition_error(
        current=current, target=target, was_corrected=True, new_version_since_request=True
    )
    if (current, target) not in LEGAL:
        assert ok_plain and ok_corrected
        return
    if target == S.AGREED:
        assert ok_plain is None and "correctie" in ok_corrected
    elif target == S.CORRECTED_AGREED:
        assert ok_corrected is None and ok_plain
    else:
        assert ok_plain is None and ok_corrected is None


def test_shown_again_needs_a_new_version():
    error = transition_error(
        current=S.CORRECTIONS, target=S.SHOWN, was_corrected=True, new_version_since_request=False
    )
    assert error == "Schrijf eerst een nieuwe versie met de correcties."


def test_next_steps_offer_one_kind_of_agreement():
    assert next_steps(current=S.SHOWN, was_corrected=False) == [
        S.AGREED,
        S.CORRECTIONS,
        S.DECLINED,
    ]
    assert next_steps(current=S.SHOWN, was_corrected=True) == [
        S.CORRECTIONS,
        S.CORRECTED_AGREED,
        S.DECLINED,
    ]
    assert next_steps(current=S.DRAFT, was_corrected=False) == [S.SHOWN]
    assert next_steps(current=S.AGREED, was_corrected=False) == []


@pytest.mark.django_db
def test_full_correction_route_through_the_services():
    interview = plan_interview(network=NetworkFactory())
    me = interview.interviewer
    services.report_version_write(interview=interview, text="Eerste versie.", by=me)
    report = interview.report
    services.report_transition(report=report, to_status=S.SHOWN, by=me)
    with pytest.raises(ValidationError, match="wat de deelnemer anders wil"):
        services.report_transition(report=report, to_status=S.CORRECTIONS, by=me)
    services.report_transition(
        report=report, to_status=S.CORRECTIONS, note="Het was op dinsdag.", by=me
    )
    with pytest.raises(ValidationError, match="nieuwe versie"):
        services.report_transition(report=report, to_status=S.SHOWN, by=me)
    with pytest.raises(ValidationError) as info:
        services.report_version_write(interview=interview, text="Tweede versie.", by=me)
    assert "change_note" in info.value.message_dict
    services.report_version_write(
        interview=interview, text="Tweede versie.", change_note="dag verbeterd", by=me
    )
    services.report_transition(report=report, to_status=S.SHOWN, by=me)
    with pytest.raises(ValidationError, match="akkoord na correctie"):
        services.report_transition(report=report, to_status=S.AGREED, by=me)
    services.report_transition(report=report, to_status=S.CORRECTED_AGREED, by=me)
    report.refresh_from_db()
    assert report.status == S.CORRECTED_AGREED
    with pytest.raises(ValidationError, match="geen nieuwe versie"):
        services.report_version_write(interview=interview, text="Derde.", change_note="x", by=me)
    history = list(report.events.order_by("id").values_list("from_status", "to_status"))
    assert history == [
        (S.DRAFT, S.SHOWN),
        (S.SHOWN, S.CORRECTIONS),
        (S.CORRECTIONS, S.SHOWN),
        (S.SHOWN, S.CORRECTED_AGREED),
    ]
    versions = list(report.versions.values_list("number", "text", "change_note"))
    assert versions == [(1, "Eerste versie.", ""), (2, "Tweede versie.", "dag verbeterd")]
    assert report.events.last().version.number == 2


@pytest.mark.django_db
def test_only_the_interviewer_moves_the_report():
    interview = plan_interview(network=NetworkFactory())
    services.report_version_write(interview=interview, text="Tekst.", by=interview.interviewer)
    with pytest.raises(ValidationError, match="gespreksleider"):
        services.report_transition(
            report=interview.report, to_status=S.SHOWN, by=interview.network.lead_worker
        )
    assert not MemberCheckEvent.objects.exists()


ACTIONS = ["write", *S.values]


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(ACTIONS), min_size=1, max_size=12))
def test_random_sequences_never_skip_a_state(actions):
    """Whatever is tried, the services accept exactly what a reference model accepts; the
    history is a gapless chain of legal steps that ends in the report's status."""
    interview = plan_interview(network=NetworkFactory())
    me = interview.interviewer
    status = None  # no report yet
    corrected = False
    written_since_request = True
    count = 0
    for action in actions:
        if action == "write":
            expect_ok = status in (None, S.DRAFT, S.CORRECTIONS)
            try:
                count += 1
                services.report_version_write(
                    interview=interview, text=f"Versie {count}.", change_note="aangepast", by=me
                )
                accepted = True
            except ValidationError:
                accepted = False
            assert accepted == expect_ok, (action, status)
            if accepted:
                status = status or S.DRAFT
                written_since_request = True
            continue
        if status is None:
            continue
        expect_ok = (status, action) in LEGAL
        if action == S.AGREED and corrected or action == S.CORRECTED_AGREED and not corrected:
            expect_ok = False
        if status == S.CORRECTIONS and action == S.SHOWN and not written_since_request:
            expect_ok = False
        try:
            services.report_transition(
                report=interview.report, to_status=action, note="gevraagd", by=me
            )
            accepted = True
        except ValidationError:
            accepted = False
        assert accepted == expect_ok, (status, action)
        if accepted:
            if action == S.CORRECTIONS:
                corrected = True
                written_since_request = False
            status = action
    if status is None:
        return
    interview.report.refresh_from_db()
    assert interview.report.status == status
    events = list(interview.report.events.order_by("id"))
    previous = S.DRAFT
    for event in events:
        assert event.from_status == previous
        assert (event.from_status, event.to_status) in LEGAL
        assert event.by_id == me.pk and event.at is not None and event.version_id
        previous = event.to_status
    assert previous == status
