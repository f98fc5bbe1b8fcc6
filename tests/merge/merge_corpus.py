"""A hand-written corpus for cross-article merging: three outlets on one car bombing in Kirkuk (tolls 8, 10 and a
next-day update to 12), a similar car bombing in Kirkuk two days later, and a protest in Kirkuk on the day of the
first bombing. The events are built by hand (as the extractor would return them) so the tests do not depend on
the pipeline. `background_corpus`: a suicide bombing at a checkpoint in Kirkuk a week after the car bombing, by
two outlets, one of which recalls the car bombing in passing."""

from __future__ import annotations

import datetime as dt

from eventwire.model import Actor, Article, DateValue, Event, Evidence, Place, Source, Span
from eventwire.store.sqlite import SQLiteStore

KIRKUK = Place(name="Kirkuk", place_id="gn:94787", latitude=35.4681, longitude=44.3922, country="Iraq",
               country_code="IQ", admin1="Kirkuk", kind="populated place", geo_precision=1, population=601433)
KIRKUK_REGION = Place(name="Kirkuk", place_id="gn:94786", latitude=35.5, longitude=44.3, country="Iraq",
                      country_code="IQ", admin1="Kirkuk", kind="admin1", geo_precision=3)
IRAQ = Place(name="Iraq", place_id="country:IQ", latitude=33.0, longitude=44.0, country="Iraq", country_code="IQ",
             kind="country", geo_precision=3)
SUNDAY = dt.date(2024, 3, 10)
TUESDAY = dt.date(2024, 3, 12)

TEXTS: dict[str, tuple[dt.date, str]] = {
    "kirkuk-herald": (dt.date(2024, 3, 11),
                      "A car bomb exploded outside a police station in Kirkuk on Sunday, killing 8 people and "
                      "wounding 20, police said."),
    "tigris-news": (dt.date(2024, 3, 11),
                    "At least 10 people were killed on Sunday when a car bomb went off near a police station in "
                    "Kirkuk, security sources said."),
    "iraq-daily": (dt.date(2024, 3, 12),
                   "The death toll from Sunday's car bombing at a police station in Kirkuk rose to 12, "
                   "officials said on Monday."),
    "north-wire": (dt.date(2024, 3, 13),
                   "A car bomb exploded at a crowded vegetable market in Kirkuk on Tuesday, killing 3 shoppers."),
    "civic-post": (dt.date(2024, 3, 11),
                   "Hundreds of residents protested peacefully in Kirkuk on Sunday against rising fuel prices."),
}
BOMBING = {"kirkuk-herald", "tigris-news", "iraq-daily"}
EXPECTED = [frozenset(BOMBING), frozenset({"civic-post"}), frozenset({"north-wire"})]


def article(article_id: str, text: str | None = None, published: dt.date | None = None,
            url: str | None = None) -> Article:
    day, default_text = TEXTS.get(article_id, (dt.date(2024, 3, 11), ""))
    return Article(id=article_id, text=text if text is not None else default_text, published=published or day,
                   url=url or f"https://{article_id}.example/story", title=None, source=article_id)


def evidence(art: Article, phrase: str, reason: str = "") -> Evidence:
    start = art.text.index(phrase)
    return Evidence(art.id, Span(start, start + len(phrase), phrase), 0.9, reason or f"test: {phrase!r}")


def event(art: Article, *, event_type: str = "Explosions/Remote violence",
          sub_event_type: str = "Remote explosive/landmine/IED", day: dt.date = SUNDAY, place: Place = KIRKUK,
          weapon: str | None = "ied", fatalities: int | None = None, injuries: int | None = None,
          trigger: str = "car bomb", toll: str | None = None, date_phrase: str = "Sunday",
          actor1: Actor | None = None, suffix: str = "0", time_precision: int = 1) -> Event:
    ev = {"event_type": evidence(art, trigger), "location": evidence(art, "Kirkuk"),
          "event_date": evidence(art, date_phrase)}
    if toll is not None:
        ev["fatalities"] = evidence(art, toll, f"killed: {toll!r}")
    return Event(
        id=f"ew-{art.id}-{suffix}", event_type=event_type, sub_event_type=sub_event_type,
        date=DateValue(day, day, time_precision, date_phrase), place=place, actor1=actor1, actor2=None,
        weapon=weapon, fatalities=fatalities if fatalities is not None else 0, injuries=injuries, captured=None,
        munitions=None, confidence=0.8, evidence=ev, sources=(Source(art.id, art.url, art.published, ev),),
    )


