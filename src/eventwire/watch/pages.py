"""Article pages into Articles: the main text, title and publication date (trafilatura), with the date falling
back to the feed's, then to the day it was fetched; the raw HTML is kept gzip'd, one file per URL."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import trafilatura

from eventwire.model import Article
from eventwire.watch.feeds import Entry

MIN_WORDS = 6


@dataclass(frozen=True)
class Page:
    """What an article page gives: its text and title, and its date with where the date came from
    ("page", "feed" or "fetched")."""

    url: str
    title: str | None
    text: str
    published: dt.date
    date_from: str


def url_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def article_id(url: str) -> str:
    """A stable article id for a URL, so a new version of the page updates the same article."""
    return "web-" + url_key(url)[:16]


def raw_path(raw_dir: Path, url: str) -> Path:
    return raw_dir / f"{url_key(url)[:32]}.html.gz"


def keep_raw(raw_dir: Path, url: str, body: bytes) -> Path:
    """Write the page's HTML, gzip'd, to the raw folder (replacing an older version), atomically."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    path = raw_path(raw_dir, url)
    tmp = path.with_suffix(".tmp")
    with gzip.open(tmp, "wb") as out:
        out.write(body)
    os.replace(tmp, path)
    return path


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_page(body: bytes, url: str, entry: Entry | None, fetched: dt.datetime) -> Page | None:
    """The page's main text, title and date; None when no main text (of at least MIN_WORDS words) is found."""
    doc = trafilatura.bare_extraction(body, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    if doc is None:
        return None
    if not isinstance(doc, dict):
        doc = doc.as_dict()
    text = str(doc.get("text") or "").strip()
    if len(text.split()) < MIN_WORDS:  # a menu or a stub, not an article
        return None
    title = str(doc.get("title") or "").strip() or (entry.title if entry else None)
    # trafilatura keeps the headline as the first line of the text; the title is stored on its own
    first, _, rest = text.partition("\n")
    if title and rest.strip() and first.strip() == title:
        text = rest.strip()
    published = _date(doc.get("date"))
    date_from = "page"
    if published is None and entry is not None and entry.published is not None:
        published, date_from = entry.published.date(), "feed"
    if published is None:
        published, date_from = fetched.date(), "fetched"
    return Page(url, title, text, published, date_from)


def to_article(page: Page, source_url: str) -> Article:
    return Article(id=article_id(source_url), text=page.text, published=page.published, url=source_url,
                   title=page.title, source=urlsplit(source_url).netloc.lower() or None, origin=source_url)
