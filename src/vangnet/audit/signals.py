"""Log sign-ins and failed sign-ins in the audit trail (never the password tried).

A failed sign-in for an existing account is stored with that account's organisation and
the account as its object, so the organisation admin sees the failed sign-ins of their own
users in the audit list (action "inloggen mislukt"), and never another organisation's.
A username that exists nowhere belongs to no organisation: only the platform sees it.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from vangnet.audit.services import audit_record


@receiver(user_logged_in)
def record_login(sender, request, user, **kwargs):
    audit_record(actor=user, action="login", obj=user, request=request)


@receiver(user_login_failed)
def record_failed_login(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    account = (
        get_user_model()
        .objects.filter(username=username)
        .only("pk", "organisation_id")
        .select_related(None)
        .first()
        if username and "\x00" not in username
        else None
    )
    audit_record(
        actor=None,
        action="login_failed",
        object_type="organisations.user" if account else "",
        object_id=account.pk if account else "",
        detail=f"username={username}",
        request=request,
        organisation=account.organisation if account else None,
    )
