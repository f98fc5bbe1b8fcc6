"""PNG plots for reports: timeline and map, and the outline decoding behind the map."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from eventwire.plots import _outlines, plot_map, plot_timeline, split_at_antimeridian, timeline_bin


def _records() -> list[dict]:  # type: ignore[type-arg]
    return [
        {"event_type": "Battles", "event_date": "2023-03-13", "latitude": 33.67, "longitude": 44.4, "fatalities": 1},
        {"event_type": "Protests", "event_date": "2023-03-15", "latitude": 30.5, "longitude": 47.8, "fatalities": 0},
        {"event_type": "Protests", "event_date": "2023-03-15", "latitude": None, "longitude": None, "fatalities": 0},
        {"event_type": "Riots", "event_date": None, "latitude": 36.2, "longitude": 44.0, "fatalities": None},
    ]


def test_timeline_counts_dated_events(tmp_path: Path) -> None:
    out = tmp_path / "timeline.png"
    assert plot_timeline(_records(), out) == 3
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_map_plots_events_with_coordinates(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    assert plot_map(_records(), out) == 3
    assert out.stat().st_size > 10_000


def test_outlines_are_decoded_to_lon_lat() -> None:
    rings = _outlines()
    assert len(rings) > 150
    assert all(-180.5 <= x <= 180.5 and -90.5 <= y <= 90.5 for ring in rings for x, y in ring)


def test_the_timeline_bins_by_week_or_month_when_the_span_is_long(tmp_path: Path) -> None:
    day = dt.date(2020, 1, 1)
    assert timeline_bin(day, day + dt.timedelta(days=60)) == "day"
    assert timeline_bin(day, day + dt.timedelta(days=400)) == "week"
    assert timeline_bin(day, day + dt.timedelta(days=7 * 365)) == "month"
    years = [{"event_type": "Battles", "event_date": (day + dt.timedelta(days=37 * i)).isoformat()}
             for i in range(70)]
    assert plot_timeline(years, tmp_path / "years.png") == 70  # every event counted in its month


def test_outlines_never_cross_the_map() -> None:
    ring = [(178.0, -17.0), (179.9, -16.5), (-179.9, -16.2), (-178.5, -16.8), (179.5, -17.5)]
    lines = split_at_antimeridian(ring)
    assert lines == [[(178.0, -17.0), (179.9, -16.5)], [(-179.9, -16.2), (-178.5, -16.8)]]
    for outline in _outlines():
        for line in split_at_antimeridian(outline):
            assert all(abs(a[0] - b[0]) <= 180 for a, b in itertools.pairwise(line))
