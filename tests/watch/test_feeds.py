"""Feed documents into entries: RSS, Atom, news sitemaps, sitemap indexes; hostile XML is not expanded."""

from __future__ import annotations

import datetime as dt

import pytest
from newssite import BASE_TIME, Site, Story, atom, news_sitemap, rss, sitemap_index

from eventwire.watch.feeds import FeedError, parse_feed

STORIES = [Story("/a", "Rockets hit Kirkuk base", "", BASE_TIME),
           Story("/b", "Gunmen kill three", "", BASE_TIME + dt.timedelta(minutes=5),
                 updated=BASE_TIME + dt.timedelta(hours=1))]


@pytest.mark.parametrize("kind", ["rss", "auto"])
def test_rss(site: Site, kind: str) -> None:
    parsed = parse_feed(rss(site, STORIES).encode(), kind, site.url("/rss.xml"))
    assert [(e.url, e.title, e.published) for e in parsed.entries] == [
        (site.url("/a"), "Rockets hit Kirkuk base", BASE_TIME),
        (site.url("/b"), "Gunmen kill three", BASE_TIME + dt.timedelta(minutes=5))]
    assert parsed.entries[0].updated is None  # RSS states no update time
    assert parsed.entries[0].revision == BASE_TIME.isoformat()


def test_atom_has_update_times(site: Site) -> None:
    parsed = parse_feed(atom(site, STORIES).encode(), "atom", site.url("/atom.xml"))
    b = parsed.entries[1]
    assert (b.url, b.published, b.updated) == (site.url("/b"), STORIES[1].published, STORIES[1].updated)
    assert b.revision == STORIES[1].updated.isoformat()  # type: ignore[union-attr]


def test_relative_links_are_resolved_and_non_http_links_dropped() -> None:
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
            b"<item><title>one</title><link>/news/1</link></item>"
            b"<item><title>two</title><link>mailto:desk@example.org</link></item>"
            b"<item><title>one again</title><link>https://example.org/news/1</link></item></channel></rss>")
    parsed = parse_feed(body, "auto", "https://example.org/feeds/rss.xml")
    assert [e.url for e in parsed.entries] == ["https://example.org/news/1"]


@pytest.mark.parametrize("kind", ["sitemap", "auto"])
def test_news_sitemap_gives_publication_dates_and_titles(site: Site, kind: str) -> None:
    parsed = parse_feed(news_sitemap(site, STORIES).encode(), kind, site.url("/sitemap.xml"))
    assert [(e.url, e.title, e.published, e.updated) for e in parsed.entries] == [
        (site.url("/a"), "Rockets hit Kirkuk base", BASE_TIME, BASE_TIME),
        (site.url("/b"), "Gunmen kill three", STORIES[1].published, STORIES[1].updated)]


def test_plain_sitemap_and_index() -> None:
    plain = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<url><loc>https://example.org/x</loc><lastmod>2026-11-20</lastmod></url>"
             b"<url><loc>https://example.org/y</loc></url></urlset>")
    parsed = parse_feed(plain, "auto", "https://example.org/sitemap.xml")
    assert [(e.url, e.published, e.updated) for e in parsed.entries] == [
        ("https://example.org/x", None, dt.datetime(2026, 11, 20, tzinfo=dt.UTC)),
        ("https://example.org/y", None, None)]


def test_sitemap_index_lists_its_children(site: Site) -> None:
    parsed = parse_feed(sitemap_index(site, ["/s1.xml", "/s2.xml"]).encode(), "auto", site.url("/index.xml"))
    assert parsed.entries == [] and parsed.sitemaps == [site.url("/s1.xml"), site.url("/s2.xml")]


def test_entities_are_not_expanded() -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa">'
              b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
              b'<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
              b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
              b"<url><loc>https://example.org/&c;&secret;</loc></url></urlset>")
    parsed = parse_feed(laughs, "sitemap", "https://example.org/sitemap.xml")
    assert [e.url for e in parsed.entries] == ["https://example.org/"]  # neither expanded nor read from disk


@pytest.mark.parametrize(("body", "kind"), [(b"<html><body>Not a feed</body></html>", "sitemap"),
                                            (b"<html><body>Not a feed</body></html>", "rss"),
                                            (b"\x00\x01 garbage", "auto")])
def test_documents_that_are_not_feeds_are_errors(body: bytes, kind: str) -> None:
    with pytest.raises(FeedError):
        parse_feed(body, kind, "https://example.org/feed")
