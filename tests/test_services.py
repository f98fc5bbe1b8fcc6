"""Tests for eventwire.services: the pool of PostgreSQL stores the API reads through."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventwire import services
from eventwire.api import create_app
from eventwire.store import InvalidCursor


@pytest.fixture
def pg_url(pg_cluster: Any) -> Iterator[str]:
    url: str = pg_cluster.fresh()
    yield url
    services.close_pools()


def test_api_requests_reuse_pooled_connections(pg_url: str) -> None:
    with TestClient(create_app(pg_url)) as client:
        for _ in range(15):
            assert client.get("/api/events", params={"limit": 5}).status_code == 200
            assert client.get("/api/stats").status_code == 200
            assert client.get("/api/health").status_code == 200
        pool = services.store_pool(pg_url)
        assert pool.opened == 1  # one request at a time: one connection, opened once
    assert pg_url not in services.stores._POOLS  # closed when the app stops


def test_pool_opens_more_under_concurrency_and_keeps_at_most_size(pg_url: str) -> None:
    pool = services.StorePool(pg_url, size=2)
    with pool.borrow() as a, pool.borrow() as b, pool.borrow() as c:
        assert len({id(a), id(b), id(c)}) == 3
    assert pool.opened == 3 and len(pool.idle) == 2
    pool.close()
    assert pool.idle == []


def test_broken_connection_is_not_kept(pg_url: str) -> None:
    pool = services.StorePool(pg_url)
    with pool.borrow() as store:
        store.conn.close()  # type: ignore[attr-defined]
    assert pool.idle == []
    with pool.borrow() as store:
        store.conn.execute("BEGIN")  # type: ignore[attr-defined]  # left inside a transaction
    assert pool.idle == []
    with pytest.raises(InvalidCursor), pool.borrow() as store:
        store.events_page(cursor="nonsense")
    assert len(pool.idle) == 1  # an error of the caller's does not cost the connection
    pool.close()
