from django import template

register = template.Library()


@register.inclusion_tag("support/includes/network_section.html", takes_context=True)
def support_network_section(context, network):
    return {"network": network, "request": context.get("request")}
