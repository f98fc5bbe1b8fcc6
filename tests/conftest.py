"""Shared fixtures: one extractor (model and gazetteer loaded once) per test session, and the session's throwaway
PostgreSQL + PostGIS cluster (`pg_cluster`, see tests/store/backends.py) for the store and API tests: skipped, with
the reason, where PostgreSQL and PostGIS are not installed, unless EVENTWIRE_REQUIRE_POSTGRES=1."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "store"))

from backends import REQUIRE_ENV, PgCluster, missing_postgres, pg_bindir


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    from eventwire.services import get_extractor

    return get_extractor()


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
