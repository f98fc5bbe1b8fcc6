"""Candidate blocking and pairwise scoring of two per-article reports (`Report`s) of an incident.

Everything here is a pure function of the two reports, symmetric in its arguments, so that the clusters built
from it do not depend on the order articles arrive in.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from eventwire.geo import haversine_km as haversine_km
from eventwire.model import Event, Place, is_generic_actor_name
from eventwire.pipeline.background import sentence_bounds

VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
DEMONSTRATION_TYPES = frozenset({"Protests", "Riots"})

DATE_WINDOW_DAYS = 2
MAX_DISTANCE_KM = 50.0
THRESHOLD = 0.62

# Weights of the score parts; they sum to 1.
WEIGHTS: dict[str, float] = {
    "place": 0.20, "date": 0.20, "type": 0.15, "weapon": 0.05, "actors": 0.10, "fatalities": 0.10, "text": 0.20,
}
# Both dates day-precise and this many days apart: the total is multiplied by this factor.
DAY_GAP_FACTOR: dict[int, float] = {0: 1.0, 1: 0.8, 2: 0.5}

COARSE_KINDS = frozenset({"country", "admin1"})

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_STOPWORDS_TEXT = """
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers him
his how i if in into is it its itself just me more most my no nor not now of off on once only or other our out over
own said same says she should so some such than that the their them then there these they this those through to too
under until up very was we were what when where which while who whom why will with would you your yesterday today
monday tuesday wednesday thursday friday saturday sunday night morning evening afternoon week weeks day days
people least one two three four five six seven eight nine ten dozens scores hundreds officials official told
according reported report reports news agency ap reuters afp local police authorities
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
# Words of actor names that say nothing about who the actor is.
ACTOR_STOPWORDS = frozenset({"of", "the", "and", "forces", "force", "group", "unidentified", "armed", "military",
                             "police", "civilians", "protesters", "rioters", "(", ")"})


def family(event_type: str) -> str:
    """The blocking family of an ACLED event type: the three violent types form one, protests and riots
    another, and any other type is its own."""
    if event_type in VIOLENT_TYPES:
        return "violent"
    if event_type in DEMONSTRATION_TYPES:
        return "demonstrations"
    return event_type


def content_words(text: str) -> Counter[str]:
    words = (w.lower() for w in _WORD.findall(text))
    return Counter(w for w in words if len(w) > 2 and w not in STOPWORDS)


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def is_coarse(place: Place) -> bool:
    """Coordinates that stand for a whole country or region, not a point."""
    return place.kind in COARSE_KINDS or place.geo_precision >= 3


@dataclass(frozen=True)
class Report:
    """One article's report of an incident: the per-article event, its article's publication date and the
    content words of the sentences its evidence comes from."""

    article_id: str
    published: dt.date | None
    event: Event
    words: Counter[str] = field(default_factory=Counter)
    revises_toll: bool = False  # the sentence stating its toll says the toll rose ("rose to 21")
    background: bool = False  # a passing mention of an earlier incident, not the article's own news

    @property
    def key(self) -> tuple[str, str]:
        return (self.article_id, self.event.id)

    @property
    def order(self) -> tuple[str, str, str]:
        """Earliest report first: by publication date (unknown last), article id, event id."""
        return (self.published.isoformat() if self.published else "9999", self.article_id, self.event.id)


@dataclass(frozen=True)
class MatchScore:
    total: float
    parts: dict[str, float]
    day_gap: int | None

    @property
    def matched(self) -> bool:
        """Past the threshold, and the evidence sentences share at least one content word."""
        return self.total >= THRESHOLD and self.parts.get("text", 0.0) > 0.0

    def describe(self) -> str:
        parts = ", ".join(f"{k} {v:.2f}" for k, v in self.parts.items())
        gap = "" if self.day_gap in (None, 0) else f"; {self.day_gap}-day gap"
        return f"score {self.total:.2f} ({parts}{gap})"


def sentence_words(text: str, spans: list[tuple[int, int, str]]) -> Counter[str]:
    """Content words of the sentences around the given spans (start, end, span text) of `text`, each sentence
    once; a span whose text is not at its offsets is ignored."""
    seen: set[tuple[int, int]] = set()
    words: Counter[str] = Counter()
    for start, end, span_text in spans:
        bounds = sentence_bounds(text, start, end, span_text)
        if bounds is None:
            continue
        left, right = bounds
        if (left, right) in seen:
            continue
        seen.add((left, right))
        words.update(content_words(text[left:right]))
    return words


