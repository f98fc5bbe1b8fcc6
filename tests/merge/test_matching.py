"""Blocking and scoring of report pairs."""

from __future__ import annotations

import dataclasses
import datetime as dt

from merge_corpus import IRAQ, KIRKUK, KIRKUK_REGION, SUNDAY, article, corpus, event

from eventwire.merge import compatible, report_for, score
from eventwire.merge.matching import family, haversine_km
from eventwire.model import Place

MOSUL = Place(name="Mosul", place_id="gn:99072", latitude=36.335, longitude=43.1189, country="Iraq",
              country_code="IQ", admin1="Nineveh")
DIBIS = Place(name="Dibis", place_id="gn:98463", latitude=35.6536, longitude=44.0733, country="Iraq",
              country_code="IQ", admin1="Kirkuk")


def reports():  # type: ignore[no-untyped-def]
    return {a.id: report_for(a, evs[0]) for a, evs in corpus()}


def test_families() -> None:
    assert family("Battles") == family("Violence against civilians") == family("Explosions/Remote violence")
    assert family("Protests") == family("Riots") != family("Battles")
    assert family("Strategic developments") == "Strategic developments"


def test_same_incident_matches_and_score_is_symmetric() -> None:
    r = reports()
    a, b = r["kirkuk-herald"], r["tigris-news"]
    assert compatible(a, b)
    s = score(a, b)
    assert s.matched
    assert s == score(b, a)
    assert set(s.parts) == {"place", "date", "type", "weapon", "actors", "fatalities", "text"}


def test_two_days_later_or_other_type_is_not_matched() -> None:
    r = reports()
    assert compatible(r["kirkuk-herald"], r["north-wire"])  # within the +-2 day window ...
    assert not score(r["kirkuk-herald"], r["north-wire"]).matched  # ... but a 2-day gap weighs heavily
    assert not compatible(r["kirkuk-herald"], r["civic-post"])  # protest vs bombing: other family


def test_consecutive_days_with_different_details_stay_apart() -> None:
    herald = article("kirkuk-herald")
    monday = article("m", "A roadside bomb hit a minibus on the highway in Kirkuk on Monday, killing 2 soldiers.",
                     published=dt.date(2024, 3, 12))
    a = report_for(herald, event(herald, fatalities=8, toll="8"))
    b = report_for(monday, event(monday, day=dt.date(2024, 3, 11), fatalities=2, toll="2", trigger="roadside bomb",
                                 date_phrase="Monday"))
    assert compatible(a, b)
    assert not score(a, b).matched


def test_same_report_one_day_apart_scores_lower_than_same_day() -> None:
    herald, tigris = article("kirkuk-herald"), article("tigris-news")
    a = report_for(herald, event(herald, fatalities=8, toll="8"))
    same = report_for(tigris, event(tigris, fatalities=10, toll="10"))
    next_day = report_for(tigris, event(tigris, day=SUNDAY + dt.timedelta(days=1), fatalities=10, toll="10"))
    assert score(a, next_day).total < score(a, same).total
    assert score(a, next_day).day_gap == 1


def test_place_blocking() -> None:
    r = reports()
    a = r["kirkuk-herald"]

    def moved(place: Place):  # type: ignore[no-untyped-def]
        other = r["tigris-news"]
        return dataclasses.replace(other, event=dataclasses.replace(other.event, place=place))

    assert haversine_km(KIRKUK.latitude, KIRKUK.longitude, DIBIS.latitude, DIBIS.longitude) < 50
    assert compatible(a, moved(DIBIS))  # under 50 km
    assert not compatible(a, moved(MOSUL))  # 140 km away, another province
    assert compatible(a, moved(KIRKUK_REGION))  # the province that contains it
    assert compatible(a, moved(IRAQ))  # only the country is known
    abroad = dataclasses.replace(IRAQ, country="Syria", country_code="SY", place_id="country:SY")
    assert not compatible(a, moved(abroad))


def test_no_shared_words_no_match() -> None:
    herald = article("kirkuk-herald")
    other = article("z", "Kirkuk: car bomb, Sunday.")
    a = report_for(herald, event(herald, fatalities=8, toll="8"))
    b = report_for(other, event(other))
    assert score(a, b).parts["text"] > 0
    empty = dataclasses.replace(b, words=type(b.words)())
    assert not score(a, empty).matched


def test_same_article_never_matches_itself() -> None:
    herald = article("kirkuk-herald")
    a = report_for(herald, event(herald, fatalities=8, toll="8"))
    b = report_for(herald, event(herald, fatalities=8, toll="8", suffix="1"))
    assert not compatible(a, b)
