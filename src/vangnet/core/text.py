"""Safe text: one definition of the characters no input may store, and of a safe export cell.

Typed text may hold letters, digits, punctuation, emoji, tabs and line breaks. It may not
hold characters that are invisible yet change how text behaves:

- control characters (C0 such as NUL and ESC, DEL, and C1): PostgreSQL refuses a NUL byte
  and an XLSX file cannot hold most C0 characters, so one of them broke every export;
- bidirectional overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069): they
  make a name display in another order than it is stored (display spoofing);
- lone surrogates and the non-characters U+FFFE/U+FFFF, which cannot be encoded.

`validate_safe_text` rejects them with a clear Dutch message (forms and the API, through
`SafeTextMixin` and `SafeTextSerializer`); `strip_unsafe_characters` removes them where
there is nobody to ask (an imported file, an export of stored text).

`safe_cell` prepares a text for a spreadsheet cell: unsafe characters removed, and a
leading apostrophe when a spreadsheet could read the text as a formula. That check looks
past leading spaces and invisible characters (a zero-width space before "=") and at the
compatibility form of the first character, so a fullwidth "＝", "＋", "－" or "＠" counts too
(CSV/formula injection, OWASP).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

UNSAFE_CHARACTERS = re.compile(
    "["
    "\x00-\x08\x0b\x0c\x0e-\x1f"  # C0 control characters except tab, line feed, return
    "\x7f-\x9f"  # DEL and the C1 control characters
    "\u202a-\u202e"  # bidirectional embeddings and overrides
    "\u2066-\u2069"  # bidirectional isolates
    "\ud800-\udfff"  # lone surrogates
    "\ufffe\uffff"  # non-characters
    "]"
)

# Characters that show nothing; a formula start hidden behind them still counts.
INVISIBLE_CHARACTERS = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u2060\u2061\u2062\u2063\u2064\u3164\ufeff\uffa0"
)
FORMULA_STARTS = frozenset("=+-@")

UNSAFE_MESSAGE = _(
    "Deze tekst bevat een onzichtbaar stuurteken of een teken dat de leesrichting omdraait. "
    "Dat mag niet. Typ de tekst opnieuw, zonder te kopiëren en plakken."
)


def has_unsafe_characters(value: str) -> bool:
    return UNSAFE_CHARACTERS.search(value) is not None


def validate_safe_text(value: Any) -> None:
    """Raise a ValidationError when a text (or any text in a list of texts) holds a
    control character, a bidirectional override or isolate, or a lone surrogate."""
    if value is None:
        return
    texts: Iterable[Any] = value if isinstance(value, list | tuple | set) else (value,)
    for text in texts:
        if isinstance(text, str) and has_unsafe_characters(text):
            raise ValidationError(UNSAFE_MESSAGE, code="unsafe_character")


def strip_unsafe_characters(value: str) -> str:
    """The text without control characters, bidirectional overrides and isolates."""
    return UNSAFE_CHARACTERS.sub("", value)


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could take the text for a formula."""
    if text[:1] in ("\t", "\r", "\n"):
        return True
    for char in text:
        if char.isspace() or char in INVISIBLE_CHARACTERS:
            continue
        return unicodedata.normalize("NFKC", char)[:1] in FORMULA_STARTS
    return False


def safe_cell(value: Any) -> Any:
    """A value ready for a CSV or XLSX cell. Texts lose their unsafe characters and get a
    leading apostrophe when a spreadsheet could read them as a formula; other values are
    returned as they are."""
    if not isinstance(value, str):
        return value
    text = strip_unsafe_characters(value)
    if looks_like_formula(text):
        return "'" + text
    return text
