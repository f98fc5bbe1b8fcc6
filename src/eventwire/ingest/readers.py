"""Readers: files and directories of articles in, `Article` records (or located errors) out.

Supported inputs:
- the seed format: an optional leading space, ``date YYYY-MM-DD``, then the text on the same line (``.txt``);
- plain text (``.txt`` without that header) with a publication date given by the caller;
- JSONL and CSV with a ``text`` and ``published`` field and optional ``id``, ``url``, ``title``, ``source``;
- directories of such files (read recursively, in sorted order).

Readers never raise on a bad record: they yield a `ReadError` naming the file, the line and the problem,
and go on with the next record.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventwire.model import Article

SEED_HEADER = re.compile(r"^\s?date (\d{4}-\d{2}-\d{2})[ \t]+")
SUPPORTED_SUFFIXES = (".txt", ".jsonl", ".ndjson", ".csv")
MAX_TEXT_CHARS = 2_000_000


@dataclass(frozen=True, slots=True)
class ReadError:
    """A record that could not be read: where it is and what is wrong with it."""

    path: str
    line: int | None
    problem: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.problem}"


def header_length(text: str) -> int:
    """Length of a leading seed-format header (`` date YYYY-MM-DD ``), 0 when there is none."""
    match = SEED_HEADER.match(text)
    return match.end() if match else 0


def content_id(text: str) -> str:
    """A stable id for an article without one: a hash of its normalized text."""
    normalized = " ".join(text.split())
    return "sha1-" + hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


def parse_date(value: Any) -> dt.date:
    """Parse an ISO date (``YYYY-MM-DD``, optionally with a time part). Raises ValueError."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"published date missing or not a string: {value!r}")
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise ValueError(f"published date {value!r} is not an ISO date (YYYY-MM-DD)") from None


def make_article(
    record: dict[str, Any], *, origin: str, default_published: dt.date | None = None
) -> Article:
    """Build an Article from a mapping with ``text`` and ``published``. Raises ValueError on bad input."""
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("field 'text' is missing or not a string")
    if not text.strip():
        raise ValueError("field 'text' is empty")
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"text has {len(text):,} characters, more than the limit of {MAX_TEXT_CHARS:,}")
    published_raw = record.get("published")
    if published_raw in (None, "") and default_published is not None:
        published: dt.date | None = default_published
    else:
        published = parse_date(published_raw)
    raw_id = record.get("id")
    article_id = str(raw_id).strip() if raw_id not in (None, "") else content_id(text)

    def optional_str(key: str) -> str | None:
        value = record.get(key)
        return str(value) if value not in (None, "") else None

    return Article(
        id=article_id,
        text=text,
        published=published,
        url=optional_str("url"),
        title=optional_str("title"),
        source=optional_str("source"),
        origin=origin,
    )


def read_text_file(path: Path, published: dt.date | None) -> Iterator[Article | ReadError]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield ReadError(str(path), None, f"cannot read file: {exc.strerror}")
        return
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield ReadError(str(path), None, f"not valid UTF-8 (byte {exc.start}); re-encode the file as UTF-8")
        return
    if "\x00" in text:
        yield ReadError(str(path), None, "binary file (contains NUL bytes), not text")
        return
    header = SEED_HEADER.match(text)
    record: dict[str, Any] = {"text": text}
    if header:
        # Keep the header in the text so evidence offsets match the file as given.
        record["published"] = header.group(1)
    elif published is None:
        yield ReadError(
            str(path), 1, "no publication date: start the file with 'date YYYY-MM-DD' or pass --published"
        )
        return
    try:
        yield make_article(record, origin=str(path), default_published=published)
    except ValueError as exc:
        yield ReadError(str(path), 1, str(exc))


def read_jsonl_file(path: Path, published: dt.date | None) -> Iterator[Article | ReadError]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield ReadError(str(path), None, f"cannot read file: {exc.strerror}")
        return
    with handle:
        for number, raw_line in enumerate(handle, start=1):
            if not raw_line.strip():
                continue
            try:
                line = raw_line.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield ReadError(str(path), number, f"not valid UTF-8 (byte {exc.start} of the line)")
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield ReadError(str(path), number, f"invalid JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(record, dict):
                yield ReadError(str(path), number, f"expected a JSON object, got {type(record).__name__}")
                continue
            try:
                yield make_article(record, origin=f"{path}:{number}", default_published=published)
            except ValueError as exc:
                yield ReadError(str(path), number, str(exc))


def read_csv_file(path: Path, published: dt.date | None) -> Iterator[Article | ReadError]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        yield ReadError(str(path), None, f"cannot read file: {exc.strerror}")
        return
    with handle:
        try:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "text" not in reader.fieldnames:
                yield ReadError(str(path), 1, "CSV header must have a 'text' column (and 'published')")
                return
            for record in reader:
                number = reader.line_num
                if None in record:
                    yield ReadError(str(path), number, "more fields than the header has columns")
                    continue
                try:
                    yield make_article(dict(record), origin=f"{path}:{number}", default_published=published)
                except ValueError as exc:
                    yield ReadError(str(path), number, str(exc))
        except UnicodeDecodeError as exc:
            yield ReadError(str(path), None, f"not valid UTF-8 (byte {exc.start}); stopped reading here")
        except csv.Error as exc:
            yield ReadError(str(path), None, f"malformed CSV: {exc}")


def iter_files(paths: list[Path]) -> Iterator[Path | ReadError]:
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield child
        elif path.is_file():
            yield path
        else:
            yield ReadError(str(path), None, "no such file or directory")


def read_articles(
    paths: list[Path] | list[str], published: dt.date | None = None
) -> Iterator[Article | ReadError]:
    """Stream articles (and located errors) from files and directories, in a deterministic order."""
    for item in iter_files([Path(p) for p in paths]):
        if isinstance(item, ReadError):
            yield item
            continue
        suffix = item.suffix.lower()
        if suffix in (".jsonl", ".ndjson"):
            yield from read_jsonl_file(item, published)
        elif suffix == ".csv":
            yield from read_csv_file(item, published)
        else:
            yield from read_text_file(item, published)


def count_records(paths: list[Path] | list[str]) -> int:
    """How many records `read_articles` will give (bad ones included), counted without parsing them: a line per
    JSONL record, a row per CSV record, one per text file. For a progress bar's total; streams every file."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    total = 0
    for item in iter_files([Path(p) for p in paths]):
        if isinstance(item, ReadError):
            total += 1
            continue
        suffix = item.suffix.lower()
        try:
            if suffix in (".jsonl", ".ndjson"):
                with item.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif suffix == ".csv":
                with item.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
                    total += max(0, sum(1 for row in csv.reader(handle) if row) - 1)
            else:
                total += 1
        except (OSError, csv.Error):
            total += 1
    return total
