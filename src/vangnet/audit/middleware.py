"""Log refused requests (403) in the audit trail."""

from django.core.exceptions import PermissionDenied

from vangnet.audit.services import audit_record


class DeniedRequestAuditMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            user = getattr(request, "user", None)
            audit_record(actor=user, action="denied", detail=request.method[:10], request=request)
        return None
