"""A polite HTTP client: robots.txt obeyed (RFC 9309, read with the standard library's `urllib.robotparser`),
conditional GETs, a minimum delay between requests to one host (a site's Crawl-delay wins when longer), retries
with exponential backoff (Retry-After honoured) on connection errors, 5xx and 429, timeouts and a cap on body size.

The clock and the sleep are injectable, so the delays can be checked without waiting.
"""

from __future__ import annotations

import email.utils
import json
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

log = logging.getLogger(__name__)

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})

ROBOTS_TTL = 24 * 3600.0  # seconds a site's robots.txt is kept before it is read again (RFC 9309: at most a day)
ROBOTS_UNREACHABLE_TTL = 60.0  # after a 5xx or a network error, nothing of the site is fetched for this long
MAX_CRAWL_DELAY = 60.0  # a site's Crawl-delay is obeyed up to this many seconds


class FetchError(Exception):
    """A request that failed for good (after its retries): `status` is None for a network error."""

    def __init__(self, url: str, message: str, status: int | None = None) -> None:
        super().__init__(f"{url}: {message}")
        self.url = url
        self.status = status


class RobotsDisallowed(FetchError):
    """A URL the site's robots.txt does not allow this user agent to fetch; `temporary` when the robots.txt
    could not be read (RFC 9309: then nothing of the site may be fetched for a while)."""

    def __init__(self, url: str, message: str, *, temporary: bool = False) -> None:
        super().__init__(url, message)
        self.temporary = temporary


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


@dataclass(frozen=True)
class FetchPolicy:
    user_agent: str = "eventwire-watch/0.1"
    timeout: float = 20.0
    host_delay: float = 2.0
    retries: int = 3
    retry_backoff: float = 1.0
    max_backoff: float = 3600.0
    max_bytes: int = 5_000_000
    robots: bool = True  # obey robots.txt; turn off only for sites you run or have leave to crawl


def backoff_delay(attempt: int, base: float, cap: float, retry_after: float | None = None) -> float:
    """The wait before retry number `attempt` (0 for the first): base * 2**attempt, or the server's
    Retry-After when it gives one, never more than `cap`."""
    if retry_after is not None:
        return min(cap, max(0.0, retry_after))
    return float(min(cap, base * (2 ** min(attempt, 62))))


