"""The watch loop: one round polls the feeds that are due, notes their new and revised entries, fetches the due
pages, extracts and stores their articles (merging them with what is stored) and alerts on the matching events
they contribute to. A feed or page that fails is logged, counted and tried again later with a growing delay; it
never stops the round. `run` repeats rounds until SIGINT or SIGTERM, finishing the article in hand first."""

from __future__ import annotations

import datetime as dt
import logging
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from types import FrameType
from typing import Any, Protocol, Self, TextIO

from eventwire.model import Article, Event
from eventwire.store import Store, text_hash
from eventwire.watch.alerts import Sinks, build_alert
from eventwire.watch.config import Feed, WatchConfig
from eventwire.watch.feeds import Entry, FeedError, parse_feed
from eventwire.watch.fetch import Fetcher, FetchError, FetchPolicy, RobotsDisallowed, next_attempt
from eventwire.watch.pages import extract_page, keep_raw, to_article
from eventwire.watch.rules import alert_change, fingerprint, matches
from eventwire.watch.state import EntryState, WatchState

log = logging.getLogger(__name__)

MAX_CHILD_SITEMAPS = 50
PAGE_ATTEMPTS = 10  # a page failing this many times in a row is left alone until its feed revises the entry


class Extracting(Protocol):
    def extract_many(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]: ...


@dataclass(frozen=True)
class AlertNote:
    rule: str
    event_id: str
    change: str
    since_first_seen: float | None
    since_feed_published: float | None


@dataclass
class RoundSummary:
    rounds: int = 0
    feeds_polled: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    entries_new: int = 0
    entries_revised: int = 0
    pages_fetched: int = 0
    pages_not_modified: int = 0
    pages_failed: int = 0
    pages_without_text: int = 0
    pages_disallowed: int = 0  # by the site's robots.txt: not fetched, not tried again
    articles_stored: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    events_extracted: int = 0
    events_created: int = 0  # net change of the number of stored events
    alerts_sent: int = 0
    webhook_redelivered: int = 0
    errors: list[str] = field(default_factory=list)
    alerts: list[AlertNote] = field(default_factory=list)

    def add(self, other: RoundSummary) -> None:
        for name, value in asdict(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)
        self.errors.extend(other.errors)
        self.alerts.extend(other.alerts)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        firsts = [a.since_first_seen for a in self.alerts if a.since_first_seen is not None]
        pubs = [a.since_feed_published for a in self.alerts if a.since_feed_published is not None]
        out["latency_s"] = {"since_first_seen": _spread(firsts), "since_feed_published": _spread(pubs)}
        return out

    def text(self) -> str:
        lines = [f"{self.rounds} round(s): {self.feeds_polled} feed polls ({self.feeds_not_modified} not modified, "
                 f"{self.feeds_failed} failed); {self.entries_new} new and {self.entries_revised} revised entries; "
                 f"{self.pages_fetched} pages fetched ({self.pages_failed} failed); {self.articles_stored} articles "
                 f"ingested, {self.articles_updated} updated, {self.articles_unchanged} unchanged; "
                 f"{self.events_created} events created; {self.alerts_sent} alerts sent; {len(self.errors)} errors"]
        for a in self.alerts:
            since_pub = "unknown" if a.since_feed_published is None else f"{a.since_feed_published:.1f} s"
            since_seen = "unknown" if a.since_first_seen is None else f"{a.since_first_seen:.1f} s"
            lines.append(f"  alert {a.rule!r} {a.change} {a.event_id}: {since_seen} after first seen, "
                         f"{since_pub} after the feed's publication time")
        return "\n".join(lines)


