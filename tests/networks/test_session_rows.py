"""The session screen's rows, written in Python (networks/sessions/screen_rows.py): the
markup's contract with the form, session.js and the offline screen, escaping, and the
translations."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.utils import translation

from vangnet.networks.sessions.screen_page import absence_choices
from vangnet.networks.sessions.screen_rows import session_rows_html


def row(**changes):
    base = {
        "participant": SimpleNamespace(pk=1234, display_name="Jan <de> Vries & 'Co'"),
        "is_new": False,
        "present": False,
        "absent": False,
        "absence_choices": absence_choices(["ziek", "vakantie"], None),
        "options": [],
        "is_coming": True,
        "last_week": False,
        "initials": "jdv",
        "key": "jan <de> vries",
        "usual": None,
    }
    base.update(changes)
    return base


def test_a_row_carries_the_form_fields_and_the_scripts_hooks():
    html = str(session_rows_html([row()]))
    assert html.count("<li ") == 1
    # The form: presence, announced absence, contributions and a free text.
    assert 'name="present" value="1234" id="present-1234"' in html
    assert 'name="absent-1234" id="absent-1234"' in html
    assert 'name="other-1234"' in html
    # session.js and the offline screen find rows and boxes by these.
    for hook in ("data-session-row", "data-present-box", "data-absence", "data-contrib-summary"):
        assert hook in html
    assert 'data-name="jan &lt;de&gt; vries"' in html
    assert 'data-initials="jdv"' in html
    assert " checked" not in html and "data-last-week" not in html and "is-present" not in html


def test_every_text_from_the_data_is_escaped():
    html = str(
        session_rows_html(
            [
                row(
                    usual='koken & "af"',
                    options=[{"text": "<b>soep</b>", "checked": True}],
                    absence_choices=absence_choices([], "<script>"),
                )
            ]
        )
    )
    assert "<b>" not in html and "<script>" not in html and "<de>" not in html
    assert "Jan &lt;de&gt; Vries &amp; &#x27;Co&#x27;" in html
    assert 'data-usual="koken &amp; &quot;af&quot;"' in html
    assert 'value="&lt;b&gt;soep&lt;/b&gt;" checked' in html
    assert '<option value="&lt;script&gt;" selected>' in html


def test_marks_and_choices_show_as_checked_and_selected():
    choices = absence_choices(["ziek"], "ziek")
    html = str(
        session_rows_html(
            [
                row(
                    present=True,
                    absent=True,
                    is_new=True,
                    last_week=True,
                    absence_choices=choices,
                    options=[
                        {"text": "koken", "checked": True},
                        {"text": "afwas", "checked": False},
                        {"text": "tafel", "checked": True},
                    ],
                )
            ]
        )
    )
    assert 'class="attendance-row is-present is-absent"' in html
    assert "badge-self" not in html
    assert "data-last-week" in html and "badge-new" in html
    assert 'id="present-1234" checked' in html
    assert '<option value="ziek" selected>' in html
    assert re.search(r'value="koken" checked', html) and 'value="afwas" data-contribution' in html
    # The summary lists the chosen contributions only, without a stray comma.
    assert "<span data-contrib-summary>koken, tafel</span>" in html


def test_an_absence_the_participant_announced_is_marked_as_theirs():
    html = str(session_rows_html([row(absent=True, absent_by_self=True)]))
    assert '<span class="badge badge-self">door deelnemer zelf</span>' in html


def test_the_usual_contribution_gets_its_one_tap_button():
    html = str(session_rows_html([row(usual="koken")]))
    assert 'class="contrib-usual" data-usual="koken"' in html
    assert 'class="contrib has-usual"' in html
    assert "+ bijdrage" not in html  # the '+' of the usual replaces it


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("nl", ["Afmelding van Jan", "+ bijdrage", "Klaar", "nieuw"]),
        ("en", ["Announced absence of Jan", "+ contribution", "Done", "new"]),
    ],
)
def test_the_rows_speak_the_users_language(language, words):
    with translation.override(language):
        html = str(session_rows_html([row(is_new=True)]))
    for word in words:
        assert word in html
