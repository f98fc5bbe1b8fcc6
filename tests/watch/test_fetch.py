"""The polite HTTP client against the local site: conditional requests, per-host delay, retries with backoff
(Retry-After honoured), the body size cap; the clock and the sleeps are fake, so nothing waits."""

from __future__ import annotations

import email.utils

import pytest
from newssite import Site
from watchkit import FakeClock

from eventwire.watch.fetch import (
    ROBOTS_TTL,
    ROBOTS_UNREACHABLE_TTL,
    Fetcher,
    FetchError,
    FetchPolicy,
    RobotsDisallowed,
    backoff_delay,
    next_attempt,
    parse_retry_after,
)


def fetcher(clock: FakeClock, **policy: object) -> Fetcher:
    # (robots.txt off unless a test turns it on: its own request would shift the delays counted here)
    settings: dict[str, object] = {"host_delay": 2.0, "retries": 3, "retry_backoff": 1.0, "max_backoff": 30.0,
                                   "robots": False, **policy}
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


# -- robots.txt (RFC 9309) ---------------------------------------------------------------------------------------

ROBOTS = """User-agent: eventwire-watch
Disallow: /private/
Crawl-delay: 5

User-agent: *
Disallow: /
"""


def test_robots_txt_is_obeyed_for_our_user_agent_and_read_once(site: Site, clock: FakeClock) -> None:
    site.put("/robots.txt", ROBOTS, "text/plain")
    site.put("/news/a", "a")
    site.put("/private/b", "b")
    f = fetcher(clock, robots=True, host_delay=0.0, user_agent="eventwire-watch/0.1 (+mailto:desk@example.org)")
    assert f.get(site.url("/news/a")).body == b"a"  # only "*" is shut out
    with pytest.raises(RobotsDisallowed, match=r"disallowed by .*/robots\.txt for user agent") as info:
        f.get(site.url("/private/b"))
    assert not info.value.temporary
    assert site.requests("/private/b") == []  # never requested
    assert site.requests("/robots.txt") == [200]  # read once for the site
    f.get(site.url("/news/a"))
    assert clock.sleeps == [5.0, 5.0]  # the site's Crawl-delay (5 s) beats our host_delay (0 s)
    clock.advance(ROBOTS_TTL + 1)
    f.get(site.url("/news/a"))
    assert site.requests("/robots.txt") == [200, 200]  # read again after a day


def test_missing_robots_txt_allows_everything(site: Site, clock: FakeClock) -> None:
    site.put("/news/a", "a")
    f = fetcher(clock, robots=True)
    assert f.get(site.url("/news/a")).body == b"a"
    assert site.requests("/robots.txt") == [404]


def test_unreachable_robots_txt_allows_nothing_for_a_while(site: Site, clock: FakeClock) -> None:
    site.put("/news/a", "a")
    site.down = True
    f = fetcher(clock, robots=True, retries=0)
    with pytest.raises(RobotsDisallowed, match=r"robots\.txt could not be read: HTTP 503") as info:
        f.get(site.url("/news/a"))
    assert info.value.temporary and site.requests("/news/a") == []
    site.down = False
    with pytest.raises(RobotsDisallowed):  # still within ROBOTS_UNREACHABLE_TTL: not asked again
        f.get(site.url("/news/a"))
    assert site.requests("/robots.txt") == [503]
    clock.advance(ROBOTS_UNREACHABLE_TTL + 1)
    assert f.get(site.url("/news/a")).body == b"a"


def test_robots_can_be_turned_off(site: Site, clock: FakeClock) -> None:
    site.put("/robots.txt", "User-agent: *\nDisallow: /\n", "text/plain")
    site.put("/news/a", "a")
    assert fetcher(clock, robots=False).get(site.url("/news/a")).body == b"a"
    assert site.requests("/robots.txt") == []
