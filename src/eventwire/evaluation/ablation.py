"""Measuring rules: score a gold file with rules switched off, and the ablation of every rule - what changes
when it alone is off.

Each document is parsed once and kept; the baseline run records which rules fired on which document. A rule
that did not fire on a document cannot change that document's output when switched off (a switched-off rule
behaves as if its condition never held, and every rule is logged whenever its condition holds), so the ablation
of a rule re-runs only the documents it fired on, and re-scores the whole file with their new predictions.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from eventwire.evaluation.gold import GoldDoc, load_gold
from eventwire.evaluation.runner import DocResult, _evaluate_doc, _summarize, sample_docs
from eventwire.evaluation.scoring import NEAR_KM
from eventwire.evaluation.system import event_records
from eventwire.evaluation.taxonomies import scoring_level
from eventwire.pipeline import rules
from eventwire.pipeline.runner import Pipeline
from eventwire.serialize import without_trace

Progress = Callable[[Iterable[Any], str, int], Iterable[Any]]  # (items, label, total) -> items
NOT_COMPARED = frozenset({"docs", "gold_docs", "predicted_docs", "seconds"})


@dataclass
class SetRun:
    """One gold file: its (sampled) documents parsed once, the baseline results and the rules fired on each."""

    name: str
    level: str
    docs: list[GoldDoc]
    parsed: dict[str, Doc]
    baseline: list[DocResult] = field(default_factory=list)
    metrics: dict[str, Any] = field(default_factory=dict)
    fired: dict[str, Counter[str]] = field(default_factory=dict)  # doc id -> rule id -> firings


@dataclass(frozen=True)
class RuleAblation:
    """What switching one rule off does on one gold file."""

    rule_id: str
    set_name: str
    firings: int  # times the rule fired over the file's documents
    docs: int  # documents it fired on
    changed: int  # documents whose score changed with the rule off
    better_with: int  # ... of which the rule makes better
    worse_with: int  # ... of which the rule makes worse
    deltas: dict[str, float]  # metric -> value with the rule minus value without it

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule_id, "set": self.set_name, "firings": self.firings, "docs": self.docs,
                "changed": self.changed, "better_with": self.better_with, "worse_with": self.worse_with,
                "deltas": self.deltas}


def _system(pipeline: Pipeline, run: SetRun) -> Callable[[GoldDoc], list[dict[str, Any]]]:
    def events(doc: GoldDoc) -> list[dict[str, Any]]:
        # (with sources: claims and relations, which no gold scores, still count as a change of the output)
        return event_records(pipeline.run(doc.to_article(), run.parsed[doc.id]), with_sources=True)

    def places(doc: GoldDoc) -> list[dict[str, Any]]:
        return [{"start": topo.start, "end": topo.end, "text": topo.text, "latitude": place.latitude,
                 "longitude": place.longitude, "country_code": place.country_code}
                for topo, place in pipeline.places(doc.to_article(), run.parsed[doc.id])]

    return places if run.level == "places" else events


def prepare(path: Path, pipeline: Pipeline, *, sample: int | None = None, name: str | None = None,
            progress: Progress | None = None) -> SetRun:
    """Parse every (sampled) document of a gold file once and run the baseline, recording the rules fired."""
    all_docs = load_gold(path)
    docs = sample_docs(all_docs, sample)
    level = scoring_level(all_docs)
    texts = (d.text for d in docs)
    parsed_docs: Iterable[Doc] = pipeline.nlp.pipe(texts, batch_size=32)
    if progress is not None:
        parsed_docs = progress(parsed_docs, f"parse {path.name}", len(docs))
    run = SetRun(name or path.name, level, docs, dict(zip((d.id for d in docs), parsed_docs, strict=True)))
    system = _system(pipeline, run)
    for doc in docs:
        run.baseline.append(_evaluate_doc(doc, system, level))
        run.fired[doc.id] = Counter(rules.fired())
    run.metrics = dict(_summarize(level, run.baseline))
    return run


def _doc_score(result: DocResult) -> tuple[int, int]:
    """A document's score for comparing two runs: (right - wrong detections, right field values, a place
    within 25 km counting as one)."""
    if result.events is not None:
        ev = result.events
        near = sum(1 for p in ev.pairs if p.km is not None and p.km <= NEAR_KM)
        return ev.tp - ev.fp - ev.fn, sum(sum(p.checks.values()) for p in ev.pairs) + near
    if result.places is not None:
        pl = result.places
        return pl.tp - pl.fp - pl.fn, sum(1 for p in pl.pairs if p.within_161km)
    if result.labels is not None:
        return (1 if result.labels.outcome in ("tp", "tn") else 0), 0
    return 0, 0


def ablate_rule(run: SetRun, rule_id: str, pipeline: Pipeline) -> RuleAblation | None:
    """The ablation of one rule on one prepared file (None when it never fired there)."""
    fired_docs = [i for i, doc in enumerate(run.docs) if run.fired[doc.id].get(rule_id)]
    if not fired_docs:
        return None
    firings = sum(run.fired[run.docs[i].id][rule_id] for i in fired_docs)
    results = list(run.baseline)
    system = _system(pipeline, run)
    with rules.disabled([rule_id]):
        for i in fired_docs:
            results[i] = _evaluate_doc(run.docs[i], system, run.level)
    changed = better = worse = 0
    for i in fired_docs:
        with_rule, without = _doc_score(run.baseline[i]), _doc_score(results[i])
        if with_rule != without or _predictions(run.baseline[i]) != _predictions(results[i]):
            changed += 1
        if with_rule > without:
            better += 1
        elif with_rule < without:
            worse += 1
    metrics = _summarize(run.level, results) if changed else run.metrics
    return RuleAblation(rule_id, run.name, firings, len(fired_docs), changed, better, worse,
                        metric_deltas(run.metrics, metrics))


def _predictions(result: DocResult) -> tuple[Any, ...]:
    """A document's predictions without the trace (which rules fired is what an ablation changes by design)."""
    score = result.events or result.places or result.labels
    if score is None:
        return ()
    return tuple(repr(without_trace(p)) for p in score.predictions)


