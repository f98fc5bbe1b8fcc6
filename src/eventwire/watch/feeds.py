"""Feed documents into entries: RSS and Atom (feedparser), sitemaps and sitemap indexes, including Google News
sitemaps with their publication dates (lxml with entities, DTDs and network access turned off)."""

from __future__ import annotations

import calendar
import datetime as dt
import io
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


class FeedError(ValueError):
    """A document that is not a feed or sitemap of the expected kind."""


@dataclass(frozen=True)
class Entry:
    """One item of a feed: the article's URL, its title and the times the feed states (UTC), if any.
    `updated` tells a revised article apart (Atom <updated>, sitemap <lastmod>)."""

    url: str
    title: str | None = None
    published: dt.datetime | None = None
    updated: dt.datetime | None = None

    @property
    def revision(self) -> str:
        """What changes when the feed says the article changed."""
        stamp = self.updated or self.published
        return stamp.isoformat() if stamp else ""


@dataclass(frozen=True)
class Parsed:
    entries: list[Entry]
    sitemaps: list[str] = field(default_factory=list)  # the children of a sitemap index


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                           remove_comments=True)


def looks_like_sitemap(body: bytes) -> bool:
    head = body[:2048].lower()
    return b"<urlset" in head or b"<sitemapindex" in head


def parse_feed(body: bytes, kind: str, base_url: str) -> Parsed:
    """Entries of a feed document; `kind` is rss, atom, sitemap or auto (sniffed from the document)."""
    if kind == "sitemap" or (kind == "auto" and looks_like_sitemap(body)):
        return parse_sitemap(body, base_url)
    return parse_rss_atom(body, base_url)


def _struct_time(value: Any) -> dt.datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(value), tz=dt.UTC)


def _http_url(url: str | None, base_url: str) -> str | None:
    if not url:
        return None
    absolute = urljoin(base_url, url.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def parse_rss_atom(body: bytes, base_url: str) -> Parsed:
    parsed = feedparser.parse(io.BytesIO(body), response_headers={"content-location": base_url})
    if parsed.get("bozo") and not parsed.get("entries") and not parsed.get("feed"):
        raise FeedError(f"not an RSS or Atom feed: {parsed.get('bozo_exception')}")
    if not parsed.get("version") and not parsed.get("entries"):
        raise FeedError("not an RSS or Atom feed")
    entries: list[Entry] = []
    seen: set[str] = set()
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            guid = item.get("id")
            link = guid if isinstance(guid, str) and guid.startswith(("http://", "https://")) else None
        url = _http_url(link, base_url)
        if url is None or url in seen:
            continue
        seen.add(url)
        title = item.get("title")
        entries.append(Entry(url, title.strip() or None if isinstance(title, str) else None,
                             # dict.get: feedparser's own get() would answer an absent <updated> with the publication
                             # date (and a deprecation warning)
                             _struct_time(dict.get(item, "published_parsed")),
                             _struct_time(dict.get(item, "updated_parsed"))))
    return Parsed(entries)


def _sitemap_time(text: str | None) -> dt.datetime | None:
    """A W3C datetime (YYYY, YYYY-MM-DD or a full timestamp) as UTC; None if it is not one."""
    if not text:
        return None
    text = text.strip()
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            value = dt.datetime.strptime(text, "%Y-%m")
        except ValueError:
            return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def parse_sitemap(body: bytes, base_url: str) -> Parsed:
    try:
        root = etree.fromstring(body, parser=_safe_parser())
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not a sitemap: {exc}") from None
    if root is None:
        raise FeedError("not a sitemap: empty document")
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        children = [_http_url(loc.text, base_url) for loc in root.iter(f"{{{SITEMAP_NS}}}loc", "loc")]
        return Parsed([], [c for c in children if c])
    if tag != "urlset":
        raise FeedError(f"not a sitemap: root element <{tag}>")
    entries: list[Entry] = []
    seen: set[str] = set()
    for node in root:
        if not isinstance(node.tag, str) or etree.QName(node).localname != "url":
            continue
        url = _http_url(_child_text(node, SITEMAP_NS, "loc"), base_url)
        if url is None or url in seen:
            continue
        seen.add(url)
        news = _child(node, NEWS_NS, "news")
        published = title = None
        if news is not None:
            published = _sitemap_time(_child_text(news, NEWS_NS, "publication_date"))
            title = _child_text(news, NEWS_NS, "title")
        updated = _sitemap_time(_child_text(node, SITEMAP_NS, "lastmod"))
        entries.append(Entry(url, title.strip() or None if title else None, published, updated))
    return Parsed(entries)


def _child(node: Any, ns: str, name: str) -> Any:
    found = node.find(f"{{{ns}}}{name}")
    return found if found is not None else node.find(name)


def _child_text(node: Any, ns: str, name: str) -> str | None:
    found = _child(node, ns, name)
    return found.text if found is not None and found.text else None
