"""Static plots for reports: events per day stacked by type, and events on a map of country outlines (PNG).

The outlines are the Natural Earth countries vendored for the dashboard (`web/vendor/world-atlas`, TopoJSON),
decoded here so no map service or extra dependency is needed.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from eventwire.model import EVENT_TAXONOMY

TYPE_COLOURS: dict[str, str] = {
    "Battles": "#d62728", "Explosions/Remote violence": "#ff7f0e", "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c", "Riots": "#8c564b", "Strategic developments": "#1f77b4",
}


def _figure(width: float, height: float) -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(width, height))


def plot_timeline(records: Iterable[dict[str, Any]], out: Path) -> int:
    """Events per day, stacked by event type. Returns the number of dated events plotted."""
    per_day: defaultdict[dt.date, Counter[str]] = defaultdict(Counter)
    for record in records:
        if record.get("event_date"):
            per_day[dt.date.fromisoformat(record["event_date"])][record["event_type"]] += 1
    fig, ax = _figure(10, 4)
    days = sorted(per_day)
    bottom = [0] * len(days)
    for event_type in EVENT_TAXONOMY:
        heights = [per_day[d][event_type] for d in days]
        if any(heights):
            ax.bar(days, heights, bottom=bottom, color=TYPE_COLOURS[event_type], label=event_type, width=0.9)
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_ylabel("events per day")
    ax.set_title("Events per day by type")
    if days:
        ax.legend(fontsize=8, loc="upper left")
    fig.autofmt_xdate()
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    return sum(bottom)


def _outlines() -> list[list[tuple[float, float]]]:
    """Country rings (lists of lon/lat points) decoded from the vendored TopoJSON."""
    path = resources.files("eventwire") / "web" / "vendor" / "world-atlas" / "countries-110m.json"
    topo = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantized coordinates
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
            points.extend(arc[1:] if points else arc)
        return points

    rings: list[list[tuple[float, float]]] = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            rings.extend(ring(r) for r in polygon)
    return rings


def plot_map(records: Iterable[dict[str, Any]], out: Path) -> int:
    """Events with coordinates over country outlines, coloured by type and sized by fatalities; the view is
    fitted to the events. Returns the number of events plotted."""
    points = [r for r in records if r.get("latitude") is not None and r.get("longitude") is not None]
    fig, ax = _figure(9, 7)
    for ring_points in _outlines():
        xs, ys = zip(*ring_points, strict=True)
        ax.plot(xs, ys, color="#999999", linewidth=0.5)
    for event_type, colour in TYPE_COLOURS.items():
        chosen = [r for r in points if r["event_type"] == event_type]
        if chosen:
            ax.scatter([r["longitude"] for r in chosen], [r["latitude"] for r in chosen], c=colour, alpha=0.7,
                       s=[20 + 8 * min(int(r.get("fatalities") or 0), 50) for r in chosen], label=event_type,
                       edgecolors="white", linewidths=0.5)
    if points:
        lons = [r["longitude"] for r in points]
        lats = [r["latitude"] for r in points]
        pad = 2.0
        ax.set_xlim(min(lons) - pad, max(lons) + pad)
        ax.set_ylim(min(lats) - pad, max(lats) + pad)
        ax.legend(fontsize=8, loc="lower left")
    ax.set_aspect("equal", adjustable="box")
    ax.set_title("Events (size: fatalities)")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    return len(points)
