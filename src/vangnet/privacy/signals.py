"""Note the moment of signing in, for the absolute session lifetime."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from vangnet.core.security import LOGIN_AT_SESSION_KEY


@receiver(user_logged_in)
def remember_login_moment(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is not None:
        session[LOGIN_AT_SESSION_KEY] = int(time.time())
