"""The core data model: frozen, typed records with no I/O and no framework imports.

Every extracted field keeps its evidence: the article it came from, the character span, the text,
a confidence and a short machine-readable reason.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

# ACLED's six event types and 25 sub-event types (ACLED codebook, 2023 edition).
EVENT_TAXONOMY: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": (
        "Sexual violence",
        "Attack",
        "Abduction/forced disappearance",
    ),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": (
        "Violent demonstration",
        "Mob violence",
    ),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

SUB_EVENT_TO_TYPE: dict[str, str] = {sub: et for et, subs in EVENT_TAXONOMY.items() for sub in subs}

WEAPONS: tuple[str, ...] = (
    "rocket", "missile", "mortar", "artillery", "drone", "aircraft", "ied", "suicide",
    "grenade", "firearm", "knife", "vehicle", "chemical", "other",
)

# ACLED interaction codes for actor kinds.
INTER_CODES: dict[str, int] = {
    "state forces": 1,
    "rebels": 2,
    "political militia": 3,
    "identity militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external forces": 8,
}


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. `id` is the record's own id or a content hash."""

    id: str
    text: str
    published: dt.date | None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    origin: str | None = None  # where it was read from, e.g. "news.jsonl:12"


# The seed format: an article text may open with ` date YYYY-MM-DD` and the text on the same line (or the next).
SEED_HEADER = re.compile(r"^\s?date (\d{4}-\d{2}-\d{2})(?:[ \t]+|[ \t]*\r?\n\s*)(?=\S)")


def header_length(text: str) -> int:
    """Length of a leading seed-format header (`` date YYYY-MM-DD ``), 0 when there is none."""
    match = SEED_HEADER.match(text)
    return match.end() if match else 0


@dataclass(frozen=True, slots=True)
class Span:
    """A character span of an article's text: text == article.text[start:end]."""

    start: int
    end: int
    text: str


def body_span(text: str, start: int, end: int) -> Span:
    """The span `start:end` of `text`, begun after a ` date YYYY-MM-DD` header when the parser ran it into the
    header (a sentence or noun phrase of the first line): the header is no text of the article's."""
    header = header_length(text)
    if start < header < end:
        start = header + len(text[header:end]) - len(text[header:end].lstrip())
    return Span(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a field has its value: the supporting span, a confidence in [0, 1] and a short reason, and the
    trace: the pipeline stage that set the field and the ids of the rules that fired for the value, in order."""

    article_id: str
    span: Span
    confidence: float
    reason: str = ""
    stage: str = ""
    rules: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "start": self.span.start,
            "end": self.span.end,
            "text": self.span.text,
            "confidence": round(self.confidence, 3),
            "reason": self.reason,
            "stage": self.stage,
            "rules": list(self.rules),
        }


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place. geo_precision follows ACLED: 1 town/site, 2 near a place or part of a region,
    3 region only."""

    name: str
    place_id: str  # "gn:<geonameid>" for GeoNames places, "site:<slug>" for curated sites
    latitude: float
    longitude: float
    country: str  # country name as ACLED writes it
    country_code: str  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    kind: str = "populated place"  # populated place | admin1 | admin2 | country | airbase | oilfield | ...
    geo_precision: int = 1
    population: int = 0


# ACLED names that say who the people were or where they were from, not which group they belong to:
# "Civilians (India)", "Protesters (United States)", "Unidentified Armed Group (Iraq)"; a named group after a
# colon ("Protesters (Kenya): CORD") is a group.
_GENERIC_ACTOR_NAME = re.compile(r"^(?:Civilians|Protesters|Rioters|Unidentified [A-Za-z ]+?) \([^():]*\)$",
                                 re.IGNORECASE)


def is_generic_actor_name(name: str) -> bool:
    """Whether an actor name names no one in particular (see _GENERIC_ACTOR_NAME)."""
    return bool(_GENERIC_ACTOR_NAME.match(name))


@dataclass(frozen=True, slots=True)
class Actor:
    """A participant. `kind` is one of INTER_CODES' keys."""

    text: str
    name: str  # normalized, ACLED-like ("Military Forces of Iraq", "Civilians (Nigeria)")
    kind: str
    country: str | None = None

    @property
    def inter(self) -> int | None:
        return INTER_CODES.get(self.kind)


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved date. time_precision follows ACLED: 1 day, 2 week, 3 month."""

    start: dt.date
    end: dt.date
    time_precision: int
    raw: str = ""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A counted quantity; `best` is the conservative figure eventwire reports."""

    kind: str  # killed | injured | captured | munitions
    best: int
    low: int | None = None
    high: int | None = None


@dataclass(frozen=True)
class Mention:
    """One incident as stated in one article (possibly assembled from several sentences)."""

    article_id: str
    event_type: str
    sub_event_type: str | None
    trigger: Span
    sentence: Span
    date: DateValue | None = None
    place: Place | None = None
    actor1: Actor | None = None
    actor2: Actor | None = None
    weapon: str | None = None
    fatalities: Quantity | None = None
    injuries: Quantity | None = None
    captured: Quantity | None = None
    munitions: Quantity | None = None
    confidence: float = 0.5
    evidence: dict[str, Evidence] = field(default_factory=dict)


CLAIM_KINDS = ("claimed", "attributed", "denied", "unclaimed")


@dataclass(frozen=True, slots=True)
class Claim:
    """Who said who did it. `kind`: "claimed" (the actor says it did it), "attributed" (`by` says the actor did
    it), "denied" (the actor says it did not), "unclaimed" (the report says no one has claimed it; no actor).
    `by` is who says so (the claimant itself for a claim); `by_kind` is media | government | military | group |
    official | None (not said)."""

    kind: str
    actor: str | None
    by: str | None
    by_kind: str | None
    evidence: Evidence


RELATION_KINDS = ("response_to", "retaliation_for", "follows", "part_of")


@dataclass(frozen=True, slots=True)
class Relation:
    """A link from this event to another: "response_to" / "retaliation_for" (an answer to it), "follows" (after
    it, with the stated interval when the report gives one), "part_of" (one strike of a barrage or wave).
    `target` is the id of the other event as extracted from the same article; the store resolves it to the
    stored event that report joined, so a link made in one article reaches the event other articles report.
    `target` is None when the report names no incident it could be ("in response to continuing attacks")."""

    kind: str
    target: str | None
    interval_days: int | None
    evidence: Evidence
    target_text: str = ""


@dataclass(frozen=True)
class Source:
    """One article's contribution to an event."""

    article_id: str
    url: str | None
    published: dt.date | None
    evidence: dict[str, Evidence]


@dataclass(frozen=True)
class Event:
    """An incident: one or more mentions merged, with all their sources and recorded disagreements."""

    id: str
    event_type: str
    sub_event_type: str | None
    date: DateValue | None
    place: Place | None
    actor1: Actor | None
    actor2: Actor | None
    weapon: str | None
    fatalities: int | None
    injuries: int | None
    captured: int | None
    munitions: int | None
    confidence: float
    evidence: dict[str, Evidence]
    sources: tuple[Source, ...] = ()
    notes: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    relations: tuple[Relation, ...] = ()
    # How the perpetrator (actor1) is known: "claimed" by it, "attributed" to it by someone the report cites,
    # "stated" by the report itself, or None when there is no actor1.
    actor1_basis: str | None = None

    @property
    def article_ids(self) -> list[str]:
        seen: list[str] = []
        for src in self.sources:
            if src.article_id not in seen:
                seen.append(src.article_id)
        return seen
