"""Fixtures of the store contract suite: `backend` (sqlite, postgres) and the session's throwaway PostgreSQL
cluster `pg_cluster` (in tests/conftest.py, see backends.py); the postgres parameters are skipped, with the reason,
where PostgreSQL and PostGIS are not installed, unless EVENTWIRE_REQUIRE_POSTGRES=1."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "merge"))  # the hand-written corpus (merge_corpus)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))  # hand-made events (api_factory)

from backends import Backend


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    cluster = request.getfixturevalue("pg_cluster") if request.param == "postgres" else None
    return Backend(request.param, tmp_path, cluster)
