"""Stage `calibration`: each event's `confidence` is the probability that a careful coder would record it, and each
field's evidence `confidence` the probability that the field is right - both read from the measured reliability
of the rules behind them (`data/rule_reliability.csv`, written by `eventwire rules --reliability`).

A rule's reliability is the share of the events (or fields) it was behind that were right on the development
sets, shrunk towards the share of all of them (`SHRINK_EVENTS` imaginary average events): a rule seen a few times
says little. The evidence of the rules is combined as log-odds around that overall share, each rule's weighed by
`confidence.rule_reliability` (below 1: the rules of one event are not independent witnesses). An event's rules are
those of its type, date and place (`EVENT_FIELDS`): what decides whether it is the incident a coder records.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

from eventwire.model import Event, Evidence
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.rules import rule
from eventwire.pipeline.stage import Stage

STAGE_NAME = "calibration"
EVENT = "event"  # the table's field name for "the event is right"
# The fields whose rules say whether an event is right: an event matches a coder's by its type, date and place
# (its actors and counts only make a right event more or less complete).
EVENT_FIELDS = ("event_type", "event_date", "location")
SHRINK_EVENTS = 10  # how many average events a rule's own count is weighed against
R_RELIABILITY = rule("confidence.rule_reliability")
MIN_SUPPORT = R_RELIABILITY.limit  # a rule behind fewer events than this is left out
_TABLE_FILE = resources.files("eventwire.pipeline") / "data" / "rule_reliability.csv"


@dataclass(frozen=True)
class Reliability:
    """Counts per (field, rule) of how often it was behind a right event or field; rule "*": all of them."""

    counts: dict[tuple[str, str], tuple[int, int]]  # (field, rule) -> (seen, right)

    @classmethod
    def read(cls, text: str) -> Reliability:
        rows = csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#"))
        return cls({(r["field"], r["rule"]): (int(r["events"]), int(r["right"])) for r in rows})

    def prior(self, field: str) -> float | None:
        seen, right = self.counts.get((field, "*"), (0, 0))
        return (right + 0.5) / (seen + 1) if seen else None

    def probability(self, field: str, rules: Iterable[str], weight: float) -> float | None:
        """The probability that an event (field "event") or a field decided by these rules is right; None when
        the table has never seen such a field."""
        prior = self.prior(field)
        if prior is None:
            return None
        base = _logit(prior)
        total = base
        for name in set(rules):
            seen, right = self.counts.get((field, name), (0, 0))
            if seen >= MIN_SUPPORT:
                total += weight * (_logit((right + SHRINK_EVENTS * prior) / (seen + SHRINK_EVENTS)) - base)
        return 1.0 / (1.0 + math.exp(-total))


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _load() -> Reliability:
    try:
        return Reliability.read(_TABLE_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:  # a checkout that has not measured its rules yet: confidences stay as scored
        return Reliability({})


TABLE = _load()


def run(ctx: ArticleContext) -> None:
    ctx.events = [calibrated(event, TABLE) for event in ctx.events]


STAGE = Stage(STAGE_NAME, "each event's and field's confidence from the measured reliability of its rules",
              requires=("events",), assigns=("events",), run=run)


def calibrated(event: Event, table: Reliability) -> Event:
    """The event with its confidence and its fields' confidences read from the table (unchanged where the table
    knows nothing of them)."""
    if not R_RELIABILITY.applies():
        return event
    weight = R_RELIABILITY.points
    trace = event_trace(event.evidence)
    confidence = table.probability(EVENT, trace, weight)
    evidence = {key: _field(key, ev, table, weight) for key, ev in event.evidence.items()}
    sources = tuple(replace(s, evidence={k: evidence.get(k, v) if s.article_id == v.article_id else v
                                         for k, v in s.evidence.items()}) for s in event.sources)
    return replace(event, confidence=event.confidence if confidence is None else round(confidence, 3),
                   evidence=evidence, sources=sources)


def event_trace(evidence: Mapping[str, Any]) -> list[str]:
    """The rules behind an event's being right: those of its type, date and place (evidence objects or their
    JSON form)."""
    found: list[str] = []
    for key in EVENT_FIELDS:
        item = evidence.get(key)
        if item is not None:
            found.extend(item.get("rules", ()) if isinstance(item, Mapping) else item.rules)
    return found


def _field(key: str, ev: Evidence, table: Reliability, weight: float) -> Evidence:
    value = table.probability(key, ev.rules, weight)
    return ev if value is None else replace(ev, confidence=round(value, 3))
