"""Blocking and scoring of report pairs."""

from __future__ import annotations

import dataclasses
import datetime as dt

from merge_corpus import IRAQ, KIRKUK, KIRKUK_REGION, SUNDAY, article, background_corpus, corpus, event

from eventwire.merge import cluster, compatible, report_for, reports_for, score
from eventwire.merge.matching import family, haversine_km
from eventwire.model import Place
from eventwire.pipeline.background import background_ids

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


def test_recap_of_an_incident_a_week_earlier_is_background() -> None:
    found = {a.id: background_ids(a, evs) for a, evs in background_corpus()}
    assert found == {"kirkuk-herald": set(), "tigris-news": set(), "kirkuk-observer": {"ew-kirkuk-observer-1"},
                     "gulf-times": set()}
    observer, events = background_corpus()[2]
    assert [r.background for r in reports_for(observer, events)] == [False, True]


def test_recap_cue_marks_an_earlier_day_as_background() -> None:
    tuesday = dt.date(2024, 3, 12)
    recap = article("r", "Gunmen attacked a checkpoint in Kirkuk on Tuesday, killing 4 soldiers. It follows a car "
                    "bomb attack in Kirkuk on Sunday.", published=dt.date(2024, 3, 13))
    plain = article("p", "Gunmen attacked a checkpoint in Kirkuk on Tuesday, killing 4 soldiers. A car bomb "
                    "exploded near a market in Kirkuk on Sunday.", published=dt.date(2024, 3, 13))
    for art, expected in ((recap, {"ew-r-1"}), (plain, set())):
        own = event(art, event_type="Battles", sub_event_type="Armed clash", weapon=None, day=tuesday,
                    trigger="attacked", date_phrase="Tuesday")
        earlier = event(art, trigger="car bomb", suffix="1")
        # two days before the news day: background only when the sentence tells it as what the news follows
        assert background_ids(art, [own, earlier]) == expected


def test_page_date_line_does_not_set_the_news_day() -> None:
    art = article("d", "Wednesday, March 20, 2024\nClashes in Kirkuk\nA car bomb exploded in Kirkuk on Sunday, "
                  "killing 8 people.", published=dt.date(2024, 3, 20))
    headline = event(art, event_type="Battles", sub_event_type="Armed clash", weapon=None,
                     day=dt.date(2024, 3, 20), trigger="Clashes", date_phrase="Wednesday, March 20, 2024")
    bombing = event(art, suffix="1")
    assert background_ids(art, [headline, bombing]) == set()
    assert background_ids(dataclasses.replace(art, text=art.text.replace("\n", ". ")), [headline, bombing]) == {
        "ew-d-1"}


def test_a_background_report_does_not_bridge_two_incidents() -> None:
    r = reports()
    sunday, tuesday = r["kirkuk-herald"], r["north-wire"]
    recap = article("recap", "Last week a car bomb exploded in Kirkuk, killing people at a police station and a "
                    "market.", published=dt.date(2024, 3, 20))
    vague = event(recap, day=SUNDAY + dt.timedelta(days=1), date_phrase="Last week", time_precision=2)
    assert not score(sunday, tuesday).matched
    groups = {False: [], True: []}  # type: dict[bool, list[list[str]]]
    for flag in (False, True):
        mention = report_for(recap, vague, background=flag)
        assert score(sunday, mention).matched and score(tuesday, mention).matched
        groups[flag] = [sorted(x.article_id for x in g.reports) for g in cluster([sunday, tuesday, mention])]
    assert groups[False] == [["kirkuk-herald", "north-wire", "recap"]]  # an own report would join both
    assert groups[True] == [["kirkuk-herald", "recap"], ["north-wire"]]  # a mention attaches to the closer one
