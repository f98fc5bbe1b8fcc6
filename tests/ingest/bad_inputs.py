"""A corpus of broken inputs, written on demand into a folder: each case is a file and what reading it must give.

`expected` lists, per record in reading order, either an error fragment ("!line:problem fragment") or an
article marker ("ok"). Texts are written here, not stored in the repository, so the 50 MB cases cost nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GOOD = "Gunmen killed two farmers in the village of Dogon Daji on Sunday, police said."
BIG = 50 * 1024 * 1024


def _jsonl(*records: object) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def _good(n: int, day: str = "2023-03-06") -> dict[str, str]:
    return {"id": f"good-{n}", "published": day, "text": f"{GOOD} Report {n}."}


@dataclass(frozen=True)
class BadInput:
    name: str  # the file name, whose suffix picks the reader
    write: Callable[[Path], None]
    expected: tuple[str, ...]  # per record: "ok" or "!LINE:fragment" (LINE "-" for a whole-file error)


def _bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def _huge_jsonl(path: Path) -> None:
    with path.open("wb") as out:
        out.write(b'{"id": "huge", "published": "2023-03-06", "text": "')
        chunk = b"The convoy was ambushed near Gao. " * 30_000
        written = 0
        while written < BIG:
            out.write(chunk)
            written += len(chunk)
        out.write(b'"}\n')
        out.write(_jsonl(_good(20)))


def _huge_text(path: Path) -> None:
    with path.open("wb") as out:
        out.write(b"date 2023-03-06 ")
        out.write(b"word " * (BIG // 5))


def _run_on_sentence() -> str:
    clauses = [f"fighters attacked post {i} near Kidal" for i in range(2_000)]
    return "date 2023-03-06 " + GOOD + " Then " + " and ".join(clauses) + "."


def _many_numbers() -> str:
    numbers = " ".join(str(n) for n in range(10_000))
    return f"date 2023-03-06 Militants killed {numbers} people near Kabul on Monday."


CASES: tuple[BadInput, ...] = (
    BadInput("truncated.jsonl", _bytes(_jsonl(_good(1), _good(2)) + b'{"id": "cut", "published": "2023-0'),
             ("ok", "ok", "!3:invalid JSON")),
    BadInput("invalid_utf8.txt", _bytes(b"date 2023-03-06 Caf\xe9 bombing in Kabul \xff\xfe"),
             ("!1:not valid UTF-8",)),
    BadInput("mixed_encodings.jsonl",
             _bytes(_jsonl(_good(3)) + '{"published": "2023-03-06", "text": "Caf\u00e9"}\n'.encode("latin-1")
                    + _jsonl(_good(4))),
             ("ok", "!2:not valid UTF-8", "ok")),
    BadInput("binary.txt", _bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
             ("!-:binary file",)),
    BadInput("huge_line.jsonl", _huge_jsonl, ("!1:line longer than", "ok")),
    BadInput("huge_file.txt", _huge_text, ("!-:more than an article can have",)),
    BadInput("empty.txt", _bytes(b""), ("!-:empty file",)),
    BadInput("blank_texts.jsonl", _bytes(_jsonl({"published": "2023-03-06", "text": ""},
                                                {"published": "2023-03-06", "text": " \n\t "},
                                                {"published": "2023-03-06"})),
             ("!1:field 'text' is empty", "!2:field 'text' is empty", "!3:'text' is missing")),
    BadInput("bad_dates.jsonl", _bytes(_jsonl({"text": GOOD},
                                              {"text": GOOD, "published": "2023-02-30"},
                                              {"text": GOOD, "published": "2999-01-01"},
                                              {"text": GOOD, "published": "last Tuesday"},
                                              {"text": GOOD, "published": 20230306})),
             ("!1:published date missing", "!2:not a valid date", "!3:in the future", "!4:not an ISO date",
              "!5:not a string")),
    BadInput("not_objects.jsonl", _bytes(b'[1, 2, 3]\n"just a string"\nnull\n'),
             ("!1:expected a JSON object", "!2:expected a JSON object", "!3:expected a JSON object")),
    BadInput("html_soup.jsonl", _bytes(_jsonl({
        "id": "html", "published": "2023-03-06",
        "text": "<html><head><title>x</title><script>var killed = 99;</script><style>p{}</style></head><body>"
                "<div class='nav'><a href='/'>Home</a></div><p>Rockets struck <b>Erbil</b> airport on Sunday, "
                "wounding two contractors.</p><p>No group claimed the attack.</p></body></html>"})),
             ("ok",)),
    BadInput("right_to_left.txt", _bytes(
        "date 2023-03-06 قتل خمسة أشخاص في هجوم صاروخي على قاعدة عين الأسد يوم الأحد. \u202eمرحبا\u202c".encode()),
             ("ok",)),
    BadInput("run_on_sentence.txt", _bytes(_run_on_sentence().encode()), ("ok",)),
    BadInput("many_numbers.txt", _bytes(_many_numbers().encode()), ("ok",)),
    BadInput("control_chars.jsonl", _bytes(_jsonl({"id": "ctl\u0000id", "published": "2023-03-06",
                                                   "text": GOOD + " \u0000\u0007 \ud800 end."})),
             ("ok",)),
    BadInput("malformed.csv", _bytes(
        b"id,published,text\n"
        b"c1,2023-03-06,\"" + GOOD.encode() + b"\"\n"
        b"c2,2023-03-06,too,many,fields\n"
        b"c3,2023-03-06,\"" + b"x" * (4 * 200_000 + 70_000) + b"\"\n"
        b"c4,2023-03-06,\"Clashes erupted in Bamako on Sunday.\"\n"),
             ("ok", "!3:more fields than the header", "!4:malformed CSV record: field larger", "ok")),
    BadInput("long_id.jsonl", _bytes(_jsonl({"id": "x" * 5000, "published": "2023-03-06", "text": GOOD})),
             ("!1:id has 5,000 characters",)),
    BadInput("duplicates.jsonl", _bytes(_jsonl(_good(5), _good(5))), ("ok", "ok")),
)


def write_corpus(folder: Path) -> dict[str, BadInput]:
    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        case.write(folder / case.name)
    return {case.name: case for case in CASES}
