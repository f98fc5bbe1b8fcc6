"""The operations the CLI, the API and the dashboard call: extract, explain, ingest, query, export, evaluate.

`db` is a SQLite file path or a `postgresql://` URL (see `eventwire.store.open_store`). The interfaces import
this package only; each module of it covers one area:

- `extraction`: the process-wide pipeline, reading inputs, extracting and explaining events;
- `ingest`: reading, extracting and storing articles (in worker processes or on Dask);
- `stores`: pooled reads, queries, exports, the escalation view;
- `review`: analysts' corrections, the review queue, reviewed events as gold;
- `rules`: the stages and the rule catalogue, the rules' own examples;
- `quality`: scoring gold files (with rules switched off), the rules' ablation, the quality gate;
- `tools`: plots, the HTTP server, live monitoring, the gazetteer index.
"""

from __future__ import annotations

from eventwire.ingest.readers import ReadError
from eventwire.serialize import event_to_json
from eventwire.services.extraction import count_inputs, extract_articles, get_extractor, read_inputs, split_errors
from eventwire.services.ingest import ON_EXISTING, IngestSummary, default_workers, ingest_paths
from eventwire.services.review import (
    CorrectionError,
    UnknownEvent,
    correct_event,
    default_author,
    list_corrections,
    review_queue,
    write_gold,
)
from eventwire.services.stores import (
    MAX_ESCALATION_EVENTS,
    StorePool,
    close_pools,
    count_events,
    escalation_view,
    event_stats,
    export_events,
    export_parquet,
    get_article,
    get_event,
    query_events,
    query_events_page,
    reading,
    store_counts,
    store_pool,
    with_articles,
)
from eventwire.store import (
    DEFAULT_SORT,
    SORTS,
    EventFilter,
    StoreUnavailable,
    default_target,
    is_url,
    parse_bbox,
    redact,
)

__all__ = [
    "DEFAULT_SORT",
    "MAX_ESCALATION_EVENTS",
    "ON_EXISTING",
    "SORTS",
    "CorrectionError",
    "EventFilter",
    "IngestSummary",
    "ReadError",
    "StorePool",
    "StoreUnavailable",
    "UnknownEvent",
    "close_pools",
    "correct_event",
    "count_events",
    "count_inputs",
    "default_author",
    "default_target",
    "default_workers",
    "escalation_view",
    "event_stats",
    "event_to_json",
    "export_events",
    "export_parquet",
    "extract_articles",
    "get_article",
    "get_event",
    "get_extractor",
    "ingest_paths",
    "is_url",
    "list_corrections",
    "parse_bbox",
    "query_events",
    "query_events_page",
    "read_inputs",
    "reading",
    "redact",
    "review_queue",
    "split_errors",
    "store_counts",
    "store_pool",
    "with_articles",
    "write_gold",
]
