"""The committed catalogues are complete: every Dutch message has an English translation."""

import gettext
from pathlib import Path

import vangnet

LOCALE = Path(vangnet.__file__).resolve().parent / "locale"


def catalogue(language: str) -> dict:
    with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as handle:
        return gettext.GNUTranslations(handle)._catalog


def po_msgids(language: str) -> int:
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    return text.count('\nmsgid "') - 1  # the header's empty msgid


def test_english_translates_every_message():
    dutch, english = catalogue("nl"), catalogue("en")
    assert len(dutch) > 500
    missing = sorted(str(key) for key in set(dutch) - set(english))
    assert missing == []
    assert all(value for key, value in english.items() if key != "")


def test_compiled_catalogues_match_their_sources():
    # msgfmt leaves untranslated entries out of the .mo: a stale or partial compile shows here.
    for language in ("nl", "en"):
        compiled = {key if isinstance(key, str) else key[0] for key in catalogue(language)}
        assert len(compiled - {""}) == po_msgids(language)
