"""Fixtures of the watch tests: the local news site on 127.0.0.1 (newssite.py), a fake clock, and a factory of
Watchers over a real store and state file with the session's real extractor (watchkit.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from newssite import Site
from watchkit import FakeClock, Harness

from eventwire.watch.config import WatchConfig


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.stop()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def harness(extractor: Any, clock: FakeClock) -> Iterator[Callable[[WatchConfig], Harness]]:
    made: list[Harness] = []

    def make(config: WatchConfig) -> Harness:
        h = Harness(config, extractor, clock)
        made.append(h)
        return h

    yield make
    for h in made:
        h.close()
