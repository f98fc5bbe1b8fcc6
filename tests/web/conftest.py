"""Fixtures of the dashboard tests: a temporary SQLite store of hand-made events (tests/api/api_factory.py) and a
real uvicorn server over it on a free loopback port (`serve` starts one over any store)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "api"))

from api_factory import Spec, fill, specs
from live_server import serve


@pytest.fixture(scope="module")
def dataset() -> list[Spec]:
    return specs()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, dataset: list[Spec]) -> Path:
    path = tmp_path_factory.mktemp("web") / "events.db"
    fill(path, dataset)
    return path


@pytest.fixture(scope="module")
def server(db: Path) -> Iterator[str]:
    """The dashboard and the API over the hand-made events."""
    with serve(db) as base:
        yield base
