"""The watch loop end to end: a local news site on 127.0.0.1 whose feeds and pages change between rounds, the real
extractor, a real SQLite store and state file, alerts to stdout, a JSONL file and the site's webhook."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from newssite import BASE_TIME, Site, Story, atom, news_sitemap, rss, sitemap_index
from watchkit import FakeClock, Harness, sources

from eventwire.store import EventFilter
from eventwire.watch.pages import article_id, raw_path

KIRKUK = Story("/news/kirkuk-base", "Rockets hit air base near Kirkuk",
               "Rockets struck an air base near Kirkuk on Monday, wounding two soldiers, Iraqi security officials "
               "said.\n\nNo group claimed responsibility for the attack.", BASE_TIME)
KIRKUK_UPDATED = Story(KIRKUK.path, KIRKUK.title,
                       "Rockets struck an air base near Kirkuk on Monday, killing three soldiers and wounding two, "
                       "Iraqi security officials said.\n\nNo group claimed responsibility for the attack.",
                       BASE_TIME, updated=BASE_TIME + dt.timedelta(minutes=30))
BORNO = Story("/news/borno-attack", "Gunmen kill villagers near Maiduguri",
              "Gunmen killed three civilians in an attack on a village near Maiduguri in Borno State on Sunday, "
              "police said.", BASE_TIME + dt.timedelta(minutes=20))
NAIROBI = Story("/news/nairobi-march", "Nairobi march over food prices",
                "Protesters marched peacefully in Nairobi on Tuesday to demand lower food prices, organisers said.",
                BASE_TIME + dt.timedelta(minutes=40))

RULES = [
    {"name": "Iraq remote violence", "countries": ["Iraq"], "event_types": ["Explosions/Remote violence"]},
    {"name": "Deaths near Maiduguri", "point": [11.85, 13.16], "radius_km": 50, "min_fatalities": 1},
]


def publish(site: Site, stories: list[Story]) -> None:
    for s in stories:
        site.put_story(s)
    site.put("/rss.xml", rss(site, stories), "application/rss+xml")


def alerts_in(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


@pytest.fixture
def watched(site: Site, tmp_path: Path, harness: Callable[..., Harness]) -> Harness:
    return harness(sources(site, tmp_path, feeds=[{"url": "/rss.xml", "kind": "rss"}], rules=RULES))


def test_new_articles_are_ingested_once_and_alert_once(site: Site, watched: Harness, clock: FakeClock,
                                                       tmp_path: Path) -> None:
    publish(site, [KIRKUK, NAIROBI])
    w = watched.open()
    first = w.poll_once()
    assert (first.feeds_polled, first.entries_new, first.articles_stored, first.errors) == (1, 2, 2, [])
    assert first.events_created == 2
    assert [(a.rule, a.change) for a in first.alerts] == [("Iraq remote violence", "new")]
    (alert,) = alerts_in(tmp_path / "alerts.jsonl")
    assert alert["event"]["country"] == "Iraq" and alert["event"]["injuries"] == 2
    assert alert["article"]["url"] == site.url(KIRKUK.path)
    assert "Kirkuk" in alert["event"]["evidence"]["location"]["text"]
    assert alert["event"]["sources"][0]["url"] == site.url(KIRKUK.path)
    assert alert["latency_s"]["since_first_seen"] >= 0
    # first seen when the round started, an hour after the feed's publication time
    latency = alert["latency_s"]
    assert latency["since_feed_published"] == pytest.approx(latency["since_first_seen"] + 3600)
    assert [json.loads(line) for line in watched.stdout_alerts()] == [alert]
    assert site.posts == [alert]
    assert raw_path(tmp_path / "raw", site.url(KIRKUK.path)).exists()

    # nothing new: the feed answers 304, no page is fetched again, nothing is ingested or alerted
    clock.advance(301)
    second = w.poll_once()
    assert (second.feeds_polled, second.feeds_not_modified, second.pages_fetched, second.articles_stored,
            second.alerts_sent) == (1, 1, 0, 0, 0)
    assert site.requests("/rss.xml") == [200, 304]
    assert site.requests(KIRKUK.path) == [200]

    # a new story appears: only it is fetched; it matches the second rule
    publish(site, [KIRKUK, NAIROBI, BORNO])
    clock.advance(301)
    third = w.poll_once()
    assert (third.entries_new, third.articles_stored, third.events_created) == (1, 1, 1)
    assert [(a.rule, a.change) for a in third.alerts] == [("Deaths near Maiduguri", "new")]
    assert site.requests(KIRKUK.path) == [200] and site.requests(NAIROBI.path) == [200]
    assert len(alerts_in(tmp_path / "alerts.jsonl")) == len(site.posts) == 2
    assert watched.store is not None and watched.store.counts() == {"articles": 3, "events": 3}


def test_feed_not_due_is_not_polled(site: Site, watched: Harness, clock: FakeClock) -> None:
    publish(site, [NAIROBI])
    w = watched.open()
    w.poll_once()
    clock.advance(100)  # the interval is 300 s
    assert w.poll_once().feeds_polled == 0
    assert site.requests("/rss.xml") == [200]
    assert 190 <= w.seconds_to_next() <= 200


def test_updated_article_is_merged_as_an_update_and_alerts_again_on_new_figures(
        site: Site, tmp_path: Path, harness: Callable[..., Harness], clock: FakeClock) -> None:
    h = harness(sources(site, tmp_path, feeds=[{"url": "/atom.xml", "kind": "atom"}], rules=RULES))
    site.put_story(KIRKUK)
    site.put("/atom.xml", atom(site, [KIRKUK]), "application/atom+xml")
    w = h.open()
    assert w.poll_once().alerts_sent == 1

    # the same text again under a new revision stamp: fetched again, unchanged, no alert
    site.put("/atom.xml", atom(site, [Story(KIRKUK.path, KIRKUK.title, KIRKUK.text, KIRKUK.published,
                                            updated=KIRKUK.published + dt.timedelta(minutes=5))]))
    clock.advance(301)
    same = w.poll_once()
    assert (same.entries_revised, same.pages_not_modified, same.articles_unchanged, same.alerts_sent) == (1, 1, 0, 0)

    # the page is corrected (three killed): the article is updated in place and the event alerts again
    site.put_story(KIRKUK_UPDATED)
    site.put("/atom.xml", atom(site, [KIRKUK_UPDATED]))
    clock.advance(301)
    revision_seen = clock.now
    update = w.poll_once()
    assert (update.entries_revised, update.articles_updated, update.articles_stored) == (1, 1, 0)
    assert [(a.rule, a.change) for a in update.alerts] == [("Iraq remote violence", "updated")]
    assert h.store is not None
    assert h.store.counts() == {"articles": 1, "events": 1}
    (event,) = h.store.events(EventFilter())
    assert (event["fatalities"], event["injuries"]) == (3, 2)
    assert event["article_ids"] == [article_id(site.url(KIRKUK.path))]
    first, second = alerts_in(tmp_path / "alerts.jsonl")
    assert first["figures"]["fatalities"] == 0 and second["figures"]["fatalities"] == 3
    assert second["change"] == "updated"
    # an update's latency counts from when the revision was seen and from the feed's update time
    assert second["first_seen_at"] == dt.datetime.fromtimestamp(revision_seen, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert second["feed_published_at"] == "2026-11-24T06:30:00Z"
    assert 0 <= second["latency_s"]["since_first_seen"] < 5  # only the fake host delays
    assert second["latency_s"]["since_feed_published"] == pytest.approx(
        second["latency_s"]["since_first_seen"] + revision_seen - KIRKUK_UPDATED.updated.timestamp())  # type: ignore[union-attr]
    assert [p["change"] for p in site.posts] == ["new", "updated"]

    # revised again with a wording change only: stored as an update, no alert (the figures did not change)
    site.put_story(Story(KIRKUK.path, KIRKUK.title, KIRKUK_UPDATED.text.replace("officials said", "officials told "
                                                                                "reporters"), BASE_TIME))
    site.put("/atom.xml", atom(site, [Story(KIRKUK.path, KIRKUK.title, "", BASE_TIME,
                                            updated=BASE_TIME + dt.timedelta(minutes=50))]))
    clock.advance(301)
    reworded = w.poll_once()
    assert (reworded.articles_updated, reworded.alerts_sent) == (1, 0)
    assert len(site.posts) == 2


def test_report_merging_into_an_alerted_event_does_not_alert_again_unless_figures_change(
        site: Site, watched: Harness, clock: FakeClock) -> None:
    publish(site, [BORNO])
    w = watched.open()
    assert w.poll_once().alerts_sent == 1
    other = Story("/news/borno-followup", "Three killed near Maiduguri",
                  "Police said gunmen killed three civilians in an attack on a village near Maiduguri in Borno State "
                  "on Sunday.", BASE_TIME + dt.timedelta(hours=1))
    publish(site, [BORNO, other])
    clock.advance(301)
    second = w.poll_once()
    assert second.articles_stored == 1
    assert watched.store is not None
    (event,) = watched.store.events(EventFilter())
    assert len(event["article_ids"]) == 2  # the second report merged into the alerted event
    assert second.alerts_sent == 0


def test_sitemap_index_and_news_sitemap(site: Site, tmp_path: Path, harness: Callable[..., Harness]) -> None:
    h = harness(sources(site, tmp_path, feeds=[{"url": "/sitemap.xml"}], rules=RULES))
    site.put("/sitemap.xml", sitemap_index(site, ["/sitemap-news.xml"]), "application/xml")
    site.put("/sitemap-news.xml", news_sitemap(site, [KIRKUK, BORNO]), "application/xml")
    for s in (KIRKUK, BORNO):
        site.put_story(s)
    w = h.open()
    s = w.poll_once()
    assert (s.feeds_polled, s.entries_new, s.articles_stored, s.alerts_sent, s.errors) == (2, 2, 2, 2, [])
    assert w.state.entry(site.url(BORNO.path)).feed_published == BORNO.published.timestamp()  # type: ignore[union-attr]


def test_a_matching_event_alerts_and_a_non_matching_one_does_not(site: Site, watched: Harness) -> None:
    publish(site, [NAIROBI])
    w = watched.open()
    s = w.poll_once()
    assert (s.articles_stored, s.events_created, s.alerts_sent) == (1, 1, 0)
    assert site.posts == [] and watched.stdout_alerts() == []


def test_server_down_is_counted_backed_off_and_recovered_from(site: Site, watched: Harness, clock: FakeClock) -> None:
    publish(site, [KIRKUK])
    w = watched.open()
    site.down = True
    down = w.poll_once()  # robots.txt: 503 three times (two retries), with 1 s and 2 s between them
    assert (down.feeds_failed, down.articles_stored) == (1, 0)
    assert "robots.txt could not be read: HTTP 503" in down.errors[0]
    assert site.requests("/robots.txt") == [503, 503, 503]
    assert site.requests("/rss.xml") == []  # RFC 9309: an unreadable robots.txt allows nothing
    assert w.state.feed(site.url("/rss.xml")).failures == 1
    assert w.state.feed(site.url("/rss.xml")).next_poll == pytest.approx(clock.now + 60)

    site.stop()  # now the connection is refused
    clock.advance(61)
    refused = w.poll_once()
    assert refused.feeds_failed == 1 and "ConnectError" in refused.errors[0]
    assert w.state.feed(site.url("/rss.xml")).next_poll == pytest.approx(clock.now + 120)  # doubled
    clock.advance(60)
    assert w.poll_once().feeds_polled == 0  # still backing off

    site.start()
    site.down = False
    clock.advance(61)
    back = w.poll_once()
    assert (back.feeds_polled, back.articles_stored, back.alerts_sent, back.errors) == (1, 1, 1, [])
    assert w.state.feed(site.url("/rss.xml")).failures == 0


def test_page_that_fails_is_retried_on_a_later_round(site: Site, watched: Harness, clock: FakeClock) -> None:
    publish(site, [KIRKUK, NAIROBI])
    site.resources.pop(NAIROBI.path)  # the feed lists it before the page is up
    w = watched.open()
    first = w.poll_once()
    assert (first.articles_stored, first.pages_failed) == (1, 1)
    assert "HTTP 404" in first.errors[0]
    site.put_story(NAIROBI)
    clock.advance(30)
    assert w.poll_once().articles_stored == 0  # not due yet (60 s after the first failure)
    clock.advance(31)
    later = w.poll_once()
    assert (later.feeds_polled, later.articles_stored, later.errors) == (0, 1, [])


def test_page_robots_txt_disallows_is_not_fetched_nor_tried_again(site: Site, watched: Harness,
                                                                  clock: FakeClock) -> None:
    publish(site, [KIRKUK, NAIROBI])
    site.put("/robots.txt", f"User-agent: *\nDisallow: {NAIROBI.path}\n", "text/plain")
    w = watched.open()
    first = w.poll_once()
    assert (first.articles_stored, first.pages_disallowed, first.pages_failed, first.errors) == (1, 1, 0, [])
    assert site.requests(NAIROBI.path) == []
    clock.advance(3600)
    later = w.poll_once()
    assert (later.pages_disallowed, later.pages_failed) == (0, 0) and site.requests(NAIROBI.path) == []


def test_undelivered_webhook_alert_is_retried_next_round(site: Site, watched: Harness, clock: FakeClock,
                                                         tmp_path: Path) -> None:
    publish(site, [KIRKUK])
    site.hook_failures = 3  # the first delivery and its two retries fail
    w = watched.open()
    first = w.poll_once()
    assert first.alerts_sent == 1 and site.posts == []
    assert any("webhook" in e for e in first.errors)
    assert len(alerts_in(tmp_path / "alerts.jsonl")) == 1  # the other sinks got it
    clock.advance(61)
    second = w.poll_once()
    assert second.webhook_redelivered == 1 and second.alerts_sent == 0
    assert [p["event_id"] for p in site.posts] == [first.alerts[0].event_id]
    clock.advance(600)
    assert w.poll_once().webhook_redelivered == 0
    assert len(site.posts) == 1


def test_state_survives_a_restart(site: Site, watched: Harness, clock: FakeClock, tmp_path: Path) -> None:
    publish(site, [KIRKUK, BORNO])
    assert watched.open().poll_once().alerts_sent == 2
    site.hook_failures = 3
    publish(site, [KIRKUK, BORNO, NAIROBI])
    clock.advance(301)
    before = watched.watcher.poll_once()  # type: ignore[union-attr]
    assert before.articles_stored == 1

    w = watched.open()  # a new process: new Watcher, store and state connections on the same files
    clock.advance(301)
    after = w.poll_once()
    assert (after.feeds_not_modified, after.entries_new, after.pages_fetched, after.articles_stored,
            after.alerts_sent) == (1, 0, 0, 0, 0)
    assert site.requests("/rss.xml")[-1] == 304
    assert len(alerts_in(tmp_path / "alerts.jsonl")) == 2
    assert watched.store is not None and watched.store.counts()["articles"] == 3


def test_restart_after_a_crash_between_store_and_alert_sends_the_alert(site: Site, watched: Harness,
                                                                      clock: FakeClock) -> None:
    publish(site, [KIRKUK])
    w = watched.open()

    def killed(*_args: object) -> None:
        raise KeyboardInterrupt  # the process dies after storing the article, before alerting

    w._alert = killed  # type: ignore[method-assign]
    with pytest.raises(KeyboardInterrupt):
        w.poll_once()
    assert watched.store is not None and watched.store.counts()["articles"] == 1
    w = watched.open()
    s = w.poll_once()
    assert (s.articles_stored, s.articles_unchanged, s.alerts_sent) == (0, 1, 1)
    clock.advance(301)
    w.state.conn.execute("UPDATE entries SET status = 'pending', etag = NULL, last_modified = NULL")
    again = w.poll_once()
    assert (again.articles_unchanged, again.alerts_sent) == (1, 0)
    assert len(site.posts) == 1


def test_run_stops_cleanly_on_sigterm(site: Site, watched: Harness) -> None:
    publish(site, [NAIROBI])
    w = watched.open()
    rounds: list[int] = []

    def wait(_seconds: float) -> None:
        if len(rounds) == 2:
            os.kill(os.getpid(), signal.SIGTERM)

    w._wait = wait  # type: ignore[method-assign]
    before = signal.getsignal(signal.SIGTERM)
    total = w.run(on_round=lambda s: rounds.append(s.articles_stored))
    assert total.rounds == 2 and rounds == [1, 0]
    assert signal.getsignal(signal.SIGTERM) is before
    assert threading.current_thread() is threading.main_thread()
