"""Great-circle distance, shared by the gazetteer, the pipeline, the merger and the scorer."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two latitude/longitude points."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def distance_to_polyline_km(latitude: float, longitude: float, points: Sequence[tuple[float, float]]) -> float:
    """Distance in kilometres from a point to a line through (latitude, longitude) points, each segment measured
    on a plane tangent at the point (exact enough within a few hundred kilometres)."""
    if not points:
        return math.inf
    kx = math.pi / 180 * EARTH_RADIUS_KM * math.cos(math.radians(latitude))
    ky = math.pi / 180 * EARTH_RADIUS_KM
    xy = [((lon - longitude) * kx, (lat - latitude) * ky) for lat, lon in points]
    if len(xy) == 1:
        return math.hypot(*xy[0])
    best = math.inf
    for (ax, ay), (bx, by) in itertools.pairwise(xy):
        dx, dy = bx - ax, by - ay
        span = dx * dx + dy * dy
        t = 0.0 if span == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / span))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best