def place_compatible(a: Place | None, b: Place | None) -> bool:
    """Blocking on place: within 50 km when both are points; else the same country and the same admin1 (or
    one of them only known to the country or region level)."""
    if a is None or b is None:
        return False
    if a.place_id == b.place_id:
        return True
    if not is_coarse(a) and not is_coarse(b) and \
            haversine_km(a.latitude, a.longitude, b.latitude, b.longitude) <= MAX_DISTANCE_KM:
        return True
    if a.country_code != b.country_code:
        return False
    if a.kind == "country" or b.kind == "country":
        return True
    if a.admin1 and b.admin1 and a.admin1 == b.admin1:
        return True
    # one is a region-level place: it must contain the other
    return is_coarse(a) != is_coarse(b) and (not a.admin1 or not b.admin1)


def day_gap(a: Event, b: Event) -> int | None:
    if a.date is None or b.date is None:
        return None
    return abs((a.date.start - b.date.start).days)


def compatible(a: Report, b: Report) -> bool:
    """The blocking predicate: reports that may be of one incident at all (never two of one article)."""
    if a.article_id == b.article_id:
        return False
    ea, eb = a.event, b.event
    if family(ea.event_type) != family(eb.event_type):
        return False
    gap = day_gap(ea, eb)
    if gap is None or gap > DATE_WINDOW_DAYS:
        return False
    return place_compatible(ea.place, eb.place)


def _place_part(a: Place, b: Place) -> float:
    if a.place_id == b.place_id:
        return 1.0 if not is_coarse(a) else 0.6
    if not is_coarse(a) and not is_coarse(b):
        km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
        for limit, value in ((2.0, 0.95), (10.0, 0.8), (25.0, 0.6), (MAX_DISTANCE_KM, 0.4)):
            if km <= limit:
                return value
    if a.admin1 and a.admin1 == b.admin1:
        return 0.5
    return 0.3


def _date_part(a: Event, b: Event, gap: int) -> float:
    assert a.date is not None and b.date is not None
    if a.date.time_precision == 1 and b.date.time_precision == 1:
        return {0: 1.0, 1: 0.3}.get(gap, 0.0)
    return 0.6 if gap == 0 else 0.4


def _type_part(a: Event, b: Event) -> float:
    if a.event_type == b.event_type:
        return 1.0 if a.sub_event_type == b.sub_event_type else 0.5
    if a.event_type in DEMONSTRATION_TYPES:  # one report's protest is another's riot
        return 0.5
    return 0.25


def _weapon_part(a: Event, b: Event) -> float:
    if a.weapon is None or b.weapon is None:
        return 0.5
    return 1.0 if a.weapon == b.weapon else 0.0


def actor_tokens(event: Event, named_only: bool = False) -> set[str]:
    tokens: set[str] = set()
    for actor in (event.actor1, event.actor2):
        if actor is not None and not (named_only and is_generic_actor_name(actor.name)):
            tokens.update(w.lower() for w in _WORD.findall(actor.name))
    return {t for t in tokens if t not in ACTOR_STOPWORDS}


def _actors_part(a: Event, b: Event) -> float:
    ta, tb = actor_tokens(a), actor_tokens(b)
    if not ta or not tb:
        return 0.5
    if not ta & tb and not (actor_tokens(a, named_only=True) and actor_tokens(b, named_only=True)):
        # nothing shared, but one side names no one in particular ("Civilians (India)" in one report, the
        # nationality of the same victims told differently in another): no evidence either way
        return 0.5
    return len(ta & tb) / len(ta | tb)


def _stated(event: Event) -> int | None:
    """The death toll the report states (a 0 without evidence only means none was given)."""
    if event.fatalities is None or (event.fatalities == 0 and "fatalities" not in event.evidence):
        return None
    return event.fatalities


def _fatalities_part(a: Event, b: Event) -> float:
    fa, fb = _stated(a), _stated(b)
    if fa is None or fb is None:
        return 0.5
    if fa == fb:
        return 1.0
    low, high = min(fa, fb), max(fa, fb)
    if low == 0:
        return 0.1
    ratio = low / high
    return 0.9 if ratio >= 0.5 else 0.6 if ratio >= 0.25 else 0.2


