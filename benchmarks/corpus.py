"""A benchmark corpus: the development texts resampled to N articles, written as one JSONL file.

    python benchmarks/corpus.py -n 20000 -o /tmp/corpus.jsonl [--dev ../shared/eval/dev]

Every article gets its own id, and copies beyond the first get a short distinct last line, so that the store's
duplicate-text rule does not skip them (each one is really extracted). Texts without a publication date get
2021-01-01. The texts stay outside the repository: the file is built at run time from ../shared.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

DEFAULT_DEV = Path("../shared/eval/dev")
DEFAULT_PUBLISHED = "2021-01-01"


def dev_documents(dev: Path, sets: tuple[str, ...] = ()) -> list[dict[str, str]]:
    """Every development document with a text (of the named sets only, if any), in a fixed order (file name,
    then line)."""
    docs: list[dict[str, str]] = []
    for path in sorted(dev.glob("*/*.jsonl")):
        if sets and path.parent.name not in sets:
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                text = record.get("text")
                if isinstance(text, str) and text.strip():
                    docs.append({"text": text, "published": record.get("published") or DEFAULT_PUBLISHED})
    return docs


def resample(docs: list[dict[str, str]], n: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """`n` articles drawn from `docs`: a shuffled pass over all of them, then another, ..."""
    if not docs:
        raise ValueError("no development documents to resample")
    rng = random.Random(seed)
    order = list(range(len(docs)))
    for i in range(n):
        if i % len(docs) == 0:
            rng.shuffle(order)
        copy = i // len(docs)
        doc = docs[order[i % len(docs)]]
        text = doc["text"] if copy == 0 else f"{doc['text']}\n\nCopy {copy}."
        yield {"id": f"bench-{i:06d}", "published": doc["published"], "text": text}


def write_corpus(dev: Path, n: int, out: Path, seed: int = 7, sets: tuple[str, ...] = ()) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for record in resample(dev_documents(dev, sets), n, seed):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=20_000, help="articles (default 20,000)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(write_corpus(args.dev, args.n, args.output, args.seed))


if __name__ == "__main__":
    main()
