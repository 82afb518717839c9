"""Whoever withdrew their consent for research (in Mijn Vangnet or through the worker) is
left out of every table of the research export; given again, they are back."""

from tests.exports.test_research import research, tables_of
from vangnet.privacy.services import consent_set_by_participant


def test_withdrawn_research_consent_leaves_the_person_out_of_the_research_export(data):
    janneke = data["janneke"]
    before = tables_of(research(data["evaluator"]))
    consent_set_by_participant(participant=janneke, kind="research_export", given=False)
    after = tables_of(research(data["evaluator"]))
    assert len(after["participants"]) == len(before["participants"]) - 1
    # Janneke came 6 weeks, gave and got support and filled in the questionnaire.
    assert len(after["attendance"]) == len(before["attendance"]) - 6
    assert after["ties"] == [] and after["answers"] == []
    consent_set_by_participant(participant=janneke, kind="research_export", given=True)
    again = tables_of(research(data["evaluator"]))
    assert len(again["participants"]) == len(before["participants"])
