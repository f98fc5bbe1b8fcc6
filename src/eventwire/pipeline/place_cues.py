"""Context that ties a report to places without naming them: phrases that point to a country, its regions and
the front line the fighting ran along (`CONTEXT_CUES`), and the towns other sentences name without doubt
(neighbours). `place_scoring` reads both."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from eventwire.gazetteer.countries import country_code, country_names
from eventwire.gazetteer.front_lines import FrontLine, front_lines
from eventwire.gazetteer.index import Candidate
from eventwire.gazetteer.normalize import norm
from eventwire.geo import distance_to_polyline_km, haversine_km
from eventwire.pipeline.place_mention import Toponym
from eventwire.pipeline.rules import rule

Support = dict[str, float]  # country code -> how strongly the article points to it
Admin1Votes = dict[str, set[str]]  # admin1 code -> the (normalized) names of the mentions that name it
Neighbours = dict[int, list[tuple[str, float, float]]]  # sentence -> (name, latitude, longitude) of its sure places

R_CONTEXT_CUE = rule("location.context_cue")
R_FRONT_LINE = rule("location.front_line")
R_NEIGHBOUR = rule("location.near_neighbour")


@dataclass(frozen=True, slots=True)
class ContextCue:
    """A phrase that is no place name but ties a report to a country, its regions and, where the fighting ran
    along a known line, to that line (`front_line`, an id of gazetteer/data/front_lines.csv)."""

    pattern: re.Pattern[str]
    country: str
    regions: tuple[str, ...]  # GeoNames admin1 codes
    front_line: str | None = None


# The OSCE Special Monitoring Mission to Ukraine reported ceasefire violations along the contact line in the
# Donetsk and Luhansk oblasts (UA.05, UA.14), and the armed groups of those oblasts ("Donbass People's Militia",
# ACLED's "NAF rebel forces") fought along it: "the OSCE SMM observed explosions near Vesele" is the Vesele of
# Donetsk oblast on the line, not one of the dozens of Veseles elsewhere.
CONTEXT_CUES: tuple[ContextCue, ...] = (
    ContextCue(re.compile(r"\bOSCE\s+SMM\b|\bSpecial Monitoring Mission\b|\b(?:Donbass?|LPR|DPR|LNR|DNR|Luhansk|"
                          r"Donetsk)(?: People's Republic)? People's Militia\b|\bNAF rebel"),
               "UA", ("UA.05", "UA.14"), "ua-donbas-contact-line-2015"),
)
# How near a front line a town must lie for a report of fighting along it to mean that town.
FRONT_LINE_KM = R_FRONT_LINE.limit
NEIGHBOUR_KM = R_NEIGHBOUR.limit  # a place this close to a town named beside it is likely the one meant


def context_cues(text: str) -> tuple[Counter[str], Admin1Votes]:
    """Countries (each counted like a demonym) and admin1 regions that CONTEXT_CUES find in a text."""
    countries: Counter[str] = Counter()
    regions: Admin1Votes = defaultdict(set)
    for cue in CONTEXT_CUES:
        match = cue.pattern.search(text)
        if match and R_CONTEXT_CUE.applies():
            countries[cue.country] += 2
            for code in cue.regions:
                regions[code].add(match.group(0).lower())
    return countries, regions


def cued_front_lines(text: str) -> tuple[FrontLine, ...]:
    """The front lines a text's CONTEXT_CUES say its fighting ran along."""
    ids = {cue.front_line for cue in CONTEXT_CUES if cue.front_line and cue.pattern.search(text)}
    return tuple(line for line in front_lines() if line.line_id in ids)


def on_front_line(cand: Candidate, lines: tuple[FrontLine, ...]) -> bool:
    return any(cand.country_code == line.country_code
               and distance_to_polyline_km(cand.latitude, cand.longitude, line.points) <= FRONT_LINE_KM
               for line in lines)


def near_neighbour(cand: Candidate, topo: Toponym, neighbours: Neighbours) -> bool:
    """Whether a candidate lies near a place that the same or an adjacent sentence names and that was resolved
    without doubt (a different name)."""
    own = norm(topo.text)
    for index in (topo.sentence_index - 1, topo.sentence_index, topo.sentence_index + 1):
        for name, latitude, longitude in neighbours.get(index, ()):
            if name != own and haversine_km(cand.latitude, cand.longitude, latitude, longitude) <= NEIGHBOUR_KM:
                return True
    return False


@lru_cache(maxsize=512)
def country_keys(code: str) -> frozenset[str]:
    return frozenset(norm(n) for n in country_names(code))


def known_region(name: str, admin1: Admin1Votes) -> bool:
    """Whether a qualifier is a country or a region the article's names resolved to (not a fuzzy match such as
    "Urozgan", whose region the index knows as Uruzgan: "Tarinkot city, Urozgan" keeps Tarinkot)."""
    return country_code(name) is not None or any(name in voters for voters in admin1.values())


def in_qualifier(cand: Candidate, qualifier: str, admin1: Admin1Votes) -> bool:
    """Whether a candidate lies in the region or country a "Town, Region" qualifier names."""
    return qualifier in admin1.get(cand.admin1_code or "", set()) or qualifier in country_keys(cand.country_code)
