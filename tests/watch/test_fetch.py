"""The polite HTTP client against the local site: conditional requests, per-host delay, retries with backoff
(Retry-After honoured), the body size cap; the clock and the sleeps are fake, so nothing waits."""

from __future__ import annotations

import email.utils

import pytest
from newssite import Site
from watchkit import FakeClock

from eventwire.watch.fetch import Fetcher, FetchError, FetchPolicy, backoff_delay, next_attempt, parse_retry_after


def fetcher(clock: FakeClock, **policy: object) -> Fetcher:
    settings: dict[str, object] = {"host_delay": 2.0, "retries": 3, "retry_backoff": 1.0, "max_backoff": 30.0,
                                   **policy}
    return Fetcher(FetchPolicy(**settings), clock=clock, sleep=clock.sleep, wall=clock)  # type: ignore[arg-type]


def test_backoff_doubles_up_to_the_cap_and_retry_after_wins() -> None:
    assert [backoff_delay(i, 1.0, 10.0) for i in range(6)] == [1, 2, 4, 8, 10, 10]
    assert backoff_delay(0, 1.0, 10.0, retry_after=7) == 7
    assert backoff_delay(3, 1.0, 10.0, retry_after=120) == 10
    assert [next_attempt(n, 60, 900) for n in range(6)] == [0, 60, 120, 240, 480, 900]


def test_retry_after_in_seconds_or_as_a_date() -> None:
    now = 1_795_503_600.0
    assert parse_retry_after("30", now) == 30
    assert parse_retry_after(email.utils.formatdate(now + 90, usegmt=True), now) == 90
    assert parse_retry_after(email.utils.formatdate(now - 90, usegmt=True), now) == 0
    assert parse_retry_after("soon", now) is None and parse_retry_after(None, now) is None


def test_conditional_get_answers_not_modified(site: Site, clock: FakeClock) -> None:
    site.put("/feed", "<rss/>", "application/rss+xml")
    f = fetcher(clock)
    first = f.get(site.url("/feed"))
    assert first.status == 200 and first.body == b"<rss/>" and first.etag and first.last_modified
    assert f.get(site.url("/feed"), etag=first.etag).not_modified
    assert f.get(site.url("/feed"), last_modified=first.last_modified).not_modified
    site.put("/feed", "<rss>new</rss>")
    changed = f.get(site.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert changed.status == 200 and changed.body == b"<rss>new</rss>" and changed.etag != first.etag
    f.close()


def test_minimum_delay_between_requests_to_one_host(site: Site, clock: FakeClock) -> None:
    site.put("/a", "a")
    f = fetcher(clock, host_delay=2.0)
    f.get(site.url("/a"))
    assert clock.sleeps == []
    f.get(site.url("/a"))
    assert clock.sleeps == [2.0]
    clock.advance(1.5)
    f.get(site.url("/a"))
    assert clock.sleeps == [2.0, pytest.approx(0.5)]
    clock.advance(5)
    f.get(site.url("/a"))
    assert len(clock.sleeps) == 2  # the delay had passed already
    # another host has its own slot ("localhost" and "127.0.0.1" are different hosts to the client)
    f.get(site.url("/a").replace("127.0.0.1", "localhost"))
    assert len(clock.sleeps) == 2
    f.close()


def test_retries_with_exponential_backoff_then_gives_up(site: Site, clock: FakeClock) -> None:
    site.put("/a", "a")
    site.down = True
    f = fetcher(clock, host_delay=0.0)
    with pytest.raises(FetchError) as info:
        f.get(site.url("/a"))
    assert info.value.status == 503 and "after 4 attempts" in str(info.value)
    assert clock.sleeps == [1.0, 2.0, 4.0]
    assert site.requests("/a") == [503] * 4


def test_retry_after_is_honoured_and_a_recovered_server_answers(site: Site, clock: FakeClock) -> None:
    site.put("/a", "a")
    site.down = True
    site.retry_after = "7"
    f = fetcher(clock, host_delay=0.0, retries=1)
    with pytest.raises(FetchError):
        f.get(site.url("/a"))
    assert clock.sleeps == [7.0]
    site.down = False
    assert f.get(site.url("/a")).body == b"a"


def test_connection_refused_is_retried_then_reported(site: Site, clock: FakeClock) -> None:
    url = site.url("/a")
    site.stop()
    f = fetcher(clock, host_delay=0.0, retries=2)
    with pytest.raises(FetchError) as info:
        f.get(url)
    assert info.value.status is None and "ConnectError" in str(info.value)
    assert clock.sleeps == [1.0, 2.0]


def test_client_errors_are_not_retried(site: Site, clock: FakeClock) -> None:
    f = fetcher(clock, host_delay=0.0)
    with pytest.raises(FetchError) as info:
        f.get(site.url("/missing"))
    assert info.value.status == 404 and clock.sleeps == []
    assert site.requests("/missing") == [404]


def test_bodies_over_the_cap_are_refused(site: Site, clock: FakeClock) -> None:
    site.put("/big", "x" * 5000)
    site.put("/small", "x" * 100)
    f = fetcher(clock, host_delay=0.0, max_bytes=1000)
    with pytest.raises(FetchError, match="over the limit"):
        f.get(site.url("/big"))
    assert f.get(site.url("/small")).body == b"x" * 100


def test_post_json_reaches_the_hook_and_retries(site: Site, clock: FakeClock) -> None:
    f = fetcher(clock, host_delay=0.0, retries=2)
    site.hook_failures = 1
    f.post_json(site.url("/hook"), {"a": "é"})
    assert site.posts == [{"a": "é"}] and clock.sleeps == [1.0]
