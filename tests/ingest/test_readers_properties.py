"""Property-based tests of the readers: whatever the bytes, reading never raises, and every article it gives is
clean (no control characters, storable UTF-8, within the size limit) and every error names the file."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.ingest.readers import MAX_TEXT_CHARS, ReadError, clean_text, looks_like_html, read_articles
from eventwire.model import Article

_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _check(items: list[Article | ReadError], path: Path) -> None:
    for item in items:
        if isinstance(item, ReadError):
            assert item.path == str(path)
            assert item.problem
        else:
            assert isinstance(item, Article)
            assert item.text.strip() and len(item.text) <= MAX_TEXT_CHARS
            assert not _UNSAFE.search(item.text) and not _UNSAFE.search(item.id)
            item.text.encode("utf-8")


@_SETTINGS
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".jsonl", ".csv"]))
def test_arbitrary_bytes_never_raise(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    _check(list(read_articles([path], published=None)), path)


_RECORD = st.fixed_dictionaries(
    {"text": st.one_of(st.text(max_size=200), st.integers(), st.none())},
    optional={"id": st.one_of(st.text(max_size=20), st.integers()),
              "published": st.one_of(st.dates().map(str), st.text(max_size=12), st.integers()),
              "url": st.text(max_size=20), "title": st.text(max_size=20)},
)


@_SETTINGS
@given(records=st.lists(_RECORD, max_size=6))
def test_jsonl_gives_one_item_per_record_in_order(tmp_path: Path, records: list[dict[str, object]]) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    items = list(read_articles([path]))
    _check(items, path)
    if not records:  # an empty file is reported, not passed over in silence
        assert len(items) == 1 and isinstance(items[0], ReadError) and "empty file" in items[0].problem
        return
    assert len(items) == len(records)
    for number, (item, record) in enumerate(zip(items, records, strict=True), start=1):
        if isinstance(item, ReadError):
            assert item.line == number
        elif not looks_like_html(str(record["text"])):
            assert item.text == clean_text(str(record["text"]))  # offsets of the input are kept


@given(text=st.text(max_size=300))
def test_clean_text_keeps_length_and_is_idempotent(text: str) -> None:
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    assert clean_text(cleaned) == cleaned
    assert not _UNSAFE.search(cleaned)
