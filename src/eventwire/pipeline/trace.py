"""How a field was decided, for `eventwire explain`: the candidates a stage considered, the rules that fired for
each (with their weights) and why the winner won. Recorded only when an article is run with `explain=True`;
the ids of the rules behind each chosen value are always kept, in the field's evidence."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from eventwire.pipeline.rules import RULES


@dataclass(frozen=True, slots=True)
class Option:
    """One candidate value of a field."""

    value: str  # how the value reads ("Ain al-Asad (airbase, IQ)", "2021-07-05", "14 (munitions)")
    text: str = ""  # the words of the article it comes from
    start: int | None = None
    score: float | None = None  # where candidates are ranked by a score
    rules: tuple[str, ...] = ()  # the rules that fired for this candidate, in order
    note: str = ""  # why it was set aside, when it was

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "text": self.text, "start": self.start,
                "score": None if self.score is None else round(self.score, 3),
                "rules": [rule_json(r) for r in self.rules], "note": self.note}


@dataclass(slots=True)
class Decision:
    """The candidates a stage considered for one field of one mention, and the one it chose."""

    field: str
    stage: str
    options: list[Option] = dataclasses.field(default_factory=list)
    chosen: int | None = None  # index into options
    why: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "stage": self.stage, "chosen": self.chosen, "why": self.why,
                "options": [o.to_json() for o in self.options]}


def rule_json(rule_id: str) -> dict[str, Any]:
    """A rule as a trace names it: id, weight and threshold (None where it has none), reason."""
    found = RULES.get(rule_id)
    if found is None:
        return {"id": rule_id, "weight": None, "threshold": None, "reason": ""}
    return {"id": rule_id, "weight": found.weight, "threshold": found.threshold, "reason": found.reason}


def in_field(fired: tuple[str, ...], *fields: str) -> tuple[str, ...]:
    """The firings of rules deciding the given fields, each id once, in order of first firing."""
    prefixes = tuple(f"{f}." for f in fields)
    return tuple(dict.fromkeys(r for r in fired if r.startswith(prefixes)))
