"""Store backends for the contract suite (fixtures in conftest.py): SQLite files, and databases in a throwaway
PostgreSQL + PostGIS cluster.

The cluster is created with `initdb` in a temporary folder and started with `pg_ctl` on 127.0.0.1 at a free port,
once per test session, and removed at its end. Its tests are skipped (with the reason) when PostgreSQL, PostGIS or
psycopg is not installed, unless EVENTWIRE_REQUIRE_POSTGRES=1 (as in CI), which makes that a failure. A cluster
that is installed but does not start is always an error, with the end of the server's log.
Set EVENTWIRE_PG_BIN to the folder holding initdb and pg_ctl to pick a PostgreSQL version.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from eventwire.store import Store, open_store

REQUIRE_ENV = "EVENTWIRE_REQUIRE_POSTGRES"


def _sharedir(bindir: Path) -> Path:
    pg_config = bindir / "pg_config"
    if pg_config.is_file():
        return Path(subprocess.run([str(pg_config), "--sharedir"], capture_output=True, text=True).stdout.strip())
    return Path(f"/usr/share/postgresql/{bindir.parent.name}")


def has_postgis(bindir: Path) -> bool:
    return (_sharedir(bindir) / "extension" / "postgis.control").is_file()


def pg_bindir() -> Path | None:
    """The folder of initdb and pg_ctl: $EVENTWIRE_PG_BIN, else from the PATH or Debian's
    /usr/lib/postgresql/*/bin (newest first), preferring one whose PostgreSQL has PostGIS."""
    if os.environ.get("EVENTWIRE_PG_BIN"):
        return Path(os.environ["EVENTWIRE_PG_BIN"])
    candidates: list[Path] = []
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(found).resolve().parent)
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name)
                         if p.parent.name.isdigit() else 0, reverse=True)
    usable = [c for c in candidates if (c / "initdb").is_file() and (c / "pg_ctl").is_file()]
    with_postgis = [c for c in usable if has_postgis(c)]
    return (with_postgis or usable or [None])[0]


def missing_postgres() -> str | None:
    """Why the PostgreSQL backend cannot be tested here, or None."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[dev]')"
    bindir = pg_bindir()
    if bindir is None or not (bindir / "initdb").is_file():
        return ("PostgreSQL is not installed (no initdb; on Debian: apt-get install postgresql-15-postgis-3, "
                "or set EVENTWIRE_PG_BIN)")
    if not has_postgis(bindir):
        return f"PostGIS is not installed for {bindir.parent} (on Debian: apt-get install postgresql-15-postgis-3)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the cluster as"
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgCluster:
    """A throwaway cluster (trust authentication, 127.0.0.1 only) with a migrated template database."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="ew-pg-"))
        self.port = free_port()
        self.run_as: dict[str, Any] = {}
        if os.geteuid() == 0:  # initdb refuses to run as root
            user = pwd.getpwnam("postgres")
            os.chown(self.dir, user.pw_uid, user.pw_gid)
            self.run_as = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
        self.counter = itertools.count()
        self.started = False

    def _pg(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.bindir / args[0]), *args[1:]], cwd=self.dir, capture_output=True, text=True,
                              timeout=120, **self.run_as)

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        data, log = self.dir / "data", self.dir / "log"
        done = self._pg("initdb", "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        done = self._pg("pg_ctl", "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60", "start")
        if done.returncode != 0:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else "(no log)"
            raise RuntimeError(f"PostgreSQL did not start on 127.0.0.1:{self.port} ({done.returncode}):\n"
                               f"{done.stdout}\n{done.stderr}\nserver log ({log}):\n{tail}")
        self.started = True
        import psycopg

        from eventwire.store.postgres import PostgresStore

        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE ew_template")
        PostgresStore(self.url("ew_template")).close()  # runs the migrations once; databases are copied from it

    def fresh(self, empty: bool = False) -> str:
        """The URL of a new database: migrated (a copy of the template), or `empty` (not even PostGIS)."""
        import psycopg

        name = f"ew_{next(self.counter)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}" + ("" if empty else " TEMPLATE ew_template"))
        return self.url(name)

    def stop(self) -> None:
        if self.started:
            self._pg("pg_ctl", "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


class Backend:
    """Hands out fresh, empty stores of one kind as `open_store` targets (a file path or a postgresql:// URL)."""

    def __init__(self, name: str, tmp_path: Path, cluster: PgCluster | None) -> None:
        self.name = name
        self.tmp_path = tmp_path
        self.cluster = cluster
        self.counter = itertools.count()

    def fresh(self) -> str:
        if self.cluster is not None:
            return self.cluster.fresh()
        return str(self.tmp_path / f"store{next(self.counter)}.db")

    def emptied(self, store: Store | None) -> Store:
        """An empty store in place of `store`: a new SQLite file, or the same PostgreSQL database truncated
        (opening a new database costs about 0.1 s)."""
        if self.cluster is not None and store is not None:
            conn = store.conn  # type: ignore[attr-defined]
            conn.execute("TRUNCATE articles, events, event_sources, mentions, corrections, correction_articles")
            return store
        if store is not None:
            store.close()
        return open_store(self.fresh())

    @property
    def migrations(self) -> int:
        if self.cluster is not None:
            from eventwire.store import postgres

            return len(postgres.MIGRATIONS)
        from eventwire.store import sqlite

        return len(sqlite.MIGRATIONS)