def parse_retry_after(value: str | None, now: float) -> float | None:
    """Retry-After in seconds: a number of seconds or an HTTP date (`now` is the wall-clock time)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None or when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - now)


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower()


class Fetcher:
    """GET and POST with the politeness rules of a `FetchPolicy`. `clock` is monotonic seconds, `sleep` waits,
    `wall` is the wall-clock time (for Retry-After dates)."""

    def __init__(self, policy: FetchPolicy, *, client: httpx.Client | None = None,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], object] = time.sleep,
                 wall: Callable[[], float] = time.time) -> None:
        self.policy = policy
        self.client = client or httpx.Client(timeout=policy.timeout, follow_redirects=True,
                                             headers={"User-Agent": policy.user_agent})
        self.clock = clock
        self.sleep = sleep
        self.wall = wall
        self._last: dict[str, float] = {}  # host -> clock time its last request started
        # origin -> (when read, its rules or None if unreachable, why unreachable)
        self._robots: dict[str, tuple[float, RobotFileParser | None, str]] = {}
        self._crawl_delay: dict[str, float] = {}  # host -> its robots.txt's Crawl-delay for us

    def close(self) -> None:
        self.client.close()

    def wait_for_host(self, url: str) -> None:
        """Sleep until `host_delay` has passed since the last request to the URL's host, then claim the slot."""
        host = host_of(url)
        last = self._last.get(host)
        if last is not None:
            wait = last + max(self.policy.host_delay, self._crawl_delay.get(host, 0.0)) - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Response:
        """A GET; with validators a 304 comes back as a Response whose `not_modified` is true. A URL the site's
        robots.txt disallows raises `RobotsDisallowed` without being requested."""
        if self.policy.robots:
            self.check_robots(url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._request("GET", url, headers=headers)

    def check_robots(self, url: str) -> None:
        """Raise `RobotsDisallowed` unless the robots.txt of the URL's site lets this user agent fetch it. The
        file is read (with the usual retries) once a day per site, as RFC 9309 allows: a 4xx answer allows
        everything; a 5xx or a network error allows nothing until it is read again, `ROBOTS_UNREACHABLE_TTL`
        seconds later."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        read_at, rules, reason = self._robots.get(origin, (None, None, ""))
        ttl = ROBOTS_TTL if rules is not None else ROBOTS_UNREACHABLE_TTL
        if read_at is None or self.clock() - read_at > ttl:
            rules, reason = self._read_robots(origin)
            self._robots[origin] = (self.clock(), rules, reason)
        agent = self.policy.user_agent
        if rules is None:
            raise RobotsDisallowed(url, f"{origin}/robots.txt could not be read: {reason}; nothing of the site is "
                                        f"fetched for now (RFC 9309)", temporary=True)
        if not rules.can_fetch(agent, url):
            raise RobotsDisallowed(url, f"disallowed by {origin}/robots.txt for user agent {agent!r}")

    def _read_robots(self, origin: str) -> tuple[RobotFileParser | None, str]:
        """The site's rules (None when unreachable) and, for None, why."""
        rules = RobotFileParser(f"{origin}/robots.txt")
        try:
            response = self._request("GET", f"{origin}/robots.txt", headers={})
        except FetchError as exc:
            if exc.status is None or exc.status >= 500:  # (None: a network error, or a body over the limit)
                reason = str(exc).removeprefix(f"{origin}/robots.txt: ")
                log.warning("%s/robots.txt: %s; nothing of the site is fetched for %.0f s", origin, reason,
                            ROBOTS_UNREACHABLE_TTL)
                return None, reason
            rules.parse([])  # 4xx, no robots.txt: no rules, every path may be fetched
            return rules, ""
        rules.parse(response.body.decode("utf-8", errors="replace").splitlines())
        delay = rules.crawl_delay(self.policy.user_agent)
        if delay:
            self._crawl_delay[host_of(origin)] = min(MAX_CRAWL_DELAY, float(delay))
        return rules, ""

    def post_json(self, url: str, payload: Any) -> Response:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return self._request("POST", url, headers={"Content-Type": "application/json"}, content=body)

    def _request(self, method: str, url: str, *, headers: dict[str, str], content: bytes | None = None) -> Response:
        policy = self.policy
        attempt = 0
        while True:
            self.wait_for_host(url)
            retry_after: float | None = None
            try:
                response = self._once(method, url, headers, content)
            except httpx.TransportError as exc:  # connection refused, reset, timeout, ...
                reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
                status: int | None = None
            else:
                if response.status not in RETRY_STATUS and response.status < 500:
                    if response.status >= 400:
                        raise FetchError(url, f"HTTP {response.status}", response.status)
                    return response
                reason, status = f"HTTP {response.status}", response.status
                retry_after = parse_retry_after(response.headers.get("retry-after"), self.wall())
            if attempt >= policy.retries:
                raise FetchError(url, f"{reason} (after {attempt + 1} attempts)", status)
            delay = backoff_delay(attempt, policy.retry_backoff, policy.max_backoff, retry_after)
            log.info("%s %s: %s; retrying in %.1f s", method, url, reason, delay)
            if delay > 0:
                self.sleep(delay)
            attempt += 1

    def _once(self, method: str, url: str, headers: dict[str, str], content: bytes | None) -> Response:
        limit = self.policy.max_bytes
        with self.client.stream(method, url, headers=headers, content=content) as r:
            declared = r.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(url, f"body of {declared} bytes is over the limit of {limit}")
            chunks: list[bytes] = []
            size = 0
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > limit:
                    raise FetchError(url, f"body is over the limit of {limit} bytes")
                chunks.append(chunk)
            return Response(str(r.url), r.status_code, b"".join(chunks),
                            {k.lower(): v for k, v in r.headers.items()})


def next_attempt(failures: int, base: float, cap: float) -> float:
    """Seconds to wait after the `failures`-th failure in a row of a feed or page (1 for the first)."""
    if failures <= 0:
        return 0.0
    return min(cap, base * (2 ** min(failures - 1, 62))) if math.isfinite(base) else cap
