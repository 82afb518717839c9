"""The checking step's name question: a name in the file that is not a participant of the
network but resembles someone of the network or the organisation (case, accents, small
typos; participants/names.py) is never merged silently nor created silently. The worker
chooses per name: that person (of this network), or "nee, een nieuw persoon".

The choices travel with the upload form: per question `name_choice-<i>` (a participant id
or "new") and `name_choice_key-<i>` (the name it answers, as its `name_key`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from vangnet.participants.names import NameMatch, similar_for_names

NEW = "new"


@dataclass
class NameQuestion:
    key: str  # name_key of the typed name
    name: str  # as typed in the file (its first row)
    matches: list[NameMatch]
    lines: list[int] = field(default_factory=list)  # the rows with this name

    @property
    def own(self) -> list[NameMatch]:
        """The lookalikes of this network: the people the rows may be given to."""
        return [match for match in self.matches if match.same_network]


def lookalikes(*, network: Any, names: Mapping[str, str]) -> dict[str, list[NameMatch]]:
    """Per name key (of names that are no participant of the network), the participants of
    the organisation whose name resembles it; keys without any are left out. Two queries."""
    if not names:
        return {}
    found = similar_for_names(network=network, names=list(names.values()))
    return {key: found[name] for key, name in names.items() if found.get(name)}


def resolve(matches: list[NameMatch], choice: str, *, create_participants: bool) -> tuple[str, Any]:
    """The worker's answer for a name with lookalikes: ("person", participant) for one of
    the network's own lookalikes, ("new", None) for a new person (only when creating
    participants), else ("ask", None): the question stays open."""
    own = {match.participant.pk: match.participant for match in matches if match.same_network}
    if choice == NEW and create_participants:
        return NEW, None
    if choice.isdigit() and int(choice) in own:
        return "person", own[int(choice)]
    return "ask", None


def choices_from_post(data: Mapping[str, Any]) -> dict[str, str]:
    """The answers posted with the upload form: name key -> participant id or "new"."""
    choices: dict[str, str] = {}
    for field_name in data:
        if field_name.startswith("name_choice_key-"):
            index = field_name.removeprefix("name_choice_key-")
            answer = str(data.get(f"name_choice-{index}") or "").strip()
            key = str(data.get(field_name) or "")
            if key and answer:
                choices[key] = answer
    return choices
