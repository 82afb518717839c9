from django import template

from vangnet.core.permissions import Cap, has_cap

register = template.Library()


@register.inclusion_tag("exports/includes/network_link.html", takes_context=True)
def exports_network_link(context, network):
    """A link to the exports page with this network chosen, for users who may export it.
    No query: export_data on a network the user already sees on its page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"network": network, "show": user is not None and has_cap(user, Cap.EXPORT_DATA)}
