"""Readers: files and directories of articles in, `Article` records (or located errors) out.

Supported inputs:
- the seed format: an optional leading space, ``date YYYY-MM-DD``, then the text on the same line (``.txt``);
- plain text (``.txt`` without that header) with a publication date given by the caller;
- JSONL and CSV with a ``text`` and ``published`` field and optional ``id``, ``url``, ``title``, ``source``;
- directories of such files (read recursively, in sorted order).

Readers never raise on a bad record: they yield a `ReadError` naming the file, the line and the problem,
and go on with the next record. Text is made safe to store and parse: control characters and unpaired
surrogates become spaces or U+FFFD one for one (evidence offsets stay those of the input), HTML given where
text was promised is reduced to its text, and oversized texts, lines and files are refused before they are
read whole.
"""

from __future__ import annotations

import codecs
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

from eventwire.model import SEED_HEADER, Article

SUPPORTED_SUFFIXES = (".txt", ".jsonl", ".ndjson", ".csv")

# The parser needs memory in proportion to the text (about 4 MB per 1,000 characters with the small English
# model); 200,000 characters is several times the longest news report and keeps one worker well under 1 GB.
MAX_TEXT_CHARS = 200_000
MAX_LINE_BYTES = 4 * MAX_TEXT_CHARS + 65_536  # a JSONL record: the text in UTF-8 plus its other fields
MAX_ID_CHARS = 512
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # a UTF-16 file is told by its byte-order mark
# A publication date more than a day ahead of the clock is a typo or a broken feed, not news.
FUTURE_TOLERANCE = dt.timedelta(days=1)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_HTML_START = re.compile(r"\A\s*(?:<!doctype html|<html\b|<head\b|<body\b|<\?xml)", re.I)
_HTML_TAG = re.compile(r"</?(?:p|div|span|a|b|i|br|table|tr|td|li|ul|h[1-6]|script|style|meta|img)\b[^>]*>", re.I)


@dataclass(frozen=True, slots=True)
class ReadError:
    """A record that could not be read: where it is and what is wrong with it."""

    path: str
    line: int | None
    problem: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.problem}"


def content_id(text: str) -> str:
    """A stable id for an article without one: a hash of its normalized text."""
    normalized = " ".join(text.split())
    return "sha1-" + hashlib.sha1(normalized.encode("utf-8")).hexdigest()[:16]


def parse_date(value: Any, *, today: dt.date | None = None) -> dt.date:
    """Parse an ISO date (``YYYY-MM-DD``, optionally with a time part). Raises ValueError for a missing,
    malformed, impossible (2021-02-30) or future date."""
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    elif not isinstance(value, str) or not value.strip():
        raise ValueError(f"published date missing or not a string: {_short(value)}")
    else:
        text = value.strip()
        if not re.match(r"\d{4}-\d{2}-\d{2}(?:$|[T ])", text):
            raise ValueError(f"published date {_short(value)} is not an ISO date (YYYY-MM-DD)")
        try:
            date = dt.date.fromisoformat(text[:10])
            if len(text) > 10:
                dt.datetime.fromisoformat(text.replace("Z", "+00:00"))  # the time, if any, must be one too
        except ValueError as exc:
            raise ValueError(f"published date {_short(value)} is not a valid date ({exc})") from None
    limit = (today or dt.date.today()) + FUTURE_TOLERANCE
    if date > limit:
        raise ValueError(f"published date {date.isoformat()} is in the future")
    return date


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def looks_like_html(text: str) -> bool:
    """A document rather than text: starts like an HTML page, or is dense with block and inline tags."""
    if _HTML_START.match(text):
        return True
    tags = len(_HTML_TAG.findall(text[:20_000]))
    return tags >= 3 and tags * 40 > min(len(text), 20_000)


def clean_text(text: str) -> str:
    """Control characters become spaces and unpaired surrogates U+FFFD, one for one, so that every database
    and encoder accepts the text and character offsets are unchanged."""
    text = _CONTROL.sub(" ", text)
    return _SURROGATE.sub("\ufffd", text)


