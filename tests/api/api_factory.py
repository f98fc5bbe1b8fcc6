"""Hand-made events for the API tests: a spec per event, stored through the public store API, so that each test
can compute what a query must return from the specs alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from eventwire.model import Actor, Article, DateValue, Event, Evidence, Place, Source, Span
from eventwire.store import Store, open_store

# name, country, country code, admin1, latitude, longitude (more than 50 km apart, so no two events merge)
PLACES: tuple[tuple[str, str, str, str, float, float], ...] = (
    ("Kirkuk", "Iraq", "IQ", "Kirkuk", 35.4681, 44.3922),
    ("Mosul", "Iraq", "IQ", "Nineveh", 36.3350, 43.1189),
    ("Basra", "Iraq", "IQ", "Basra", 30.5085, 47.7804),
    ("Aleppo", "Syria", "SY", "Aleppo", 36.2021, 37.1343),
    ("Deir ez-Zor", "Syria", "SY", "Deir ez-Zor", 35.3359, 40.1408),
    ("Kabul", "Afghanistan", "AF", "Kabul", 34.5281, 69.1723),
    ("Suva", "Fiji", "FJ", "Central", -18.1416, 178.4419),
)
TYPES: tuple[tuple[str, str, str, str], ...] = (  # event type, sub-event type, trigger word, weapon
    ("Battles", "Armed clash", "clashed", "firearm"),
    ("Explosions/Remote violence", "Air/drone strike", "airstrike", "air strike"),
    ("Violence against civilians", "Attack", "ambushed", "firearm"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "roadside bomb", "IED"),
)
ACTORS: tuple[tuple[str, str | None], ...] = (
    ("Islamic State (Iraq)", "Military Forces of Iraq (2022-)"),
    ("Unidentified Armed Group", "Civilians"),
    ("Military Forces of Syria (2000-)", None),
)
FATALITIES: tuple[int | None, ...] = (None, 0, 1, 3, 3, 10, 25)
BASE_DAY = dt.date(2023, 1, 2)


@dataclass(frozen=True)
class Spec:
    id: str
    event_type: str
    sub_event_type: str
    day: dt.date
    place: tuple[str, str, str, str, float, float] | None
    actor1: str
    actor2: str | None
    weapon: str
    fatalities: int | None
    time_precision: int
    trigger: str
    geo: int = 1
    confidence: float = 0.8

    @property
    def country(self) -> str | None:
        return self.place[1] if self.place else None

    @property
    def admin1(self) -> str | None:
        return self.place[3] if self.place else None

    @property
    def latitude(self) -> float | None:
        return self.place[4] if self.place else None

    @property
    def longitude(self) -> float | None:
        return self.place[5] if self.place else None

    @property
    def geo_precision(self) -> int | None:
        return None if self.place is None else self.geo

    @property
    def text(self) -> str:
        where = f" near {self.place[0]}" if self.place else ""
        return f"On {self.day:%A} {self.actor1} {self.trigger}{where}, the report says (event {self.id})."


def specs(n: int = 45) -> list[Spec]:
    """n events: seven places per day (every third day, so the same place never repeats within the merge
    window), repeated dates and fatality counts (ties for the sort orders), one event with no place."""
    out: list[Spec] = []
    for i in range(n):
        event_type, sub_type, trigger, weapon = TYPES[i % len(TYPES)]
        actor1, actor2 = ACTORS[i % len(ACTORS)]
        out.append(Spec(
            id=f"ew-{i:04d}", event_type=event_type, sub_event_type=sub_type,
            day=BASE_DAY + dt.timedelta(days=3 * (i // len(PLACES))),
            place=None if i == n - 1 else PLACES[i % len(PLACES)],
            actor1=actor1, actor2=actor2, weapon=weapon, fatalities=FATALITIES[(i * 3) % len(FATALITIES)],
            time_precision=1 + i % 3, trigger=trigger, geo=1 + (i // 2) % 3, confidence=(0.3, 0.6, 0.95)[i % 3],
        ))
    return out


def make_event(spec: Spec, article_id: str, *, fatalities: int | None = None) -> Event:
    text = spec.text
    start = text.index(spec.trigger)
    evidence = {"event_type": Evidence(article_id, Span(start, start + len(spec.trigger), spec.trigger), 0.9,
                                       "trigger word")}
    place = None
    if spec.place is not None:
        name, country, code, admin1, lat, lon = spec.place
        place = Place(name=name, place_id=f"test:{name}", latitude=lat, longitude=lon, country=country,
                      country_code=code, admin1=admin1, geo_precision=spec.geo_precision or 1)
    return Event(
        id=spec.id, event_type=spec.event_type, sub_event_type=spec.sub_event_type,
        date=DateValue(spec.day, spec.day, spec.time_precision, f"{spec.day:%A}"), place=place,
        actor1=Actor(spec.actor1, spec.actor1, "rebels"), actor2=Actor(spec.actor2, spec.actor2, "civilians")
        if spec.actor2 else None, weapon=spec.weapon,
        fatalities=spec.fatalities if fatalities is None else fatalities, injuries=None, captured=None,
        munitions=None, confidence=spec.confidence, evidence=evidence,
        sources=(Source(article_id, f"http://news.test/{article_id}", spec.day, evidence),),
    )


def fill(target: str | Path, items: list[Spec]) -> None:
    """One article per event; every event stays its own incident. `target`: a SQLite path or a postgresql:// URL."""
    with open_store(target) as store:
        fill_store(store, items)


def fill_store(store: Store, items: list[Spec]) -> None:
    for spec in items:
        article_id = f"art-{spec.id}"
        article = Article(id=article_id, text=spec.text, published=spec.day, url=f"http://news.test/{article_id}",
                          title=f"Report {spec.id}", source="Test Wire", origin="factory")
        store.save_article(article, [make_event(spec, article_id)])
    assert store.counts() == {"articles": len(items), "events": len(items)}
