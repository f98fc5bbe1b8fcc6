"""`Gazetteer.lookup_many` keeps a bounded cache: answers stay right when older keys are forgotten."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.gazetteer import index
from eventwire.gazetteer.index import Gazetteer


def test_cache_stays_bounded_and_answers_stay_right(tiny_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index, "CACHE_KEYS", 6)
    gaz = Gazetteer(tiny_index)
    try:
        expected = {k: c for k, c in Gazetteer(tiny_index).lookup_many(["niamey", "niger", "tillaberi"]).items()}
        assert set(expected) == {"niamey", "niger", "tillaberi"}
        for round_ in range(5):
            misses = [f"no such place {round_} {i}" for i in range(4)]
            got = gaz.lookup_many(["niamey", *misses, "niger", "tillaberi"])
            assert got == expected  # keys named nowhere are left out; the places are found every time
            assert len(gaz._cache) <= 6 + 7
    finally:
        gaz.close()
