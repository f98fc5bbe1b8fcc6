"""Fixtures of the store contract suite: `backend` (sqlite, postgres) and the session's throwaway PostgreSQL
cluster `pg_cluster` (see backends.py); the postgres parameters are skipped, with the reason, where PostgreSQL and
PostGIS are not installed, unless EVENTWIRE_REQUIRE_POSTGRES=1."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "merge"))  # the hand-written corpus (merge_corpus)

from backends import REQUIRE_ENV, Backend, PgCluster, missing_postgres, pg_bindir


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    reason = missing_postgres()
    if reason is not None:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but the PostgreSQL backend cannot be tested: {reason}", pytrace=False)
        pytest.skip(f"PostgreSQL backend not tested: {reason}")
    bindir = pg_bindir()
    assert bindir is not None
    cluster = PgCluster(bindir)
    try:
        cluster.start()
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        cluster.stop()
        pytest.fail(f"could not start the throwaway PostgreSQL cluster: {exc}", pytrace=False)
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    cluster = request.getfixturevalue("pg_cluster") if request.param == "postgres" else None
    return Backend(request.param, tmp_path, cluster)
