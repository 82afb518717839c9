from django import template

from vangnet.core.permissions import Cap, has_cap
from vangnet.questionnaires.outcomes import paired_change
from vangnet.questionnaires.selectors import network_pairs

register = template.Library()


@register.inclusion_tag("questionnaires/includes/network_section.html", takes_context=True)
def questionnaires_network_section(context, network):
    """The meedoen outcome in short, with a link to the outcome page (one query; nothing
    for users without VIEW_EVALUATION)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if not has_cap(user, Cap.VIEW_EVALUATION):
        return {"show": False}
    pairs = network_pairs(networks=[network.pk]).get(network.pk, [])
    return {"show": True, "network": network, "change": paired_change(pairs)}
