"""SOURCES.toml: what `eventwire watch` follows, how politely, which events raise alerts and where they go.

    [settings]            # all optional
    poll_interval = 300   # seconds between polls of a feed (a feed's own `interval` wins)
    host_delay = 2.0      # minimum seconds between two requests to one host
    user_agent = "eventwire-watch/0.1 (+mailto:you@example.org)"
    timeout = 20          # seconds per request
    max_bytes = 5000000   # bodies larger than this are refused
    retries = 3           # extra attempts on connection errors, 5xx and 429
    robots = true         # obey each site's robots.txt (RFC 9309); false only for sites you run or may crawl
    retry_backoff = 1.0   # first wait between attempts (doubles each time; Retry-After wins)
    failure_backoff = 60  # first wait before polling a failed feed or page again (doubles per failure)
    max_backoff = 3600    # the longest of those waits
    state = "watch-state.sqlite"   # relative paths are relative to this file
    raw_dir = "raw-html"
    db = "eventwire.db"   # or a postgresql:// URL; --db wins

    [[feeds]]
    url = "https://example.org/rss.xml"
    kind = "auto"         # rss | atom | sitemap | auto
    interval = 120

    [[rules]]
    name = "Kirkuk bases"
    countries = ["Iraq"]          # each condition given must hold; a list matches any of its items
    admin1 = ["Kirkuk"]
    point = [35.47, 44.39]        # latitude, longitude; with radius_km
    radius_km = 50
    event_types = ["Explosions/Remote violence"]
    sub_event_types = []
    actors = ["Islamic State"]    # substring of actor1 or actor2, any case
    min_fatalities = 0

    [alerts]
    stdout = true                 # one JSON line per alert
    jsonl = "alerts.jsonl"
    webhook = "https://example.org/hook"
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from eventwire.model import EVENT_TAXONOMY, SUB_EVENT_TO_TYPE
from eventwire.watch.fetch import FetchPolicy

FEED_KINDS = ("auto", "rss", "atom", "sitemap")


class ConfigError(ValueError):
    """A sources file that cannot be used; the message names the file and the key."""


_FETCH = FetchPolicy()  # the fetching defaults are the fetcher's own, kept in one place


@dataclass(frozen=True)
class Settings:
    poll_interval: float = 300.0
    host_delay: float = _FETCH.host_delay
    user_agent: str = _FETCH.user_agent
    timeout: float = _FETCH.timeout
    max_bytes: int = _FETCH.max_bytes
    retries: int = _FETCH.retries
    retry_backoff: float = _FETCH.retry_backoff
    failure_backoff: float = 60.0
    max_backoff: float = _FETCH.max_backoff
    state: Path = Path("watch-state.sqlite")
    raw_dir: Path = Path("raw-html")
    db: str | None = None
    robots: bool = _FETCH.robots


@dataclass(frozen=True)
class Feed:
    url: str
    kind: str = "auto"
    interval: float | None = None


@dataclass(frozen=True)
class Rule:
    """Which events raise an alert; every condition that is set must hold (see `eventwire.watch.rules`)."""

    name: str
    countries: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    point: tuple[float, float] | None = None  # (latitude, longitude)
    radius_km: float | None = None
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    min_fatalities: int | None = None


@dataclass(frozen=True)
class AlertSinks:
    stdout: bool = True
    jsonl: Path | None = None
    webhook: str | None = None


@dataclass(frozen=True)
class WatchConfig:
    settings: Settings = field(default_factory=Settings)
    feeds: tuple[Feed, ...] = ()
    rules: tuple[Rule, ...] = ()
    alerts: AlertSinks = field(default_factory=AlertSinks)
    path: Path | None = None

    def interval(self, feed: Feed) -> float:
        return feed.interval if feed.interval is not None else self.settings.poll_interval


def load_config(path: str | Path) -> WatchConfig:
    """Read and check a sources file; ConfigError names the file and the offending key."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return parse_config(data, path)


