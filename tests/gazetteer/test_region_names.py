"""Regions answer to the spellings of the town they are named after, at a lower quality, and fuzzy keys rank
the places spelled most like the text first."""

from __future__ import annotations

from eventwire.gazetteer.names import region_seat, seat_names, towns_by_key
from eventwire.gazetteer.normalize import norm, skeleton
from eventwire.gazetteer.place import IndexPlace
from eventwire.gazetteer.schema import SEAT_NAME_QUALITY


def _town(place_id: str, name: str, aliases: tuple[str, ...], population: int) -> IndexPlace:
    return IndexPlace(place_id=place_id, name=name, kind="populated place", country_code="SY", admin1_code="SY.01",
                      admin1=None, admin2=None, latitude=36.5, longitude=40.7, population=population, source="test",
                      names=[(name, 1.0), *((a, 0.9) for a in aliases)])


def test_a_region_borrows_the_spellings_of_its_namesake_seat() -> None:
    seat = _town("gn:1", "Al Hasakah", ("Al-Hasakeh", "Hassake"), 188_000)
    other = _town("gn:2", "Qamishli", ("Quamishli",), 184_000)
    towns = towns_by_key([seat, other])
    assert region_seat([("Al Hasakah", 1.0)], "SY", "SY.01", towns) is seat
    borrowed = seat_names([("Al Hasakah", 1.0)], seat)
    assert ("Al-Hasakeh", SEAT_NAME_QUALITY) in borrowed and ("Hassake", SEAT_NAME_QUALITY) in borrowed
    assert all(norm(name) != "al hasakah" for name, _ in borrowed)  # its own name is not borrowed again
    assert all(name != "Quamishli" for name, _ in borrowed)  # another town's names are not
    # a region whose name no town of it bears has no seat, nor has one looked for in another region
    assert region_seat([("Jazira", 1.0)], "SY", "SY.01", towns) is None
    assert region_seat([("Al Hasakah", 1.0)], "SY", "SY.02", towns) is None
    # a district's seat must lie in the district
    assert region_seat([("Al Hasakah", 1.0)], "SY", "SY.01", towns, admin2="Qamishli District") is None


def test_the_built_index_reads_a_seat_spelling_as_town_or_region(extractor) -> None:  # type: ignore[no-untyped-def]
    kinds = {(c.kind, c.quality) for c in extractor.gazetteer.lookup(norm("Al-Hasakeh"))}
    assert ("admin1", SEAT_NAME_QUALITY) in kinds and any(kind == "populated place" for kind, _ in kinds)


def test_fuzzy_candidates_come_by_likeness_of_spelling(extractor) -> None:  # type: ignore[no-untyped-def]
    # "rsn" is the key of a hundred places (Ryazan, Ulsan ...): the ones spelled like the text come first
    cands = extractor.gazetteer.lookup_skeleton(skeleton("Ras Al Ain"), "Ras Al Ain")
    assert "SY" in {c.country_code for c in cands[:5]}
    by_population = extractor.gazetteer.lookup_skeleton(skeleton("Ras Al Ain"))
    assert by_population[0].population >= by_population[-1].population


def test_a_district_is_pointed_at_the_town_it_is_named_after(extractor) -> None:  # type: ignore[no-untyped-def]
    # Barwani district's largest town is Sendhwa; ACLED codes district-level events at the seat, Barwani
    district = next(c for c in extractor.gazetteer.lookup("barwani") if c.kind == "admin2")
    town = next(c for c in extractor.gazetteer.lookup("barwani") if c.kind == "populated place")
    assert (district.latitude, district.longitude) == (town.latitude, town.longitude)
    assert district.population >= town.population  # the district still weighs as its largest town
