"""Time per character of hostile texts, from 1 KB to 200 KB (issue 20): every stage must stay linear.

    python benchmarks/bench_hostile.py [--shapes "run-on clauses,numbers"] [--max-kb 200]

For each shape of tests/pipeline/test_hostile_text.py (a run-on sentence of clauses, a list of numbers, of names,
of dates, quotes, nested parentheses), texts of about 1, 4, 16, 64 and 200 KB are parsed and extracted in this
process; the report gives seconds, microseconds per character (parse and stages apart) and, per shape, the ratio of
the largest text's time per character to the smallest's (flat: about 1; quadratic: about 200). One JSON object on
stdout, progress on stderr.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "pipeline"))
from test_hostile_text import SHAPES, hostile_text  # the shapes the tests use

from eventwire.model import Article
from eventwire.services import get_extractor

SIZES_KB = (1, 4, 16, 64, 200)


def units_for(shape: str, kb: float) -> int:
    """How many units of `shape` make a text of about `kb` kilobytes."""
    per_unit = len(hostile_text(shape, 100, 0)) / 100
    return max(1, int(kb * 1000 / per_unit))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes (default: all)")
    parser.add_argument("--max-kb", type=float, default=200.0)
    args = parser.parse_args()
    extractor = get_extractor()
    extractor.extract(Article(id="warm", text="Gunmen killed two farmers in Gusau on Monday.",
                              published=dt.date(2024, 3, 1)))
    report: dict[str, Any] = {}
    for shape in [s.strip() for s in args.shapes.split(",") if s.strip()]:
        rows = []
        for kb in [k for k in SIZES_KB if k <= args.max_kb]:
            text = hostile_text(shape, units_for(shape, kb), 0)[:199_000]
            article = Article(id=f"{shape}-{kb}", text=text, published=dt.date(2024, 3, 1))
            t0 = time.perf_counter()
            doc = extractor.nlp(text)
            t1 = time.perf_counter()
            events = extractor.extract_doc(article, doc)
            t2 = time.perf_counter()
            rows.append({"chars": len(text), "parse_s": round(t1 - t0, 3), "stages_s": round(t2 - t1, 3),
                         "us_per_char": round((t2 - t0) / len(text) * 1e6, 2),
                         "stages_us_per_char": round((t2 - t1) / len(text) * 1e6, 2), "events": len(events)})
            print(f"{shape}: {len(text):>7} chars {t2 - t0:7.2f} s", file=sys.stderr, flush=True)
        report[shape] = {"runs": rows, "largest_to_smallest_per_char": round(
            rows[-1]["us_per_char"] / max(1e-9, rows[0]["us_per_char"]), 2)}
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
