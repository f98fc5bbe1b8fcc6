"""PNG plots for reports: timeline and map, and the outline decoding behind the map."""

from __future__ import annotations

from pathlib import Path

from eventwire.plots import _outlines, plot_map, plot_timeline


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
