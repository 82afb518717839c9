"""An attacker who combines every published view of a report year (issue 14, item 1).

Written apart from `reports.disclosure` on purpose: it reads only what a viewer sees (the
published cells of every period's report, page = PDF = API), knows how the figures relate
(areas add up to the total, support types to a row's pairs, the quarters' visits to the
year's; a quarter's people and pairs are at most the year's and together at least as many;
long-term and steady are at most reached; visits lie between reached and reached x
sessions), reads the visits of a published average from average x sessions (with its
rounding) and the marks' bounds ("< k": 1..k-1, "x": at least 0), and then solves, with
linear programs, for the smallest and largest value of every hidden count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

ALL = "__all__"


@dataclass
class View:
    """What one period's report for all areas publishes (the one-area reports publish a row
    of it, with the same marks)."""

    period: str
    rows: list[str]
    people: dict[tuple[str, str], object]  # (measure, row) -> Cell; row ALL for totals
    ties: dict[tuple[str, str], object]  # (type or "ties", row) -> Cell
    averages: dict[str, object]  # row -> Cell
    sessions: dict[str, int]  # row -> sessions


@dataclass
class Attack:
    k: int
    variables: dict[tuple, tuple[float, float | None]] = field(default_factory=dict)
    known: dict[tuple, tuple[float, float]] = field(default_factory=dict)
    equal: list[dict[tuple, float]] = field(default_factory=list)
    at_most: list[dict[tuple, float]] = field(default_factory=list)  # sum(coef * x) <= 0

    def cell(self, key: tuple, cell) -> None:
        if cell.hidden:
            primary = cell.hidden == "primary" and key[0] != "visits"
            self.variables[key] = (1.0, float(self.k - 1)) if primary else (0.0, None)
        else:
            self.known[key] = (float(cell.value), float(cell.value))

    def visits(self, key: tuple, average, sessions: int) -> None:
        if average.hidden:
            self.variables[key] = (0.0, None)
        elif average.value is None:
            self.known[key] = (0.0, 0.0)
        else:  # rounded to one decimal: visits within +-0.05 x sessions
            low = max(0.0, (average.value - 0.05) * sessions)
            self.variables[key] = (low, (average.value + 0.05) * sessions)
            self.known[key] = (low, (average.value + 0.05) * sessions)

    def hidden_intervals(self) -> dict[tuple, tuple[float, float]]:
        keys = list(self.variables)
        index = {key: i for i, key in enumerate(keys)}

        def rows(relations):
            matrix, bounds = [], []
            for relation in relations:
                row, bound = np.zeros(len(keys)), 0.0
                for key, coef in relation.items():
                    if key in index:
                        row[index[key]] += coef
                    else:
                        bound -= coef * self.known[key][0]
                matrix.append(row)
                bounds.append(bound)
            return (np.array(matrix) if matrix else None), (bounds or None)

        a_eq, b_eq = rows(self.equal)
        a_ub, b_ub = rows(self.at_most)
        bounds = [self.variables[key] for key in keys]
        result = {}
        for key in keys:
            if key in self.known:  # a published average: not a hidden cell
                continue
            ends = []
            for sign in (1.0, -1.0):
                c = np.zeros(len(keys))
                c[index[key]] = sign
                answer = linprog(
                    c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs"
                )
                assert answer.status in (0, 3), answer.message  # the truth is feasible
                ends.append(-sign * float("inf") if answer.status == 3 else sign * answer.fun)
            result[key] = (ends[0], ends[1])
        return result


def attack(views: list[View], *, k: int, tie_types: list[str]) -> dict:
    """The feasible interval of every hidden count, from all views of one year together
    (the last view is the year, the others its quarters)."""
    found = Attack(k=k)
    year, quarters = views[-1].period, [v.period for v in views[:-1]]
    rows = views[-1].rows
    for view in views:
        p = view.period
        for (measure, row), cell in view.people.items():
            found.cell((measure, row, p), cell)
        for (kind, row), cell in view.ties.items():
            found.cell((kind, row, p), cell)
        for row, average in view.averages.items():
            found.visits(("visits", row, p), average, view.sessions[row])
        for measure in ("reached", "long_term", "steady", "visits", "ties", *tie_types):
            if view.rows:
                relation = {(measure, row, p): 1.0 for row in view.rows}
                relation[(measure, ALL, p)] = -1.0
                found.equal.append(relation)
        for row in [*view.rows, ALL]:
            relation = {(t, row, p): 1.0 for t in tie_types}
            relation[("ties", row, p)] = -1.0
            found.equal.append(relation)
            reached = ("reached", row, p)
            found.at_most.append({("long_term", row, p): 1.0, reached: -1.0})
            found.at_most.append({("steady", row, p): 1.0, reached: -1.0})
            found.at_most.append({reached: 1.0, ("visits", row, p): -1.0})
            found.at_most.append({("visits", row, p): 1.0, reached: -float(view.sessions[row])})
    for row in [*rows, ALL]:
        relation = {("visits", row, q): 1.0 for q in quarters}
        relation[("visits", row, year)] = -1.0
        found.equal.append(relation)
        for measure in ("reached", "long_term", "ties", *tie_types):
            for q in quarters:
                found.at_most.append({(measure, row, q): 1.0, (measure, row, year): -1.0})
            relation = {(measure, row, q): -1.0 for q in quarters}
            relation[(measure, row, year)] = 1.0
            found.at_most.append(relation)
    return found.hidden_intervals()


def views_of(reports: list, *, tie_types: list[str]) -> list[View]:
    """Views from MunicipalityReport objects (all areas), quarters first, the year last."""
    views = []
    for report, period in reports:
        people, ties, averages, sessions = {}, {}, {}, {}
        measures = ("reached", "long_term", "steady")
        for row, cells in zip(report.areas, report.people.cells, strict=True):
            people.update({(m, row): c for m, c in zip(measures, cells, strict=True)})
        people.update(
            {(m, ALL): c for m, c in zip(measures, report.people.column_totals, strict=True)}
        )
        types = tie_types
        for row, cells, total in zip(
            report.areas, report.ties.cells, report.ties.row_totals, strict=True
        ):
            ties.update({(t, row): c for t, c in zip(types, cells, strict=True)})
            ties[("ties", row)] = total
        ties.update({(t, ALL): c for t, c in zip(types, report.ties.column_totals, strict=True)})
        ties[("ties", ALL)] = report.ties.total
        for row, count, average in zip(
            report.areas, report.sessions, report.attendance, strict=True
        ):
            averages[row], sessions[row] = average, count
        averages[ALL], sessions[ALL] = report.attendance_total, report.sessions_total
        views.append(View(period, list(report.areas), people, ties, averages, sessions))
    return views