def score(a: Report, b: Report) -> MatchScore:
    """How likely two compatible reports are of one incident, in [0, 1]; `matched` when past THRESHOLD."""
    ea, eb = a.event, b.event
    gap = day_gap(ea, eb)
    if gap is None or ea.place is None or eb.place is None:
        return MatchScore(0.0, {}, gap)
    parts = {
        "place": _place_part(ea.place, eb.place),
        "date": _date_part(ea, eb, gap),
        "type": _type_part(ea, eb),
        "weapon": _weapon_part(ea, eb),
        "actors": _actors_part(ea, eb),
        "fatalities": _fatalities_part(ea, eb),
        "text": cosine(a.words, b.words),
    }
    total = sum(WEIGHTS[k] * v for k, v in parts.items())
    both_days = ea.date is not None and eb.date is not None and ea.date.time_precision == 1 == \
        eb.date.time_precision
    if both_days:
        total *= DAY_GAP_FACTOR.get(gap, 0.0)
    return MatchScore(round(total, 4), {k: round(v, 3) for k, v in parts.items()}, gap)


@dataclass(frozen=True)
class Decision:
    """One merge made while clustering: the pair whose score joined two groups of reports."""

    a: Report
    b: Report
    score: MatchScore

    def describe(self) -> str:
        return (f"merged {self.a.event.id} ({self.a.article_id}) with {self.b.event.id} ({self.b.article_id}): "
                f"{self.score.describe()}")


@dataclass(frozen=True)
class Cluster:
    reports: tuple[Report, ...]  # earliest first
    decisions: tuple[Decision, ...]


def edges(reports: list[Report]) -> list[tuple[Report, Report, MatchScore]]:
    """Every matched pair among `reports` (each pair once, the earlier report first)."""
    ordered = sorted(reports, key=lambda r: r.order)
    found: list[tuple[Report, Report, MatchScore]] = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if compatible(a, b):
                s = score(a, b)
                if s.matched:
                    found.append((a, b, s))
    return found


def cluster(reports: list[Report]) -> list[Cluster]:
    """Group reports into incidents; a pure function of the set of reports.

    Matched pairs are taken strongest first (ties by the reports' order); a pair joins its two groups when the
    result still has at most one report per article and every two of its reports pass `compatible`, and a pair
    with a background report never joins two groups that both hold an article's own report (a passing mention
    attaches to an incident; it does not bridge two). Groups are returned by their earliest report."""
    ordered = sorted(reports, key=lambda r: r.order)
    group: dict[tuple[str, str], int] = {r.key: i for i, r in enumerate(ordered)}
    members: dict[int, list[Report]] = {i: [r] for i, r in enumerate(ordered)}
    decisions: dict[int, list[Decision]] = {i: [] for i in members}
    found = edges(ordered)
    found.sort(key=lambda e: (-e[2].total, e[0].order, e[1].order))
    for a, b, s in found:
        ga, gb = group[a.key], group[b.key]
        if ga == gb:
            continue
        left, right = members[ga], members[gb]
        if {r.article_id for r in left} & {r.article_id for r in right}:
            continue
        if not all(compatible(x, y) for x in left for y in right):
            continue
        if (a.background or b.background) and any(not r.background for r in left) and \
                any(not r.background for r in right):
            continue
        keep, gone = min(ga, gb), max(ga, gb)
        members[keep] = sorted(left + right, key=lambda r: r.order)
        decisions[keep] = decisions[ga] + decisions[gb] + [Decision(a, b, s)]
        for r in members[gone]:
            group[r.key] = keep
        del members[gone], decisions[gone]
    return [Cluster(tuple(members[g]), tuple(decisions[g])) for g in sorted(members)]


def components(reports: list[Report], links: list[tuple[tuple[str, str], tuple[str, str]]]) -> list[list[Report]]:
    """Connected components of `reports` under `links` (pairs of report keys), each sorted, earliest first."""
    parent: dict[tuple[str, str], tuple[str, str]] = {r.key: r.key for r in reports}

    def find(k: tuple[str, str]) -> tuple[str, str]:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for x, y in links:
        if x in parent and y in parent:
            rx, ry = find(x), find(y)
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)
    groups: dict[tuple[str, str], list[Report]] = {}
    for r in reports:
        groups.setdefault(find(r.key), []).append(r)
    return sorted((sorted(g, key=lambda r: r.order) for g in groups.values()), key=lambda g: g[0].order)
