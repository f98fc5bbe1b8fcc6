"""The extraction core as data: its registered stages, its rule catalogue, the rules' own examples, and why
each field of an extracted event has its value (`explain`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventwire.model import Article
from eventwire.pipeline import rules
from eventwire.pipeline.draft import Draft
from eventwire.pipeline.rulecheck import ExampleFailure, check_examples
from eventwire.pipeline.runner import shared_pipeline
from eventwire.pipeline.stages import STAGES
from eventwire.pipeline.trace import rule_json
from eventwire.serialize import event_to_json

__all__ = ["catalogue", "check_rule_examples", "explain_article", "explain_file", "select_rules", "stage_list"]

# Fields of the JSON contract, in the order `explain` shows them, with the evidence key behind each.
EXPLAINED_FIELDS: tuple[tuple[str, str], ...] = (
    ("event_type", "event_type"), ("event_date", "event_date"), ("location", "location"), ("weapon", "weapon"),
    ("actor1", "actor1"), ("actor2", "actor2"), ("fatalities", "fatalities"), ("injuries", "injuries"),
    ("captured", "captured"), ("munitions", "munitions"),
)


def stage_list() -> list[dict[str, Any]]:
    """The registered stages in order: name, job, what each requires and assigns."""
    return [{"stage": s.name, "job": s.job, "requires": list(s.requires), "assigns": list(s.assigns)}
            for s in STAGES]


def select_rules(names: Sequence[str] = ()) -> list[rules.Rule]:
    """The rules named by ids or field prefixes ("location.", "event_date.*"), every rule when none is given.
    Raises ValueError for an unknown name."""
    if not names:
        return list(rules.RULES.values())
    return [rules.RULES[i] for i in rules.ids_matching(names)]


def catalogue(chosen: Sequence[rules.Rule] | None = None) -> list[dict[str, Any]]:
    """One record per rule: id, field, stage, reason, weight, threshold, whether it is a default, examples."""
    return [{"id": r.id, "field": r.field, "stage": r.stage, "reason": r.reason, "weight": r.weight,
             "threshold": r.threshold, "default": r.default, "examples": len(r.fires) + len(r.not_fires),
             "fires": [e.text for e in r.fires], "not_fires": [e.text for e in r.not_fires]}
            for r in (chosen if chosen is not None else rules.RULES.values())]


def check_rule_examples(chosen: Sequence[rules.Rule] | None = None) -> list[ExampleFailure]:
    """The examples of the chosen rules (all by default) that do not behave as the catalogue states."""
    return check_examples(shared_pipeline(), chosen)


def explain_article(article: Article) -> list[dict[str, Any]]:
    """Per event of the article: its JSON-contract record and, per field, the value, the stage that set it, the
    rules behind it (with reasons and weights), the candidates considered and why the winner won."""
    ctx = shared_pipeline().run(article, explain=True)
    explained = []
    for index, (draft, event) in enumerate(zip(ctx.merged, ctx.events, strict=True), start=1):
        record = event_to_json(event)
        fields = []
        for name, key in EXPLAINED_FIELDS:
            ev = event.evidence.get(key)
            if ev is None:
                continue
            decision = draft.decisions.get(key)
            fields.append({
                "field": name, "value": _value(record, name), "stage": ev.stage, "text": ev.span.text,
                "start": ev.span.start, "reason": ev.reason, "confidence": round(ev.confidence, 3),
                "rules": [rule_json(r) for r in ev.rules],
                "decision": decision.to_json() if decision is not None else None,
                "readings": _readings(draft, ctx.resolved, ev.span.start) if key == "location" else [],
            })
        explained.append({"event": index, "record": record, "fields": fields})
    return explained


def _value(record: dict[str, Any], name: str) -> Any:
    if name == "event_type":
        return f"{record['event_type']} / {record['sub_event_type']}"
    if name == "event_date":
        return f"{record['event_date']} (time precision {record['time_precision']})"
    if name == "location":
        return f"{record['location']}, {record['admin1'] or '-'}, {record['country']} " \
               f"(geo precision {record['geo_precision']})"
    return record.get(name)


def _readings(draft: Draft, resolved: Sequence[Any], start: int) -> list[dict[str, Any]]:
    """The best-scored gazetteer readings of the place mention the location came from."""
    held = next((r for r in resolved if r.toponym.start == start), None)
    if held is None:
        return []
    return [{"reading": f"{c.name} ({c.kind}, {c.country_code})", "score": round(score, 3),
             "chosen": c.place_id == held.candidate.place_id,
             "rules": [rule_json(r) for r in dict.fromkeys(fired)]}
            for c, score, fired in held.readings]


def explain_file(path: Path, published: dt.date | None = None) -> list[tuple[Article, list[dict[str, Any]]]]:
    """Explain the events of every article of a file (txt / jsonl / csv); unreadable records raise ValueError."""
    from eventwire.services.extraction import read_inputs

    out = []
    for item in read_inputs([path], published):
        if not isinstance(item, Article):
            raise ValueError(str(item))
        out.append((item, explain_article(item)))
    return out

