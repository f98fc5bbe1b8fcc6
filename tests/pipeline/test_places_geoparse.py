"""Geoparsing-mode place mentions: demonyms as their country, country names over same-named towns, common
words only as whole entities, and territory centres."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from eventwire.model import Article
from eventwire.pipeline.nlp import load_nlp
from eventwire.pipeline.places import resolve, to_place
from eventwire.pipeline.toponyms import find_toponyms


def _resolved(extractor, text: str, *, demonyms: bool = False):  # type: ignore[no-untyped-def]
    doc = load_nlp()(text)
    return resolve(find_toponyms(doc, extractor.gazetteer, demonyms=demonyms), Counter())


def test_demonyms_are_mentions_of_their_country_only_on_request(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The Russian ambassador met South Korean officials in Geneva."
    plain = {r.toponym.text for r in _resolved(extractor, text)}
    assert "Russian" not in plain
    found = {r.toponym.text: r for r in _resolved(extractor, text, demonyms=True)}
    assert found["Russian"].candidate.place_id == "country:RU"
    assert found["South Korean"].candidate.place_id == "country:KR"
    assert found["Russian"].toponym.demonym_only


def test_country_name_beats_same_named_town_in_a_us_story(extractor) -> None:  # type: ignore[no-untyped-def]
    text = ("Officials in Texas, Ohio and California said on Monday that exports to China and Mexico "
            "had fallen sharply.")
    found = {r.toponym.text: r.candidate for r in _resolved(extractor, text)}
    assert found["China"].kind == "country" and found["China"].country_code == "CN"
    assert found["Mexico"].kind == "country" and found["Mexico"].country_code == "MX"


def test_compass_word_inside_a_region_name_is_not_a_place(extractor) -> None:  # type: ignore[no-untyped-def]
    texts = {r.toponym.text for r in _resolved(extractor, "Tensions are rising across the Middle East again.")}
    assert "East" not in texts


def test_country_mention_reported_at_its_centre(extractor) -> None:  # type: ignore[no-untyped-def]
    res = next(r for r in _resolved(extractor, "Sanctions on Russia were extended.") if r.toponym.text == "Russia")
    event_point = to_place(res)
    centre = to_place(res, centre=True)
    assert abs(event_point.longitude - 37.6) < 1.0  # Moscow, where country-level events are coded
    assert centre.longitude > 80.0  # the middle of the country


def test_demonym_inside_a_longer_name_is_not_the_country(extractor) -> None:  # type: ignore[no-untyped-def]
    found = {r.toponym.text for r in _resolved(extractor, "Migrants from Central American nations arrived.",
                                               demonyms=True)}
    assert "American" not in found


def test_continents_and_their_adjectives_in_geoparsing(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "European leaders met African and Asian envoys in Paris. The EU said Europe would help."
    found = {r.toponym.text: r for r in _resolved(extractor, text, demonyms=True)}
    assert found["European"].candidate.place_id == "continent:EU"
    assert found["African"].candidate.place_id == "continent:AF"
    assert found["Asian"].candidate.place_id == "continent:AS"
    assert found["EU"].candidate.place_id == "continent:EU"
    assert found["Europe"].candidate.kind == "continent"
    # a continent casts no vote for the country of its point
    assert found["Paris"].candidate.country_code == "FR"
    assert to_place(found["Europe"], centre=True).geo_precision == 3


def test_continents_are_never_event_places(extractor) -> None:  # type: ignore[no-untyped-def]
    from eventwire.model import Article

    events = extractor.extract(Article(id="t", text="Gunmen attacked a convoy in Africa on Monday, killing 3 people.",
                                       published=None))
    assert events
    assert all(e.place is None or e.place.kind != "continent" for e in events)


def test_context_cue_ties_a_monitoring_report_to_its_regions() -> None:
    from eventwire.pipeline.place_cues import context_cues

    countries, regions = context_cues("The OSCE SMM observed 2 explosions near Vesele.")
    assert countries["UA"] > 0 and {"UA.05", "UA.14"} <= set(regions)
    assert context_cues("Observers saw explosions near Vesele.") == (Counter(), {})


def test_monitoring_report_village_in_the_conflict_oblasts(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The OSCE SMM heard 14 blasts close to Serhiivka during the night of 4 June."
    doc = load_nlp()(text)
    found = {r.toponym.text: r.candidate for r in resolve(find_toponyms(doc, extractor.gazetteer), Counter(), text)}
    assert found["Serhiivka"].admin1 in ("Donetsk", "Luhansk")
    # without the cue nothing points to those oblasts
    plain = {r.toponym.text: r.candidate for r in resolve(find_toponyms(doc, extractor.gazetteer), Counter())}
    assert plain["Serhiivka"].admin1 not in ("Donetsk", "Luhansk")


def test_lower_case_arabic_article_opens_a_name(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Unknown gunmen shot a shopkeeper in al Bab, north of Aleppo."
    found = {r.toponym.text: r.candidate for r in _resolved(extractor, text)}
    assert found["al Bab"].country_code == "SY"


def test_capital_not_a_small_county_of_a_named_state(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Students in Parkland, Florida, marched. In Washington, lawmakers debated gun laws."
    found = {r.toponym.text: r.candidate for r in _resolved(extractor, text)}
    assert found["Washington"].admin1_code == "US.DC"
    assert found["Parkland"].admin1 == "Florida"


def test_world_city_without_context_and_country_over_its_capital(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Officials in Chicago and Texas said flights to London were cancelled. Trade with Mexico fell."
    found = {r.toponym.text: r.candidate for r in _resolved(extractor, text)}
    assert found["London"].country_code == "GB"
    assert found["Mexico"].kind == "country"


def test_england_is_a_region_of_the_united_kingdom(extractor) -> None:  # type: ignore[no-untyped-def]
    found = {r.toponym.text: r for r in _resolved(extractor, "Floods hit England and Wales on Monday.")}
    assert found["England"].candidate.kind == "admin1" and found["England"].candidate.country_code == "GB"
    centre = to_place(found["Wales"], centre=True)
    assert 51.3 < centre.latitude < 53.5 and -5.0 < centre.longitude < -2.7


def test_a_sea_is_not_a_small_town_of_its_name(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Hurricanes form in the Atlantic every year, officials in Miami said."
    found = {r.toponym.text: r.candidate for r in _resolved(extractor, text)}
    assert "Atlantic" not in found  # not Atlantic, Iowa
    assert found["Miami"].country_code == "US"


def test_holy_see_and_korea_names(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The Holy See wrote to the Democratic People's Republic of Korea."
    found = {r.toponym.text: r.candidate for r in _resolved(extractor, text)}
    assert found["Holy See"].place_id == "country:VA"
    assert found["Democratic People's Republic of Korea"].place_id == "country:KP"


def test_facility_word_and_possessive_are_not_places(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Fans gathered at the Rogers Centre in Toronto to celebrate Canada's win."
    found = {r.toponym.text: r.candidate for r in _resolved(extractor, text)}
    assert "Centre" not in found
    assert "Canada's" not in found
    assert found["Toronto"].country_code == "CA"


def test_name_read_as_a_city_takes_back_its_state_vote(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Washington" is read as the capital, so it does not name the state where another Parkland lies
    text = "Students from Parkland marched on Washington. They flew home to Florida on Sunday."
    found = {r.toponym.text: r.candidate for r in _resolved(extractor, text)}
    assert found["Washington"].admin1_code == "US.DC"
    assert found["Parkland"].admin1 == "Florida"


def test_world_city_over_village_namesakes_in_a_neighbours_story(extractor) -> None:  # type: ignore[no-untyped-def]
    text = ("Sewage from Tijuana, in Baja California, Mexico, fouled beaches again, officials in San Diego said. "
            "Mexican authorities promised repairs.")
    found = {r.toponym.text: r.candidate for r in _resolved(extractor, text)}
    assert found["Tijuana"].country_code == "MX"
    assert found["San Diego"].country_code == "US"


def test_world_city_gives_way_to_a_region_of_the_article_country(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "In Colombia, troops clashed with rebels in Cordoba, the army said."
    found = {r.toponym.text: r.candidate for r in _resolved(extractor, text)}
    assert found["Cordoba"].country_code == "CO"



def test_region_after_an_unknown_town_is_the_place(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Town, Region" with a town the gazetteer lacks: the region stands; a namesake abroad does not
    found = {r.toponym.text: r.candidate for r in _resolved(
        extractor, "On Monday, in the municipality of Zarquelo, Michoacan, teachers blocked a highway.")}
    assert found["Michoacan"].kind == "admin1" and found["Michoacan"].country_code == "MX"
    assert "Zarquelo" not in found


def test_bracketed_listing_names_which_town(extractor) -> None:  # type: ignore[no-untyped-def]
    # the last region of a listing after a town says which of its namesakes is meant
    found = {r.toponym.text: r.candidate for r in _resolved(
        extractor, "Bandits looted several shops in Tudun Wada (Kaduna North LGA, Kaduna) late on Sunday.")}
    tudun = found.get("Tudun Wada")
    assert tudun is None or tudun.admin1 == "Kaduna"
    assert found["Kaduna North"].admin1 == "Kaduna"


def test_arabic_town_without_its_article(extractor) -> None:  # type: ignore[no-untyped-def]
    found = {r.toponym.text: r.candidate for r in _resolved(
        extractor, "A car bomb exploded in Qamishli in northeastern Syria on Tuesday.")}
    assert found["Qamishli"].country_code == "SY" and found["Qamishli"].kind == "populated place"


def test_front_line_village_from_the_codifier_is_coded_near_its_hromada(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "On 3 March 2021, the OSCE SMM recorded 12 explosions in Vodiane, an undetermined weapon."
    events = extractor.extract(Article(id="t", text=text, published=dt.date(2021, 3, 4)))
    place = next(e.place for e in events if e.place is not None and e.place.kind != "country")
    assert place.admin1 == "Donetsk" and place.geo_precision == 2


def test_dateline_is_not_where_the_incident_happened(extractor) -> None:  # type: ignore[no-untyped-def]
    text = ("KABUL, Afghanistan (July 30, 2011) - Coalition forces detained two insurgents in Zharay district, "
            "Kandahar province, yesterday.")
    events = extractor.extract(Article(id="t", text=text, published=dt.date(2011, 7, 30)))
    assert events and all(e.place is not None and e.place.admin1 == "Kandahar" for e in events)


def test_region_word_names_the_region_not_its_capital(extractor) -> None:  # type: ignore[no-untyped-def]
    found = {r.toponym.text: r.candidate for r in _resolved(
        extractor, "A man was killed in Ukraine's Kherson region after shelling on Saturday.")}
    assert found["Kherson"].kind == "admin1"


def test_a_list_of_towns_is_not_a_town_and_its_region(extractor) -> None:  # type: ignore[no-untyped-def]
    found = {r.toponym.text for r in _resolved(
        extractor, "The chain sold its stores in Zilina, Nitra, Presov and Kosice, in Slovakia.")}
    assert {"Zilina", "Nitra"} <= found


def test_a_fuzzy_spelling_is_read_near_the_town_named_beside_it(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Quamishli" is only a fuzzy match (Al Qamishli, Syria; Kamyshlov, Russia); the Russian police make Russia
    # a country of the story, but the town named beside it, Hasakah, is 75 km from Qamishli.
    text = "Russian military police carried out a patrol around Quamishli city in al-Hasakeh on Friday."
    events = extractor.extract(Article(id="t", text=text, published=dt.date(2020, 5, 9)))
    assert [(e.place.name, e.place.country_code) for e in events if e.place] == [("Al Qamishli", "SY")]


def test_a_name_the_model_takes_for_a_person_is_a_place_in_rural_x(extractor) -> None:  # type: ignore[no-untyped-def]
    text = ("On 7 May 2020, Turkish artillery pounded Afdaki village in rural Tell Abiad, Ar-Raqqa countryside, "
            "wounding two SDF fighters.")
    events = extractor.extract(Article(id="t", text=text, published=dt.date(2020, 5, 8)))
    assert [e.place.name for e in events if e.place] == ["Tall Abyad"]


def test_a_town_word_between_a_town_and_its_region_keeps_the_qualifier(extractor) -> None:  # type: ignore[no-untyped-def]
    # "Tarinkot city, Urozgan": the region is only a fuzzy match (Uruzgan), which is no reason to drop the town
    text = ("On 2 May 2020, four policemen were killed in an attack by Taliban militants on a checkpoint in "
            "Tarinkot city, Urozgan.")
    events = extractor.extract(Article(id="t", text=text, published=dt.date(2020, 5, 3)))
    assert [e.place.name for e in events if e.place] == ["Tarinkot"]


def _event_places(extractor, text: str) -> list[tuple[str, str | None, int | None]]:  # type: ignore[no-untyped-def]
    events = extractor.extract(Article(id="t", text=text, published=dt.date(2021, 3, 2)))
    return [(e.place.name, e.place.country_code, e.place.geo_precision) for e in events if e.place]


def test_a_name_partly_known_is_read_whole_by_its_spelling(extractor) -> None:  # type: ignore[no-untyped-def]
    # the index knows "Al Ain" (UAE) but not this spelling of Ra's al 'Ayn; the whole name is the Syrian town
    found = {r.toponym.text: r.candidate for r in _resolved(
        extractor, "Kurdish fighters said on Sunday that they had pushed back an assault on Ras Al Ain in Syria.")}
    assert "Al Ain" not in found
    assert found["Ras Al Ain"].country_code == "SY"


def test_countryside_of_a_town_is_its_governorate(extractor) -> None:  # type: ignore[no-untyped-def]
    found = {r.toponym.text: r.candidate for r in _resolved(
        extractor, "Artillery hit farmland in the western countryside of Aleppo overnight.")}
    assert found["Aleppo"].kind == "admin1"
    # ... so the town the sentence names is where it happened
    events = extractor.extract(Article(id="t", text="A car bomb exploded in Azaz city in the northern countryside "
                                                    "of Aleppo, killing four people.", published=dt.date(2021, 3, 2)))
    assert len(events) == 1 and events[0].place is not None
    assert events[0].place.geo_precision == 1  # Azaz (36.59 N 37.04 E), not Aleppo (36.2 N)
    assert abs(events[0].place.latitude - 36.59) < 0.05 and abs(events[0].place.longitude - 37.04) < 0.05


def test_the_region_a_bracket_names_is_read_as_a_region(extractor) -> None:  # type: ignore[no-untyped-def]
    # "(Abyan)", "(Al Hudaydah)": the governorate, not its seat; the district or town is the place
    places = _event_places(extractor, "Gunmen attacked a police checkpoint in Mudiyah district (Abyan), "
                                      "killing two policemen.")
    assert [(name, cc) for name, cc, _ in places] == [("Mudiyah", "YE")]
    places = _event_places(extractor, "A landmine exploded in Zabid city (Al Hudaydah), killing a boy.")
    assert [(name, cc) for name, cc, _ in places] == [("Zabid", "YE")]
    found = {r.toponym.text: r.candidate for r in _resolved(
        extractor, "Clashes were reported in Hays district (Al Hudaydah) and in Maqbanah district (Taizz).")}
    assert found["Al Hudaydah"].kind == found["Taizz"].kind == "admin1"


def test_a_region_reading_only_where_a_town_of_it_precedes(extractor) -> None:  # type: ignore[no-untyped-def]
    # "the OAS in Washington": no OAS lies in Washington state, so Washington stays the capital
    found = {r.toponym.text: r.candidate for r in _resolved(
        extractor, "Ministers met at the OAS in Washington on Tuesday, and later flew to Tacoma, Washington.")}
    assert found["Tacoma"].admin1 == "Washington"
    washingtons = [r.candidate for r in _resolved(
        extractor, "Ministers met at the OAS in Washington on Tuesday.") if r.toponym.text == "Washington"]
    assert washingtons and washingtons[0].kind == "populated place" and abs(washingtons[0].latitude - 38.9) < 0.5


def test_towns_a_road_is_named_after_are_not_where_it_happened(extractor) -> None:  # type: ignore[no-untyped-def]
    places = _event_places(extractor, "Farmers blocked the Sylhet-Sunamganj highway in Chhatak upazila (Sunamganj, "
                                      "Sylhet) on Sunday, demanding fair prices.")
    assert [name for name, _, _ in places] == ["Chhatak"]
    places = _event_places(extractor, "Traders held a rally on Jhelum road in Gujrat city (Gujrat, Punjab) against "
                                      "new taxes.")
    assert [name for name, _, _ in places] == ["Gujrat"]


def test_the_anchor_of_a_bearing_is_not_the_place(extractor) -> None:  # type: ignore[no-untyped-def]
    places = _event_places(extractor, "Two airstrikes hit Harib district south of Marib city (Marib) on Monday.")
    assert [name for name, _, _ in places] == ["Harib"]


def test_a_country_named_before_border_is_a_reference(extractor) -> None:  # type: ignore[no-untyped-def]
    places = _event_places(extractor, "Gunmen killed four soldiers in an ambush in western Niger, close to the "
                                      "Burkina Faso border, the army said.")
    assert [cc for _, cc, _ in places] == ["NE"]


def test_a_front_line_cue_reads_a_common_village_name_on_the_line(extractor) -> None:  # type: ignore[no-untyped-def]
    from eventwire.gazetteer.front_lines import front_lines
    from eventwire.geo import distance_to_polyline_km
    from eventwire.pipeline.place_cues import FRONT_LINE_KM, cued_front_lines

    (line,) = [x for x in front_lines() if x.line_id == "ua-donbas-contact-line-2015"]
    text = "The Donbass People's Militia said Ukrainian forces fired mortars at its positions near Vesele, Donetsk."
    assert cued_front_lines(text) == (line,)
    assert cued_front_lines("Explosions were heard near Vesele, Donetsk region.") == ()
    found = {r.toponym.text: r.candidate for r in _resolved_with_text(extractor, text)}
    vesele = found["Vesele"]
    assert distance_to_polyline_km(vesele.latitude, vesele.longitude, line.points) <= FRONT_LINE_KM
    # the Nigerian Air Force's "NAF" is no cue
    assert cued_front_lines("NAF jets struck camps near Damboa.") == ()


def _resolved_with_text(extractor, text: str):  # type: ignore[no-untyped-def]
    doc = load_nlp()(text)
    return resolve(find_toponyms(doc, extractor.gazetteer), Counter(), text)


def test_a_town_followed_by_its_region_is_a_place_whatever_the_model_says(extractor) -> None:  # type: ignore[no-untyped-def]
    # the model calls Temblador an organisation, and runs "Hammam Sousse (Sousse" into one organisation
    places = _event_places(extractor, "On 3 March 2021, Temblador, Monagas state, workers blocked the road.")
    assert [(name, cc) for name, cc, _ in places] == [("Temblador", "VE")]
    places = _event_places(extractor, "Residents gathered at the council office in Hammam Sousse (Sousse) to "
                                      "demand jobs.")
    assert [(name, cc) for name, cc, _ in places] == [("Hammam Sousse", "TN")]


def test_a_district_word_makes_a_place_of_a_name_read_as_a_people(extractor) -> None:  # type: ignore[no-untyped-def]
    # the model takes "Raghwan" for a people
    places = _event_places(extractor, "Two air raids were reported on Raghwan district (Marib), with no casualties.")
    assert [(name, cc) for name, cc, _ in places] == [("Raghwan", "YE")]


def test_the_cities_something_came_from_are_not_where_it_happened(extractor) -> None:  # type: ignore[no-untyped-def]
    places = _event_places(extractor, "Fighters arrived in Harib district (Marib) from the cities of Sanaa and "
                                      "Dhamar on Monday.")
    assert [name for name, _, _ in places] == ["Harib"]
    # ... but "50 km from the city of X" is a distance, not an origin
    found = {r.toponym.text: r.toponym for r in _resolved(
        extractor, "A drone struck a depot about 50 kilometers from the city of Kherson on Monday.")}
    assert not found["Kherson"].origin


def test_a_close_spelling_stands_where_no_country_is_named(extractor) -> None:  # type: ignore[no-untyped-def]
    # nothing in the sentence names Syria; "Shadadah" is only a fuzzy match of Ash Shaddadah
    found = {r.toponym.text: r.candidate for r in _resolved(
        extractor, "Coalition troops moved fifty trucks of equipment to their base in Shadadah on Friday.")}
    assert found["Shadadah"].country_code == "SY"
