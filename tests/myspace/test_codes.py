import datetime as dt

from vangnet.myspace import codes
from vangnet.myspace.selectors import attendance_sentences


def test_code_shape_and_forgiving_typing():
    code = codes.code_new()
    assert len(code) == 9 and code[4] == "-"
    assert codes.code_well_formed(code)
    typed = " " + code.lower().replace("-", " ") + " "
    assert codes.code_hash(typed, key="k") == codes.code_hash(code, key="k")
    assert codes.code_hash(code, key="k") != codes.code_hash(code, key="other key")
    assert not codes.code_well_formed("ABCD-EFG0")  # 0 is never on a card
    assert not codes.code_well_formed("ABCD")


def test_pin_and_password_rules():
    assert codes.secret_problem("48213") is None
    assert codes.secret_problem("1234") == "pin_length"
    assert codes.secret_problem("11111") == "pin_easy"
    assert codes.secret_problem("12345") == "pin_easy"
    assert codes.secret_problem("98765") == "pin_easy"
    assert codes.secret_problem("kort") == "password_length"
    assert codes.secret_problem("lange zin hier") is None
    assert codes.secret_problem(" 48213") == "spaces"
    assert codes.secret_problem("") == "empty"
    assert codes.secret_kind("48213") == "pin"
    assert codes.secret_kind("lange zin hier") == "password"


def test_route_told_kindly_without_stage_names():
    today = dt.date(2025, 6, 2)
    weekly = [dt.date(2025, 3, 3) + dt.timedelta(weeks=n) for n in range(13)]
    text = " ".join(attendance_sentences(weekly, today=today))
    assert "maart 2025" in text and "bijna elke week" in text
    assert "13 keer" in text
    rare = [dt.date(2025, 3, 3), dt.date(2025, 5, 26)]
    assert "af en toe" in " ".join(attendance_sentences(rare, today=today))
    assert "nog niet" in attendance_sentences([], today=today)[0]
    for word in ("vaste deelnemer", "kennismaker", "afgehaakt", "stage"):
        assert word not in text.lower()
