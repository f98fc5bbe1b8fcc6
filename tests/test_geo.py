"""Distances: great-circle between points, and from a point to a line through points."""

from __future__ import annotations

import math

import pytest

from eventwire.geo import distance_to_polyline_km, haversine_km


def test_distance_to_a_line_is_to_its_nearest_segment() -> None:
    line = [(48.0, 37.0), (48.0, 38.0), (47.0, 38.0)]  # east along 48 N, then south along 38 E
    # a point north of the first segment's middle: its distance is the meridian arc to 48 N
    assert distance_to_polyline_km(48.2, 37.5, line) == pytest.approx(haversine_km(48.2, 37.5, 48.0, 37.5), rel=0.01)
    # a point east of the second segment
    assert distance_to_polyline_km(47.5, 38.3, line) == pytest.approx(haversine_km(47.5, 38.3, 47.5, 38.0), rel=0.01)
    # beyond the line's end: the distance to the end point
    assert distance_to_polyline_km(46.5, 38.0, line) == pytest.approx(haversine_km(46.5, 38.0, 47.0, 38.0), rel=0.01)
    assert distance_to_polyline_km(48.0, 37.4, line) == pytest.approx(0.0, abs=1e-6)  # on the line


def test_distance_to_a_line_of_one_point_or_none() -> None:
    assert distance_to_polyline_km(10.0, 10.0, [(10.0, 11.0)]) == pytest.approx(haversine_km(10, 10, 10, 11), rel=0.01)
    assert math.isinf(distance_to_polyline_km(10.0, 10.0, []))
