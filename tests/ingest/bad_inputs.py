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
    # (issue 20) byte-order marks, UTF-16, nesting and numbers past the decoder, odd ids, impossible times
    BadInput("bom.jsonl", _bytes(b"\xef\xbb\xbf" + _jsonl(_good(6), _good(7))), ("ok", "ok")),
    BadInput("utf16.jsonl", _bytes(_jsonl(_good(8), _good(9)).decode().encode("utf-16")), ("ok", "ok")),
    BadInput("utf16.csv", _bytes(f'id,published,text\nu1,2023-03-06,"{GOOD} Report 17."\n'.encode("utf-16")),
             ("ok",)),
    BadInput("deep_nesting.jsonl", _bytes(_jsonl(_good(10)) + b"[" * 100_000 + b"]" * 100_000 + b"\n"
                                          + _jsonl(_good(11))), ("ok", "!2:nested too deeply", "ok")),
    BadInput("huge_integer.jsonl", _bytes(_jsonl(_good(12)) + b'{"id": 1' + b"0" * 5000 + b', "text": "x"}\n'
                                          + _jsonl(_good(13))), ("ok", "!2:more than 4,300 digits", "ok")),
    BadInput("latin1_row.csv", _bytes(
        b"id,published,text\n"
        b"l1,2023-03-06,\"" + GOOD.encode() + b" Report 18.\"\n"
        b"l2,2023-03-06,\"Caf\xe9 attack in Gao on Monday killed three.\"\n"
        b"l3,2023-03-06,\"Clashes erupted in Mopti on Monday.\"\n"),
             ("ok", "!3:not valid UTF-8 (byte 0xe9 in field 'text')", "ok")),
    BadInput("empty.jsonl", _bytes(b""), ("!-:empty file",)),
    BadInput("blank_lines.jsonl", _bytes(b"\n\n   \n"), ("!-:empty file",)),
    BadInput("empty.csv", _bytes(b""), ("!-:empty file",)),
    BadInput("odd_ids.jsonl", _bytes(_jsonl({"id": {"a": 1}, "published": "2023-03-06", "text": GOOD},
                                            {"id": True, "published": "2023-03-06", "text": GOOD},
                                            {"id": 1.5, "published": "2023-03-06", "text": GOOD},
                                            {"id": 7, "published": "2023-03-06", "text": f"{GOOD} Report 14."})),
             ("!1:field 'id' must be a string or a whole number", "!2:not bool", "!3:not float", "ok")),
    BadInput("impossible_time.jsonl", _bytes(_jsonl(
        {"published": "2021-07-05T25:61:00", "text": GOOD},
        {"published": "2021-07-05T10:30:00Z", "text": f"{GOOD} Report 15."})),
             ("!1:not a valid date", "ok")),
    BadInput("utf16.txt", _bytes(f"date 2023-03-06 {GOOD} Report 19.".encode("utf-16")), ("ok",)),
    BadInput("header_own_line.txt", _bytes(f" date 2023-03-06\n{GOOD} Report 16.\n".encode()), ("ok",)),
)


def write_corpus(folder: Path) -> dict[str, BadInput]:
    folder.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        case.write(folder / case.name)
    return {case.name: case for case in CASES}
