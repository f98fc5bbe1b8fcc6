"""Toponym resolution: pick one gazetteer candidate per place mention, using the whole article as context.

Score of a candidate = name match quality + importance (kind, population) + context: countries the article
names outright (and their demonyms), admin regions it names, and agreement with the other mentions. A
candidate in a country the article never points to needs to be important on its own to win.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from eventwire.gazetteer.countries import country_name
from eventwire.gazetteer.index import Candidate
from eventwire.gazetteer.normalize import fold
from eventwire.model import Place
from eventwire.pipeline.toponyms import Toponym

KIND_WEIGHT: dict[str, float] = {
    "country": 1.6, "admin1": 0.9, "admin2": 0.35, "populated place": 0.5,
}
SITE_KINDS = frozenset({
    "airbase", "military_base", "airport", "oil_field", "gas_field", "refinery", "border_crossing",
    "refugee_camp", "idp_camp", "prison", "dam", "port", "power_plant", "nuclear_site", "checkpoint",
    "other_site",
})


@dataclass(frozen=True, slots=True)
class Resolved:
    toponym: Toponym
    candidate: Candidate
    score: float


def article_context(toponyms: list[Toponym], demonym_countries: Counter[str]) -> tuple[Counter[str], set[str]]:
    """Countries the article points to (weighted) and admin1 codes it names."""
    countries: Counter[str] = Counter()
    admin1: set[str] = set()
    for topo in toponyms:
        if not topo.candidates:
            continue
        top = topo.candidates[0]
        if top.kind == "country" and top.quality >= 0.9:
            countries[top.country_code] += 3
        elif top.kind == "admin1":
            countries[top.country_code] += 1
            if top.admin1_code:
                admin1.add(top.admin1_code)
        # Every country a mention could be in gets a small vote: consistent readings reinforce each other.
        for cc in {c.country_code for c in topo.candidates[:8]}:
            countries[cc] += 0.25  # type: ignore[assignment]
    for cc, n in demonym_countries.items():
        countries[cc] += 1.5 * n  # type: ignore[assignment]
    return countries, admin1


def score_candidate(cand: Candidate, topo: Toponym, countries: Counter[str], admin1: set[str]) -> float:
    score = 2.0 * cand.quality
    score += KIND_WEIGHT.get(cand.kind, 0.0)
    if cand.kind in SITE_KINDS or cand.place_id.startswith("site:"):
        score += 1.2  # a curated site matched by its full name is very specific
    score += min(1.5, math.log10(cand.population + 1) / 4.0) if cand.kind != "country" else 0.0
    total = sum(countries.values()) or 1.0
    share = countries.get(cand.country_code, 0) / total
    score += 3.0 * share
    if countries.get(cand.country_code, 0) >= 3:
        score += 1.0
    if cand.admin1_code and cand.admin1_code in admin1 and cand.kind != "admin1":
        score += 1.0
    if topo.source == "skeleton" and countries.get(cand.country_code, 0) < 1:
        score -= 3.0  # fuzzy keys only count inside countries the article is about
    return score


def resolve(toponyms: list[Toponym], demonym_countries: Counter[str]) -> list[Resolved]:
    """Choose the best candidate of every toponym that has one."""
    countries, admin1 = article_context(toponyms, demonym_countries)
    resolved: list[Resolved] = []
    for topo in toponyms:
        if not topo.candidates:
            continue
        pool = topo.candidates[:60]
        best = max(pool, key=lambda c: (score_candidate(c, topo, countries, admin1), c.population, -c.rowid))
        resolved.append(Resolved(topo, best, score_candidate(best, topo, countries, admin1)))
    return resolved


def to_place(res: Resolved) -> Place:
    cand = res.candidate
    if cand.kind in ("country", "admin1"):
        precision = 3
    elif cand.kind == "admin2" or res.toponym.near:
        precision = 2
    else:
        precision = 1
    return Place(
        name=_display_name(cand),
        place_id=cand.place_id,
        latitude=round(cand.latitude, 5),
        longitude=round(cand.longitude, 5),
        country=country_name(cand.country_code) or cand.country_code,
        country_code=cand.country_code,
        admin1=cand.admin1 if cand.kind != "country" else None,
        admin2=cand.admin2,
        kind=cand.kind,
        geo_precision=precision,
        population=cand.population,
    )


def _display_name(cand: Candidate) -> str:
    if cand.kind == "country":
        return country_name(cand.country_code) or cand.name
    return fold(cand.name)
