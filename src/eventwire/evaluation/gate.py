"""The quality gate: per-set, per-metric floors pinned in the repository, checked on the development sets.

`floors.json` records, for each gold set, the file's fingerprint, the deterministic sample size used and a
floor for every measured metric (a ceiling for the distance medians, where lower is better) - except a metric
at 0, whose floor could not fail and so is no floor. Checking fails
when a metric falls below its floor. Re-pinning raises floors only, unless `allow_lower` is given; a changed
gold file (another fingerprint) must be re-pinned explicitly.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.evaluation.runner import EvalResult, evaluate_file, fingerprint

# Development sets and the sample that keeps the whole gate within a few minutes on two cores.
GATE_SETS: dict[str, int | None] = {
    "seed/seed.jsonl": None,
    "news/news.jsonl": None,
    "news_world/news_world.jsonl": None,
    "acled_notes/acled_notes.jsonl": None,
    "case2021/case2021.jsonl": 200,
    "muc4/muc4.jsonl": 150,
    "isaf/isaf.jsonl": 150,
    "india_police/india_police.jsonl": 80,
    "wikievents/wikievents.jsonl": None,
    "geowebnews/geowebnews.jsonl": 60,
}
LOWER_IS_BETTER = frozenset({"km_median", "km_median_places", "calibration_error"})
NOT_GATED = frozenset({"docs", "gold_events", "predicted_events", "tp", "fp", "fn", "seconds", "gold_places",
                       "predicted_places", "gold_docs", "predicted_docs"})

Evaluate = Callable[[Path, int | None], EvalResult]


@dataclass(frozen=True, slots=True)
class Failure:
    set_name: str
    metric: str
    value: float | None
    bound: float

    def __str__(self) -> str:
        relation = "above the ceiling" if self.metric in LOWER_IS_BETTER else "below the floor"
        return f"{self.set_name}: {self.metric} = {self.value} is {relation} {self.bound}"


def default_evaluate(path: Path, sample: int | None) -> EvalResult:
    from eventwire.evaluation.system import extract_events, extract_places

    return evaluate_file(path, extract_events, places=extract_places, sample=sample)


def _bound(metric: str, value: float) -> float:
    """Floors are rounded down (ceilings up) to 3 decimals so the gate is not sensitive to float noise."""
    if metric in LOWER_IS_BETTER:
        return math.ceil(value * 1000) / 1000
    return math.floor(value * 1000) / 1000


def measure(dev_dir: Path, evaluate: Evaluate = default_evaluate,
            sets: Mapping[str, int | None] | None = None) -> dict[str, dict[str, Any]]:
    """Run every gate set present under `dev_dir`; returns {set: {fingerprint, sample, metrics}}."""
    out: dict[str, dict[str, Any]] = {}
    for name, sample in (sets or GATE_SETS).items():
        path = dev_dir / name
        if not path.exists():
            continue
        result = evaluate(path, sample)
        out[name] = {"fingerprint": fingerprint(path), "sample": sample, "metrics": dict(result.metrics)}
    return out


def check(floors: Mapping[str, Any], measured: Mapping[str, Mapping[str, Any]]) -> list[Failure | str]:
    """Failures of `measured` against pinned `floors` (missing or re-fingerprinted sets are failures too)."""
    problems: list[Failure | str] = []
    for name, pinned in floors.get("sets", {}).items():
        got = measured.get(name)
        if got is None:
            continue  # the set is not available here
        if got["fingerprint"] != pinned["fingerprint"]:
            problems.append(f"{name}: the gold file changed (fingerprint); re-pin with 'eventwire gate --pin'")
            continue
        for metric, bound in pinned["floors"].items():
            value = got["metrics"].get(metric)
            if value is None:
                problems.append(Failure(name, metric, None, bound))
            elif _violates(metric, float(value), float(bound)):
                problems.append(Failure(name, metric, value, bound))
    return problems


def _violates(metric: str, value: float, bound: float) -> bool:
    if metric in LOWER_IS_BETTER:
        return value > bound + 1e-9
    return value < bound - 1e-9


def pin(floors: Mapping[str, Any], measured: Mapping[str, Mapping[str, Any]], *, allow_lower: bool = False
        ) -> tuple[dict[str, Any], list[str]]:
    """New floors from `measured`. Without `allow_lower` a floor never goes down (a ceiling never up); the
    refusals are returned as messages and the old bound is kept."""
    sets: dict[str, Any] = {k: dict(v) for k, v in floors.get("sets", {}).items()}
    refused: list[str] = []
    for name, got in measured.items():
        old = sets.get(name)
        same_gold = old is not None and old.get("fingerprint") == got["fingerprint"]
        new_floors: dict[str, float] = {}
        for metric, value in got["metrics"].items():
            if metric in NOT_GATED or not isinstance(value, (int, float)):
                continue
            bound = _bound(metric, float(value))
            previous = old["floors"].get(metric) if same_gold and old else None
            if previous is not None and not allow_lower:
                worse = bound > previous if metric in LOWER_IS_BETTER else bound < previous
                if worse:
                    refused.append(f"{name}: {metric} would move from {previous} to {bound}; kept {previous}")
                    bound = previous
            if bound <= 0.0 and metric not in LOWER_IS_BETTER:
                continue  # a floor of 0 cannot fail: no floor (the metric is reported, not gated)
            new_floors[metric] = bound
        sets[name] = {"fingerprint": got["fingerprint"], "sample": got["sample"], "floors": new_floors}
    return {"sets": dict(sorted(sets.items()))}, refused


def load_floors(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"sets": {}}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def save_floors(path: Path, floors: Mapping[str, Any]) -> None:
    path.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
