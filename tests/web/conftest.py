"""Fixtures of the dashboard tests: a temporary SQLite store of hand-made events (tests/api/api_factory.py) and a
real uvicorn server over it on a free loopback port."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "api"))

from api_factory import Spec, fill, specs

from eventwire.api import create_app


@pytest.fixture(scope="module")
def dataset() -> list[Spec]:
    return specs()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, dataset: list[Spec]) -> Path:
    path = tmp_path_factory.mktemp("web") / "events.db"
    fill(path, dataset)
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    """Base URL of a uvicorn server (in a thread) serving the API and the dashboard over `db`."""
    port = free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
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
    yield base
    srv.should_exit = True
    thread.join(timeout=10)