def parse_config(data: dict[str, Any], path: Path | None = None) -> WatchConfig:
    """A checked WatchConfig from parsed TOML; relative paths are resolved against the file's folder."""
    reader = _Reader(str(path) if path else "<sources>", path.parent if path else Path("."))
    reader.keys(data, "", {"settings", "feeds", "rules", "alerts"})
    settings = reader.settings(reader.table(data, "settings"))
    feeds = tuple(reader.feed(f, i) for i, f in enumerate(reader.tables(data, "feeds")))
    seen: set[str] = set()
    for i, feed in enumerate(feeds):
        if feed.url in seen:
            reader.fail(f"feeds[{i}].url", f"{feed.url} is listed twice")
        seen.add(feed.url)
    rules = tuple(reader.rule(r, i) for i, r in enumerate(reader.tables(data, "rules")))
    names = [r.name for r in rules]
    for i, name in enumerate(names):
        if name in names[:i]:
            reader.fail(f"rules[{i}].name", f"{name!r} is used by another rule")
    alerts = reader.alerts(reader.table(data, "alerts"))
    return WatchConfig(settings, feeds, rules, alerts, path)


class _Reader:
    """Typed reads of TOML values with errors that name the file and the key."""

    def __init__(self, name: str, base: Path) -> None:
        self.name = name
        self.base = base

    def fail(self, key: str, message: str) -> None:
        raise ConfigError(f"{self.name}: {key}: {message}")

    def keys(self, table: dict[str, Any], where: str, allowed: set[str]) -> None:
        for key in table:
            if key not in allowed:
                self.fail(f"{where}{key}", f"unknown key (expected one of {', '.join(sorted(allowed))})")

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            self.fail(key, "expected a table ([" + key + "])")
        return dict(value)

    def tables(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.fail(key, f"expected an array of tables ([[{key}]])")
        return list(value)

    def number(self, table: dict[str, Any], key: str, where: str, default: float | None, *,
               positive: bool = False) -> float | None:
        value = table.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            self.fail(where + key, f"expected a number, got {value!r}")
        if value < 0 or (positive and value == 0):
            self.fail(where + key, f"must be {'greater than' if positive else 'at least'} 0, got {value!r}")
        return float(value)

    def integer(self, table: dict[str, Any], key: str, where: str, default: int | None) -> int | None:
        value = table.get(key, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(where + key, f"expected a whole number of at least 0, got {value!r}")
        return int(value)

    def string(self, table: dict[str, Any], key: str, where: str, default: str | None) -> str | None:
        value = table.get(key, default)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(where + key, f"expected a non-empty string, got {value!r}")
        return str(value).strip()

    def boolean(self, table: dict[str, Any], key: str, where: str, default: bool) -> bool:
        value = table.get(key, default)
        if not isinstance(value, bool):
            self.fail(where + key, f"expected true or false, got {value!r}")
        return bool(value)

    def strings(self, table: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(where + key, f"expected a list of non-empty strings, got {value!r}")
        return tuple(v.strip() for v in value)

    def url(self, table: dict[str, Any], key: str, where: str) -> str | None:
        value = self.string(table, key, where, None)
        if value is not None:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                self.fail(where + key, f"expected an http:// or https:// URL, got {value!r}")
        return value

    def path(self, table: dict[str, Any], key: str, where: str, default: Path | None) -> Path | None:
        value = self.string(table, key, where, None)
        if value is None:
            return default if default is None or default.is_absolute() else self.base / default
        p = Path(value).expanduser()
        return p if p.is_absolute() else self.base / p

    def settings(self, t: dict[str, Any]) -> Settings:
        d = Settings()
        self.keys(t, "settings.", {f for f in Settings.__dataclass_fields__})
        w = "settings."
        db = self.string(t, "db", w, None)
        if db is not None and not db.startswith(("postgresql://", "postgres://")):
            p = Path(db).expanduser()
            db = str(p if p.is_absolute() else self.base / p)
        state = self.path(t, "state", w, d.state)
        raw_dir = self.path(t, "raw_dir", w, d.raw_dir)
        assert state is not None and raw_dir is not None
        retry_backoff = self.number(t, "retry_backoff", w, d.retry_backoff)
        failure_backoff = self.number(t, "failure_backoff", w, d.failure_backoff)
        max_backoff = self.number(t, "max_backoff", w, d.max_backoff)
        assert retry_backoff is not None and failure_backoff is not None and max_backoff is not None
        if max_backoff < max(retry_backoff, failure_backoff):
            self.fail(w + "max_backoff", "must be at least retry_backoff and failure_backoff")
        return Settings(
            poll_interval=self.number(t, "poll_interval", w, d.poll_interval, positive=True) or d.poll_interval,
            host_delay=self.number(t, "host_delay", w, d.host_delay) or 0.0,
            user_agent=self.string(t, "user_agent", w, d.user_agent) or d.user_agent,
            timeout=self.number(t, "timeout", w, d.timeout, positive=True) or d.timeout,
            max_bytes=self.integer(t, "max_bytes", w, d.max_bytes) or d.max_bytes,
            retries=self.integer(t, "retries", w, d.retries) or 0,
            retry_backoff=retry_backoff, failure_backoff=failure_backoff, max_backoff=max_backoff,
            state=state, raw_dir=raw_dir, db=db, robots=self.boolean(t, "robots", w, d.robots))

    def feed(self, t: dict[str, Any], i: int) -> Feed:
        w = f"feeds[{i}]."
        self.keys(t, w, {"url", "kind", "interval"})
        url = self.url(t, "url", w)
        if url is None:
            self.fail(w + "url", "missing: every feed needs a url")
        kind = self.string(t, "kind", w, "auto")
        if kind not in FEED_KINDS:
            self.fail(w + "kind", f"expected one of {', '.join(FEED_KINDS)}, got {kind!r}")
        assert url is not None and kind is not None
        return Feed(url, kind, self.number(t, "interval", w, None, positive=True))

    def rule(self, t: dict[str, Any], i: int) -> Rule:
        w = f"rules[{i}]."
        self.keys(t, w, {f for f in Rule.__dataclass_fields__})
        name = self.string(t, "name", w, None)
        if name is None:
            self.fail(w + "name", "missing: every rule needs a name")
        assert name is not None
        event_types = self.strings(t, "event_types", w)
        for value in event_types:
            if value.lower() not in {e.lower() for e in EVENT_TAXONOMY}:
                self.fail(w + "event_types", f"{value!r} is not an ACLED event type ({', '.join(EVENT_TAXONOMY)})")
        sub_event_types = self.strings(t, "sub_event_types", w)
        for value in sub_event_types:
            if value.lower() not in {s.lower() for s in SUB_EVENT_TO_TYPE}:
                self.fail(w + "sub_event_types", f"{value!r} is not an ACLED sub-event type")
        point: tuple[float, float] | None = None
        raw_point = t.get("point")
        if raw_point is not None:
            if (not isinstance(raw_point, list) or len(raw_point) != 2
                    or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in raw_point)):
                self.fail(w + "point", f"expected [latitude, longitude], got {raw_point!r}")
            lat, lon = float(raw_point[0]), float(raw_point[1])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                self.fail(w + "point", f"[{lat}, {lon}] is not a latitude in [-90, 90] and longitude in [-180, 180]")
            point = (lat, lon)
        radius = self.number(t, "radius_km", w, None, positive=True)
        if (point is None) != (radius is None):
            self.fail(w + ("radius_km" if point is not None else "point"), "point and radius_km go together")
        return Rule(name=name, countries=self.strings(t, "countries", w), admin1=self.strings(t, "admin1", w),
                    point=point, radius_km=radius, event_types=event_types, sub_event_types=sub_event_types,
                    actors=self.strings(t, "actors", w), min_fatalities=self.integer(t, "min_fatalities", w, None))

    def alerts(self, t: dict[str, Any]) -> AlertSinks:
        w = "alerts."
        self.keys(t, w, {"stdout", "jsonl", "webhook"})
        return AlertSinks(stdout=self.boolean(t, "stdout", w, True), jsonl=self.path(t, "jsonl", w, None),
                          webhook=self.url(t, "webhook", w))
