"""Authorization routes of learning across evaluations (see tests/authz/__init__.py)."""

from tests.authz import Route
from vangnet.core.permissions import Cap

ROUTES: dict[str, Route] = {
    "learning:overview": Route(Cap.PROCESS_EVALUATION, "none"),
    "learning:code": Route(Cap.PROCESS_EVALUATION, "network", ("get", "post")),
    "learning:passage_delete": Route(Cap.PROCESS_EVALUATION, "network", ("post",)),
    "learning:synthesis": Route(Cap.PROCESS_EVALUATION, "none", ("get", "post")),
    "learning:synthesis_pdf": Route(Cap.PROCESS_EVALUATION, "none"),
}


def extend_world(world: dict) -> None:
    """One coded passage of the world network's one-year evaluation (made by the
    network_evaluation area, whose module runs before this one: modules go by name)."""
    from vangnet.interviews.models import Theme
    from vangnet.learning.models import EvaluationPassage, Synthesis
    from vangnet.network_evaluation.models import NetworkEvaluation

    network = world["network"]
    evaluation = NetworkEvaluation.objects.get(network=network, moment="one_year")
    evaluation.reasons_answer = "De vaste dag en de soep."
    evaluation.save(update_fields=["reasons_answer"])
    theme = Theme.objects.create(organisation=network.organisation, name="Vaste dag")
    passage = EvaluationPassage.objects.create(
        evaluation=evaluation, question="reasons", quote="De vaste dag"
    )
    passage.themes.add(theme)
    Synthesis.objects.create(
        organisation=network.organisation,
        number=1,
        year_from=2025,
        year_to=2025,
        recommendations="Houd de vaste dag.",
    )
    world["kwargs"]["evaluation_id"] = evaluation.pk
    world["kwargs"]["passage_id"] = passage.pk
