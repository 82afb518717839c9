"""Encryption of stored secrets (an identity provider's client secret) with Fernet
(AES-128-CBC + HMAC-SHA256, the `cryptography` package). The key is
VANGNET_ENCRYPTION_KEY (a Fernet key) when set, otherwise derived from SECRET_KEY with
HKDF: changing SECRET_KEY then means entering the client secrets again."""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings


def _fernet() -> Fernet:
    key = getattr(settings, "VANGNET_ENCRYPTION_KEY", "")
    if not key:
        derived = HKDF(
            algorithm=hashes.SHA256(), length=32, salt=None, info=b"vangnet stored secrets"
        ).derive(settings.SECRET_KEY.encode())
        key = base64.urlsafe_b64encode(derived)
    return Fernet(key)


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode() if text else ""


def decrypt(token: str) -> str:
    """The secret; "" when there is none or it cannot be read (the key changed)."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""