def _spread(values: list[float]) -> dict[str, float] | None:
    if not values:
        return None
    ordered = sorted(values)
    return {"min": round(ordered[0], 3), "median": round(ordered[len(ordered) // 2], 3),
            "max": round(ordered[-1], 3)}


def policy_of(config: WatchConfig) -> FetchPolicy:
    s = config.settings
    return FetchPolicy(user_agent=s.user_agent, timeout=s.timeout, host_delay=s.host_delay, retries=s.retries,
                       retry_backoff=s.retry_backoff, max_backoff=s.max_backoff, max_bytes=s.max_bytes,
                       robots=s.robots)


def _timestamp(value: dt.datetime | None) -> float | None:
    return None if value is None else value.timestamp()


def _feed_times(entry: EntryState) -> tuple[float, float | None]:
    """When the watcher first saw the entry and the time the feed gives for it; for an entry the feed revised,
    when the revision was first seen and the feed's update time."""
    if entry.changed_at is None:
        return entry.first_seen, entry.feed_published
    try:
        stamp = dt.datetime.fromisoformat(entry.revision)
    except ValueError:
        return entry.changed_at, None
    return entry.changed_at, stamp.timestamp() if stamp.tzinfo else None


class Watcher:
    """Follows the feeds of a WatchConfig into `store`. `wall` is the wall-clock time (state, latencies);
    `wait(seconds)` waits between rounds and returns early once `stop()` is called."""

    def __init__(self, config: WatchConfig, store: Store, extractor: Extracting, *, state: WatchState | None = None,
                 fetcher: Fetcher | None = None, out: TextIO | None = None, wall: Callable[[], float] = time.time,
                 wait: Callable[[float], None] | None = None) -> None:
        self.config = config
        self.store = store
        self.extractor = extractor
        self._stop = threading.Event()
        self.state = state or WatchState(config.settings.state)
        # waits between retries end early on stop(): the request then fails and is retried on the next run
        self.fetcher = fetcher or Fetcher(policy_of(config), sleep=self._stop.wait)
        s = config.settings
        self.sinks = Sinks(config.alerts, self.state, self.fetcher, out=out, failure_backoff=s.failure_backoff,
                           max_backoff=s.max_backoff)
        self.wall = wall
        self._wait = wait or (lambda seconds: self._stop.wait(seconds) and None)

    def close(self) -> None:
        self.fetcher.close()
        self.state.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stop(self, *_args: object) -> None:
        """Finish the article in hand, then end the round and the loop."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def _delay(self, failures: int) -> float:
        s = self.config.settings
        return next_attempt(failures, s.failure_backoff, s.max_backoff)

    # -- one round ------------------------------------------------------------------------------------
    def poll_once(self) -> RoundSummary:
        """One round: poll the due feeds, then fetch, extract, store and alert on the due pages, then retry owed
        webhook deliveries. Failures are counted in the summary and scheduled for later, never raised."""
        summary = RoundSummary(rounds=1)
        events_before = self.store.counts()["events"]
        started = self.wall()
        for feed in self.config.feeds:
            if self.stopping:
                break
            if self.state.feed(feed.url).next_poll <= started:
                self._poll_feed(feed, summary, started)
        for entry in self.state.due_entries(self.wall()):
            if self.stopping:
                break
            self._process_entry(entry, summary)
        if not self.stopping:
            delivered, errors = self.sinks.retry_owed(self.wall())
            summary.webhook_redelivered += delivered
            summary.errors.extend(errors)
        summary.events_created = self.store.counts()["events"] - events_before
        return summary

    def _poll_feed(self, feed: Feed, summary: RoundSummary, round_started: float) -> None:
        """Poll a feed and note its entries; its next poll is counted from the start of the round, so feeds with
        the same interval stay due together."""
        now = self.wall()
        validators: list[tuple[str, str | None, str | None]] = []
        entries = self._fetch_entries(feed.url, feed.kind, summary, validators, top=True)
        if entries is None:
            return
        for entry in entries:
            change = self.state.see_entry(entry.url, feed.url, entry.title, _timestamp(entry.published),
                                          entry.revision, now)
            if change == "new":
                summary.entries_new += 1
            elif change == "revised":
                summary.entries_revised += 1
        # the validators are stored only once the entries are noted: a crash in between means a full fetch again
        for url, etag, last_modified in validators:
            next_poll = round_started + self.config.interval(feed) if url == feed.url else now
            self.state.feed_polled(url, now, next_poll, etag=etag, last_modified=last_modified)

    def _fetch_entries(self, url: str, kind: str, summary: RoundSummary,
                       validators: list[tuple[str, str | None, str | None]], *, top: bool) -> list[Entry] | None:
        """The entries of a feed or sitemap (of a sitemap index: of its children); [] when not modified, None
        when it failed (counted, logged, its next poll pushed back). Appends the validators to keep."""
        known = self.state.feed(url)
        now = self.wall()
        try:
            response = self.fetcher.get(url, etag=known.etag, last_modified=known.last_modified)
            summary.feeds_polled += 1
            if response.not_modified:
                summary.feeds_not_modified += 1
                validators.append((url, None, None))
                return []
            parsed = parse_feed(response.body, kind, response.url)
        except (FetchError, FeedError) as exc:
            error = str(exc) if isinstance(exc, FetchError) else f"{url}: {exc}"
            failures = self.state.feed_failed(url, now, error, self._delay)
            summary.feeds_failed += 1
            summary.errors.append(error)
            log.warning("feed %s failed (%d in a row), next try in %.0f s: %s", url, failures,
                        self._delay(failures), error)
            return None
        entries = list(parsed.entries)
        if top:
            for child in parsed.sitemaps[:MAX_CHILD_SITEMAPS]:
                found = self._fetch_entries(child, "sitemap", summary, validators, top=False)
                entries.extend(found or [])  # a failed child is fetched again with the next poll of its index
        validators.append((url, response.etag, response.last_modified))
        return entries

    def _process_entry(self, entry: EntryState, summary: RoundSummary) -> None:
        settings = self.config.settings
        fetched_at = self.wall()
        try:
            response = self.fetcher.get(entry.url, etag=entry.etag if entry.content_hash else None,
                                        last_modified=entry.last_modified if entry.content_hash else None)
        except RobotsDisallowed as exc:
            if exc.temporary:
                self._page_failed(entry, str(exc), summary)
                return
            summary.pages_disallowed += 1
            self.state.entry_done(entry.url, "disallowed")
            log.info("page %s not fetched: %s", entry.url, exc)
            return
        except FetchError as exc:
            self._page_failed(entry, str(exc), summary)
            return
        if response.not_modified:
            summary.pages_not_modified += 1
            self.state.entry_done(entry.url, "done")
            return
        summary.pages_fetched += 1
        try:
            keep_raw(settings.raw_dir, entry.url, response.body)
        except OSError as exc:
            summary.errors.append(f"{entry.url}: cannot keep the raw HTML: {exc}")
            log.error("%s: cannot keep the raw HTML: %s", entry.url, exc)
        hint = Entry(entry.url, entry.title, None if entry.feed_published is None else
                     dt.datetime.fromtimestamp(entry.feed_published, tz=dt.UTC))
        try:
            page = extract_page(response.body, entry.url, hint, dt.datetime.fromtimestamp(fetched_at, tz=dt.UTC))
        except Exception as exc:  # a page the extraction library cannot handle must not stop the round
            self._page_failed(entry, f"{entry.url}: cannot extract the text: {exc}", summary)
            return
        validators = {"etag": response.etag, "last_modified": response.last_modified}
        if page is None:
            summary.pages_without_text += 1
            log.info("%s: no article text found", entry.url)
            self.state.entry_done(entry.url, "empty", **validators)
            return
        article = to_article(page, entry.url)
        digest = text_hash(article.text)
        status = self.store.known(article)
        if status is not None:  # the same text is stored already
            summary.articles_unchanged += 1
            if status == "unchanged":  # alerts a process stopped after storing may not have sent (none repeat)
                self._alert(article, entry, summary)
            self.state.entry_done(entry.url, "done", content_hash=digest, **validators)
            return
        try:
            (_, events), = list(self.extractor.extract_many([article]))
            outcome = self.store.save_article(article, events)
        except Exception as exc:  # one bad article must not stop the round
            self._page_failed(entry, f"{entry.url}: cannot extract or store: {exc}", summary)
            return
        summary.events_extracted += outcome.events
        if outcome.status == "stored":
            summary.articles_stored += 1
        elif outcome.status == "updated":
            summary.articles_updated += 1
        else:
            summary.articles_unchanged += 1
        log.info("%s: %s (%d events, %d merged)", entry.url, outcome.status, outcome.events, outcome.merged)
        if outcome.status in ("stored", "updated"):  # alert before noting the page as done: see above
            self._alert(article, entry, summary)
        self.state.entry_done(entry.url, "done", content_hash=digest, article_id=article.id, **validators)

    def _page_failed(self, entry: EntryState, error: str, summary: RoundSummary) -> None:
        failures = self.state.entry_failed(entry.url, self.wall(), error, self._delay, give_up_after=PAGE_ATTEMPTS)
        summary.pages_failed += 1
        summary.errors.append(error)
        if failures >= PAGE_ATTEMPTS:
            log.error("page %s failed %d times in a row; given up until its feed lists a new version: %s",
                      entry.url, failures, error)
        else:
            log.warning("page %s failed (%d in a row), next try in %.0f s: %s", entry.url, failures,
                        self._delay(failures), error)

    # -- alerts ---------------------------------------------------------------------------------------
    def _is_event(self, event_id: str) -> bool:
        found = self.store.event(event_id)
        return found is not None and found.get("id") == event_id

    def _alert(self, article: Article, entry: EntryState, summary: RoundSummary) -> None:
        if not self.config.rules:
            return
        info = {"id": article.id, "url": article.url, "title": article.title,
                "published": article.published.isoformat() if article.published else None}
        for event in self.store.events_of_article(article.id):
            for rule in self.config.rules:
                if not matches(rule, event):
                    continue
                now = self.wall()
                change = alert_change(self.state, rule, event, self._is_event, now)
                if change is None:
                    continue
                seen, stated = _feed_times(entry)
                alert = build_alert(rule.name, change, event, info, now=now, first_seen=seen, feed_published=stated)
                summary.errors.extend(self.sinks.send(alert, now))
                self.state.alert_sent(rule.name, str(event["id"]), fingerprint(event),
                                      event.get("article_ids") or [], now)
                summary.alerts_sent += 1
                latency = alert["latency_s"]
                summary.alerts.append(AlertNote(rule.name, str(event["id"]), change, latency["since_first_seen"],
                                                latency["since_feed_published"]))

    # -- the loop -------------------------------------------------------------------------------------
    def seconds_to_next(self) -> float:
        """How long to wait before the next round: until the next feed, page or delivery is due, between 1 s and
        the poll interval."""
        now = self.wall()
        due = [self.state.feed(f.url).next_poll for f in self.config.feeds]
        other = self.state.next_due()
        if other is not None:
            due.append(other)
        wait = min(due) - now if due else self.config.settings.poll_interval
        return max(1.0, min(wait, self.config.settings.poll_interval))

    def run(self, *, max_rounds: int | None = None,
            on_round: Callable[[RoundSummary], None] | None = None) -> RoundSummary:
        """Rounds until stopped (SIGINT, SIGTERM or `stop()`) or `max_rounds`; returns the totals."""
        total = RoundSummary()
        previous: dict[signal.Signals, Any] = {}
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                previous[sig] = signal.signal(sig, self._on_signal)
        try:
            while not self.stopping:
                summary = self.poll_once()
                total.add(summary)
                if on_round is not None:
                    on_round(summary)
                if max_rounds is not None and total.rounds >= max_rounds:
                    break
                if not self.stopping:
                    self._wait(self.seconds_to_next())
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        return total

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        if self.stopping:  # a second Ctrl-C: stop now (the article in hand is rolled back, its page kept pending)
            raise KeyboardInterrupt
        log.warning("%s received: finishing the article in hand, then stopping (again to stop at once)",
                    signal.Signals(signum).name)
        self.stop()
