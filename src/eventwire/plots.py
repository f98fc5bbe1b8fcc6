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


# The bin of the timeline for the span of the data: days while bars stay visible, else weeks, else months.
DAY_BINS_UP_TO_DAYS = 120
WEEK_BINS_UP_TO_DAYS = 3 * 365
BIN_WIDTH_DAYS = {"day": 0.9, "week": 6.0, "month": 27.0}


def timeline_bin(first: dt.date, last: dt.date) -> str:
    """"day", "week" or "month": the bin that keeps the bars of a span from `first` to `last` readable."""
    span = (last - first).days
    return "day" if span <= DAY_BINS_UP_TO_DAYS else "week" if span <= WEEK_BINS_UP_TO_DAYS else "month"


def _bin_start(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())  # weeks start on Monday
    if unit == "month":
        return day.replace(day=1)
    return day


def plot_timeline(records: Iterable[dict[str, Any]], out: Path) -> int:
    """Events per day, week or month (`timeline_bin`), stacked by event type. Returns the number of dated
    events plotted."""
    dated = [(dt.date.fromisoformat(r["event_date"]), r["event_type"]) for r in records if r.get("event_date")]
    unit = timeline_bin(min(d for d, _ in dated), max(d for d, _ in dated)) if dated else "day"
    per_bin: defaultdict[dt.date, Counter[str]] = defaultdict(Counter)
    for day, event_type in dated:
        per_bin[_bin_start(day, unit)][event_type] += 1
    fig, ax = _figure(10, 4)
    starts = sorted(per_bin)
    # a bar is drawn from the start of its bin, so a week's bar covers its week
    lefts = [s + dt.timedelta(days=BIN_WIDTH_DAYS[unit] / 2 if unit != "day" else 0) for s in starts]
    bottom = [0] * len(starts)
    for event_type in EVENT_TAXONOMY:
        heights = [per_bin[s][event_type] for s in starts]
        if any(heights):
            ax.bar(lefts, heights, bottom=bottom, color=TYPE_COLOURS[event_type], label=event_type,
                   width=BIN_WIDTH_DAYS[unit])
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    if bottom:
        ax.set_ylim(0, max(bottom) * 1.1)  # room above the tallest bar
    ax.set_ylabel(f"events per {unit}")
    ax.set_title(f"Events per {unit} by type")
    if starts:
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


def split_at_antimeridian(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring as lines that never cross the map: a step of more than 180 degrees of longitude (Fiji, Chukotka
    crossing the 180th meridian) starts a new line instead of a stroke across the world."""
    lines: list[list[tuple[float, float]]] = [[]]
    for point in points:
        if lines[-1] and abs(point[0] - lines[-1][-1][0]) > 180:
            lines.append([])
        lines[-1].append(point)
    return [line for line in lines if len(line) > 1]


MAP_LABELS = 8  # places named on the map: those with the most events
SIZE_LEGEND_FATALITIES = (0, 10, 50)


def _marker_size(fatalities: Any) -> float:
    return 20 + 8 * min(int(fatalities or 0), 50)


def plot_map(records: Iterable[dict[str, Any]], out: Path) -> int:
    """Events with coordinates over country outlines, coloured by type and sized by fatalities (with a size
    legend), the places with the most events named; the view is fitted to the events. Returns the number of
    events plotted."""
    points = [r for r in records if r.get("latitude") is not None and r.get("longitude") is not None]
    fig, ax = _figure(9, 7)
    for ring_points in _outlines():
        for line in split_at_antimeridian(ring_points):
            xs, ys = zip(*line, strict=True)
            ax.plot(xs, ys, color="#999999", linewidth=0.5)
    for event_type, colour in TYPE_COLOURS.items():
        chosen = [r for r in points if r["event_type"] == event_type]
        if chosen:
            ax.scatter([r["longitude"] for r in chosen], [r["latitude"] for r in chosen], c=colour, alpha=0.7,
                       s=[_marker_size(r.get("fatalities")) for r in chosen], label=event_type,
                       edgecolors="white", linewidths=0.5)
    if points:
        lons = [r["longitude"] for r in points]
        lats = [r["latitude"] for r in points]
        pad = 2.0
        ax.set_xlim(min(lons) - pad, max(lons) + pad)
        ax.set_ylim(min(lats) - pad, max(lats) + pad)
        types = ax.legend(fontsize=8, loc="lower left", title="event type", title_fontsize=8)
        for handle in types.legend_handles:  # one marker size for the colours; sizes have their own legend
            handle.set_sizes([40])
        ax.add_artist(types)
        sizes = [ax.scatter([], [], s=_marker_size(n), c="#bbbbbb", edgecolors="#666666", linewidths=0.5,
                            label=f"{n}{'+' if n == max(SIZE_LEGEND_FATALITIES) else ''}")
                 for n in SIZE_LEGEND_FATALITIES]
        ax.legend(handles=sizes, fontsize=8, loc="lower right", title="fatalities", title_fontsize=8,
                  labelspacing=1.2, borderpad=0.9)
        _label_places(ax, points)
    ax.set_aspect("equal", adjustable="box")
    ax.set_title("Events (size: fatalities)")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    return len(points)


def _label_places(ax: Any, points: list[dict[str, Any]]) -> None:
    """Name the places with the most events (ties: alphabetically), beside their point."""
    where: dict[str, tuple[float, float]] = {}
    counts: Counter[str] = Counter()
    for r in points:
        name = r.get("location")
        if name:
            counts[name] += 1
            where.setdefault(name, (r["longitude"], r["latitude"]))
    for name, _n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:MAP_LABELS]:
        lon, lat = where[name]
        ax.annotate(name, (lon, lat), xytext=(5, 4), textcoords="offset points", fontsize=7, color="#222222")
