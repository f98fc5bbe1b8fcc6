"""The ACLED CSV row of one event of each type, against rows written out by hand as ACLED publishes them
(codebook: inter codes 1 state forces ... 8 external forces; `interaction` the two codes, lower first, or the one
actor's code and 0; `region` ACLED's region of the country; `civilian_targeting` where civilians are the target)."""

from __future__ import annotations

from typing import Any

import pytest

from eventwire.export import acled_row, interaction_code, outlet_of, url_host
from eventwire.gazetteer.countries import acled_region


def event(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "ew-0001", "article_ids": ["a1"], "time_precision": 1, "admin2": None, "geo_precision": 1,
        "latitude": 1.0, "longitude": 2.0, "inter1": None, "inter2": None, "actor2": None, "fatalities": None,
        "evidence": {}, "notes": [],
        "sources": [{"article_id": "a1", "url": "https://www.example-news.com/2024/05/01/story",
                     "published": "2024-05-01", "outlet": None,
                     "evidence_sentence": "date 2024-05-01 Something happened there on Wednesday."}],
    }
    base.update(fields)
    return base


# (the event, the columns ACLED would publish for it)
CASES = [
    (event(event_type="Battles", sub_event_type="Armed clash", event_date="2024-04-30", country="Mali",
           admin1="Mopti", location="Djenne", actor1="Military Forces of Mali (2021-)", inter1=1,
           actor2="JNIM: Group for Support of Islam and Muslims", inter2=2, fatalities=4),
     {"disorder_type": "Political violence", "interaction": "12", "region": "Western Africa", "iso": "466",
      "civilian_targeting": "", "fatalities": 4, "event_id_cnty": "MLI0001"}),
    (event(event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", event_date="2024-04-29",
           country="Syria", admin1="Idlib", location="Sarmada", actor1="Military Forces of Russia (2000-)",
           inter1=8, actor2="Civilians (Syria)", inter2=7, fatalities=3),
     {"disorder_type": "Political violence", "interaction": "78", "region": "Middle East", "iso": "760",
      "civilian_targeting": "Civilian targeting"}),
    (event(event_type="Violence against civilians", sub_event_type="Attack", event_date="2024-04-28",
           country="Mexico", admin1="Guerrero", location="Acapulco", actor1="Unidentified Gang (Mexico)",
           inter1=3, actor2="Civilians (Mexico)", inter2=7, fatalities=2),
     {"disorder_type": "Political violence", "interaction": "37", "region": "Central America", "iso": "484",
      "civilian_targeting": "Civilian targeting"}),
    (event(event_type="Protests", sub_event_type="Peaceful protest", event_date="2024-04-27", country="Kenya",
           admin1="Nairobi", location="Nairobi", actor1="Protesters (Kenya)", inter1=6, fatalities=0),
     {"disorder_type": "Demonstrations", "interaction": "60", "region": "Eastern Africa", "iso": "404",
      "actor2": "", "inter2": "", "civilian_targeting": ""}),
    (event(event_type="Riots", sub_event_type="Violent demonstration", event_date="2024-04-26", country="Chile",
           admin1="Santiago Metropolitan", location="Santiago", actor1="Rioters (Chile)", inter1=5,
           actor2="Police Forces of Chile (2022-)", inter2=1),
     {"disorder_type": "Demonstrations", "interaction": "15", "region": "South America", "iso": "152"}),
    (event(event_type="Strategic developments", sub_event_type="Arrests", event_date="2024-04-25",
           country="Georgia", admin1="Tbilisi", location="Tbilisi", actor1="Police Forces of Georgia (2012-)",
           inter1=1, actor2="Protesters (Georgia)", inter2=6),
     {"disorder_type": "Strategic developments", "interaction": "16", "region": "Caucasus and Central Asia",
      "iso": "268", "fatalities": 0}),
]


@pytest.mark.parametrize(("record", "expected"), CASES, ids=[c[0]["event_type"] for c in CASES])
def test_acled_row_per_event_type(record: dict[str, Any], expected: dict[str, Any]) -> None:
    row = acled_row(record)
    for column, value in expected.items():
        assert row[column] == value, column
    for column in ("event_type", "sub_event_type", "actor1", "country", "admin1", "location"):
        assert row[column] == record[column]
    assert row["region"] and row["interaction"] and row["source"]  # filled on every row
    assert row["source"] == "example-news.com"
    assert row["year"] == record["event_date"][:4]
    assert "date 2024" not in row["notes"] and "Something happened there on Wednesday." in row["notes"]


def test_interaction_codes() -> None:
    assert interaction_code(1, 2) == "12"
    assert interaction_code(7, 3) == "37"  # the lower code first, whichever actor it is
    assert interaction_code(6, None) == "60"  # one actor: its code and 0
    assert interaction_code(None, None) == ""
    assert interaction_code(1, 1) == "11"


def test_regions_follow_the_country() -> None:
    assert acled_region("Iraq") == "Middle East"
    assert acled_region("Democratic Republic of Congo") == "Middle Africa"
    assert acled_region("Ukraine") == "Europe"
    assert acled_region("Myanmar") == "Southeast Asia"
    assert acled_region("Haiti") == "Caribbean"
    assert acled_region("Atlantis") is None


def test_the_outlet_is_named_not_the_dataset() -> None:
    assert outlet_of({"outlet": "Al Jazeera", "url": "https://www.aljazeera.com/x"}) == "Al Jazeera"
    assert outlet_of({"outlet": "news-dev", "url": "https://www.channelstv.com/2020/x"}) == "channelstv.com"
    assert outlet_of({"outlet": "feed_2", "url": None}) == "feed_2"  # nothing better known
    assert outlet_of({"url": None, "article_id": "a9"}) == "a9"
    assert url_host("not a url") == ""
    assert url_host("https://bbc.co.uk/news/1") == "bbc.co.uk"
