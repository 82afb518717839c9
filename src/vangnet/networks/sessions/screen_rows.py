"""The rows of the session screen (one <li> per participant), written in Python.

The session screen is the hot path: a worker opens it every week on a phone, and a network
may have a hundred people or more. Django's template engine spent about three quarters of
the screen's server time on these rows (an include per row with some forty variable
lookups, tags and translations each); these functions write the same markup in a fraction
of that. Every text from the data is escaped; the translated words are looked up once per
screen. The list around the rows stays in networks/session_record_body.html, and
tests/networks/test_session_rows.py holds the markup's contract (names, values, ids and the
data-attributes session.js and the offline screen rely on).

Texts are escaped with `html.escape` (what Django's `escape` calls, without its lazy-string
wrapper), and what repeats from row to row is escaped or written once per screen: the
sentences around a name, the task texts, and the absence menus (most rows share one).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape as _escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def escape(text: Any) -> str:
    """Django's `escape` (the same characters, as `html.escape` with quotes), unmarked."""
    return _escape(str(text))


def _words() -> dict[str, str]:
    """The translated words and sentences of a row, escaped where they are whole, once per
    screen (the sentences get the escaped name filled in per row)."""
    return {
        "absence_of": _("Afmelding van %(name)s"),
        "contribution_of": _("Bijdrage van %(name)s:"),
        "contributions_of": _("Bijdrage van %(name)s"),
        "other_of": _("Andere bijdrage van %(name)s"),
        "usual_of": _("(bijdrage van %(name)s)"),
        "new": escape(_("nieuw")),
        "never": escape(_("(nog niet eerder geweest)")),
        "by_self": escape(_("door deelnemer zelf")),
        "ahead": escape(_("vooraf")),
        "ahead_hint": escape(_("ingevuld, nog niet opgeslagen")),
        "other": escape(_("andere bijdrage")),
        "add": escape(_("+ bijdrage")),
        "elsewise": escape(_("anders…")),
        "done": escape(_("Klaar")),
    }


class _Memo(dict):
    """Escaped texts and absence menus already written for this screen."""

    def text(self, value: Any) -> str:
        key = ("text", value)
        found = self.get(key)
        if found is None:
            found = self[key] = escape(value)
        return found

    def choices(self, choices: list[dict[str, Any]]) -> str:
        key = ("choices", *((c["value"], c["label"], bool(c["selected"])) for c in choices))
        found = self.get(key)
        if found is None:
            found = self[key] = "".join(
                f'<option value="{escape(choice["value"])}"'
                f"{' selected' if choice['selected'] else ''}>{escape(choice['label'])}</option>"
                for choice in choices
            )
        return found


def session_row_html(row: dict[str, Any], words: dict[str, str], memo: _Memo | None = None) -> str:
    """One participant's <li>: presence, announced absence, contributions."""
    if memo is None:
        memo = _Memo()
    text = memo.text
    participant = row["participant"]
    pk = int(participant.pk)
    name = escape(participant.display_name)
    # The sentences with the (escaped) name in them, as blocktranslate writes them.
    named = {"name": name}
    absence_of = words["absence_of"] % named
    contribution_of = words["contribution_of"] % named
    contributions_of = words["contributions_of"] % named
    other_of = words["other_of"] % named
    classes = "attendance-row"
    if row["present"]:
        classes += " is-present"
    if row["absent"]:
        classes += " is-absent"
    last_week = " data-last-week" if row["last_week"] else ""
    checked = " checked" if row["present"] else ""
    new = ""
    if row["is_new"]:
        new = (
            f'<span class="badge badge-new">{words["new"]}</span>'
            f'<span class="visually-hidden">{words["never"]}</span>'
        )
    choices = memo.choices(row["absence_choices"])
    if row.get("absent_by_self"):
        new += f'<span class="badge badge-self">{words["by_self"]}</span>'
    usual = row["usual"]
    usual_button = ""
    if usual:
        usual_of = words["usual_of"] % named
        usual_button = (
            f'<button type="button" class="contrib-usual" data-usual="{text(usual)}" hidden>'
            f'<span aria-hidden="true">+ </span>{text(usual)}<span class="visually-hidden"> '
            f"{usual_of}</span></button>"
        )
    chosen = [text(option["text"]) for option in row["options"] if option["checked"]]
    if usual:
        add = (
            f'<span aria-hidden="true">+</span><span class="visually-hidden">'
            f"{words['other']}</span>"
        )
    else:
        add = words["add"]
    options = "".join(
        f'\n      <label class="contrib-choice"><input type="checkbox" name="task-{pk}" '
        f'value="{text(option["text"])}"{" checked" if option["checked"] else ""}'
        f" data-contribution> {text(option['text'])}</label>\n      "
        for option in row["options"]
    )
    return (
        f'\n<li class="{classes}" data-session-row data-name="{escape(row["key"])}" '
        f'data-initials="{escape(row["initials"])}"{last_week}>\n'
        f'  <div class="row-line">\n'
        f'    <label class="present" for="present-{pk}">\n'
        f'      <input type="checkbox" name="present" value="{pk}" id="present-{pk}"{checked}'
        f" data-present-box>\n"
        f'      <span class="name">{name}</span>\n'
        f"      {new}\n"
        f'      <span class="prefilled-tag" data-prefilled-tag hidden>{words["ahead"]}'
        f'<span class="visually-hidden"> {words["ahead_hint"]}</span></span>\n'
        f"    </label>\n"
        f'    <span class="absence">\n'
        f'      <label for="absent-{pk}" class="visually-hidden">'
        f"{absence_of}</label>\n"
        f'      <select name="absent-{pk}" id="absent-{pk}" data-absence>\n'
        f"        {choices}\n"
        f"      </select>\n"
        f"    </span>\n"
        f"    {usual_button}\n"
        f'    <details class="contrib{" has-usual" if usual else ""}">\n'
        f'      <summary><span class="visually-hidden">'
        f"{contribution_of}</span> "
        f"<span data-contrib-summary>{', '.join(chosen)}</span>"
        f'<span class="contrib-add">{add}</span></summary>\n'
        f'      <div class="contrib-choices" role="group" aria-label="'
        f'{contributions_of}">\n'
        f"      {options}\n"
        f'      <label for="other-{pk}" class="visually-hidden">'
        f"{other_of}</label>\n"
        f'      <input type="text" id="other-{pk}" name="other-{pk}" maxlength="120" '
        f'autocomplete="off" placeholder="{words["elsewise"]}" data-contribution>\n'
        f'      <button type="button" class="contrib-done secondary" data-contrib-done hidden>'
        f"{words['done']}</button>\n"
        f"      </div>\n"
        f"    </details>\n"
        f"  </div>\n"
        f"</li>\n"
    )


def session_rows_html(rows: Iterable[dict[str, Any]]) -> SafeString:
    """The <li> of every row, in order."""
    words, memo = _words(), _Memo()
    return mark_safe("".join(session_row_html(row, words, memo) for row in rows))  # noqa: S308
