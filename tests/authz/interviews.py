"""Authorization routes of the interviews area (see tests/authz/__init__.py).

The world's interview is held by the world's evaluator (with consent, an agreed report and
one coded passage). Interview pages are the interviewer's only: "organisation" scope with
only=("evaluator",); planning is for the network's lead worker and the coordinator.
"""

from tests.authz import Route
from vangnet.core.permissions import Cap

PLANNERS = ("lead", "coordinator")
INTERVIEWER = ("evaluator",)
CODERS = ("evaluator", "coordinator")

ROUTES: dict[str, Route] = {
    "interviews:mine": Route(Cap.CONDUCT_INTERVIEWS, "none"),
    "interviews:network": Route(Cap.PLAN_EVALUATIONS, "network", only=PLANNERS),
    "interviews:plan": Route(Cap.PLAN_EVALUATIONS, "network", ("get", "post"), only=PLANNERS),
    "interviews:edit": Route(Cap.PLAN_EVALUATIONS, "network", ("get", "post"), only=PLANNERS),
    "interviews:cancel": Route(Cap.PLAN_EVALUATIONS, "network", ("post",), only=PLANNERS),
    "interviews:network_theme_report": Route(Cap.VIEW_EVALUATION, "network"),
    "interviews:detail": Route(Cap.CONDUCT_INTERVIEWS, "organisation", only=INTERVIEWER),
    "interviews:held": Route(Cap.CONDUCT_INTERVIEWS, "organisation", ("post",), only=INTERVIEWER),
    "interviews:questionnaire": Route(
        Cap.CONDUCT_INTERVIEWS, "organisation", ("get", "post"), only=INTERVIEWER
    ),
    "interviews:report_write": Route(
        Cap.CONDUCT_INTERVIEWS, "organisation", ("get", "post"), only=INTERVIEWER
    ),
    "interviews:member_check": Route(
        Cap.CONDUCT_INTERVIEWS, "organisation", ("post",), only=INTERVIEWER
    ),
    "interviews:print": Route(Cap.CONDUCT_INTERVIEWS, "organisation", only=INTERVIEWER),
    "interviews:coding_list": Route(Cap.CODE_THEMES, "none"),
    "interviews:code": Route(Cap.CODE_THEMES, "organisation", ("get", "post"), only=CODERS),
    "interviews:passage_delete": Route(Cap.CODE_THEMES, "organisation", ("post",), only=CODERS),
    "interviews:themes": Route(Cap.MANAGE_QUESTIONNAIRES, "none", ("get", "post")),
    "interviews:theme_edit": Route(Cap.MANAGE_QUESTIONNAIRES, "organisation", ("get", "post")),
    "interviews:theme_report": Route(Cap.VIEW_EVALUATION, "none"),
    "interviews:rounds": Route(Cap.MANAGE_QUESTIONNAIRES, "none", ("get", "post")),
    "interviews:round_edit": Route(Cap.MANAGE_QUESTIONNAIRES, "organisation", ("get", "post")),
}


def extend_world(world: dict) -> None:
    """Add the objects this area's URLs name to the shared world fixture."""
    from tests.interviews.factories import agreed_interview
    from vangnet.interviews import selectors, services

    organisation = world["organisation"]
    interview = agreed_interview(
        network=world["network"],
        participant=world["participant"],
        interviewer=world["users"]["evaluator"],
    )
    services.themes_ensure_defaults(organisation=organisation)
    theme = selectors.organisation_themes(organisation=organisation).first()
    version = interview.report.versions.get()
    services.passage_code(
        version=version,
        quote="zich welkom voelde",
        themes=[theme],
        by=world["users"]["evaluator"],
    )
    from vangnet.interviews.rounds import services as round_services
    from vangnet.questionnaires import services as q_services

    interview_round = round_services.round_create(
        organisation=organisation,
        name="Na het eerste jaar",
        questionnaire=q_services.default_template_ensure(organisation=organisation),
        by=world["users"]["coordinator"],
    )
    world["kwargs"]["round_id"] = interview_round.pk
    world["interview"] = interview
    world["kwargs"]["interview_id"] = interview.pk
    world["kwargs"]["theme_id"] = theme.pk
