"""The load test's form reader (benchmarks/forms.py) reads what `html.parser` reads: on the
session screen as the server renders it, and on the markup a page can hold around a form."""

import datetime as dt
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.factories import ActivityFactory, ParticipantFactory, SessionFactory
from tests.networks.session_form import record_url
from vangnet.networks.models import AnnouncedAbsence, Attendance, Contribution

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from forms import form_fields, toggled_payload  # noqa: E402

NOT_SUBMITTED = ("submit", "button", "file", "image", "reset")


class StandardReader(HTMLParser):
    """The reference: the standard library's parser, which the load test used before."""

    def __init__(self, form_id=None):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.textarea = form_id, False, None
        self.fields, self.checkboxes, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "form":
            self.inside = self.form_id is None or found.get("id") == self.form_id
        elif self.inside and "name" in found and tag == "input":
            kind, value = (found.get("type") or "text").lower(), found.get("value") or ""
            if kind in ("checkbox", "radio"):
                self.checkboxes.append((found["name"], value or "on", "checked" in found))
            elif kind not in NOT_SUBMITTED:
                self.fields.append((found["name"], value))
        elif self.inside and "name" in found and tag == "textarea":
            self.textarea, self.text = found["name"], []

    def handle_data(self, data):
        if self.textarea is not None:
            self.text.append(data)

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea is not None:
            self.fields.append((self.textarea, "".join(self.text).lstrip("\n")))
            self.textarea = None
        elif tag == "form":
            self.inside = False


def standard(html, form_id=None):
    reader = StandardReader(form_id)
    reader.feed(html)
    return reader.fields, reader.checkboxes


@pytest.mark.django_db
def test_the_session_screen_reads_as_the_standard_parser_reads_it(worker_client, network):
    people = [
        ParticipantFactory(network=network, display_name=f"Jan & Co {i} <b>") for i in range(6)
    ]
    earlier = SessionFactory(network=network, date=dt.date(2025, 1, 29), recorded=True)
    session = SessionFactory(network=network, date=dt.date(2025, 2, 5), note='Koffie & "thee"')
    activity = ActivityFactory(network=network)
    session.activities.add(activity)
    for person in people[:3]:
        Attendance.objects.create(session=earlier, participant=person)
        Attendance.objects.create(session=session, participant=person)
    Contribution.objects.create(session=session, participant=people[0], task="koken")
    AnnouncedAbsence.objects.create(session=session, participant=people[4], reason="ziek")
    html = worker_client.get(record_url(session)).content.decode()

    fields, checkboxes = form_fields(html)
    assert (fields, checkboxes) == standard(html)
    assert ("note", 'Koffie & "thee"') in fields
    assert sum(checked for _name, _value, checked in checkboxes) >= 4
    for index in range(len(checkboxes)):
        payload = toggled_payload(html, index)
        assert payload["csrfmiddlewaretoken"] and payload["version"] == [str(session.version)]


MARKUP = """<html><head><style>input{}</style>
<script>let x = '<form><input name="script" value="1">';</script></head><body>
<form id="zoek"><input name="q" value='a &amp; b'><input type=submit name=go value=Zoek></form>
<!-- <form id="oud"><input name="commented" value="1"></form> -->
<FORM id="f" method=post>
<INPUT TYPE="Checkbox" NAME="present" VALUE="7" CHECKED>
<input type="checkbox" name="present" value="8>" checked="checked" data-x='a>b'>
<input type="radio" name="choice" value="" checked>
<input type="checkbox" name="present" value="9">
<input name=bare value=plain/text>
<input name="empty" value="">
<input name="novalue">
<input type="hidden" name="twice" value="1" value="2">
<input type="file" name="upload"><input type="button" name="knop" value="x">
<input value="nameless">
<textarea name="note">
Eerste regel &lt;b&gt; &amp; &#233;</textarea>
<textarea name="leeg"></textarea>
</form><input name="outside" value="1">
</body></html>"""


@pytest.mark.parametrize("form_id", [None, "f", "zoek", "missing"])
def test_markup_around_forms_reads_as_the_standard_parser_reads_it(form_id):
    assert form_fields(MARKUP, form_id) == standard(MARKUP, form_id)


def test_what_the_reader_finds_in_the_markup():
    fields, checkboxes = form_fields(MARKUP, "f")
    assert checkboxes == [
        ("present", "7", True),
        ("present", "8>", True),
        ("choice", "on", True),
        ("present", "9", False),
    ]
    assert fields == [
        ("bare", "plain/text"),
        ("empty", ""),
        ("novalue", ""),
        ("twice", "2"),
        ("note", "Eerste regel <b> & é"),
        ("leeg", ""),
    ]
