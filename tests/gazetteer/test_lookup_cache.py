"""`Gazetteer.lookup_many` and `name_openers`: every key is asked of the index once (names and keys that name
nothing are both remembered, within a bound), opening the index reads nothing, and the answers stay right."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from eventwire.gazetteer import index
from eventwire.gazetteer.index import Gazetteer


def _all_keys(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(key for (key,) in conn.execute("SELECT DISTINCT key FROM name"))
    finally:
        conn.close()


def test_cache_stays_bounded_and_answers_stay_right(tiny_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = _all_keys(tiny_index)
    assert len(keys) > 8
    reference = Gazetteer(tiny_index)
    expected = {k: reference.lookup_many([k]) for k in keys}  # one key at a time, before the bound is lowered
    reference.close()
    monkeypatch.setattr(index, "CACHE_KEYS", 4)
    gaz = Gazetteer(tiny_index)
    try:
        for _round in range(3):
            for start in range(0, len(keys), 3):
                batch = keys[start: start + 3]
                got = gaz.lookup_many([*batch, "no such place at all"])
                assert got == {k: v for key in batch for k, v in expected[key].items()}
                assert len(gaz._cache) <= 4 + 3
    finally:
        gaz.close()


def _queries(gaz: Gazetteer) -> list[str]:
    statements: list[str] = []
    gaz._conn.set_trace_callback(statements.append)
    return statements


def test_keys_are_asked_of_the_index_once(tiny_index: Path) -> None:
    gaz = Gazetteer(tiny_index)
    try:
        queries = _queries(gaz)
        assert gaz.lookup_many(["niamey", "no such place", "gunmen attacked"]).keys() == {"niamey"}
        assert len(queries) == 1  # one query for the three keys
        assert set(gaz._cache) == {"niamey"} and gaz._absent == {"no such place", "gunmen attacked"}
        assert gaz.lookup_many(["gunmen attacked", "niamey"]).keys() == {"niamey"}
        assert len(queries) == 1  # answered from memory, the key that names nothing as well
    finally:
        gaz.close()


def test_opening_the_index_reads_no_key_set(tiny_index: Path) -> None:
    gaz = Gazetteer(tiny_index)
    try:
        queries = _queries(gaz)
        assert gaz.lookup("ouallam")[0].place_id == "gn:2440371"
        assert len(queries) == 1 and "DISTINCT" not in queries[0]
    finally:
        gaz.close()


def test_name_openers_are_the_first_words_of_keys(tiny_index: Path) -> None:
    gaz = Gazetteer(tiny_index)
    try:
        words = ["niamey", "diori", "pole", "niam", "niameys", "hamani", "the", "tillaberi"]
        # "niamey" opens "niamey" and "niamey airport", "diori" and "pole" open longer names; a word's prefix
        # ("niam"), a longer word ("niameys") and a second word ("hamani") open none
        assert gaz.name_openers(words) == {"niamey", "diori", "pole", "tillaberi"}
        queries = _queries(gaz)
        assert gaz.name_openers(["pole", "the"]) == {"pole"} and queries == []  # remembered
    finally:
        gaz.close()