def metric_deltas(with_rule: Mapping[str, Any], without: Mapping[str, Any]) -> dict[str, float]:
    """Metric -> (value with the rule) - (value without), for every numeric metric that moved."""
    out: dict[str, float] = {}
    for key, value in with_rule.items():
        other = without.get(key)
        if key in NOT_COMPARED or not isinstance(value, int | float) or not isinstance(other, int | float):
            continue
        if value != other:
            out[key] = round(float(value) - float(other), 4)
    return out


def ablate(runs: Sequence[SetRun], pipeline: Pipeline, rule_ids: Sequence[str] | None = None, *,
           workers: int = 1, progress: Progress | None = None) -> list[RuleAblation]:
    """The ablation of every chosen rule (default: every rule that can be switched off and fired somewhere) on
    every prepared file. With `workers` > 1 the rules are shared among forked processes (the parsed documents
    are inherited, not copied)."""
    fired_anywhere = {r for run in runs for counts in run.fired.values() for r in counts}
    chosen = [r for r in (rule_ids if rule_ids is not None else sorted(rules.RULES))
              if r in fired_anywhere and not rules.RULES[r].default]
    if workers > 1 and len(chosen) > 1 and "fork" in multiprocessing.get_all_start_methods():
        global _FORKED
        _FORKED = (runs, pipeline)
        context = multiprocessing.get_context("fork")
        with context.Pool(workers) as pool:
            batches: Iterable[list[RuleAblation]] = pool.imap(_ablate_in_worker, chosen, chunksize=1)
            if progress is not None:
                batches = progress(batches, "rules", len(chosen))
            found = [a for batch in batches for a in batch]
        _FORKED = None
        return found
    names: Iterable[str] = progress(chosen, "rules", len(chosen)) if progress is not None else chosen
    return [a for rule_id in names for run in runs if (a := ablate_rule(run, rule_id, pipeline)) is not None]


_FORKED: tuple[Sequence[SetRun], Pipeline] | None = None  # what forked workers inherit


def _ablate_in_worker(rule_id: str) -> list[RuleAblation]:
    assert _FORKED is not None
    runs, pipeline = _FORKED
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    return [a for run in runs if (a := ablate_rule(run, rule_id, pipeline)) is not None]
