"""The golden contract: what the pipeline outputs on every development article, pinned so that a change meant
to keep behaviour (a refactoring, a rule moved into data) can be shown to keep it.

The snapshot holds, per development file and document, the JSON contract of the events it extracts (or the
place mentions, for place-name gold) in a textless form: evidence text and reasons are replaced by a short
hash, documents are keyed by a hash of their id, so no sentence of the evaluation texts enters the repository.
The trace keys (`stage`, `rules`) are left out: they explain a value, they are not one.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from eventwire.evaluation.gold import GoldDoc, load_gold
from eventwire.evaluation.runner import fingerprint

# Development files whose articles the snapshot covers (every article of each, no sampling).
GOLDEN_FILES: tuple[str, ...] = (
    "seed/seed.jsonl", "news/news.jsonl", "news_world/news_world.jsonl", "acled_notes/acled_notes.jsonl",
    "case2021/case2021.jsonl", "muc4/muc4.jsonl", "isaf/isaf.jsonl", "india_police/india_police.jsonl",
    "wikievents/wikievents.jsonl", "dedup/articles.jsonl", "geowebnews/geowebnews.jsonl",
)
PLACE_FILES = frozenset({"geowebnews/geowebnews.jsonl"})

System = Callable[[GoldDoc], Sequence[Mapping[str, Any]]]


def _short_hash(*parts: object) -> str:
    return hashlib.sha1("\x00".join(str(p) for p in parts).encode()).hexdigest()[:10]


def textless_event(event: Mapping[str, Any]) -> dict[str, Any]:
    """An event of the JSON contract without the article's words: evidence keeps its offsets and confidence,
    its text and reason become one hash; trace keys are dropped."""
    out = {k: v for k, v in event.items() if k != "evidence"}
    evidence: dict[str, Any] = {}
    for name, ev in sorted((event.get("evidence") or {}).items()):
        evidence[name] = [ev["start"], ev["end"], ev["confidence"], _short_hash(ev["text"], ev["reason"])]
    out["evidence"] = evidence
    return out


def textless_place(place: Mapping[str, Any]) -> list[Any]:
    return [place["start"], place["end"], place["latitude"], place["longitude"], place["country_code"]]


def snapshot_file(path: Path, system: System, *, places: bool = False,
                  progress: Callable[[Iterable[GoldDoc]], Iterable[GoldDoc]] | None = None) -> dict[str, Any]:
    """{"fingerprint": ..., "docs": {doc key: [textless events or places]}} for one gold file."""
    docs = load_gold(path)
    out: dict[str, Any] = {}
    for doc in (progress(docs) if progress else docs):
        key = _short_hash(doc.id)
        if key in out:
            raise ValueError(f"{path}: two documents hash to one key ({doc.id})")
        predicted = system(doc)
        out[key] = [textless_place(p) for p in predicted] if places else [textless_event(e) for e in predicted]
    return {"fingerprint": fingerprint(path), "docs": out}


def snapshot(dev_dir: Path, events: System, places: System, files: Iterable[str] = GOLDEN_FILES,
             progress: Callable[[Iterable[GoldDoc]], Iterable[GoldDoc]] | None = None) -> dict[str, Any]:
    """The snapshot of every golden file present under `dev_dir`."""
    out: dict[str, Any] = {}
    for name in files:
        path = dev_dir / name
        if path.exists():
            is_places = name in PLACE_FILES
            out[name] = snapshot_file(path, places if is_places else events, places=is_places, progress=progress)
    return out


def differences(pinned: Mapping[str, Any], current: Mapping[str, Any], limit: int = 20) -> list[str]:
    """What changed between two snapshots, one line per document (at most `limit` lines per file)."""
    lines: list[str] = []
    for name, now in current.items():
        then = pinned.get(name)
        if then is None:
            lines.append(f"{name}: not in the pinned snapshot")
            continue
        if then["fingerprint"] != now["fingerprint"]:
            lines.append(f"{name}: the gold file changed (fingerprint); re-pin the snapshot")
            continue
        changed = [key for key in sorted(set(then["docs"]) | set(now["docs"]))
                   if then["docs"].get(key) != now["docs"].get(key)]
        for key in changed[:limit]:
            lines.append(f"{name}: document {key}: {_describe(then['docs'].get(key), now['docs'].get(key))}")
        if len(changed) > limit:
            lines.append(f"{name}: ... and {len(changed) - limit} more documents")
    return lines


def _describe(before: list[Any] | None, after: list[Any] | None) -> str:
    if before is None or after is None:
        return "missing on one side"
    if len(before) != len(after):
        return f"{len(before)} -> {len(after)} items"
    for i, (a, b) in enumerate(zip(before, after, strict=True)):
        if a != b:
            if isinstance(a, dict) and isinstance(b, dict):
                keys = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
                return f"item {i}: " + ", ".join(f"{k} {a.get(k)!r} -> {b.get(k)!r}" for k in keys[:4])
            return f"item {i}: {a!r} -> {b!r}"
    return "reordered"


def save(path: Path, data: Mapping[str, Any]) -> None:
    payload = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    # mtime=0: the same snapshot gives the same bytes
    path.write_bytes(gzip.compress(payload, mtime=0))


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(gzip.decompress(path.read_bytes()))
    return data
