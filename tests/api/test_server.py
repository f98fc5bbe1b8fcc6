"""A real server: `eventwire serve` in a subprocess on a free loopback port, queried with httpx."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from api_factory import Spec


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_answers_over_http(db: Path, dataset: list[Spec], tmp_path: Path) -> None:
    port = free_port()
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--host", "127.0.0.1", "--port",
             str(port)], stdout=subprocess.PIPE, stderr=log, env=os.environ.copy())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"{base}/api/health", timeout=2)
                break
            except httpx.TransportError:
                assert process.poll() is None, log_path.read_text()
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.1)
        assert health.json()["events"] == len(dataset)
        with httpx.Client(base_url=base, timeout=10) as client:
            page = client.get("/api/events", params={"country": "Iraq", "limit": 5}).json()
            assert page["count"] == 5 and page["next_cursor"]
            more = client.get("/api/events", params={"country": "Iraq", "limit": 5, "cursor": page["next_cursor"]})
            assert more.status_code == 200
            assert not {e["id"] for e in page["events"]} & {e["id"] for e in more.json()["events"]}
            missing = client.get("/api/events/ew-nope")
            assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    finally:
        process.terminate()
        try:
            out, _ = process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            out, _ = process.communicate()
    assert out == b""  # data on stdout only; logs (access log included) go to stderr
    assert "GET /api/health" in log_path.read_text()
