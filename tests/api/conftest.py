"""Fixtures of the API tests: a temporary store filled with hand-made events, and a client over it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from api_factory import Spec, fill, make_event, specs
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.model import Article
from eventwire.store.sqlite import SQLiteStore


@pytest.fixture(scope="module")
def dataset() -> list[Spec]:
    return specs()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, dataset: list[Spec]) -> Path:
    path = tmp_path_factory.mktemp("api") / "events.db"
    fill(path, dataset)
    return path


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, db: Path, dataset: list[Spec]) -> str:
    """The filled store the client serves: the SQLite file, or the same events in a PostgreSQL database."""
    if request.param == "sqlite":
        return str(db)
    url: str = request.getfixturevalue("pg_cluster").fresh()
    fill(url, dataset)
    return url


@pytest.fixture(scope="module")
def client(target: str) -> Iterator[TestClient]:
    with TestClient(create_app(target)) as c:
        yield c


@pytest.fixture
def merged_db(tmp_path: Path) -> Path:
    """Three events; the first reported by a second article with a higher toll (merged, with a note)."""
    path = tmp_path / "merged.db"
    items = specs(3)
    fill(path, items)
    second = replace(items[0], id="ew-second")
    with SQLiteStore(path) as store:
        article = Article(id="art-second", text=second.text + " Five died.", published=second.day,
                          url="http://news.test/art-second", title="Follow-up", source="Other Wire")
        store.save_article(article, [make_event(second, "art-second", fatalities=5)])
        assert store.counts() == {"articles": 4, "events": 3}
    return path
