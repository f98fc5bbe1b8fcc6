"""The packaged front lines: well-formed, in order, and where their towns are."""

from __future__ import annotations

from eventwire.gazetteer.front_lines import front_lines
from eventwire.geo import haversine_km


def test_front_lines_are_ordered_lines_of_real_towns(extractor) -> None:  # type: ignore[no-untyped-def]
    lines = {line.line_id: line for line in front_lines()}
    donbas = lines["ua-donbas-contact-line-2015"]
    assert donbas.country_code == "UA" and len(donbas.points) >= 6
    # consecutive points are neighbours along the line, never a jump across the country
    assert all(haversine_km(*a, *b) < 120 for a, b in zip(donbas.points, donbas.points[1:], strict=False))
    # each point is where the gazetteer puts the town it marks (within 10 km)
    for name in ("Avdiivka", "Popasna", "Stanytsia Luhanska", "Marinka"):
        towns = [c for c in extractor.gazetteer.lookup(name.lower()) if c.country_code == "UA"]
        assert towns, name
        assert min(haversine_km(t.latitude, t.longitude, *p) for t in towns for p in donbas.points) < 10, name
