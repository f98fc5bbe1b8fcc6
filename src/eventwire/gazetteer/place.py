"""The place record the gazetteer builder produces (one row of the index's `place` table with its names), and
the progress callback its steps report to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Progress = Callable[[str, int, int], None]


@dataclass
class IndexPlace:
    """A place as the builder writes it to the index: its row, and its names with their match quality."""

    place_id: str
    name: str
    kind: str
    country_code: str
    admin1_code: str | None
    admin1: str | None
    admin2: str | None
    latitude: float
    longitude: float
    population: int
    source: str
    names: list[tuple[str, float]]
    # The middle of a country's or region's territory, where it differs from its point (the capital or most
    # populous place, which events confined to the region are coded to).
    centre: tuple[float, float] | None = None
