"""A live-monitoring demo on 127.0.0.1: serves an RSS feed, an Atom feed and a news sitemap of short conflict
reports, runs the watcher for a few rounds while stories are published (and one corrected), and prints what
happened: articles seen, events created, alerts sent and the latency from the feed to each alert.

    python scripts/watch_demo.py                 # the demo (about half a minute); --json for the numbers as JSON
    python scripts/watch_demo.py --serve-only    # just serve every story on port 8765 (see examples/sources.toml)

Nothing leaves the machine; the store, state file, raw HTML and alerts go to a temporary folder (or --workdir).
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.utils
import hashlib
import io
import json
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from eventwire.services import get_extractor
from eventwire.store import open_store
from eventwire.watch.config import parse_config
from eventwire.watch.state import WatchState
from eventwire.watch.watcher import RoundSummary, Watcher

# (feed, path, headline, text); `feed` is where the story is listed: rss, atom or sitemap
STORIES: list[tuple[str, str, str, str]] = [
    ("atom", "/iraq/kirkuk-base", "Rockets hit air base near Kirkuk",
     "Rockets struck an air base near Kirkuk on Monday, wounding two soldiers, Iraqi security officials said. "
     "No group claimed responsibility for the attack."),
    ("rss", "/africa/borno-village", "Gunmen kill villagers near Maiduguri",
     "Gunmen killed three civilians in an attack on a village near Maiduguri in Borno State on Sunday, police "
     "said."),
    ("atom", "/africa/nairobi-march", "Nairobi march over food prices",
     "Protesters marched peacefully in Nairobi on Tuesday to demand lower food prices, organisers said."),
    ("atom", "/africa/mogadishu-bomb", "Car bomb kills five in Mogadishu",
     "A car bomb exploded near a checkpoint in Mogadishu on Tuesday, killing five people, police said."),
    ("sitemap", "/africa/borno-followup", "Three killed in Borno village attack",
     "Police said gunmen killed three civilians in an attack on a village near Maiduguri in Borno State on "
     "Sunday."),
    ("sitemap", "/mideast/aleppo-drone", "Drone strike near Aleppo",
     "A drone strike killed two men in a car near Aleppo on Tuesday, a war monitor said."),
    ("rss", "/africa/omdurman-clashes", "Clashes in Omdurman",
     "The army and the Rapid Support Forces clashed in Omdurman on Monday, killing 12 civilians, medics said."),
]
CORRECTION = ("/iraq/kirkuk-base", "Rockets struck an air base near Kirkuk on Monday, killing three soldiers and "
              "wounding two, Iraqi security officials said. No group claimed responsibility for the attack.")
# which stories are out before each round (by index into STORIES), and when the correction appears
SCHEDULE: list[list[int]] = [[0, 1, 2], [3], [4], [5, 6], []]
CORRECTION_ROUND = 2

SOURCES = """
[settings]
poll_interval = 2
host_delay = 0.1
retries = 1
retry_backoff = 0.5
failure_backoff = 2
max_backoff = 10
state = "state.sqlite"
raw_dir = "raw"
db = "events.db"

[[feeds]]
url = "{base}/rss.xml"
kind = "rss"

[[feeds]]
url = "{base}/atom.xml"
kind = "atom"

[[feeds]]
url = "{base}/sitemap-news.xml"
kind = "sitemap"

[[rules]]
name = "Rockets and drones near Kirkuk"
point = [35.47, 44.39]
radius_km = 75
event_types = ["Explosions/Remote violence"]

[[rules]]
name = "Deadly violence in Borno"
countries = ["Nigeria"]
admin1 = ["Borno"]
min_fatalities = 1

[[rules]]
name = "Deadly explosions"
event_types = ["Explosions/Remote violence"]
min_fatalities = 1

