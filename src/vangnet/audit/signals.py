"""Log sign-ins and failed sign-ins in the audit trail (never the password tried)."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from vangnet.audit.services import audit_record


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    audit_record(actor=user, action="login", obj=user, request=request)


@receiver(user_login_failed)
def record_failed_login(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit_record(actor=None, action="login_failed", detail=f"username={username}", request=request)
