"""PostgreSQL + PostGIS store: the same tables, rules and merging as the SQLite store (the algorithm is
`eventwire.store.sql.SQLStore`); only the statements differ.

- Open it with `open_store("postgresql://user@host:5432/db")` (or `--db postgresql://...` on the command line).
  It needs psycopg 3 (`pip install 'eventwire[postgres]'`) and the PostGIS extension: the first migration runs
  `CREATE EXTENSION IF NOT EXISTS postgis`, which needs a role allowed to create it (or a DBA who created it).
- Numbered migrations of its own, recorded in `schema_migrations`, each in one transaction, under an advisory
  lock so that two processes opening a new database do not both migrate it.
- `events` and `mentions` carry a `geography(Point, 4326)` column generated from latitude/longitude, with a GiST
  index; the cross-border candidate query uses it (`ST_DWithin`) instead of SQLite's grid cells. It keeps
  SQLite's latitude/longitude box too, so both backends consider exactly the same candidates.
- One transaction per article (`BEGIN ... COMMIT`) holding a transaction-level advisory lock, so concurrent
  ingesters are serialized like SQLite's `BEGIN IMMEDIATE` and never merge against a half-written article.
- Identifiers are `COLLATE "C"` so that ordering by id is the byte order SQLite uses, whatever the database's
  locale; dates are `date`, records `json` (which keeps the key order of the text).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventwire.merge import Report
from eventwire.merge.matching import MAX_DISTANCE_KM
from eventwire.model import Article
from eventwire.store.base import StoreUnavailable, redact
from eventwire.store.rows import REPORT_COLUMNS
from eventwire.store.sql import (
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    Block,
    SQLStore,
    event_values,
    mention_values,
)

if TYPE_CHECKING:
    import psycopg

# Transaction-level advisory lock keys: one for article writes, one for migrations.
WRITE_LOCK = 0x65770001
MIGRATE_LOCK = 0x65770002
# ST_DWithin radius for the cross-border candidates: past MAX_DISTANCE_KM (on the sphere, as `matching` measures)
# whatever the difference between the spheroid and the sphere; the scoring applies the exact limit.
SEARCH_RADIUS_M = MAX_DISTANCE_KM * 1000.0 * 1.02

_POINT = ("CASE WHEN latitude IS NULL OR longitude IS NULL THEN NULL "
          "ELSE ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography END")

MIGRATIONS: tuple[str, ...] = (
    # 1: articles, events and their sources
    f"""
    CREATE EXTENSION IF NOT EXISTS postgis;
    CREATE TABLE articles (
        id TEXT COLLATE "C" PRIMARY KEY,
        text_hash TEXT NOT NULL,
        text TEXT NOT NULL,
        published DATE,
        url TEXT COLLATE "C",
        title TEXT,
        source TEXT,
        origin TEXT,
        ingested_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX articles_text_hash ON articles (text_hash);
    CREATE INDEX articles_url ON articles (url);
    CREATE TABLE events (
        id TEXT COLLATE "C" PRIMARY KEY,
        event_type TEXT NOT NULL,
        sub_event_type TEXT,
        event_date DATE,
        time_precision INTEGER,
        country TEXT,
        admin1 TEXT,
        admin2 TEXT,
        location TEXT,
        latitude DOUBLE PRECISION,
        longitude DOUBLE PRECISION,
        geo_precision INTEGER,
        actor1 TEXT,
        actor2 TEXT,
        weapon TEXT,
        fatalities INTEGER,
        injuries INTEGER,
        captured INTEGER,
        munitions INTEGER,
        confidence DOUBLE PRECISION,
        record JSON NOT NULL,
        geog GEOGRAPHY(Point, 4326) GENERATED ALWAYS AS ({_POINT}) STORED
    );
    CREATE INDEX events_date ON events (event_date);
    CREATE INDEX events_country ON events (country, event_date);
    CREATE INDEX events_type ON events (event_type, sub_event_type);
    CREATE INDEX events_geog ON events USING GIST (geog);
    CREATE TABLE event_sources (
        event_id TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        PRIMARY KEY (event_id, article_id)
    );
    CREATE INDEX event_sources_article ON event_sources (article_id)
    """,
    # 2: per-article reports, merged across articles into `events`
    f"""
    CREATE TABLE mentions (
        article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        mention_id TEXT COLLATE "C" NOT NULL,
        event_id TEXT COLLATE "C" NOT NULL,
        component TEXT COLLATE "C" NOT NULL,
        family TEXT NOT NULL,
        event_date DATE,
        country_code TEXT,
        latitude DOUBLE PRECISION,
        longitude DOUBLE PRECISION,
        cell INTEGER,
        published DATE,
        words JSON NOT NULL,
        revises_toll BOOLEAN NOT NULL DEFAULT false,
        record JSON NOT NULL,
        geog GEOGRAPHY(Point, 4326) GENERATED ALWAYS AS ({_POINT}) STORED,
        PRIMARY KEY (article_id, mention_id)
    );
    CREATE INDEX mentions_block ON mentions (family, country_code, event_date);
    CREATE INDEX mentions_geog ON mentions USING GIST (geog);
    CREATE INDEX mentions_event ON mentions (event_id);
    CREATE INDEX mentions_component ON mentions (component);
    CREATE INDEX mentions_mention ON mentions (mention_id)
    """,
    # 3: API queries: keyset sort keys (NULLs mapped to a value before all others, so that (key, id) is a total
    # order), case-insensitive filter indexes, a bounding-box index and full-text search over the evidence text
    # (every "text" string of the record, as SQLite's FTS5 table indexes it)
    """
    CREATE INDEX events_date_key ON events ((coalesce(event_date, '-infinity'::date)), id);
    CREATE INDEX events_fatalities_key ON events ((coalesce(fatalities, -1)), id);
    CREATE INDEX events_country_lower ON events (lower(country), event_date);
    CREATE INDEX events_admin1_lower ON events (lower(admin1), event_date);
    CREATE INDEX events_type_lower ON events (lower(event_type), lower(sub_event_type));
    CREATE INDEX events_lonlat ON events (longitude, latitude);
    ALTER TABLE events ADD COLUMN search TSVECTOR GENERATED ALWAYS AS
        (to_tsvector('english'::regconfig, jsonb_path_query_array(record::jsonb, 'lax $.**.text'))) STORED;
    CREATE INDEX events_search ON events USING GIN (search)
    """,
    # 4: reports that only mention an earlier incident in passing (merged as mentions, not sources)
    """
    ALTER TABLE mentions ADD COLUMN background BOOLEAN NOT NULL DEFAULT false
    """,
    # 5: analysts' corrections, anchored to reports (article and trigger span), kept whatever happens to the
    # articles (no foreign key to them); the review state of each event
    """
    CREATE TABLE corrections (
        id BIGSERIAL PRIMARY KEY,
        kind TEXT NOT NULL,
        anchors TEXT NOT NULL,
        split_group TEXT NOT NULL DEFAULT '[]',
        field TEXT,
        value TEXT,
        before TEXT,
        event_id TEXT,
        author TEXT NOT NULL,
        reason TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL
    );
    CREATE TABLE correction_articles (
        correction_id BIGINT NOT NULL REFERENCES corrections (id),
        article_id TEXT NOT NULL,
        PRIMARY KEY (correction_id, article_id)
    );
    CREATE INDEX correction_articles_article ON correction_articles (article_id);
    ALTER TABLE events ADD COLUMN review TEXT;
    CREATE INDEX events_review ON events (review)
    """,
)


class PostgresStore(SQLStore):
    """A store in a PostgreSQL database with PostGIS; safe for concurrent ingesters."""

    def __init__(self, url: str, *, connection: psycopg.Connection[tuple[Any, ...]] | None = None) -> None:
        """A store on a new connection to `url` (migrated when needed), or on `connection`, an autocommit
        connection lent by a pool (`services.StorePool`, which migrated the database): closing the store then
        leaves the connection to its pool."""
        self.url = url
        self._owns_connection = connection is None
        self.conn: psycopg.Connection[tuple[Any, ...]]
        if connection is not None:
            self.conn = connection
            return
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - depends on the installation
            raise StoreUnavailable("the PostgreSQL store needs psycopg: pip install 'eventwire[postgres]'") from exc
        try:
            self.conn = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as exc:
            raise StoreUnavailable(f"cannot connect to {redact(url)}: {str(exc).strip()}") from exc
        try:
            self._migrate()
        except BaseException:
            self.conn.close()
            raise

    def close(self) -> None:
        if self._owns_connection:
            self.conn.close()

    def _q(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def _migrate(self) -> None:
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK,))
            self.conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)")
            done = {row[0] for row in self.conn.execute("SELECT version FROM schema_migrations")}
            for version, script in enumerate(MIGRATIONS, start=1):
                if version in done:
                    continue
                for statement in script.split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (version,))

    # -- reading: what differs from the shared queries ------------------------------------------------
    LIKE_NOCASE = "ILIKE"

    def _text_search(self, words: list[str]) -> tuple[str, list[Any]]:
        return "search @@ plainto_tsquery('english', ?)", [" ".join(words)]

    def _sort_key(self, column: str) -> tuple[str, str]:
        if column == "event_date":
            return "coalesce(event_date, '-infinity'::date)", "coalesce(?::date, '-infinity'::date)"
        return super()._sort_key(column)

    def _key_arg(self, column: str, key: Any) -> Any:
        return (key or None) if column == "event_date" else key

    def _bytewise(self, expr: str) -> str:
        return f'{expr} COLLATE "C"'

    # -- the statements of this dialect ---------------------------------------------------------------
    def _begin(self) -> None:
        self.conn.execute("BEGIN")
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))

    def _insert_article(self, article: Article, digest: str) -> None:
        self.conn.execute(
            "INSERT INTO articles (id, text_hash, text, published, url, title, source, origin) "
            "VALUES (%s,%s,%s,%s,%s,%s,%s,%s)",
            (article.id, digest, article.text, article.published, article.url, article.title, article.source,
             article.origin),
        )

    def _insert_mention(self, report: Report) -> None:
        updates = ", ".join(f"{c} = excluded.{c}" for c in MENTION_COLUMNS.split(", ")[2:])
        self.conn.execute(
            f"INSERT INTO mentions ({MENTION_COLUMNS}) VALUES ({','.join(['%s'] * len(MENTION_COLUMNS.split(', ')))}) "
            f"ON CONFLICT (article_id, mention_id) DO UPDATE SET {updates}", mention_values(report))

    def _put_event(self, event_id: str, record: dict[str, Any]) -> None:
        # delete, then insert: like SQLite's INSERT OR REPLACE, the old row's event_sources go with it
        self.conn.execute("DELETE FROM events WHERE id = %s", (event_id,))
        self.conn.execute(
            f"INSERT INTO events (id, {', '.join(EVENT_COLUMNS)}, record) "
            f"VALUES ({','.join(['%s'] * (len(EVENT_COLUMNS) + 2))})", event_values(event_id, record))

    def _link(self, event_id: str, article_id: str) -> None:
        self.conn.execute("INSERT INTO event_sources VALUES (%s, %s) ON CONFLICT DO NOTHING", (event_id, article_id))

    def _candidate_rows(self, report: Report, block: Block) -> list[Any]:
        """The (family, country_code, event_date) index, then, for points across a border, the GiST index."""
        columns = f"{REPORT_COLUMNS}, component"
        rows = self.conn.execute(
            f"SELECT {columns} FROM mentions WHERE family = %s AND country_code = %s "
            "AND event_date BETWEEN %s AND %s AND article_id != %s",
            (block.family, block.country_code, block.first, block.last, report.article_id)).fetchall()
        if block.cross_border:
            south, north, west, east = block.box
            rows += self.conn.execute(
                f"SELECT {columns} FROM mentions WHERE family = %s "
                "AND ST_DWithin(geog, ST_SetSRID(ST_MakePoint(%s, %s), 4326)::geography, %s) "
                "AND event_date BETWEEN %s AND %s AND article_id != %s AND country_code != %s "
                "AND latitude BETWEEN %s AND %s AND longitude BETWEEN %s AND %s",
                (block.family, block.longitude, block.latitude, SEARCH_RADIUS_M, block.first, block.last,
                 report.article_id, block.country_code, south, north, west, east)).fetchall()
        return rows
