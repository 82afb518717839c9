"""The publish check finds names known in the organisation and patterns of personal data."""

from __future__ import annotations

from vangnet.library.personal_data import findings, name_words


def test_names_are_found_as_whole_words_case_and_accent_blind():
    found = findings(
        {"de tekst": "We belden zoe en Janneke Vermeulen; het janneken-spel bleef."},
        ["Zoë", "Janneke Vermeulen", "Al"],
    )
    assert [(f.text, f.what) for f in found] == [("zoe", "name"), ("Janneke Vermeulen", "name")]


def test_short_names_are_not_matched_alone():
    assert "al" not in name_words(["Al"])
    assert findings({"t": "Al met al een goede avond."}, ["Al"]) == []


def test_patterns_of_personal_data_whoever_they_belong_to():
    text = (
        "Mail naar piet@example.nl of bel 06-12345678 of +31 6 1234 5678. "
        "Woont op 3011 AB, BSN 123456789, geboren 12-03-1950."
    )
    kinds = [f.what for f in findings({"de tekst": text}, [])]
    assert kinds == ["email", "phone", "phone", "postcode", "bsn", "birth_date"]


def test_plain_method_text_passes():
    text = "Begin elke bijeenkomst met koffie; de groep kiest zelf de activiteit van 2025."
    assert findings({"de tekst": text}, ["Janneke", "Pieter"]) == []


def test_describe_says_what_and_where_in_dutch():
    [finding] = findings({"de titel": "Koken met Pieter"}, ["Pieter"])
    assert finding.describe() == "'Pieter' in de titel: een naam uit je organisatie"
