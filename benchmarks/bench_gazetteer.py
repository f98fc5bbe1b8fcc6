"""Gazetteer index: build time, size on disk, open time and lookup latency.

    python benchmarks/bench_gazetteer.py [--index PATH] [--lookups 2000] [--no-airports]

Without --index the index is built from the packaged data into a temporary directory (about half a minute)
and the build is timed; with --index an existing file is measured as it is. Lookups go through
`Gazetteer.lookup` over a fixed list of names (places of every kind, misspellings, misses), cycled to the
requested count: "cold" clears the gazetteer's per-key cache before every lookup, so each one is an SQLite
query (the OS page cache is warm after the first pass over a name); "warm" answers from that cache.
`nearby` (30 km, 20 results) is timed the same way around fixed points; "key_set_load_ms" is the one-off read of
every key that the first scanned text triggers. Reports JSON on stdout.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from eventwire.gazetteer.build import build_index
from eventwire.gazetteer.index import Gazetteer
from eventwire.gazetteer.normalize import norm

NAMES = [
    # countries and capitals
    "Iraq", "Syria", "Ukraine", "Niger", "Burkina Faso", "Mali", "Sudan", "Somalia", "Yemen", "Afghanistan",
    "Baghdad", "Damascus", "Kyiv", "Niamey", "Ouagadougou", "Bamako", "Khartoum", "Mogadishu", "Sanaa", "Kabul",
    # regions, with and without suffixes
    "Anbar", "Anbar Governorate", "Nineveh", "Deir ez-Zor", "Idlib", "Donetsk Oblast", "Kharkiv", "Zaporizhzhia",
    "Tillaberi", "Tillabéri Region", "Sahel", "Mopti", "Darfur", "North Darfur", "Lower Shabelle", "Helmand",
    "Kandahar Province", "Borno", "Ituri", "North Kivu", "Cabo Delgado", "Rakhine", "Shan State",
    # towns and villages
    "Fallujah", "Ramadi", "Mosul", "Kirkuk", "Erbil", "Raqqa", "Manbij", "Afrin", "Bakhmut", "Avdiivka",
    "Mariupol", "Kherson", "Ouallam", "Ayorou", "Djibo", "Dori", "Kaya", "Menaka", "Gao", "Timbuktu",
    "El Fasher", "Nyala", "Geneina", "Kismayo", "Baidoa", "Marib", "Taiz", "Hodeidah", "Lashkar Gah",
    "Maiduguri", "Goma", "Beni", "Bunia", "Palma", "Mocimboa da Praia", "Diffa", "Tahoua", "Agadez",
    # sites and airports
    "Ain al-Asad Air Base", "Al Asad Airbase", "Erbil airport", "Baghdad International Airport", "Hmeimim",
    "Bagram Air Base", "Kandahar Airfield", "Niamey airport", "Ouallam Airport", "Mosul airport",
    "Al-Hol camp", "Zaporizhzhia Nuclear Power Plant", "Rafah crossing", "Kakhovka dam",
    # transliteration variants and apostrophes
    "Dayr az Zawr", "Deir Ezzor", "Falluja", "N’Guigmi", "N'Djamena", "Ma'arrat al-Nu'man", "Sinjar",
    # misses and ordinary words
    "Xyzzyville", "Quarterback", "Parliament", "Wednesday", "Ministry of Defence", "Nowhere Creek",
]
POINTS = [(33.31, 44.36), (36.19, 44.01), (48.0, 37.8), (13.51, 2.11), (14.32, 2.09), (12.37, -1.53),
          (15.55, 32.53), (2.04, 45.34), (-16.8, 179.97), (82.5, -62.3)]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summary(samples: list[float]) -> dict[str, float]:
    micro = [s * 1e6 for s in samples]
    return {"n": len(micro), "median_us": round(statistics.median(micro), 1),
            "p95_us": round(percentile(micro, 0.95), 1), "max_us": round(max(micro), 1)}


def timed(fn: Callable[[], object], before: Callable[[], None] | None = None, count: int = 1) -> list[float]:
    samples = []
    for _ in range(count):
        if before:
            before()
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--index", type=Path, default=None, help="measure this index instead of building one")
    parser.add_argument("--lookups", type=int, default=2000)
    parser.add_argument("--no-airports", action="store_true", help="build without the airportsdata records")
    args = parser.parse_args()

    report: dict[str, object] = {"python": sys.version.split()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        if args.index is None:
            path = Path(tmp) / "gazetteer.sqlite"
            start = time.perf_counter()
            build_index(path, airports=not args.no_airports)
            report["build_s"] = round(time.perf_counter() - start, 2)
        else:
            path = args.index
            report["build_s"] = None
        report["index"] = str(path) if args.index else "(temporary)"
        report["size_mb"] = round(path.stat().st_size / 2**20, 1)

        opens = []
        for _ in range(20):
            start = time.perf_counter()
            g = Gazetteer(path)
            g.lookup("baghdad")  # first query: schema read, pages touched
            opens.append(time.perf_counter() - start)
            g.close()
        report["open_ms"] = {"median": round(statistics.median(opens) * 1e3, 2), "max": round(max(opens) * 1e3, 2)}
        # a text scan first reads the set of every key (once per process): the cost of the first article
        loads = []
        for _ in range(5):
            g = Gazetteer(path)
            start = time.perf_counter()
            g.first_words()
            loads.append(time.perf_counter() - start)
            g.close()
        report["key_set_load_ms"] = round(statistics.median(loads) * 1e3, 1)

        gaz = Gazetteer(path)
        report["stats"] = gaz.stats()
        keys = [norm(n) for n in NAMES]
        cycle = [keys[i % len(keys)] for i in range(args.lookups)]
        report["distinct_names"] = len(keys)
        report["found"] = sum(1 for k in keys if gaz.lookup(k))

        def clear() -> None:
            gaz._cache.clear()

        def lookup_timer(key: str) -> Callable[[], object]:
            return lambda: gaz.lookup(key)

        cold: list[float] = []
        for key in cycle:
            cold += timed(lookup_timer(key), before=clear)
        warm: list[float] = []
        for key in cycle:
            warm += timed(lookup_timer(key))
        batch = timed(lambda: gaz.lookup_many(keys), before=clear, count=20)
        report["lookup_cold"] = summary(cold)
        report["lookup_warm"] = summary(warm)
        report["lookup_many_cold_per_name_us"] = round(statistics.median(batch) / len(keys) * 1e6, 1)
        near: list[float] = []
        for i in range(args.lookups // 10):
            lat, lon = POINTS[i % len(POINTS)]
            near += timed(lambda lat=lat, lon=lon: gaz.nearby(lat, lon, 30, 20))  # type: ignore[misc]
        report["nearby_30km"] = summary(near)
        gaz.close()
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