[alerts]
stdout = false
jsonl = "alerts.jsonl"
webhook = "{base}/hook"
"""


@dataclass
class Story:
    feed: str
    path: str
    title: str
    text: str
    published: dt.datetime
    updated: dt.datetime | None = None


@dataclass
class Newsroom:
    """The demo site: its stories, the feeds listing them, and the alerts its webhook received."""

    stories: dict[str, Story] = field(default_factory=dict)
    hooks: list[dict[str, Any]] = field(default_factory=list)
    base: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, index: int) -> None:
        feed, path, title, text = STORIES[index]
        with self.lock:
            self.stories[path] = Story(feed, path, title, text, dt.datetime.now(dt.UTC))

    def correct(self, path: str, text: str) -> None:
        with self.lock:
            self.stories[path].text = text
            self.stories[path].updated = dt.datetime.now(dt.UTC)

    def document(self, path: str) -> tuple[str, str] | None:
        with self.lock:
            stories = sorted(self.stories.values(), key=lambda s: s.published)
            if path in self.stories:
                s = self.stories[path]
                return "text/html; charset=utf-8", (
                    f"<html><head><title>{escape(s.title)}</title><meta property=\"article:published_time\" "
                    f"content=\"{s.published.isoformat()}\"></head><body><nav><a href=\"/\">Home</a></nav><article>"
                    f"<h1>{escape(s.title)}</h1><p>{escape(s.text)}</p></article><footer>Demo Wire</footer>"
                    "</body></html>")
        url = self.base
        if path == "/rss.xml":
            items = "".join(f"<item><title>{escape(s.title)}</title><link>{url}{s.path}</link><pubDate>"
                            f"{email.utils.format_datetime(s.published, usegmt=True)}</pubDate></item>"
                            for s in stories if s.feed == "rss")
            return "application/rss+xml", (f"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Demo"
                                           f"</title><link>{url}/</link><description>d</description>{items}"
                                           "</channel></rss>")
        if path == "/atom.xml":
            entries = "".join(f"<entry><title>{escape(s.title)}</title><link href=\"{url}{s.path}\"/><id>{url}"
                              f"{s.path}</id><published>{s.published.isoformat()}</published><updated>"
                              f"{(s.updated or s.published).isoformat()}</updated></entry>"
                              for s in stories if s.feed == "atom")
            return "application/atom+xml", ("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                                            f"<title>Demo</title><id>{url}/atom.xml</id>{entries}</feed>")
        if path == "/sitemap-news.xml":
            urls = "".join(f"<url><loc>{url}{s.path}</loc><lastmod>{(s.updated or s.published).isoformat()}"
                           "</lastmod><news:news><news:publication><news:name>Demo</news:name><news:language>en"
                           f"</news:language></news:publication><news:publication_date>{s.published.isoformat()}"
                           f"</news:publication_date><news:title>{escape(s.title)}</news:title></news:news></url>"
                           for s in stories if s.feed == "sitemap")
            return "application/xml", ("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/"
                                       "sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">"
                                       f"{urls}</urlset>")
        return None


def serve(room: Newsroom, port: int) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            found = room.document(self.path)
            if found is None:
                self.send_error(404)
                return
            kind, text = found
            body = text.encode("utf-8")
            etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:
            data = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with room.lock:
                room.hooks.append(json.loads(data))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    room.base = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def demo(workdir: Path) -> dict[str, Any]:
    room = Newsroom()
    server = serve(room, 0)
    config = parse_config(__import__("tomllib").loads(SOURCES.format(base=room.base)), workdir / "sources.toml")
    extractor = get_extractor()
    rounds: list[RoundSummary] = []
    started = time.monotonic()
    with open_store(str(workdir / "events.db")) as store, \
            Watcher(config, store, extractor, state=WatchState(workdir / "state.sqlite"), out=io.StringIO()) as w:

        def next_batch(summary: RoundSummary) -> None:
            rounds.append(summary)
            print(f"round {len(rounds)}: {summary.text().splitlines()[0].removeprefix('1 round(s): ')}",
                  file=sys.stderr)
            if len(rounds) < len(SCHEDULE):
                for index in SCHEDULE[len(rounds)]:
                    room.publish(index)
                if len(rounds) == CORRECTION_ROUND:
                    room.correct(*CORRECTION)

        for index in SCHEDULE[0]:
            room.publish(index)
        total = w.run(max_rounds=len(SCHEDULE), on_round=next_batch)
        counts = store.counts()
    server.shutdown()
    server.server_close()
    result = total.to_json()
    result["seconds"] = round(time.monotonic() - started, 1)
    result["store"] = counts
    result["webhook_posts"] = len(room.hooks)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the numbers as one JSON object")
    parser.add_argument("--workdir", type=Path, help="keep the store, state, raw HTML and alerts here")
    parser.add_argument("--serve-only", action="store_true", help="serve every story until Ctrl-C")
    parser.add_argument("--port", type=int, default=8765, help="port for --serve-only")
    args = parser.parse_args()
    if args.serve_only:
        room = Newsroom()
        for index in range(len(STORIES)):
            room.publish(index)
        server = serve(room, args.port)
        print(f"serving {len(STORIES)} stories at {room.base}/rss.xml, /atom.xml and /sitemap-news.xml; Ctrl-C "
              "stops", file=sys.stderr)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            server.shutdown()
        return 0
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        result = demo(args.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix="eventwire-watch-demo-") as tmp:
            result = demo(Path(tmp))
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    lat = result["latency_s"]
    print(f"{result['rounds']} rounds in {result['seconds']} s: {result['entries_new']} articles seen in the feeds "
          f"({result['entries_revised']} revised), {result['articles_stored']} ingested, {result['articles_updated']} "
          f"updated; {result['events_created']} events created ({result['store']['events']} in the store from "
          f"{result['store']['articles']} articles); {result['alerts_sent']} alerts sent "
          f"({result['webhook_posts']} webhook POSTs); {len(result['errors'])} errors")
    for a in result["alerts"]:
        print(f"  {a['change']:7} {a['rule']:32} {a['event_id']}  {a['since_first_seen']:6.2f} s after first seen, "
              f"{a['since_feed_published']:6.2f} s after the feed's time for it")
    if lat["since_feed_published"]:
        s = lat["since_feed_published"]
        print(f"feed time (publication; update for an updated article) -> alert: min {s['min']} s, median "
              f"{s['median']} s, max {s['max']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
