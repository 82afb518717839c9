"""The records an import passes from step to step: a checked row, the check of a whole
file, and what an import did (or, for a check, would do)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from vangnet.networks.importing.names import NameQuestion
from vangnet.networks.importing.reading import RowError


@dataclass
class ImportRow:
    line: int
    date: dt.date
    name: str
    key: str
    present: bool
    contributions: list[str]
    activity: Any  # Activity | None
    note: str
    participant: Any = None  # Participant, or None when it will be created
    absent: str | None = None  # an announced absence (afgemeld): its reason, "" without one


@dataclass
class ImportResult:
    """What an import did (or, for a check, would do)."""

    rows: int = 0
    sessions_created: int = 0
    sessions_updated: int = 0
    sessions_unchanged: int = 0
    attendance_added: int = 0
    attendance_present: int = 0
    contributions_added: int = 0
    contributions_present: int = 0
    participants_created: int = 0
    absent_rows: int = 0
    absences_added: int = 0
    absences_present: int = 0  # already announced, or the person is present: kept as it is
    dry_run: bool = False

    def as_dict(self) -> dict[str, int | bool]:
        return dict(self.__dict__)


@dataclass
class ImportCheck:
    errors: list[RowError] = field(default_factory=list)
    rows: list[ImportRow] = field(default_factory=list)
    new_names: dict[str, str] = field(default_factory=dict)  # key -> display name
    questions: dict[str, NameQuestion] = field(default_factory=dict)  # key -> lookalikes
    summary: ImportResult | None = None
    plan: Any = None

    @property
    def is_valid(self) -> bool:
        return not self.errors
