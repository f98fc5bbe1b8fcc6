"""Alerts out: one JSON object per alert (the rule, what changed, the event with its evidence and sources, the
article that brought it, and the latency from the feed to the alert), written to stdout as one line, appended to a
JSONL file and POSTed to a webhook. A webhook delivery that fails after its retries is owed: kept in the state
file and tried again on the next rounds, not lost."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import Any, TextIO

from eventwire.watch.config import AlertSinks
from eventwire.watch.fetch import Fetcher, FetchError, next_attempt
from eventwire.watch.rules import figures
from eventwire.watch.state import WatchState

log = logging.getLogger(__name__)


def iso_time(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def build_alert(rule: str, change: str, event: dict[str, Any], article: dict[str, Any], *, now: float,
                first_seen: float | None, feed_published: float | None) -> dict[str, Any]:
    """The alert document. Latencies are seconds to this alert from when the watcher first saw the entry in a
    feed and from the publication time the feed states (for an article the feed revised: from when the revision
    was first seen and from the feed's update time)."""
    return {
        "type": "alert",
        "rule": rule,
        "change": change,  # "new" | "updated" (its figures changed since the last alert)
        "alerted_at": iso_time(now),
        "event_id": event.get("id"),
        "figures": figures(event),
        "event": event,
        "article": article,
        "first_seen_at": iso_time(first_seen),
        "feed_published_at": iso_time(feed_published),
        "latency_s": {
            "since_first_seen": None if first_seen is None else round(now - first_seen, 3),
            "since_feed_published": None if feed_published is None else round(now - feed_published, 3),
        },
    }


class Sinks:
    """Where alerts go, as the [alerts] table says."""

    def __init__(self, config: AlertSinks, state: WatchState, fetcher: Fetcher | None, *,
                 out: TextIO | None = None, failure_backoff: float = 60.0, max_backoff: float = 3600.0) -> None:
        self.config = config
        self.state = state
        self.fetcher = fetcher
        self.out = out
        self.failure_backoff = failure_backoff
        self.max_backoff = max_backoff

    def send(self, alert: dict[str, Any], now: float) -> list[str]:
        """Deliver to every sink; returns the errors (a failed webhook delivery is owed, not lost)."""
        errors: list[str] = []
        line = json.dumps(alert, ensure_ascii=False, sort_keys=False)
        if self.config.stdout:
            stream = self.out or sys.stdout
            stream.write(line + "\n")
            stream.flush()
        if self.config.jsonl is not None:
            try:
                append_line(self.config.jsonl, line)
            except OSError as exc:
                errors.append(f"alerts file {self.config.jsonl}: {exc}")
                log.error("could not append to %s: %s", self.config.jsonl, exc)
        if self.config.webhook is not None:
            error = self._post(alert)
            if error is not None:
                self.state.owe("webhook", alert, now + self._delay(1), error)
                errors.append(error)
                log.warning("webhook delivery failed, will retry on a later round: %s", error)
        return errors

    def retry_owed(self, now: float) -> tuple[int, list[str]]:
        """Try the owed webhook deliveries that are due; returns (delivered, errors)."""
        delivered = 0
        errors: list[str] = []
        for owed in self.state.owed(now):
            error = self._post(owed.payload) if self.config.webhook else "no webhook configured any more"
            if error is None:
                self.state.paid(owed.id)
                delivered += 1
            else:
                self.state.still_owed(owed.id, now + self._delay(owed.attempts + 1), error)
                errors.append(error)
        return delivered, errors

    def _delay(self, failures: int) -> float:
        return next_attempt(failures, self.failure_backoff, self.max_backoff)

    def _post(self, alert: dict[str, Any]) -> str | None:
        assert self.config.webhook is not None
        if self.fetcher is None:
            return "no HTTP client"
        try:
            self.fetcher.post_json(self.config.webhook, alert)
        except FetchError as exc:
            return f"webhook {exc}"
        return None


def append_line(path: Path, line: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(line + "\n")

