"""A small news site on 127.0.0.1 for the watch tests: pages and feeds the test writes and changes, ETag and
Last-Modified validators (answering 304), outages (503, or the server stopped), and a webhook that records the
alerts POSTed to it."""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from xml.sax.saxutils import escape

BASE_TIME = dt.datetime(2026, 11, 24, 6, 0, tzinfo=dt.UTC)


@dataclass
class Resource:
    body: bytes
    content_type: str
    etag: str
    last_modified: str


@dataclass(frozen=True)
class Story:
    """An article of the site: its path, headline, text and the times the feeds state."""

    path: str
    title: str
    text: str
    published: dt.datetime
    updated: dt.datetime | None = None
    date_in_page: bool = True


class Site:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.resources: dict[str, Resource] = {}
        self.version = 0
        self.down = False  # answer 503 to everything
        self.retry_after: str | None = None
        self.hook_failures = 0  # answer 500 to this many webhook POSTs
        self.posts: list[dict[str, Any]] = []
        self.log: list[tuple[str, str, int]] = []  # (method, path, status)
        self.server: ThreadingHTTPServer | None = None
        self.port = 0
        self.start()

    # -- running --------------------------------------------------------------------------------------
    def start(self) -> None:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                site._get(self)

            def do_POST(self) -> None:
                site._post(self)

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        server.daemon_threads = True
        self.port = server.server_address[1]
        self.server = server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop(self) -> None:
        """Take the server off the network: connections are refused until `start()`."""
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def requests(self, path: str) -> list[int]:
        """The statuses of the GETs of `path` so far."""
        with self.lock:
            return [status for method, p, status in self.log if p == path and method == "GET"]

    # -- content --------------------------------------------------------------------------------------
    def put(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8") -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self.lock:
            old = self.resources.get(path)
            if old is not None and old.body == data:
                return
            self.version += 1
            stamp = BASE_TIME + dt.timedelta(minutes=self.version)
            self.resources[path] = Resource(data, content_type, '"' + hashlib.sha1(data).hexdigest()[:16] + '"',
                                            email.utils.format_datetime(stamp, usegmt=True))

    def put_story(self, story: Story) -> None:
        self.put(story.path, article_html(story, self.url(story.path)))

    # -- handlers -------------------------------------------------------------------------------------
    def _send(self, h: BaseHTTPRequestHandler, status: int, body: bytes = b"", headers: dict[str, str] | None = None,
              method: str = "GET") -> None:
        with self.lock:
            self.log.append((method, h.path, status))
        h.send_response(status)
        for name, value in (headers or {}).items():
            h.send_header(name, value)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        if body:
            h.wfile.write(body)

    def _get(self, h: BaseHTTPRequestHandler) -> None:
        with self.lock:
            down, retry_after, res = self.down, self.retry_after, self.resources.get(h.path)
        if down:
            self._send(h, 503, b"down for maintenance", {"Retry-After": retry_after} if retry_after else None)
            return
        if res is None:
            self._send(h, 404, b"not found")
            return
        validators = {"ETag": res.etag, "Last-Modified": res.last_modified}
        inm, ims = h.headers.get("If-None-Match"), h.headers.get("If-Modified-Since")
        if inm is not None:
            fresh = inm == res.etag
        elif ims is not None:
            fresh = email.utils.parsedate_to_datetime(ims) >= email.utils.parsedate_to_datetime(res.last_modified)
        else:
            fresh = False
        if fresh:
            self._send(h, 304, b"", validators)
        else:
            self._send(h, 200, res.body, {"Content-Type": res.content_type, **validators})

    def _post(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        data = h.rfile.read(length)
        with self.lock:
            failing = self.hook_failures > 0 or self.down
            if self.hook_failures > 0:
                self.hook_failures -= 1
            if not failing:
                self.posts.append(json.loads(data))
        self._send(h, 500 if failing else 200, b"{}", {"Content-Type": "application/json"}, method="POST")


# -- documents ------------------------------------------------------------------------------------------
def article_html(story: Story, url: str) -> str:
    meta = (f'<meta property="article:published_time" content="{story.published.isoformat()}">'
            if story.date_in_page else "")
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in story.text.split("\n\n"))
    return (f"<!DOCTYPE html><html><head><title>{escape(story.title)} | Test Wire</title>{meta}"
            f'<link rel="canonical" href="{url}"></head><body>'
            '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
            f"<article><h1>{escape(story.title)}</h1>{paragraphs}</article>"
            "<footer><p>Copyright Test Wire. All rights reserved.</p></footer></body></html>")


def rfc822(value: dt.datetime) -> str:
    return email.utils.format_datetime(value, usegmt=True)


def rss(site: Site, stories: list[Story]) -> str:
    items = "".join(
        f"<item><title>{escape(s.title)}</title><link>{site.url(s.path)}</link><guid>{site.url(s.path)}</guid>"
        f"<pubDate>{rfc822(s.published)}</pubDate></item>" for s in stories)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test Wire</title>'
            f"<link>{site.url('/')}</link><description>Test</description>{items}</channel></rss>")


def atom(site: Site, stories: list[Story]) -> str:
    entries = "".join(
        f"<entry><title>{escape(s.title)}</title><link href=\"{site.url(s.path)}\"/><id>{site.url(s.path)}</id>"
        f"<published>{s.published.isoformat()}</published><updated>{(s.updated or s.published).isoformat()}"
        "</updated></entry>" for s in stories)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Test Wire</title><id>{site.url('/atom.xml')}</id>"
            f"<updated>{BASE_TIME.isoformat()}</updated>{entries}</feed>")


def news_sitemap(site: Site, stories: list[Story]) -> str:
    urls = "".join(
        f"<url><loc>{site.url(s.path)}</loc><lastmod>{(s.updated or s.published).isoformat()}</lastmod>"
        f"<news:news><news:publication><news:name>Test Wire</news:name><news:language>en</news:language>"
        f"</news:publication><news:publication_date>{s.published.isoformat()}</news:publication_date>"
        f"<news:title>{escape(s.title)}</news:title></news:news></url>" for s in stories)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>')


def sitemap_index(site: Site, paths: list[str]) -> str:
    items = "".join(f"<sitemap><loc>{site.url(p)}</loc></sitemap>" for p in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{items}</sitemapindex>")
