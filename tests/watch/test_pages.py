"""Article pages into articles: main text without the page furniture, the date from the page, else the feed,
else the fetch; the raw HTML kept gzip'd per URL."""

from __future__ import annotations

import datetime as dt
import gzip
from pathlib import Path

from newssite import BASE_TIME, Story, article_html

from eventwire.watch.feeds import Entry
from eventwire.watch.pages import article_id, extract_page, keep_raw, raw_path, to_article

URL = "http://127.0.0.1:9/news/kirkuk"
STORY = Story("/news/kirkuk", "Rockets hit air base near Kirkuk",
              "Rockets struck an air base near Kirkuk on Monday, wounding two soldiers, Iraqi security officials "
              "said.\n\nNo group claimed responsibility for the attack.", dt.datetime(2026, 11, 20, 9, 0,
                                                                                       tzinfo=dt.UTC))
FETCHED = dt.datetime(2026, 11, 24, 7, 0, tzinfo=dt.UTC)


def test_text_title_and_date_from_the_page() -> None:
    page = extract_page(article_html(STORY, URL).encode(), URL, None, FETCHED)
    assert page is not None
    assert page.title == STORY.title
    assert page.text == ("Rockets struck an air base near Kirkuk on Monday, wounding two soldiers, Iraqi security "
                         "officials said.\nNo group claimed responsibility for the attack.")
    assert "Copyright" not in page.text and "Sport" not in page.text
    assert (page.published, page.date_from) == (dt.date(2026, 11, 20), "page")


def test_date_falls_back_to_the_feed_then_the_fetch() -> None:
    undated = article_html(Story(STORY.path, STORY.title, STORY.text, STORY.published, date_in_page=False), URL)
    entry = Entry(URL, "Feed title", published=BASE_TIME - dt.timedelta(days=2))
    page = extract_page(undated.encode(), URL, entry, FETCHED)
    assert page is not None and (page.published, page.date_from) == (dt.date(2026, 11, 22), "feed")
    page = extract_page(undated.encode(), URL, Entry(URL), FETCHED)
    assert page is not None and (page.published, page.date_from) == (dt.date(2026, 11, 24), "fetched")


def test_page_without_text_gives_nothing() -> None:
    menu = b"<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav></body></html>"
    assert extract_page(menu, URL, None, FETCHED) is None


def test_article_has_a_stable_id_per_url() -> None:
    page = extract_page(article_html(STORY, URL).encode(), URL, None, FETCHED)
    assert page is not None
    article = to_article(page, URL)
    assert article.id == article_id(URL) != article_id(URL + "?v=2")
    assert (article.url, article.source, article.published) == (URL, "127.0.0.1:9", dt.date(2026, 11, 20))


def test_raw_html_is_kept_gzipped_per_url(tmp_path: Path) -> None:
    path = keep_raw(tmp_path / "raw", URL, b"<html>one</html>")
    assert path == raw_path(tmp_path / "raw", URL) and path.name.endswith(".html.gz")
    keep_raw(tmp_path / "raw", URL, b"<html>two</html>")
    keep_raw(tmp_path / "raw", URL + "/other", b"<html>other</html>")
    assert gzip.decompress(path.read_bytes()) == b"<html>two</html>"
    assert sorted(p.name for p in (tmp_path / "raw").iterdir()) == sorted(
        [path.name, raw_path(tmp_path / "raw", URL + "/other").name])
