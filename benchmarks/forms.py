"""Read a page's form the way a browser would: every named input, select and textarea with
the value it would submit. Used to post the session screen back (benchmarks only)."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormFields(HTMLParser):
    def __init__(self, form_id: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.checkboxes: list[tuple[str, str, bool]] = []
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.inside = self.form_id is None or attributes.get("id") == self.form_id
            return
        if not self.inside or "name" not in attributes:
            return
        name = attributes["name"]
        if tag == "input":
            kind = (attributes.get("type") or "text").lower()
            value = attributes.get("value") or ""
            if kind in ("checkbox", "radio"):
                self.checkboxes.append((name, value or "on", "checked" in attributes))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.fields.append((name, value))
        elif tag == "textarea":
            self._textarea = name
            self._text = []

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None
        elif tag == "form":
            self.inside = False


def form_fields(html: str, form_id: str | None = None):
    """(fields, checkboxes): fields as (name, value); checkboxes as (name, value, checked)."""
    parser = _FormFields(form_id)
    parser.feed(html)
    return parser.fields, parser.checkboxes


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
