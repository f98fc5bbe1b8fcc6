"""Gold data: load a gold JSONL file (layout in the evaluation FORMAT notes) into typed records.

A document keeps its events as the raw mappings of the file, because each taxonomy has its own fields;
`taxonomies` turns them into `GoldEvent`s, the ACLED-style gold the scorer compares predictions with.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.model import Article


class GoldFormatError(ValueError):
    """A gold file line that cannot be read; the message starts with `file:line`."""


@dataclass(frozen=True, slots=True)
class GoldPlace:
    """One gold place mention: a character span of the text and, when known, its coordinates."""

    location: str
    start: int
    end: int
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: str | None = None
    toponym_type: str | None = None
    country_code: str | None = None  # ISO alpha-2 when the gold gives it
    offset_ok: bool = True  # False: the file says start/end do not point at `location`

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One gold document. `places` is None for event gold and a tuple for place-name gold."""

    id: str
    text: str
    published: dt.date | None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    taxonomy: str | None = None
    events: tuple[Mapping[str, Any], ...] = ()
    places: tuple[GoldPlace, ...] | None = None
    origin: str = ""  # "file:line"
    raw: Mapping[str, Any] = field(default_factory=dict)  # the whole record (gold_raw, meta, ...)

    def to_article(self) -> Article:
        """The document as the pipeline's input type."""
        return Article(
            id=self.id, text=self.text, published=self.published, url=self.url,
            title=self.title, source=self.source, origin=self.origin,
        )


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """An ACLED-style gold event, as produced by a taxonomy adapter.

    `accept_types` are the ACLED event types a prediction may carry to match it: one type for ACLED gold,
    several where a source label maps to more than one ACLED type. `event_type` is the single type when
    known (None otherwise) and `sub_event_type` is None where the sub-type is not measured. Dates: either
    an exact `event_date`, or a range (`date_earliest`, `date_latest`, either end open) when the source
    gives only bounds. `actor1`/`actor2` hold alternative names; an empty tuple means unknown.
    """

    accept_types: frozenset[str]
    event_type: str | None = None
    sub_event_type: str | None = None
    event_date: dt.date | None = None
    date_earliest: dt.date | None = None
    date_latest: dt.date | None = None
    time_precision: int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    actor1: tuple[str, ...] = ()
    actor2: tuple[str, ...] = ()
    weapon: str | None = None
    fatalities: int | None = None
    injuries: int | None = None
    captured: int | None = None
    munitions: int | None = None
    required: bool = True
    evidence: str = ""
    label: str = ""  # the source label it came from, e.g. "isafpr:detention"

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def parse_date(value: Any) -> dt.date | None:
    """An ISO date (or datetime) string's date; None for null/empty. Raises ValueError otherwise."""
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"date must be an ISO string, got {value!r}")
    return dt.date.fromisoformat(value.strip()[:10])


def load_gold(path: str | Path, *, skipped: list[GoldFormatError] | None = None) -> list[GoldDoc]:
    """Read every document of a gold JSONL file (blank lines are skipped).

    A file is place-name gold when any of its documents carries `places`; its other documents then get an
    empty `places` tuple. A malformed line or a repeated id raises GoldFormatError naming `file:line`; with
    `skipped`, the error is appended there instead and the record left out, so the rest can still be scored.
    """
    path = Path(path)
    records: list[tuple[str, dict[str, Any]]] = []
    for item in _read_records(path):
        if isinstance(item, GoldFormatError):
            _reject(item, skipped)
        else:
            records.append(item)
    place_gold = any("places" in rec for _, rec in records)
    docs: list[GoldDoc] = []
    seen: dict[str, str] = {}
    for origin, rec in records:
        try:
            doc = _parse_doc(rec, origin, place_gold)
            if doc.id in seen:
                raise GoldFormatError(f"{origin}: duplicate id {doc.id!r} (first at {seen[doc.id]})")
        except GoldFormatError as exc:
            _reject(exc, skipped)
            continue
        seen[doc.id] = origin
        docs.append(doc)
    return docs


def _reject(error: GoldFormatError, skipped: list[GoldFormatError] | None) -> None:
    if skipped is None:
        raise error
    skipped.append(error)


def _read_records(path: Path) -> Iterator[tuple[str, dict[str, Any]] | GoldFormatError]:
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            origin = f"{path}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield GoldFormatError(f"{origin}: invalid JSON: {exc.msg} (column {exc.colno})")
                continue
            if not isinstance(rec, dict):
                yield GoldFormatError(f"{origin}: expected a JSON object, got {type(rec).__name__}")
                continue
            yield origin, rec


def _parse_doc(rec: Mapping[str, Any], origin: str, place_gold: bool) -> GoldDoc:
    doc_id = _required_str(rec, "id", origin)
    text = _required_str(rec, "text", origin)
    try:
        published = parse_date(rec.get("published"))
    except ValueError as exc:
        raise GoldFormatError(f"{origin}: bad 'published': {exc}") from exc
    events = _list_of_objects(rec.get("events"), "events", origin)
    places = _parse_places(rec.get("places"), origin) if place_gold else None
    return GoldDoc(
        id=doc_id, text=text, published=published,
        url=_optional_str(rec, "url", origin), title=_optional_str(rec, "title", origin),
        source=_optional_str(rec, "source", origin), taxonomy=_optional_str(rec, "taxonomy", origin),
        events=tuple(events), places=places, origin=origin, raw=rec,
    )


def _required_str(rec: Mapping[str, Any], key: str, origin: str) -> str:
    value = rec.get(key)
    if not isinstance(value, str) or (key == "id" and not value):
        raise GoldFormatError(f"{origin}: '{key}' must be a non-empty string, got {value!r}")
    return value


def _optional_str(rec: Mapping[str, Any], key: str, origin: str) -> str | None:
    value = rec.get(key)
    if value is not None and not isinstance(value, str):
        raise GoldFormatError(f"{origin}: '{key}' must be a string or null, got {value!r}")
    return value


def _list_of_objects(value: Any, key: str, origin: str) -> list[Mapping[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise GoldFormatError(f"{origin}: '{key}' must be a list of objects")
    return value


def _parse_places(value: Any, origin: str) -> tuple[GoldPlace, ...]:
    places = []
    for index, item in enumerate(_list_of_objects(value, "places", origin)):
        try:
            places.append(_parse_place(item))
        except (TypeError, ValueError) as exc:
            raise GoldFormatError(f"{origin}: places[{index}]: {exc}") from exc
    return tuple(places)


def _parse_place(item: Mapping[str, Any]) -> GoldPlace:
    start, end = item.get("start"), item.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or start > end:
        raise ValueError(f"'start'/'end' must be integers with start <= end, got {start!r}, {end!r}")
    geonames_id = item.get("geonames_id")
    country = item.get("country_code")
    return GoldPlace(
        location=str(item.get("location") or ""),
        start=start,
        end=end,
        latitude=_optional_float(item.get("latitude")),
        longitude=_optional_float(item.get("longitude")),
        geonames_id=None if geonames_id is None else str(geonames_id),
        toponym_type=item.get("toponym_type"),
        country_code=country.upper() if isinstance(country, str) and country else None,
        offset_ok=item.get("offset_ok", True) is not False,
    )


def _optional_float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    return float(value)
