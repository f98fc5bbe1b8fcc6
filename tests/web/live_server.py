"""A real uvicorn server (in a thread, on a free loopback port) over a store, for the dashboard tests."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn

from eventwire.api import create_app
from eventwire.api.review_auth import Reviewers


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve(db: Path | str, reviewers: Reviewers | None = None) -> Iterator[str]:
    """Base URL of a uvicorn server (in a thread) serving the API and the dashboard over `db` (read-only unless
    `reviewers` may correct events)."""
    port = free_port()
    config = uvicorn.Config(create_app(db, reviewers=reviewers), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"{base}/api/health", timeout=2)
            break
        except httpx.TransportError:
            assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
            time.sleep(0.05)
    try:
        yield base
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
