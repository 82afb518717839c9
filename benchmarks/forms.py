"""Read a page's form the way a browser would: every named input and textarea with the value
it would submit. Used to post the session screen back (benchmarks only).

The load test (benchmarks/load.py) runs on the server's own cores, so what the simulated
browser spends reading a page is taken from the server. Python's `html.parser` needed about
24 ms of CPU for a session screen of *large* (110 KB): a fifth of the machine in the
saturated phase. This reader finds the few tags a form submits with regular expressions,
skipping comments, scripts and styles as a browser does, in about 3 ms;
tests/test_bench_forms.py compares it with `html.parser` on real screens."""

from __future__ import annotations

import html as entities
import re

# What a browser does not read as tags: comments and the contents of scripts and styles.
HIDDEN = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>", re.I | re.S)
TAG = re.compile(r"""<(/?)(form|input|textarea)\b((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.I)
END_TEXTAREA = re.compile(r"</textarea\s*>", re.I)
ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""", re.S)
NOT_SUBMITTED = ("submit", "button", "file", "image", "reset")


def attributes(text: str) -> dict[str, str | None]:
    """A tag's attributes, names in lower case, values unescaped (None: no value); a name
    given twice keeps its last value, as `html.parser` read into a dict does."""
    found: dict[str, str | None] = {}
    for match in ATTRIBUTE.finditer(text):
        name, double, single, bare = match.groups()
        value = next((v for v in (double, single, bare) if v is not None), None)
        if value is not None and "&" in value:
            value = entities.unescape(value)
        found[name.lower()] = value
    return found


def form_fields(html: str, form_id: str | None = None):
    """(fields, checkboxes): fields as (name, value); checkboxes as (name, value, checked)."""
    page = HIDDEN.sub("", html)
    fields: list[tuple[str, str]] = []
    checkboxes: list[tuple[str, str, bool]] = []
    inside = False
    position = 0
    while match := TAG.search(page, position):
        position = match.end()
        closing, tag, rest = match.group(1), match.group(2).lower(), match.group(3)
        if tag == "form":
            inside = not closing and (form_id is None or attributes(rest).get("id") == form_id)
            continue
        if closing or not inside:
            continue
        attrs = attributes(rest)
        name = attrs.get("name")
        if name is None:
            continue
        if tag == "textarea":
            end = END_TEXTAREA.search(page, position)
            stop = end.start() if end else len(page)
            fields.append((name, entities.unescape(page[position:stop]).lstrip("\n")))
            position = end.end() if end else stop
            continue
        kind = (attrs.get("type") or "text").lower()
        value = attrs.get("value") or ""
        if kind in ("checkbox", "radio"):
            checkboxes.append((name, value or "on", "checked" in attrs))
        elif kind not in NOT_SUBMITTED:
            fields.append((name, value))
    return fields, checkboxes


def toggled_payload(html: str, toggle_index: int) -> dict[str, list[str]]:
    """The form's submission with one checkbox (by index, wrapping around) flipped."""
    fields, checkboxes = form_fields(html)
    payload: dict[str, list[str]] = {}
    for name, value in fields:
        payload.setdefault(name, []).append(value)
    if checkboxes:
        flip = toggle_index % len(checkboxes)
        for index, (name, value, checked) in enumerate(checkboxes):
            if checked != (index == flip):
                payload.setdefault(name, []).append(value)
    return payload
