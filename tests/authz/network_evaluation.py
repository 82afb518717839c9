"""Authorization routes of the network_evaluation area (see tests/authz/__init__.py)."""

import datetime as dt

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    "network_evaluation:overview": Route(Cap.VIEW_EVALUATION, "network"),
    "network_evaluation:subgoals": Route(Cap.VIEW_EVALUATION, "network"),
    "network_evaluation:coherence": Route(Cap.VIEW_EVALUATION, "network"),
    "network_evaluation:coherence_all": Route(Cap.VIEW_EVALUATION, "none"),
    "network_evaluation:moment": Route(Cap.VIEW_EVALUATION, "network"),
    "network_evaluation:moment_history": Route(Cap.VIEW_EVALUATION, "network"),
    "network_evaluation:moment_edit": Route(Cap.WRITE_EVALUATION, "network", ("get", "post")),
    "network_evaluation:subgoals_edit": Route(Cap.WRITE_EVALUATION, "network", ("get", "post")),
    "network_evaluation:checklist": Route(Cap.VIEW_EVALUATION, "network"),
    "network_evaluation:checklist_create": Route(Cap.WRITE_EVALUATION, "network", ("get", "post")),
    "network_evaluation:checklist_detail": Route(Cap.VIEW_EVALUATION, "network"),
}


def extend_world(world: dict) -> None:
    """Add the objects this area's URLs name to the shared world fixture: the one-year
    evaluation of the world's network (it starts 6 January 2025) and a checklist."""
    from vangnet.network_evaluation.models import (
        ChecklistAnswer,
        ChecklistAssessment,
        NetworkEvaluation,
        SubgoalJudgement,
    )

    network = world["network"]
    lead = world["users"]["lead"]
    evaluation = NetworkEvaluation.objects.create(
        network=network,
        moment="one_year",
        goals_answer="Grotendeels.",
        version=1,
        created_by=lead,
        updated_by=lead,
    )
    evaluation.participants.add(world["participant"])
    SubgoalJudgement.objects.create(
        evaluation=evaluation, subgoal="a", judgement="partly", recorded_by=lead
    )
    assessment = ChecklistAssessment.objects.create(
        network=network, date=dt.date(2025, 6, 1), assessed_by=lead
    )
    ChecklistAnswer.objects.create(assessment=assessment, item_key="ac_weekly", score="ja")
    world["kwargs"]["moment"] = "one_year"
    world["kwargs"]["assessment_id"] = assessment.pk
