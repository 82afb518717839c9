"""The check on publishing: does a text for the shared library hold personal data? (pure)

Two kinds of finding, each with the exact text to remove and where it stands:
- a **name known in the organisation**: a participant's name, a network-support client's,
  a contact on a personal network map or a helper around a network (`known` comes from
  `library.selectors.personal_names`), matched as a whole word, case- and accent-blind;
- a **pattern of personal data** whoever it belongs to: an e-mail address, a phone number,
  a Dutch postcode, a number of nine digits (a citizen service number, BSN), a date of birth
  written as a date.

Names shorter than three letters are not matched on their own (too many ordinary words).
The check errs on the safe side: a word that is also a name ("Roos") is refused, and the
coordinator rewrites it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

MIN_NAME_LENGTH = 3

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("phone", re.compile(r"(?<!\d)(?:\+31[\s-]?|0031[\s-]?|0)(?:[\s-]?\d){9}(?!\d)")),
    ("postcode", re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")),
    ("bsn", re.compile(r"(?<![\d-])\d{9}(?![\d-])")),
    ("birth_date", re.compile(r"\b(?:[0-3]?\d)[-/.](?:[01]?\d)[-/.](?:19|20)\d{2}\b")),
)


@dataclass(frozen=True)
class Finding:
    field: str  # the label of the field it was found in
    text: str  # exactly as written
    what: str  # "name", "email", "phone", "postcode", "bsn", "birth_date"

    def describe(self) -> str:
        labels = {
            "name": _("een naam uit je organisatie"),
            "email": _("een e-mailadres"),
            "phone": _("een telefoonnummer"),
            "postcode": _("een postcode"),
            "bsn": _("een nummer van negen cijfers (BSN?)"),
            "birth_date": _("een datum die een geboortedatum kan zijn"),
        }
        return _("'%(text)s' in %(field)s: %(what)s") % {
            "text": self.text,
            "field": self.field,
            "what": labels[self.what],
        }


def fold(text: str) -> str:
    """Lower case without accents ("Zoë" -> "zoe")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def name_words(names: Iterable[str]) -> set[str]:
    """Every name whole and each of its words, folded, of at least MIN_NAME_LENGTH letters."""
    words: set[str] = set()
    for name in names:
        name = " ".join(name.split())
        if len(name) >= MIN_NAME_LENGTH:
            words.add(fold(name))
        for word in re.split(r"[\s\-']+", name):
            if len(word) >= MIN_NAME_LENGTH and word.isalpha():
                words.add(fold(word))
    return words


def findings(fields: Mapping[str, str], known: Iterable[str]) -> list[Finding]:
    """Every piece of personal data in the fields ({label: text}), in reading order."""
    folded_known = name_words(known)
    found: list[Finding] = []
    for label, text in fields.items():
        seen: set[str] = set()
        for what, pattern in PATTERNS:
            for match in pattern.finditer(text):
                if match.group(0) not in seen:
                    seen.add(match.group(0))
                    found.append(Finding(label, match.group(0), what))
        if not folded_known:
            continue
        words = list(re.finditer(r"\w+", text))
        index = 0
        while index < len(words):
            match = words[index]
            pair = text[match.start() : words[index + 1].end()] if index + 1 < len(words) else ""
            if pair and fold(" ".join(pair.split())) in folded_known:
                candidate, index = pair, index + 2
            elif fold(match.group(0)) in folded_known:
                candidate, index = match.group(0), index + 1
            else:
                index += 1
                continue
            if candidate not in seen:
                seen.add(candidate)
                found.append(Finding(label, candidate, "name"))
    return found
