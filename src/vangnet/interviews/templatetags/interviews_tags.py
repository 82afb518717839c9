from django import template
from django.db.models import Count, Q

from vangnet.core.permissions import Cap, has_cap
from vangnet.interviews.member_check import AGREED_STATUSES
from vangnet.interviews.models import Interview, InterviewStatus
from vangnet.organisations.models import ASSIGNED_ROLES

register = template.Library()


@register.inclusion_tag("interviews/includes/network_section.html", takes_context=True)
def interviews_network_section(context, network):
    """Evaluation interviews of a network: figures only, no names (one query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    can_plan = has_cap(user, Cap.PLAN_EVALUATIONS) and not (
        user.role in ASSIGNED_ROLES and network.lead_worker_id != user.pk
    )
    can_view = has_cap(user, Cap.VIEW_EVALUATION)
    figures = {}
    if can_plan or can_view:
        figures = Interview.objects.filter(network=network).aggregate(
            planned=Count("id", filter=Q(status=InterviewStatus.PLANNED)),
            held=Count("id", filter=Q(status=InterviewStatus.HELD)),
            agreed=Count("id", filter=Q(report__status__in=list(AGREED_STATUSES))),
        )
    return {
        "network": network,
        "request": request,
        "show": can_plan or can_view,
        "figures": figures,
        "can_plan": can_plan,
        "can_view": can_view,
    }
