"""`Gazetteer.lookup_many`: keys that name nothing are answered from the index's key set without being cached, and
the cache of names stays bounded while its answers stay right."""

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


def test_keys_that_name_nothing_are_not_cached(tiny_index: Path) -> None:
    gaz = Gazetteer(tiny_index)
    try:
        assert gaz.lookup_many(["niamey", "no such place", "gunmen attacked"]).keys() == {"niamey"}
        assert set(gaz._cache) == {"niamey"}
    finally:
        gaz.close()


def test_a_few_lookups_do_not_read_the_key_set(tiny_index: Path) -> None:
    keys = _all_keys(tiny_index)[:3]
    gaz = Gazetteer(tiny_index)
    try:
        direct = gaz.lookup_many([*keys, "no such place"])
        assert gaz._keys is None  # a person's lookup opens the index without reading every key
        assert set(gaz._cache) == set(keys)
        gaz._cache.clear()
        gaz.first_words()  # a text scan reads the key set
        assert gaz._keys is not None
        assert gaz.lookup_many([*keys, "no such place"]) == direct
    finally:
        gaz.close()