def make_article(
    record: dict[str, Any], *, origin: str, default_published: dt.date | None = None
) -> Article:
    """Build an Article from a mapping with ``text`` and ``published``. Raises ValueError on bad input."""
    text = record.get("text")
    if not isinstance(text, str):
        raise ValueError("field 'text' is missing or not a string")
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"text has {len(text):,} characters, more than the limit of {MAX_TEXT_CHARS:,}; "
                         "split it into articles")
    if looks_like_html(text):
        from eventwire.ingest.html import html_to_text

        text = html_to_text(text)
        if not text.strip():
            raise ValueError("text is HTML markup with no readable text in it")
    text = clean_text(text)
    if not text.strip():
        raise ValueError("field 'text' is empty")
    published_raw = record.get("published")
    if published_raw in (None, "") and default_published is not None:
        published: dt.date | None = default_published
    else:
        published = parse_date(published_raw)
    raw_id = record.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, (str, int))):
        raise ValueError(f"field 'id' must be a string or a whole number, not {type(raw_id).__name__} "
                         f"{_short(raw_id)}")
    article_id = clean_text(str(raw_id)).strip() if raw_id not in (None, "") else content_id(text)
    if not article_id:
        article_id = content_id(text)
    if len(article_id) > MAX_ID_CHARS:
        raise ValueError(f"id has {len(article_id):,} characters, more than the limit of {MAX_ID_CHARS}")

    def optional_str(key: str) -> str | None:
        value = record.get(key)
        return clean_text(str(value))[:10_000] if value not in (None, "") else None

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
        size = path.stat().st_size
        if size > 4 * MAX_TEXT_CHARS:
            yield ReadError(str(path), None, f"file has {size:,} bytes, more than an article can have "
                                             f"({MAX_TEXT_CHARS:,} characters); split it into articles")
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield ReadError(str(path), None, f"cannot read file: {exc.strerror or exc}")
        return
    encoding = "utf-16" if raw[:2] in UTF16_BOMS else "utf-8-sig"
    if encoding != "utf-16" and b"\x00" in raw[:8192]:
        yield ReadError(str(path), None, "binary file (contains NUL bytes), not text")
        return
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-16":
            yield ReadError(str(path), None, f"not valid UTF-16 ({exc.reason}); re-encode the file as UTF-8")
            return
        line = raw[: exc.start].count(b"\n") + 1
        yield ReadError(str(path), line, f"not valid UTF-8 (byte {exc.start} of the file, 0x{raw[exc.start]:02x}); "
                                         "re-encode the file as UTF-8")
        return
    if not text.strip():
        yield ReadError(str(path), None, "empty file")
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


def _file_encoding(path: Path) -> str:
    """"utf-16" for a file that opens with a UTF-16 byte-order mark, else "utf-8-sig" (UTF-8, with or without
    its BOM); OSError if it cannot be read."""
    with path.open("rb") as handle:
        return "utf-16" if handle.read(2) in UTF16_BOMS else "utf-8-sig"


