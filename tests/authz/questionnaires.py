"""Authorization routes of the questionnaires area (see tests/authz/__init__.py)."""

from tests.authz import Route
from vangnet.core.permissions import Cap

_MANAGE = Cap.MANAGE_QUESTIONNAIRES

ROUTES: dict[str, Route] = {
    "questionnaires:template_list": Route(_MANAGE, "none"),
    "questionnaires:template_create": Route(_MANAGE, "none", ("get", "post")),
    "questionnaires:default_ensure": Route(_MANAGE, "none", ("post",)),
    "questionnaires:template_detail": Route(_MANAGE, "organisation"),
    "questionnaires:version_detail": Route(_MANAGE, "organisation"),
    "questionnaires:section_create": Route(_MANAGE, "organisation", ("get", "post")),
    "questionnaires:section_edit": Route(_MANAGE, "organisation", ("get", "post")),
    "questionnaires:section_delete": Route(_MANAGE, "organisation", ("get", "post")),
    "questionnaires:section_move": Route(_MANAGE, "organisation", ("post",)),
    "questionnaires:item_create": Route(_MANAGE, "organisation", ("get", "post")),
    "questionnaires:item_edit": Route(_MANAGE, "organisation", ("get", "post")),
    "questionnaires:item_delete": Route(_MANAGE, "organisation", ("get", "post")),
    "questionnaires:item_move": Route(_MANAGE, "organisation", ("post",)),
    "questionnaires:worker_use": Route(_MANAGE, "organisation", ("post",)),
    # Short questionnaires outside interviews: the participant's workers.
    "questionnaires:participant": Route(Cap.EDIT_PARTICIPANTS, "participant", ("get", "post")),
    "questionnaires:worker_response": Route(Cap.EDIT_PARTICIPANTS, "participant", ("get", "post")),
    "questionnaires:network_outcomes": Route(Cap.VIEW_EVALUATION, "network"),
    # Organisation-wide figures: coordinators only (workers see their own networks' pages).
    "questionnaires:organisation_outcomes": Route(
        Cap.VIEW_EVALUATION, "none", only=("coordinator",)
    ),
}


def extend_world(world: dict) -> None:
    """The world organisation's default questionnaire, already answered once (so every edit
    in the matrix makes a new version and the named section and item keep existing)."""
    from vangnet.questionnaires import selectors, services

    template = services.default_template_ensure(organisation=world["organisation"])
    version = selectors.current_version(template=template)
    services.response_start(
        version=version, participant=world["participant"], by=world["network"].lead_worker
    )
    # A worker's short questionnaire at intake (the participant gave evaluation consent in
    # the interviews area's world).
    intake = services.response_start(
        version=version,
        participant=world["participant"],
        by=world["network"].lead_worker,
        occasion="intake",
    )
    world["kwargs"]["response_id"] = intake.pk
    section = version.sections.order_by("position").first()
    item = section.items.order_by("position").first()
    world["kwargs"]["questionnaire_id"] = template.pk
    world["kwargs"]["version_number"] = version.number
    world["kwargs"]["qsection_id"] = section.pk
    world["kwargs"]["qitem_id"] = item.pk
