"""The sociogram page's rows written in Python equal what its template loops wrote
(support/sociogram_rows.py)."""

from django.template import Context, Template

from vangnet.support import sociogram_rows

NAMES = ["Anna", "<b>Jan</b> & co", 'Mien "Mimi" de Vries', "Ré'", ""]

OLD = {
    "ties": "{% for row in rows %}<tr><td>{{ row.giver }}</td><td>{{ row.receiver }}</td>"
    "<td>{{ row.type }}</td><td>{{ row.count }}</td></tr>\n      {% endfor %}",
    "balance": "{% for row in rows %}<tr><td>{{ row.label }}</td><td>{{ row.given }}</td>"
    "<td>{{ row.received }}</td></tr>{% endfor %}",
    "pairs": "{% for row in rows %}<tr><td>{{ row.a }}</td><td>{{ row.b }}</td>"
    "<td>{{ row.n }}</td></tr>{% endfor %}",
    "options": '{% for row in rows %}<option value="{{ row.id }}">{{ row.label }}</option>'
    "{% endfor %}",
}


def old(kind, rows):
    return Template(OLD[kind]).render(Context({"rows": rows}))


def test_rows_equal_the_template_loops_with_awkward_names_and_none():
    ties = [
        {"giver": a, "receiver": b, "type": "Praktisch", "count": i}
        for i, (a, b) in enumerate(zip(NAMES, reversed(NAMES), strict=True))
    ]
    balance = [{"label": n, "given": i, "received": 2 * i} for i, n in enumerate(NAMES)]
    pairs = [{"a": a, "b": b, "n": 3} for a, b in zip(NAMES, NAMES[1:], strict=False)]
    options = [{"id": i, "label": n} for i, n in enumerate(NAMES)]
    for kind, made, rows in (
        ("ties", sociogram_rows.tie_rows, ties),
        ("balance", sociogram_rows.balance_rows, balance),
        ("pairs", sociogram_rows.pair_rows, pairs),
        ("options", sociogram_rows.person_options, options),
    ):
        assert made(rows) == old(kind, rows)
        assert made([]) == old(kind, []) == ""
    assert "&lt;b&gt;Jan&lt;/b&gt; &amp; co" in sociogram_rows.tie_rows(ties)
