"""docs/quality.md rendering: every measured set gets a row, published figures sit next to ours."""

from __future__ import annotations

import datetime as dt

from eventwire.evaluation.quality_doc import render


def test_render_lists_sets_and_published_comparison() -> None:
    measured = {
        "news/news.jsonl": {"metrics": {"docs": 40, "precision": 0.5, "recall": 0.75, "f1": 0.6, "seconds": 2.0}},
        "geowebnews/geowebnews.jsonl": {"metrics": {"docs": 60, "toponym_f1": 0.8, "acc_161km": 0.9123,
                                                    "country_acc_places": 0.95}},
    }
    page = render(measured, today=dt.date(2026, 1, 2))
    assert "Measured 2026-01-02" in page
    assert "| news (40 real articles, ACLED-style gold) | 40 | 0.500 | 0.750 | 0.600 |" in page
    assert "| GeoWebNews: accuracy within 161 km | Mordecai3 (Halterman 2023) | 94.1% | 0.912 |" in page
    assert "geowebnews (place names) | 60 |" in page
