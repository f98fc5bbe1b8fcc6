"""Alert documents and sinks: stdout (one JSON line), a JSONL file, a webhook whose failed deliveries are owed
and delivered on a later round."""

from __future__ import annotations

import io
import json
from pathlib import Path

from newssite import Site
from watchkit import FakeClock

from eventwire.watch.alerts import Sinks, build_alert
from eventwire.watch.config import AlertSinks
from eventwire.watch.fetch import Fetcher, FetchPolicy
from eventwire.watch.state import WatchState

EVENT = {"id": "ew-1", "article_ids": ["web-a"], "event_type": "Battles", "sub_event_type": "Armed clash",
         "fatalities": 4, "injuries": None, "captured": None, "munitions": None,
         "evidence": {"fatalities": {"text": "four"}}}


def test_alert_document() -> None:
    alert = build_alert("r", "new", EVENT, {"id": "web-a", "url": "http://x/a"}, now=1_000_100.0,
                        first_seen=1_000_000.0, feed_published=999_000.0)
    assert alert["type"] == "alert" and alert["event"] == EVENT and alert["event_id"] == "ew-1"
    assert alert["figures"] == {"event_type": "Battles", "sub_event_type": "Armed clash", "fatalities": 4,
                                "injuries": None, "captured": None, "munitions": None}
    assert alert["latency_s"] == {"since_first_seen": 100.0, "since_feed_published": 1100.0}
    assert alert["alerted_at"] == "1970-01-12T13:48:20Z"
    unknown = build_alert("r", "new", EVENT, {}, now=5.0, first_seen=None, feed_published=None)
    assert unknown["latency_s"] == {"since_first_seen": None, "since_feed_published": None}


def test_sinks_and_owed_webhook_deliveries(site: Site, clock: FakeClock, tmp_path: Path) -> None:
    state = WatchState(tmp_path / "state.sqlite")
    fetcher = Fetcher(FetchPolicy(host_delay=0.0, retries=1), clock=clock, sleep=clock.sleep, wall=clock)
    out = io.StringIO()
    sinks = Sinks(AlertSinks(stdout=True, jsonl=tmp_path / "a" / "alerts.jsonl", webhook=site.url("/hook")), state,
                  fetcher, out=out, failure_backoff=60, max_backoff=900)
    first = {"type": "alert", "n": 1}
    assert sinks.send(first, clock.now) == []
    site.hook_failures = 2  # the delivery and its retry fail
    second = {"type": "alert", "n": 2}
    t = clock.now
    (error,) = sinks.send(second, t)
    assert "HTTP 500" in error
    assert [json.loads(line) for line in out.getvalue().splitlines()] == [first, second]
    assert [json.loads(line) for line in (tmp_path / "a" / "alerts.jsonl").read_text().splitlines()] == [first,
                                                                                                         second]
    assert site.posts == [first]
    assert sinks.retry_owed(t + 59) == (0, [])  # not due yet
    site.hook_failures = 2
    delivered, errors = sinks.retry_owed(t + 60)
    assert delivered == 0 and len(errors) == 1
    assert state.owed(t + 60 + 119) == []  # the second failure waits twice as long
    assert sinks.retry_owed(t + 60 + 120) == (1, [])
    assert site.posts == [first, second] and state.counts()["owed"] == 0


def test_stdout_only(tmp_path: Path) -> None:
    out = io.StringIO()
    sinks = Sinks(AlertSinks(stdout=False), WatchState(tmp_path / "s.sqlite"), None, out=out)
    assert sinks.send({"n": 1}, 0.0) == [] and out.getvalue() == ""
