"""Pure rules of getting in: activation codes, sign-in numbers, PINs and passwords.

A code is 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L), shown as
``ABCD-EFGH`` (about 40 bits). Typing is forgiving: case, spaces and dashes do not matter.
Only a keyed hash (HMAC-SHA256 with the site's secret key) is stored, so a copy of the
database alone does not let anyone try codes offline.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
CODE_VALID_DAYS = 14
NUMBER_DIGITS = 6
PIN_MIN, PIN_MAX = 5, 12
PASSWORD_MIN = 8
FAILURE_LIMIT = 5
LOCKOUT_MINUTES = 15
IDLE_SECONDS = 30 * 60


def code_new() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return code_display(raw)


def code_display(raw: str) -> str:
    return f"{raw[:4]}-{raw[4:]}"


def code_normalise(text: str) -> str:
    """What the person typed, as the stored form: upper case, no spaces or dashes."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def code_hash(code: str, *, key: str) -> str:
    normalised = code_normalise(code)
    return hmac.new(key.encode(), normalised.encode(), hashlib.sha256).hexdigest()


def code_well_formed(code: str) -> bool:
    normalised = code_normalise(code)
    return len(normalised) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in normalised)


def number_new() -> str:
    first = secrets.choice("123456789")
    return first + "".join(secrets.choice("0123456789") for _ in range(NUMBER_DIGITS - 1))


def number_normalise(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())[: NUMBER_DIGITS + 2]


def secret_problem(secret: str) -> str | None:
    """Why this PIN or password is refused (a key for the message), or None when it is fine.

    Digits only: a PIN of 5 to 12 digits, not all the same and not counting up or down
    (11111, 12345, 98765). Anything else: a password of at least 8 characters."""
    if secret != secret.strip() or not secret:
        return "empty" if not secret.strip() else "spaces"
    if secret.isdigit():
        if not PIN_MIN <= len(secret) <= PIN_MAX:
            return "pin_length"
        steps = {int(b) - int(a) for a, b in zip(secret, secret[1:], strict=False)}
        if steps in ({0}, {1}, {-1}):
            return "pin_easy"
        return None
    if len(secret) < PASSWORD_MIN:
        return "password_length"
    return None


def secret_kind(secret: str) -> str:
    return "pin" if secret.isdigit() else "password"
