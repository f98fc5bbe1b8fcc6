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
        stats = services.store_pool(pg_url).stats()
        assert stats["connections_num"] == 1  # one request at a time: one connection, opened once
        assert stats["requests_num"] >= 30
    assert pg_url not in services.stores._POOLS  # closed when the app stops


def test_pool_holds_at_most_size_connections_and_says_so_when_all_stay_busy(pg_url: str) -> None:
    pool = services.StorePool(pg_url, size=2, timeout=0.5)
    with pool.borrow() as a, pool.borrow() as b:
        assert a.conn is not b.conn  # type: ignore[attr-defined]
        with pytest.raises(services.StoreUnavailable, match=r"all 2 connections .* stayed busy for 0\.5 s"), \
                pool.borrow():
            pass  # pragma: no cover - never reached
    with pool.borrow() as c:  # one given back is lent again
        assert c.count(services.EventFilter()) == 0
    assert pool.stats()["connections_num"] == 2
    pool.close()


def test_a_borrowed_store_leaves_its_connection_to_the_pool(pg_url: str) -> None:
    pool = services.StorePool(pg_url)
    with pool.borrow() as store:
        conn = store.conn  # type: ignore[attr-defined]
        store.close()  # what `with open_store(...)` code does: the pool's connection stays open
    assert not conn.closed
    with pool.borrow() as again:
        assert again.conn is conn  # type: ignore[attr-defined]
    pool.close()


def test_broken_or_dirty_connection_is_not_lent_again(pg_url: str) -> None:
    pool = services.StorePool(pg_url)
    with pool.borrow() as store:
        broken = store.conn  # type: ignore[attr-defined]
        broken.close()
    with pool.borrow() as store:
        assert store.conn is not broken and store.count(services.EventFilter()) == 0  # type: ignore[attr-defined]
        store.conn.execute("BEGIN")  # type: ignore[attr-defined]  # left inside a transaction
    with pool.borrow() as store:
        from psycopg.pq import TransactionStatus

        assert store.conn.info.transaction_status == TransactionStatus.IDLE  # type: ignore[attr-defined]
        kept = store.conn  # type: ignore[attr-defined]
    with pytest.raises(InvalidCursor), pool.borrow() as store:
        store.events_page(cursor="nonsense")
    with pool.borrow() as store:
        assert store.conn is kept  # type: ignore[attr-defined]  # an error of the caller's does not cost it
    pool.close()


def test_unreachable_database_is_a_clear_error(pg_url: str) -> None:
    dead = "postgresql://nobody@127.0.0.1:1/none"
    with pytest.raises(services.StoreUnavailable, match="cannot connect to"):
        services.StorePool(dead)


def test_api_answers_503_when_every_connection_stays_busy(pg_url: str) -> None:
    with TestClient(create_app(pg_url)) as client:
        services.close_pools(pg_url)
        pool = services.stores._POOLS[pg_url] = services.StorePool(pg_url, size=1, timeout=0.3)
        with pool.borrow():
            response = client.get("/api/events")
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "unavailable"
        assert "stayed busy" in response.json()["error"]["message"]
        assert client.get("/api/events").status_code == 200  # given back: served again
