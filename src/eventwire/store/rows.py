"""How the stores' rows decode: JSON and date columns as either backend gives them, and a report from its
`mentions` row. Shared by the ingest and merge algorithm (`sql`) and analysts' corrections (`sql_review`)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from typing import Any

from eventwire.merge import Report
from eventwire.merge.codec import event_from_dict

# What the candidate and re-clustering queries select from `mentions` (then the component or event id).
REPORT_COLUMNS = "article_id, published, words, revises_toll, record, background"


def load_json(value: Any) -> Any:
    """A JSON column's value: SQLite gives the text, PostgreSQL the decoded value."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def iso(value: Any) -> str | None:
    """A date column's value as ISO text (SQLite stores text, PostgreSQL a date)."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def report_from_row(article_id: str, published: Any, words: Any, revises_toll: Any, record: Any,
                    background: Any) -> Report:
    day = iso(published)
    return Report(article_id, dt.date.fromisoformat(day) if day else None, event_from_dict(load_json(record)),
                  Counter(load_json(words)), bool(revises_toll), bool(background))
