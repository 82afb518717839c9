from django import template

register = template.Library()


@register.inclusion_tag("planning/includes/network_section.html", takes_context=True)
def planning_network_section(context, network):
    return {"network": network, "request": context.get("request")}