def corpus(revised: bool = True) -> list[tuple[Article, list[Event]]]:
    """The five articles with their events. With revised=False the third outlet reports 12 without saying the
    toll rose."""
    herald = article("kirkuk-herald")
    tigris = article("tigris-news")
    daily = article("iraq-daily") if revised else article(
        "iraq-daily", "Sunday's car bombing at a police station in Kirkuk killed 12, officials said on Monday.")
    wire = article("north-wire")
    civic = article("civic-post")
    return [
        (herald, [event(herald, fatalities=8, injuries=20, toll="8")]),
        (tigris, [event(tigris, fatalities=10, toll="10")]),
        (daily, [event(daily, fatalities=12, toll="12", trigger="car bombing")]),
        (wire, [event(wire, day=TUESDAY, fatalities=3, toll="3", date_phrase="Tuesday")]),
        (civic, [event(civic, event_type="Protests", sub_event_type="Peaceful protest", weapon=None,
                       trigger="protested", actor1=Actor("residents", "Protesters (Iraq)", "protesters", "Iraq"))]),
    ]


def clusters(store: SQLiteStore) -> list[frozenset[str]]:
    return sorted((frozenset(r["article_ids"]) for r in store.events()), key=lambda s: (-len(s), sorted(s)))




NEXT_SUNDAY = dt.date(2024, 3, 17)
CHECKPOINT = {"kirkuk-observer", "gulf-times"}
BACKGROUND_TEXTS: dict[str, tuple[dt.date, str]] = {
    "kirkuk-observer": (dt.date(2024, 3, 18),
                        "A suicide bomber blew himself up at an army checkpoint in Kirkuk on Sunday, killing 5 "
                        "soldiers. The attack came a week after a car bomb exploded outside a police station in "
                        "Kirkuk, killing 8 people."),
    "gulf-times": (dt.date(2024, 3, 18),
                   "Five soldiers were killed on Sunday when a suicide bomber blew himself up at a checkpoint in "
                   "Kirkuk, the army said."),
}
# The car bombing keeps its two outlets; the observer's passing mention of it makes it no source of it.
BACKGROUND_EXPECTED = [frozenset(CHECKPOINT), frozenset({"kirkuk-herald", "tigris-news"})]


def background_corpus() -> list[tuple[Article, list[Event]]]:
    """The first two outlets on the car bombing, and two on the checkpoint bombing a week later; the observer's
    second sentence recalls the car bombing (an event dated a week before its own, as the extractor reads it)."""
    herald = article("kirkuk-herald")
    tigris = article("tigris-news")
    observer, times = (article(a, text, day) for a, (day, text) in BACKGROUND_TEXTS.items())
    checkpoint = {"event_type": "Explosions/Remote violence", "sub_event_type": "Suicide bomb", "weapon": "suicide",
                  "day": NEXT_SUNDAY, "fatalities": 5, "trigger": "suicide bomber"}
    return [
        (herald, [event(herald, fatalities=8, injuries=20, toll="8")]),
        (tigris, [event(tigris, fatalities=10, toll="10")]),
        (observer, [event(observer, toll="5", **checkpoint),  # type: ignore[arg-type]
                    event(observer, fatalities=8, toll="8 people", trigger="car bomb", date_phrase="a week after",
                          suffix="1")]),
        (times, [event(times, toll="Five", **checkpoint)]),  # type: ignore[arg-type]
    ]
