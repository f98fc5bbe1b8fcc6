"""The state file: feeds' validators and backoff, entries new/revised/pending, owed deliveries; all of it
survives reopening."""

from __future__ import annotations

from pathlib import Path

from eventwire.watch.fetch import next_attempt
from eventwire.watch.state import WatchState


def delay(failures: int) -> float:
    return next_attempt(failures, 60, 900)


def test_feed_validators_backoff_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    state = WatchState(path)
    url = "https://example.org/rss"
    assert state.feed(url).next_poll == 0 and state.feed(url).etag is None
    state.feed_polled(url, 100.0, 400.0, etag='"v1"', last_modified="Mon, 23 Nov 2026 10:00:00 GMT")
    state.feed_polled(url, 400.0, 700.0, etag=None, last_modified=None)  # a 304 keeps the validators
    assert (state.feed(url).etag, state.feed(url).next_poll) == ('"v1"', 700.0)
    assert state.feed_failed(url, 700.0, "HTTP 503", delay) == 1
    assert state.feed_failed(url, 760.0, "HTTP 503", delay) == 2
    assert state.feed(url).next_poll == 760.0 + 120
    state.close()
    again = WatchState(path)
    assert again.feed(url).failures == 2 and again.feed(url).etag == '"v1"'
    again.feed_polled(url, 900.0, 1200.0, etag='"v2"', last_modified=None)
    assert again.feed(url).failures == 0 and again.feed(url).etag == '"v2"'


def test_entries_new_revised_and_pending(tmp_path: Path) -> None:
    state = WatchState(tmp_path / "state.sqlite")
    feed = "https://example.org/rss"
    assert state.see_entry("https://example.org/a", feed, "A", 50.0, "r1", 100.0) == "new"
    assert state.see_entry("https://example.org/a", feed, "A", 50.0, "r1", 200.0) is None
    assert [e.url for e in state.due_entries(200.0)] == ["https://example.org/a"]
    state.entry_done("https://example.org/a", "done", etag='"p1"', content_hash="h1", article_id="web-1")
    assert state.due_entries(200.0) == []
    assert state.see_entry("https://example.org/a", feed, "A", 50.0, "", 250.0) is None  # no stamp: no revision
    assert state.see_entry("https://example.org/a", feed, "A", 50.0, "r2", 300.0) == "revised"
    (entry,) = state.due_entries(300.0)
    assert (entry.first_seen, entry.feed_published, entry.etag, entry.content_hash, entry.changed_at) == (
        100.0, 50.0, '"p1"', "h1", 300.0)
    assert state.entry_failed(entry.url, 300.0, "HTTP 500", delay) == 1
    assert state.due_entries(359.0) == [] and len(state.due_entries(360.0)) == 1
    assert state.next_due() == 360.0
    assert state.counts() == {"pending": 1, "alerts": 0, "owed": 0}


def test_owed_deliveries(tmp_path: Path) -> None:
    state = WatchState(tmp_path / "state.sqlite")
    state.owe("webhook", {"event_id": "ew-1"}, 160.0, "HTTP 500")
    assert state.owed(159.0) == []
    (owed,) = state.owed(160.0)
    assert (owed.payload, owed.attempts) == ({"event_id": "ew-1"}, 1)
    state.still_owed(owed.id, 400.0, "HTTP 500")
    assert state.owed(399.0) == [] and state.owed(400.0)[0].attempts == 2
    state.paid(owed.id)
    assert state.owed(10_000.0) == [] and state.next_due() is None


def test_only_the_first_feed_listing_an_entry_revises_it(tmp_path: Path) -> None:
    state = WatchState(tmp_path / "state.sqlite")
    assert state.see_entry("https://example.org/a", "https://example.org/rss", "A", 50.0, "r1", 100.0) == "new"
    state.entry_done("https://example.org/a", "done")
    assert state.see_entry("https://example.org/a", "https://example.org/sitemap", "A", None, "lastmod", 150.0) is None
    assert state.see_entry("https://example.org/a", "https://example.org/rss", "A", 50.0, "r2", 200.0) == "revised"


def test_a_page_failing_again_and_again_is_given_up_until_revised(tmp_path: Path) -> None:
    state = WatchState(tmp_path / "state.sqlite")
    feed = "https://example.org/rss"
    state.see_entry("https://example.org/a", feed, "A", None, "r1", 0.0)
    for attempt in range(1, 4):
        assert state.entry_failed("https://example.org/a", 0.0, "HTTP 404", delay, give_up_after=3) == attempt
    assert state.due_entries(1e12) == [] and state.counts()["failed"] == 1
    assert state.see_entry("https://example.org/a", feed, "A", None, "r2", 10.0) == "revised"
    assert len(state.due_entries(10.0)) == 1
