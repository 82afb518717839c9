"""The sociogram page's long lists written in Python (support/sociogram_rows.py): the same
markup as the template loops they replaced, escaped, in Dutch and English."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from vangnet.support.models import SupportType
from vangnet.support.sociogram_rows import (
    balance_rows_html,
    pair_rows_html,
    person_options_html,
    tie_rows_html,
)

# The loops as support/sociogram.html had them.
TEMPLATE_LOOPS = {
    "ties": (
        "{% load i18n %}{% for row in rows %}<tr><td>{{ row.giver }}</td><td>{{ row.receiver }}"
        "</td><td>{{ row.type }}</td><td>{{ row.count }}</td></tr>\n      {% empty %}"
        '<tr><td colspan="4">{% translate "Geen steun in deze periode." %}</td></tr>{% endfor %}'
    ),
    "balance": (
        "{% for row in rows %}<tr><td>{{ row.label }}</td><td>{{ row.given }}</td>"
        "<td>{{ row.received }}</td></tr>{% endfor %}"
    ),
    "pairs": (
        "{% for row in rows %}<tr><td>{{ row.a }}</td><td>{{ row.b }}</td><td>{{ row.n }}</td>"
        "</tr>{% endfor %}"
    ),
    "options": '{% for option in rows %}<option value="{{ option.id }}">{{ option.label }}'
    "</option>{% endfor %}",
}

NAMES = ["Ria", "Jan <de> Vries & 'Co'", '"Kees"', "Zoë", "12", "?"]


def _template(kind, rows):
    return Template(TEMPLATE_LOOPS[kind]).render(Context({"rows": rows}))


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("size", [0, 1, 7])
def test_the_rows_are_the_templates_rows(language, size):
    ties = [
        {
            "giver": NAMES[i % len(NAMES)],
            "receiver": NAMES[(i + 2) % len(NAMES)],
            "type": SupportType(SupportType.values[i % 3]).label,
            "count": i * 137,
        }
        for i in range(size)
    ]
    balance = [
        {"label": NAMES[i % len(NAMES)], "given": i, "received": 1000 + i} for i in range(size)
    ]
    pairs = [{"a": NAMES[i % len(NAMES)], "b": NAMES[-1 - i % 3], "n": i} for i in range(size)]
    options = [{"id": 10 + i, "label": NAMES[i % len(NAMES)]} for i in range(size)]
    with translation.override(language):
        empty = translation.gettext("Geen steun in deze periode.")
        assert str(tie_rows_html(ties, empty)) == _template("ties", ties)
        assert str(balance_rows_html(balance)) == _template("balance", balance)
        assert str(pair_rows_html(pairs)) == _template("pairs", pairs)
        assert str(person_options_html(options)) == _template("options", options)


def test_names_are_escaped():
    html = str(balance_rows_html([{"label": "<script>x</script>", "given": 1, "received": 2}]))
    assert "<script>" not in html and "&lt;script&gt;" in html
    html = str(person_options_html([{"id": 3, "label": 'a"b'}]))
    assert html == '<option value="3">a&quot;b</option>'
