"""Airports and air bases from `airportsdata` records: which are kept, their names, and the sites table."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

import pytest

from eventwire.gazetteer import airports
from eventwire.gazetteer.airports import airport_names, airport_places
from eventwire.gazetteer.build import write_index
from eventwire.gazetteer.index import Gazetteer, _index_is_current
from eventwire.gazetteer.normalize import norm
from eventwire.gazetteer.place import IndexPlace
from eventwire.gazetteer.sites import sites_rows


def rec(icao: str, name: str, city: str, cc: str, lat: float, lon: float, subd: str = "") -> dict[str, Any]:
    return {"icao": icao, "iata": "", "name": name, "city": city, "subd": subd, "country": cc,
            "elevation": 0.0, "lat": lat, "lon": lon, "tz": "", "lid": ""}


RECORDS = {
    "ORER": rec("ORER", "Erbil International Airport", "Arbil", "IQ", 36.2376, 43.9632, "Arbil"),
    "ORAA": rec("ORAA", "Al Asad Air Base", "Hit", "IQ", 33.7856, 42.4412, "Anbar"),  # in sites (ICAO)
    "ORQW": rec("ORQW", "Qayyarah West Airport", "Qayyarah", "IQ", 35.7672, 43.1251),  # in sites (1 km)
    "OSLK": rec("OSLK", "Bassel Al-Assad International Airport", "Latakia", "SY", 35.4011, 35.9487),
    "ORBM": rec("ORBM", "Mosul International Airport", "Mosul", "IQ", 36.3058, 43.1474, "Ninawa"),
    "DRRU": rec("DRRU", "Ouallam Airport", "Ouallam", "NE", 14.333, 2.083, "Tillaberi"),
    "KXYZ": rec("KXYZ", "Municipal Airport", "", "US", 40.0, -100.0),  # generic, no city: nothing to call it
    "00AK": rec("00AK", "Lowell Field", "Anchor Point", "US", 59.95, -151.69),  # US local code, no "Airport"
    "01AL": rec("01AL", "Ware Island Airport", "Clanton", "US", 32.95, -86.51),  # US local identifier
    "DN50": rec("DN50", "Shiroro Airport", "Shiroro", "NG", 9.95, 6.83),  # digits outside the US: kept
    "HKXX": rec("HKXX", "Kisumu Heliport", "Kisumu", "KE", -0.08, 34.73),  # not an airfield name
    "ETAR": rec("ETAR", "Ramstein Air Base", "Ramstein", "DE", 49.4369, 7.6003, "Rheinland-Pfalz"),
}
SITES = [
    {"site_id": "iq-ain-al-asad-airbase", "name": "Ain al-Asad Air Base", "kind": "airbase", "country_code": "IQ",
     "latitude": "33.7856", "longitude": "42.4412", "source": "airportsdata ICAO ORAA"},
    {"site_id": "iq-qayyarah-airbase", "name": "Qayyarah Airfield West", "kind": "airbase", "country_code": "IQ",
     "latitude": "35.7750", "longitude": "43.1300", "source": "Wikipedia"},
    # a refugee camp next to an airport does not cover it
    {"site_id": "sy-camp", "name": "Some Camp", "kind": "refugee_camp", "country_code": "SY",
     "latitude": "35.4011", "longitude": "35.9487", "source": "test"},
    # same spot, other country: does not cover Mosul
    {"site_id": "xx-base", "name": "Elsewhere Base", "kind": "airbase", "country_code": "TR",
     "latitude": "36.3058", "longitude": "43.1474", "source": "test"},
]
POPULATED = [
    IndexPlace(place_id="gn:95446", name="Erbil", kind="populated place", country_code="IQ", admin1_code="IQ.11",
               admin1="Erbil", admin2="Erbil", latitude=36.19, longitude=44.01, population=932800, source="test",
               names=[("Erbil", 1.0)]),
    # nearer to Erbil airport but in another country: never the anchor
    IndexPlace(place_id="gn:1", name="Elsewhere", kind="populated place", country_code="TR", admin1_code="TR.99",
               admin1="Nowhere", admin2=None, latitude=36.24, longitude=43.96, population=10, source="test",
               names=[("Elsewhere", 1.0)]),
]


def by_id(places: list[IndexPlace]) -> dict[str, IndexPlace]:
    return {p.place_id: p for p in places}


def test_which_records_are_kept() -> None:
    places = by_id(airport_places(RECORDS, SITES, POPULATED))
    assert set(places) == {"icao:ORER", "icao:OSLK", "icao:ORBM", "icao:DRRU", "icao:DN50", "icao:ETAR"}
    assert places["icao:ORER"].kind == "airport"
    assert places["icao:ETAR"].kind == "airbase"
    assert places["icao:ORER"].source == "airportsdata ICAO ORER"


def test_admin_regions_from_nearest_place_of_the_same_country() -> None:
    places = by_id(airport_places(RECORDS, SITES, POPULATED))
    erbil = places["icao:ORER"]
    assert (erbil.admin1_code, erbil.admin1, erbil.admin2) == ("IQ.11", "Erbil", "Erbil")
    mosul = places["icao:ORBM"]  # no populated place nearby: airportsdata's subdivision
    assert (mosul.admin1_code, mosul.admin1, mosul.admin2) == (None, "Ninawa", None)


def test_airport_names() -> None:
    names = dict(airport_names("Erbil International Airport", "Arbil", "airport"))
    assert names == {"Erbil International Airport": 1.0, "Erbil airport": 0.95, "Erbil International": 0.9,
                     "Arbil airport": 0.9}
    base = dict(airport_names("Ramstein Air Base", "Ramstein", "airbase"))
    assert {norm(n) for n in base} == {"ramstein air base", "ramstein airbase"}
    # one entry per lookup key, with its best quality
    assert airport_names("Kandahar Airfield", "Kandahar", "airport") == [("Kandahar Airfield", 1.0)]
    # generic once "Airport" is gone: only the city form
    assert airport_names("Municipal Airport", "Fitzgerald", "airport") == [("Fitzgerald airport", 0.9)]
    assert airport_names("Regional Airport", "", "airport") == []
    # parentheses dropped from the short form
    short = dict(airport_names("Kherson International Airport (Chornobaivka)", "Kherson", "airport"))
    assert "Kherson airport" in short


def test_every_name_keeps_a_facility_word() -> None:
    for place in airport_places(RECORDS, SITES, POPULATED):
        for name, _quality in place.names:
            words = ("airport", "air base", "airbase", "airfield", "international")
            assert any(word in norm(name) for word in words), name


def test_airports_in_an_index(tmp_path: Path) -> None:
    path = tmp_path / "airports.sqlite"
    write_index(POPULATED + airport_places(RECORDS, SITES, POPULATED), path, airports="test")
    gaz = Gazetteer(path)
    try:
        for name in ("Erbil airport", "Arbil airport", "Erbil International Airport", "erbil international"):
            assert gaz.lookup(norm(name))[0].place_id == "icao:ORER", name
        assert gaz.lookup(norm("Erbil"))[0].place_id == "gn:95446"  # the city alone is not the airport
        assert gaz.lookup(norm("Ramstein airbase"))[0].kind == "airbase"
        assert gaz.stats()["airports"] == 6
    finally:
        gaz.close()


def test_missing_package_is_skipped_with_a_warning(monkeypatch: pytest.MonkeyPatch,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setitem(sys.modules, "airportsdata", None)  # makes `import airportsdata` raise ImportError
    with caplog.at_level(logging.WARNING, logger="eventwire.gazetteer.airports"):
        assert airports.load_airports() is None
    assert "airportsdata" in caplog.text


def test_index_goes_stale_when_airports_change(tiny_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("eventwire.gazetteer.index.airports_fingerprint", lambda: "none")
    assert _index_is_current(tiny_index)
    monkeypatch.setattr("eventwire.gazetteer.index.airports_fingerprint", lambda: "20260905")
    assert not _index_is_current(tiny_index)


def test_real_airportsdata_against_the_sites_table() -> None:
    airportsdata = pytest.importorskip("airportsdata")
    records = airportsdata.load("ICAO")
    sites = sites_rows()
    places = by_id(airport_places(records, sites))
    assert len(places) > 10_000
    covered = {code for row in sites for code in airports.ICAO_IN_SOURCE.findall(row["source"])}
    assert covered and not any(f"icao:{code}" in places for code in covered)
    assert "icao:DRRU" in places  # Ouallam, Niger: not in the sites table
    assert all(p.kind in ("airport", "airbase") for p in places.values())
    assert not any(p.place_id.startswith("icao:0") for p in places.values() if p.country_code == "US")
