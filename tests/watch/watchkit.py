"""Helpers of the watch tests: a fake clock that the fetcher's sleeps advance, sources files for the local news
site (newssite.py), and Watchers made as `eventwire watch` makes them over a real SQLite store, a real state file
and the real extractor."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from newssite import Site

from eventwire.store import Store, open_store
from eventwire.watch.config import WatchConfig, parse_config
from eventwire.watch.fetch import Fetcher
from eventwire.watch.state import WatchState
from eventwire.watch.watcher import Watcher, policy_of


class FakeClock:
    """Wall-clock and monotonic time in one; `sleep` advances it and records the waits."""

    def __init__(self, start: float = 1_795_503_600.0) -> None:  # 2026-11-24 07:00 UTC
        self.now = start
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds

    def advance(self, seconds: float) -> None:
        self.now += seconds


def sources(site: Site, tmp_path: Path, *, feeds: list[dict[str, Any]], rules: list[dict[str, Any]] | None = None,
            webhook: bool = True, **settings: Any) -> WatchConfig:
    data: dict[str, Any] = {
        "settings": {"poll_interval": 300, "host_delay": 0.5, "retries": 2, "retry_backoff": 1.0,
                     "failure_backoff": 60, "max_backoff": 900, "state": str(tmp_path / "state.sqlite"),
                     "raw_dir": str(tmp_path / "raw"), "db": str(tmp_path / "events.db"), **settings},
        "feeds": [{**f, "url": site.url(f["url"])} for f in feeds],
        "rules": rules or [],
        "alerts": {"stdout": True, "jsonl": str(tmp_path / "alerts.jsonl"),
                   **({"webhook": site.url("/hook")} if webhook else {})},
    }
    return parse_config(data, tmp_path / "sources.toml")


class Harness:
    """Watchers made like `eventwire watch` makes them, with the fake clock and a captured stdout."""

    def __init__(self, config: WatchConfig, extractor: Any, clock: FakeClock) -> None:
        self.config = config
        self.extractor = extractor
        self.clock = clock
        self.out = io.StringIO()
        self.store: Store | None = None
        self.watcher: Watcher | None = None

    def open(self) -> Watcher:
        """A new Watcher (as after a restart) on the same store, state file and clock."""
        self.close()
        assert self.config.settings.db is not None
        self.store = open_store(self.config.settings.db)
        fetcher = Fetcher(policy_of(self.config), clock=self.clock, sleep=self.clock.sleep, wall=self.clock)
        self.watcher = Watcher(self.config, self.store, self.extractor, state=WatchState(self.config.settings.state),
                               fetcher=fetcher, out=self.out, wall=self.clock, wait=self.clock.sleep)
        return self.watcher

    def close(self) -> None:
        if self.watcher is not None:
            self.watcher.close()
            self.watcher = None
        if self.store is not None:
            self.store.close()
            self.store = None

    def stdout_alerts(self) -> list[str]:
        return [line for line in self.out.getvalue().splitlines() if line.strip()]
