"""Rendering and sending one mail: a subject, a plain text and an HTML body from the
templates in notifications/mail/, in the recipient's language. Every send is logged in
MailLog (kind and outcome only)."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from vangnet.notifications.models import MailLog, MailPreferences, MailStatus

logger = logging.getLogger(__name__)


def absolute_url(path: str, base_url: str = "") -> str:
    base = (base_url or settings.VANGNET_BASE_URL).rstrip("/")
    return f"{base}{path}"


def language_for(user) -> str:
    prefs = MailPreferences.objects.filter(user=user).values_list("language", flat=True).first()
    return prefs or settings.LANGUAGE_CODE


def mail_send(*, user, kind: str, template: str, context: dict) -> bool:
    """Send one mail to `user` now. False when the user has no address. A delivery error
    is logged and raised, so the task that sends it is marked failed."""
    if not user.email:
        return False
    return mail_send_to(
        address=user.email,
        language=language_for(user),
        kind=kind,
        template=template,
        context=context,
    )


def mail_send_to(*, address: str, language: str, kind: str, template: str, context: dict) -> bool:
    """Send one mail to an address that is not a staff user's (a participant's sign-in
    link, `myspace.email_signin`): the same templates, log and errors as `mail_send`."""
    with translation.override(language):
        subject = render_to_string(f"notifications/mail/{template}_subject.txt", context)
        text = render_to_string(f"notifications/mail/{template}.txt", context)
        html = render_to_string(f"notifications/mail/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (OSError, smtplib.SMTPException) as error:
        MailLog.objects.create(kind=kind, status=MailStatus.FAILED, error=type(error).__name__)
        logger.warning("Mail %s could not be sent: %s", kind, type(error).__name__)
        raise
    MailLog.objects.create(kind=kind, status=MailStatus.SENT)
    return True
