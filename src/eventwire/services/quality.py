"""Measuring quality: score a gold file (with rules switched off if asked), the ablation of the rules, the
quality gate's floors and the golden contract of the development articles."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tqdm import tqdm

from eventwire.evaluation import ablation, gate, golden
from eventwire.evaluation.gold import GoldDoc, load_gold
from eventwire.evaluation.runner import EvalResult, evaluate_file, pool
from eventwire.evaluation.system import extract_events, extract_places
from eventwire.pipeline import rules
from eventwire.pipeline.runner import shared_pipeline

__all__ = [
    "ablation_of", "check_golden", "evaluate_gold", "gate_check", "gate_measure", "gate_pin", "pin_golden",
    "rule_ids", "write_quality_doc", "write_rules_doc",
]


def rule_ids(names: Sequence[str]) -> list[str]:
    """Rule ids from user-given ids or field prefixes ("location."); ValueError for an unknown one or for a
    default rule (which cannot be switched off)."""
    found = rules.ids_matching(names)
    defaults = [i for i in found if rules.RULES[i].default]
    if defaults:
        raise ValueError(f"default rules cannot be switched off: {', '.join(defaults)}")
    return found


@contextlib.contextmanager
def _switched_off(ids: Sequence[str]) -> Iterator[None]:
    with rules.disabled(ids):
        yield


def evaluate_gold(path: Path | Sequence[Path], *, sample: int | None = None, disabled: Sequence[str] = (),
                  report_dir: Path | None = None, progress: bool = True, predictions: Path | None = None,
                  ) -> tuple[EvalResult, Path | None]:
    """Score the pipeline on a gold file (several files: pooled, as one set), with the given rules switched off;
    with `report_dir`, also write the error analysis there (returns its path). With `predictions` (a file in the
    gold format: another system's output, or a reviewed export), score those events instead of running the
    pipeline: a document the file lacks predicted nothing."""
    paths = [path] if isinstance(path, Path) else list(path)
    system = extract_events if predictions is None else _predicted_by(predictions)
    with _switched_off(disabled):
        result = pool([evaluate_file(p, system, places=extract_places, sample=sample, progress=progress)
                       for p in paths])
    written = None
    if report_dir is not None:
        from eventwire.evaluation.report import write_report

        written = write_report(result, report_dir)
    return result, written


def _predicted_by(path: Path) -> Callable[[GoldDoc], list[dict[str, Any]]]:
    """A 'system' that answers each document with the events a file in the gold format gives for its id."""
    skipped: list[Any] = []
    by_id = {doc.id: [dict(e) for e in doc.events] for doc in load_gold(path, skipped=skipped)}
    if skipped:
        raise ValueError(f"{path}: {len(skipped)} records cannot be read, the first: {skipped[0]}")
    return lambda doc: by_id.get(doc.id, [])


def _bar(items: Iterable[Any], label: str, total: int) -> Iterable[Any]:
    return tqdm(items, desc=label, total=total, unit="", leave=False, mininterval=2)


def ablation_of(paths: Sequence[Path], *, names: Sequence[str] = (), workers: int = 1, progress: bool = True,
                ) -> tuple[list[ablation.RuleAblation], dict[str, dict[str, Any]], dict[str, str]]:
    """The ablation of the chosen rules (every rule by default) on every document of each gold file: the
    ablations, the baseline metrics per file and each file's scoring level."""
    pipeline = shared_pipeline()
    bar = _bar if progress else None
    runs = [ablation.prepare(p, pipeline, name=_set_name(p), progress=bar) for p in paths]
    chosen = rule_ids(names) if names else None
    found = ablation.ablate(runs, pipeline, chosen, workers=workers, progress=bar)
    return found, {r.name: r.metrics for r in runs}, {r.name: r.level for r in runs}


def _set_name(path: Path) -> str:
    """"news/news.jsonl" for a development file, else the file's name."""
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def write_rules_doc(dev_dir: Path, target: Path, *, workers: int = 1, progress: bool = True,
                    raw: Path | None = None) -> int:
    """Write docs/rules.md: the stages, the catalogue and the ablation of every rule on every development set
    present under `dev_dir` (all documents); with `raw`, also every ablation as JSON lines there. Returns the
    number of rules."""
    from eventwire.evaluation.rules_doc import render
    from eventwire.services.rules import catalogue, stage_list

    paths = [dev_dir / name for name in (*gate.GATE_SETS, *golden.GOLDEN_FILES)
             if (dev_dir / name).exists()]
    paths = list(dict.fromkeys(p for p in paths if p.name != "articles.jsonl"))  # (dedup: no gold events)
    found, baselines, levels = ablation_of(paths, workers=workers, progress=progress)
    entries = catalogue()
    if raw is not None:
        raw.write_text("".join(json.dumps(a.to_json()) + "\n" for a in found), encoding="utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(stage_list(), entries, found, baselines, levels), encoding="utf-8")
    return len(entries)


def write_reliability(dev_dir: Path, target: Path, *, progress: bool = True) -> int:
    """Measure how often the events and fields behind each rule are right on the development sets coded as
    ACLED codes events (`reliability.CALIBRATION_SETS`) under `dev_dir`, and write the table `confidence` is read
    from (counts only). Returns its number of rows."""
    from eventwire.evaluation import reliability
    from eventwire.evaluation.system import event_records

    pipeline = shared_pipeline()
    paths = [dev_dir / name for name in reliability.CALIBRATION_SETS if (dev_dir / name).exists()]
    tally = reliability.measure(paths, lambda doc: event_records(pipeline.run(doc.to_article())),
                                progress=(lambda docs, label: _bar(docs, label, len(docs))) if progress else None)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(reliability.render(tally), encoding="utf-8")
    return len(tally.seen)


def cross_validate_reliability(dev_dir: Path, held_out: Sequence[str] = ("news.jsonl", "news_world.jsonl"),
                               *, progress: bool = True) -> dict[str, Any]:
    """The calibration error of the events of `held_out` (set file names) on documents the reliability table was
    counted without (5 folds, 5 shuffles; see `reliability.cross_validated_calibration`)."""
    from eventwire.evaluation import reliability
    from eventwire.evaluation.system import event_records
    from eventwire.pipeline.calibration import R_RELIABILITY

    pipeline = shared_pipeline()
    paths = [dev_dir / name for name in reliability.CALIBRATION_SETS if (dev_dir / name).exists()]
    outcomes = reliability.event_outcomes(
        paths, lambda doc: event_records(pipeline.run(doc.to_article())),
        progress=(lambda docs, label: _bar(docs, label, len(docs))) if progress else None)
    return reliability.cross_validated_calibration(outcomes, held_out, R_RELIABILITY.points)


def gate_measure(dev_dir: Path) -> dict[str, dict[str, Any]]:
    return gate.measure(dev_dir)


def gate_check(floors_path: Path, measured: dict[str, dict[str, Any]]) -> list[gate.Failure | str]:
    return gate.check(gate.load_floors(floors_path), measured)


def gate_pin(floors_path: Path, measured: dict[str, dict[str, Any]], *, allow_lower: bool = False) -> list[str]:
    """Pin the measured values as floors (raising only, unless `allow_lower`); returns the refusals."""
    new, refused = gate.pin(gate.load_floors(floors_path), measured, allow_lower=allow_lower)
    gate.save_floors(floors_path, new)
    return refused


def write_quality_doc(measured: dict[str, dict[str, Any]], target: Path) -> None:
    from eventwire.evaluation.quality_doc import render

    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(measured), encoding="utf-8")


def check_golden(dev_dir: Path, snapshot: Path) -> list[str]:
    """What changed on the development articles against the pinned golden contract (empty: nothing)."""
    return golden.differences(golden.load(snapshot), golden.snapshot(dev_dir, extract_events, extract_places))


def pin_golden(dev_dir: Path, snapshot: Path) -> int:
    """Pin the golden contract of every development article; returns the number of documents."""
    data = golden.snapshot(dev_dir, extract_events, extract_places)
    golden.save(snapshot, data)
    return sum(len(v["docs"]) for v in data.values())