def _text_lines(path: Path) -> Iterator[tuple[int, str | None, str | None]]:
    """(line number, line, problem) for every line of a JSONL file: UTF-8 (a BOM is dropped) or UTF-16 (told by
    its BOM); a line over MAX_LINE_BYTES or not valid in the file's encoding has no line and a problem."""
    if _file_encoding(path) == "utf-16":
        with path.open(encoding="utf-16", errors="strict", newline="") as text_handle:
            number = 0
            while True:
                try:
                    line = text_handle.readline(MAX_LINE_BYTES // 2 + 1)
                except UnicodeDecodeError as exc:
                    yield number + 1, None, f"not valid UTF-16 ({exc.reason}); stopped reading here"
                    return
                if not line:
                    return
                number += 1
                if len(line) > MAX_LINE_BYTES // 2 and not line.endswith("\n"):
                    yield number, None, f"line longer than {MAX_LINE_BYTES // 2:,} characters; stopped reading here"
                    return
                yield number, line, None
        return
    with path.open("rb") as handle:
        for number, raw_line in _bounded_lines(handle, MAX_LINE_BYTES):
            if raw_line is None:
                yield number, None, f"line longer than {MAX_LINE_BYTES:,} bytes; skipped"
                continue
            if number == 1 and raw_line.startswith(codecs.BOM_UTF8):
                raw_line = raw_line[len(codecs.BOM_UTF8):]
            try:
                yield number, raw_line.decode("utf-8"), None
            except UnicodeDecodeError as exc:
                yield number, None, f"not valid UTF-8 (byte {exc.start} of the line)"


def parse_json_line(line: str) -> Any:
    """A JSON value; ValueError with a reason for invalid JSON, nesting too deep for the decoder or an integer
    of more digits than Python converts (4,300)."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise ValueError("invalid JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. "Exceeds the limit (4300 digits) for integer string conversion"
        if "integer string conversion" in str(exc):
            raise ValueError(f"invalid JSON: a number of more than {sys.get_int_max_str_digits():,} digits") from None
        raise ValueError(f"invalid JSON: {exc}") from None


def read_jsonl_file(path: Path, published: dt.date | None) -> Iterator[Article | ReadError]:
    records = 0
    try:
        for number, line, problem in _text_lines(path):
            if line is None:
                yield ReadError(str(path), number, problem or "unreadable line")
                records += 1
                continue
            if not line.strip():
                continue
            records += 1
            try:
                record = parse_json_line(line)
            except ValueError as exc:
                yield ReadError(str(path), number, str(exc))
                continue
            if not isinstance(record, dict):
                yield ReadError(str(path), number, f"expected a JSON object, got {type(record).__name__}")
                continue
            try:
                yield make_article(record, origin=f"{path}:{number}", default_published=published)
            except ValueError as exc:
                yield ReadError(str(path), number, str(exc))
    except OSError as exc:
        yield ReadError(str(path), None, f"cannot read file: {exc.strerror or exc}")
        return
    if records == 0:
        yield ReadError(str(path), None, "empty file: no records")


def _bounded_lines(handle: Any, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Numbered lines of a binary file; a line longer than `limit` bytes is skipped without holding it in
    memory and given as None."""
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(1 << 20)
            yield number, None
            continue
        yield number, line


_UNDECODED = re.compile(r"[\udc80-\udcff]")  # bytes that were not UTF-8, kept by the "surrogateescape" handler


def read_csv_file(path: Path, published: dt.date | None) -> Iterator[Article | ReadError]:
    """Rows of a CSV file (UTF-8, or UTF-16 told by its BOM). A row with bytes that are not UTF-8 (a Latin-1
    line pasted into the file) is reported and skipped; the rows after it are read."""
    csv.field_size_limit(MAX_LINE_BYTES)
    try:
        encoding = _file_encoding(path)
        handle = path.open(newline="", encoding=encoding,
                           errors="strict" if encoding == "utf-16" else "surrogateescape")
    except OSError as exc:
        yield ReadError(str(path), None, f"cannot read file: {exc.strerror}")
        return
    with handle:
        try:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None:
                yield ReadError(str(path), None, "empty file: no header and no records")
                return
            if "text" not in reader.fieldnames:
                yield ReadError(str(path), 1, "CSV header must have a 'text' column (and 'published')")
                return
            failed_in_a_row = 0
            while True:
                try:
                    record = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:  # one malformed record (e.g. a field over the size limit); the reader
                    # has consumed its line without counting it
                    yield ReadError(str(path), reader.line_num + 1, f"malformed CSV record: {exc}")
                    failed_in_a_row += 1
                    if failed_in_a_row >= 100:
                        yield ReadError(str(path), None, "100 malformed CSV records in a row; stopped reading")
                        return
                    continue
                failed_in_a_row = 0
                number = reader.line_num
                if None in record:
                    yield ReadError(str(path), number, "more fields than the header has columns")
                    continue
                undecoded = next(((k, m) for k, v in record.items() if isinstance(v, str)
                                  and (m := _UNDECODED.search(v))), None)
                if undecoded is not None:
                    field, match = undecoded
                    byte = ord(match.group(0)) - 0xDC00
                    yield ReadError(str(path), number, f"not valid UTF-8 (byte 0x{byte:02x} in field {field!r}); "
                                                       "row skipped: re-encode the file as UTF-8")
                    continue
                try:
                    yield make_article(dict(record), origin=f"{path}:{number}", default_published=published)
                except ValueError as exc:
                    yield ReadError(str(path), number, str(exc))
        except UnicodeDecodeError as exc:  # (UTF-16 only: UTF-8 rows are checked one by one above)
            yield ReadError(str(path), None, f"not valid {encoding.upper()} ({exc.reason}); stopped reading here")
        except csv.Error as exc:
            yield ReadError(str(path), None, f"malformed CSV: {exc}")


def iter_files(paths: list[Path]) -> Iterator[Path | ReadError]:
    """The files to read: the paths given, and the supported files of the folders given (recursively, in sorted
    order). Inside a folder, a symbolic link that leads out of it, a dangling one, and anything that is not a
    regular file (a FIFO, a socket, a device) are reported and skipped; files of other kinds are skipped."""
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            for child in sorted(path.rglob("*")):
                if child.suffix.lower() not in SUPPORTED_SUFFIXES or (child.is_dir() and not child.is_symlink()):
                    continue
                problem = _folder_entry_problem(child, root)
                if problem:
                    yield ReadError(str(child), None, problem)
                else:
                    yield child
        elif path.is_file():
            yield path
        elif path.exists():
            yield ReadError(str(path), None, f"not a regular file ({_kind_of_entry(path)}); skipped")
        else:
            yield ReadError(str(path), None, "no such file or directory")


def _folder_entry_problem(entry: Path, root: Path) -> str | None:
    """Why a folder's entry is not read, or None to read it."""
    if entry.is_symlink():
        try:
            target = entry.resolve(strict=True)
        except (OSError, RuntimeError):  # missing target, or a loop of links
            return "dangling symbolic link; skipped"
        if not target.is_relative_to(root):
            return f"symbolic link to {target}, outside the input folder; skipped (give that file itself to read it)"
    if not entry.is_file():
        return f"not a regular file ({_kind_of_entry(entry)}); skipped"
    return None


def _kind_of_entry(path: Path) -> str:
    if path.is_dir():
        return "a directory"
    if path.is_fifo():
        return "a FIFO"
    if path.is_socket():
        return "a socket"
    if path.is_block_device() or path.is_char_device():
        return "a device"
    return "not a file"


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
    csv.field_size_limit(MAX_LINE_BYTES)
    total = 0
    for item in iter_files([Path(p) for p in paths]):
        if isinstance(item, ReadError):
            total += 1
            continue
        suffix = item.suffix.lower()
        try:
            if suffix in (".jsonl", ".ndjson"):
                with item.open("rb") as handle:  # over-long lines are counted without being held
                    total += sum(1 for _n, line in _bounded_lines(handle, MAX_LINE_BYTES)
                                 if line is None or line.strip())
            elif suffix == ".csv":
                with item.open(newline="", encoding="utf-8-sig", errors="replace") as handle:
                    total += max(0, sum(1 for row in csv.reader(handle) if row) - 1)
            else:
                total += 1
        except (OSError, csv.Error):
            total += 1
    return total
