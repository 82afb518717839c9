"""A real SMTP server on loopback (aiosmtpd) on an ephemeral port, and the settings that
send Vangnet's mail to it."""

from __future__ import annotations

import asyncio
import email
import email.policy
import threading
from dataclasses import dataclass, field

import pytest
from aiosmtpd.smtp import SMTP


@dataclass
class Inbox:
    messages: list = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        return [message for rcpt, message in self.messages if address in rcpt]

    def clear(self) -> None:
        self.messages.clear()


@pytest.fixture(scope="session")
def smtp_server():
    inbox = Inbox()
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    holder: dict = {}

    def serve():
        asyncio.set_event_loop(loop)
        server = loop.run_until_complete(
            loop.create_server(lambda: SMTP(inbox), host="127.0.0.1", port=0)
        )
        holder["server"] = server
        holder["port"] = server.sockets[0].getsockname()[1]
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=serve, name="test-smtp", daemon=True)
    thread.start()
    assert ready.wait(30), "the SMTP server did not start"
    yield inbox, holder["port"]
    loop.call_soon_threadsafe(holder["server"].close)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)


@pytest.fixture
def inbox(smtp_server, settings):
    box, port = smtp_server
    box.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.VANGNET_BASE_URL = "https://vangnet.example.org"
    settings.VANGNET_BASE_URL_SET = True
    return box


def body_text(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def body_html(message) -> str:
    return message.get_body(preferencelist=("html",)).get_content()
