"""Whole-process cost of `eventwire extract` against the spaCy model alone, start-up apart (issue 19, item 8).

    python benchmarks/bench_startup.py [-n 200] [--repeats 5] [--sets news,news_world] [--dev ../shared/eval/dev]

Each measurement is a fresh process, as a user's command is:
1. start-up: `eventwire extract` on one article against a process that loads the spaCy model and parses the same
   text; `eventwire --help` (what every command pays before its work) against a bare `python -c pass`;
2. whole run: `eventwire extract --json` on `-n` news articles (benchmarks/corpus.py) against a process that loads
   the model and parses the same texts with `nlp.pipe` (batch size 32), the throughput ratio of the two (target
   >= 0.7).
The commands run in alternating order, `--repeats` times each; medians are reported. Prints one JSON object on
stdout, progress on stderr. Only ratios measured within one run count: absolute times depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from corpus import DEFAULT_DEV, write_corpus

from eventwire.pipeline.nlp import MODEL_NAME

TARGETS = {"whole_run_extract_to_spacy": 0.7}

SPACY_ALONE = (
    "import json, sys, spacy\n"
    "nlp = spacy.load(sys.argv[1])\n"
    "texts = [json.loads(line)['text'] for line in open(sys.argv[2], encoding='utf-8')]\n"
    "for _doc in nlp.pipe(texts, batch_size=32):\n"
    "    pass\n"
)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# The commands run as an installed package does: with its modules' bytecode cached (pip compiles it at install
# time; a source checkout writes it on the first, untimed run), whatever this shell says.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def seconds(cmd: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=CHILD_ENV)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:4])} ... failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
    return elapsed


def timed_pairs(commands: dict[str, list[str]], repeats: int) -> dict[str, float]:
    """Median seconds of each command, run `repeats` times in rotating order (load from elsewhere hits all)."""
    names = list(commands)
    runs: dict[str, list[float]] = {name: [] for name in names}
    for r in range(repeats):
        for name in names[r % len(names):] + names[: r % len(names)]:
            runs[name].append(seconds(commands[name]))
    return {name: round(statistics.median(times), 3) for name, times in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", type=int, default=200, help="articles in the whole run (default 200)")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument("--sets", default="news,news_world", help="development sets to draw the articles from")
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV)
    args = parser.parse_args()
    eventwire = [sys.executable, "-m", "eventwire.cli"]
    sets = tuple(s.strip() for s in args.sets.split(",") if s.strip())
    result: dict[str, Any] = {"articles": args.n, "repeats": args.repeats, "sets": list(sets), "targets": TARGETS}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = write_corpus(args.dev, args.n, tmp / "corpus.jsonl", sets=sets)
        one = tmp / "one.jsonl"
        one.write_text(corpus.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
        spacy_script = tmp / "spacy_alone.py"
        spacy_script.write_text(SPACY_ALONE, encoding="utf-8")
        seconds([*eventwire, "extract", str(one), "--json"])  # untimed: the gazetteer index, the page cache

        log(f"start-up: {args.repeats} runs of each command on one article ...")
        startup = timed_pairs({
            "python": [sys.executable, "-c", "pass"],
            "eventwire_help": [*eventwire, "--help"],
            "spacy_one_article": [sys.executable, str(spacy_script), MODEL_NAME, str(one)],
            "extract_one_article": [*eventwire, "extract", str(one), "--json"],
        }, args.repeats)
        startup["extract_minus_spacy"] = round(startup["extract_one_article"] - startup["spacy_one_article"], 3)
        result["startup_seconds"] = startup

        log(f"whole run: {args.repeats} runs of each command on {args.n} articles ...")
        whole = timed_pairs({
            "spacy": [sys.executable, str(spacy_script), MODEL_NAME, str(corpus)],
            "extract": [*eventwire, "extract", str(corpus), "--json"],
        }, args.repeats)
        result["whole_run_seconds"] = whole
        result["whole_run_extract_to_spacy"] = round(whole["spacy"] / whole["extract"], 3)
        # the same without either process's fixed start-up: what a long run tends to
        spacy_work = whole["spacy"] - startup["spacy_one_article"]
        extract_work = whole["extract"] - startup["extract_one_article"]
        result["work_extract_to_spacy"] = round(spacy_work / max(1e-9, extract_work), 3)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
