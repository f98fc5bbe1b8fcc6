"""Screenshot of the web dashboard for the docs (not run in CI): ingest examples/sample_article.txt (and the seed
article from ../shared when it is there) into a temporary store, serve it with uvicorn on a free loopback port, open
the page in Debian's Chromium (Playwright), open the escalation section, select the first event that links to
another (else the first event) and save docs/dashboard.png. With --review: serve with a reviewer token, open the
Review section, correct the toll of the event most in doubt and save docs/review.png.

    python scripts/screenshot_dashboard.py [--out docs/dashboard.png]
    python scripts/screenshot_dashboard.py --review [--out docs/review.png]

Needs `apt-get install chromium fonts-dejavu-core` and `pip install playwright` (no `playwright install`)."""

from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from playwright.sync_api import sync_playwright

from eventwire import services
from eventwire.api import create_app
from eventwire.api.review_auth import Reviewers

ROOT = Path(__file__).resolve().parent.parent
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None, help="default: docs/dashboard.png (docs/review.png)")
    parser.add_argument("--review", action="store_true", help="the review workflow: a correction being made")
    seed = ROOT.parent / "shared" / "seed"
    default = [ROOT / "examples" / "sample_article.txt", *([seed] if seed.is_dir() else [])]
    parser.add_argument("--article", type=Path, nargs="+", default=default,
                        help="files or folders to ingest (default: the sample article and ../shared/seed if present)")
    args = parser.parse_args()
    args.out = args.out or ROOT / "docs" / ("review.png" if args.review else "dashboard.png")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "events.db"
        summary = services.ingest_paths(list(args.article), db)
        print(f"ingested: {summary}")
        port = free_port()
        tokens = Path(tmp) / "reviewers.txt"
        tokens.write_text(f"analyst:{REVIEW_TOKEN}\n", encoding="utf-8")
        reviewers = Reviewers.from_file(tokens) if args.review else None
        server = uvicorn.Server(uvicorn.Config(create_app(db, reviewers=reviewers), host="127.0.0.1", port=port,
                                               log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                httpx.get(f"{base}/api/health", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                if args.review:
                    review_shot(page, base, args.out)
                    browser.close()
                    return
                events = httpx.get(f"{base}/api/events", params={"limit": "1000"}).json()["events"]
                linked = [e for e in events if any(r["event_id"] for r in e["relations"])]
                page.goto(base + "/#esc=1")
                page.wait_for_selector(".ew-marker, .ew-cluster", timeout=20000)
                page.wait_for_selector("#esc-chart svg", timeout=20000)
                row = page.locator(f"#events tbody tr[data-id='{linked[0]['id']}']" if linked else "#events tbody tr")
                row.first.click()
                page.wait_for_selector("#panel .article-text mark", timeout=20000)
                if linked:
                    page.wait_for_selector("#relations a.event-link", timeout=20000)
                page.wait_for_timeout(500)
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out), full_page=True)
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)
    print(f"wrote {args.out}")


REVIEW_TOKEN = "screenshot-reviewer-token-0123"


def review_shot(page: Any, base: str, out: Path) -> None:
    """The Review section open, the event most in doubt in the panel with its toll corrected and saved, the next
    correction being typed."""
    page.goto(base + "/#review=1")
    page.wait_for_selector("#review-queue tbody tr", timeout=20000)
    page.fill("#review-auth input[name=token]", REVIEW_TOKEN)
    page.click("#review-auth button")
    page.click("#review-queue tbody tr:first-child")
    page.wait_for_selector("#review-form", timeout=20000)
    toll = page.input_value("#rv-fatalities") or "0"
    page.fill("#rv-fatalities", str(int(toll) + 1))
    page.fill("#rv-reason", "a second victim died in hospital (local radio)")
    page.click("#review-buttons button[data-action=save]")
    page.wait_for_selector("#corrections li", timeout=20000)
    page.fill("#rv-actor2", "Civilians (Iraq)")
    page.wait_for_selector("#panel .article-text mark", timeout=20000)
    page.wait_for_timeout(500)
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=True)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
