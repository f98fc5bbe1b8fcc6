"""The dedup development set (../shared/eval/dev/dedup): ingest every article, in several orders, and score
pairwise precision/recall/F1 of "some stored event lists both articles as sources" against the gold incidents."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
from pathlib import Path

import pytest

from devdata import DEV
from eventwire.model import Article
from eventwire.store.sqlite import SQLiteStore

DEDUP = DEV / "dedup"
# Measured 1.0 (P 1.0, R 1.0; 31 same-incident pairs, none put together wrongly), in all four orders. Before
# background mentions were told apart it was 0.873 (P 0.775, R 1.0): three articles about one incident that
# also recall an earlier look-alike ("a week after a suicide attack ... in Kunduz", "last week's repression",
# a Jan. 17 attack recalled a week later) were made sources of the earlier event (9 false pairs).
F1_FLOOR = 0.99

pytestmark = pytest.mark.skipif(not (DEDUP / "articles.jsonl").is_file(), reason="dedup dev set not available")


def pairwise(events: list[dict], gold: dict[str, str]) -> dict[str, float]:
    put = {p for e in events for p in itertools.combinations(sorted(set(e["article_ids"]) & set(gold)), 2)}
    same = {(x, y) for x, y in itertools.combinations(sorted(gold), 2) if gold[x] == gold[y]}
    tp = len(put & same)
    precision = tp / len(put) if put else 0.0
    recall = tp / len(same) if same else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def test_dedup_dev_pairwise(extractor, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    articles = []
    for line in (DEDUP / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        articles.append(Article(id=d["id"], text=d["text"], published=dt.date.fromisoformat(d["published"]),
                                url=d.get("url"), title=d.get("title")))
    gold = {}
    for line in (DEDUP / "clusters.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        for article_id in d["articles"]:
            gold[article_id] = d["cluster"]
    extracted = list(extractor.extract_many(articles))
    orders = [extracted, extracted[::-1]]
    for seed in (1, 2):
        shuffled = extracted[:]
        random.Random(seed).shuffle(shuffled)
        orders.append(shuffled)
    results = []
    for n, order in enumerate(orders):
        with SQLiteStore(tmp_path / f"d{n}.db") as store:
            for art, events in order:
                store.save_article(art, events)
            results.append(list(store.events()))
    assert all(r == results[0] for r in results[1:]), "the result depends on the ingest order"
    metrics = pairwise(results[0], gold)
    print(f"\ndedup dev pairwise: {metrics}")
    assert metrics["f1"] >= F1_FLOOR, metrics
