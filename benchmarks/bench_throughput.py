"""Throughput: articles per second end to end, against the spaCy model alone on the same texts.

    python benchmarks/bench_throughput.py [--gold ../shared/eval/dev/news/news.jsonl] [--repeat 3]

Both figures are measured in the same run, on the same texts, after a warm-up, so the ratio is what counts
(target for issue 2: end-to-end / spaCy-only >= 0.6). Reports JSON on stdout.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from eventwire.evaluation.gold import load_gold
from eventwire.model import Article
from eventwire.services import get_extractor


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--gold", type=Path, default=Path("../shared/eval/dev/news/news.jsonl"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    docs = load_gold(args.gold)
    articles = [Article(id=d.id, text=d.text, published=d.published) for d in docs]
    extractor = get_extractor()
    nlp = extractor.nlp
    texts = [a.text for a in articles]
    list(extractor.extract_many(articles[:5]))  # warm-up: model, gazetteer, caches

    spacy_times, full_times = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=16):
            pass
        spacy_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        events = sum(len(ev) for _a, ev in extractor.extract_many(articles, batch_size=16))
        full_times.append(time.perf_counter() - start)
    spacy_best, full_best = min(spacy_times), min(full_times)
    print(json.dumps({
        "articles": len(articles),
        "events": events,
        "spacy_only_articles_per_s": round(len(articles) / spacy_best, 2),
        "end_to_end_articles_per_s": round(len(articles) / full_best, 2),
        "ratio_end_to_end_to_spacy": round(spacy_best / full_best, 3),
        "repeat": args.repeat,
    }))


if __name__ == "__main__":
    main()
