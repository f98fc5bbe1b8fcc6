"""Front lines that reports of fighting refer to without naming them: a line through towns, for a period.

`data/front_lines.csv` holds one row per point (line id, country, order along the line, the town marking it,
its coordinates and a source). A report that a context cue ties to such a line (see
`pipeline.place_cues.CONTEXT_CUES`) reads a village name that many places share as the one near the line.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class FrontLine:
    line_id: str
    country_code: str
    points: tuple[tuple[float, float], ...]  # (latitude, longitude), in order along the line


@lru_cache(maxsize=1)
def front_lines() -> tuple[FrontLine, ...]:
    """The packaged front lines, each with its points in order."""
    rows: dict[tuple[str, str], list[tuple[int, float, float]]] = {}
    with resources.files("eventwire.gazetteer").joinpath("data/front_lines.csv").open(encoding="utf-8") as fh:
        for number, row in enumerate(csv.DictReader(fh), start=2):
            try:
                point = (int(row["seq"]), float(row["latitude"]), float(row["longitude"]))
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(f"front_lines.csv line {number}: bad point {row!r}: {exc}") from exc
            rows.setdefault((row["line_id"], row["country_code"].strip().upper()), []).append(point)
    return tuple(FrontLine(line_id, cc, tuple((lat, lon) for _seq, lat, lon in sorted(points)))
                 for (line_id, cc), points in sorted(rows.items()))
