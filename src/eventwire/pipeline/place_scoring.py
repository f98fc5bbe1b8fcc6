"""How well a gazetteer reading fits a place mention, with the whole article as context.

Score of a reading = name match quality + importance (kind, population) + context: countries the article
names outright (and their demonyms), admin regions it names, and agreement with the other mentions. A reading
in a country the article never points to needs to be important on its own to win. Every part is a `location.*`
rule with its weight (`data/rules/geocode.toml`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from eventwire.gazetteer.front_lines import FrontLine
from eventwire.gazetteer.index import Candidate
from eventwire.gazetteer.normalize import norm, spelling_similarity
from eventwire.gazetteer.schema import SEAT_NAME_QUALITY
from eventwire.pipeline.place_cues import (
    Admin1Votes,
    Neighbours,
    Support,
    in_qualifier,
    known_region,
    near_neighbour,
    on_front_line,
)
from eventwire.pipeline.place_mention import Toponym
from eventwire.pipeline.rules import rule

# A bare name that is both a town and its region ("Kherson") is read as the town unless a region word
# follows it ("Kherson region"); see score_candidate.
# A country gets no population bonus (see score_candidate), so its weight includes the largest one: the full
# name of a country means the country, not the same-named town or state ("Mexico", "China, Texas").
KIND_WEIGHT: dict[str, float] = {
    "country": 3.2, "continent": 3.2, "admin1": 0.4, "admin2": 0.2, "populated place": 0.5,
}
# Kinds that name more than a country. They cast no vote for a country and need none: a continent's country code
# is only that of its point (see gazetteer.geonames_sources.continent_places).
MACRO_KINDS = frozenset({"continent"})
WORLD_CITY = 1_000_000  # people: a city known well beyond its country

R_VOTE_COUNTRY = rule("location.vote_country_name")
R_VOTE_REGION = rule("location.vote_region")
R_VOTE_UNIQUE = rule("location.vote_unique_name")
R_VOTE_DEMONYM = rule("location.vote_demonym")
R_QUALITY = rule("location.name_quality")
R_KIND = rule("location.kind_weight")
R_COUNTRY_NAME = rule("location.country_name_not_village")
R_REGION_WORD = rule("location.region_word")
R_COUNTRYSIDE = rule("location.countryside_is_region")
R_POPULATION = rule("location.population")
R_WORLD_CITY = rule("location.world_city")
R_DWARFS = rule("location.dwarfs_namesakes")
R_SUPPORT = rule("location.country_support")
R_REGION_NAMED = rule("location.region_named")
R_QUALIFIER = rule("location.qualifier_picks_town")
R_QUALIFIED_ELSEWHERE = rule("location.qualifier_over_world_city")
R_NEIGHBOUR = rule("location.near_neighbour")
R_FRONT_LINE = rule("location.front_line")
R_FUZZY = rule("location.fuzzy_spelling")
R_FUZZY_ABROAD = rule("location.fuzzy_spelling_abroad")


def article_context(toponyms: list[Toponym], demonym_countries: Counter[str]) -> tuple[Support, Admin1Votes]:
    """Countries the article points to outright (country names, unambiguous regions, demonyms) and the
    admin1 codes it names, with the names naming them. Ambiguous names cast no country vote: they are what the
    context must decide."""
    countries: Support = defaultdict(float)
    admin1: Admin1Votes = defaultdict(set)
    for topo in toponyms:
        if not topo.candidates or topo.demonym_only or topo.outlet:
            continue  # demonyms are counted apart (demonym_countries); an outlet's name says nothing
        top = topo.candidates[0]
        if top.kind in MACRO_KINDS:
            continue
        if top.kind == "country" and top.quality >= 0.9:
            if R_VOTE_COUNTRY.applies():
                countries[top.country_code] += R_VOTE_COUNTRY.points
            continue
        if topo.source == "skeleton" or (topo.ner_label in ("PERSON", "NORP") and not _named_as_region(topo)):
            continue  # fuzzy keys and likely names of people cast no vote
        regions = [c for c in topo.candidates if c.kind == "admin1"
                   and (c.quality > SEAT_NAME_QUALITY or called_region(topo))]
        region_countries = {c.country_code for c in regions}
        biggest = max(topo.candidates, key=lambda c: c.population)
        # a region name votes for its country only when that is also where the name's biggest place is
        # ("San Lorenzo" is a Puerto Rican municipality but mostly a Paraguayan city)
        if regions and len(region_countries) == 1 and biggest.country_code in region_countries \
                and R_VOTE_REGION.applies():
            countries[regions[0].country_code] += R_VOTE_REGION.points
        for c in regions:
            if c.admin1_code:
                admin1[c.admin1_code].add(norm(topo.text))
        # A name that can only be in one country votes for it, if it is a primary name of a notable place
        # (a single alternate-name hit such as "Wali" -> Warri must not vote for itself).
        if len({c.country_code for c in topo.candidates}) == 1 and top.kind != "admin1" and top.quality >= 1.0 \
                and (top.kind == "admin2" or top.population >= 50_000) and topo.source == "gazetteer" \
                and R_VOTE_UNIQUE.applies():
            countries[top.country_code] += R_VOTE_UNIQUE.points
    for cc, n in demonym_countries.items():
        if R_VOTE_DEMONYM.applies():
            countries[cc] += R_VOTE_DEMONYM.points * min(n, 4)
    return countries, admin1


def called_region(topo: Toponym) -> bool:
    """Whether the words around a name call it a region: "Idlib province", "rural Idlib", "Aleppo countryside",
    "Sarmin, Idlib"."""
    return topo.region_word or topo.countryside or topo.qualifies


def _named_as_region(topo: Toponym) -> bool:
    """Whether the words around a name call it a region or list it as one: "(Idlib)", "Sarmin, Idlib"."""
    return topo.listed or called_region(topo)


@dataclass(frozen=True, slots=True)
class PoolFacts:
    """What `score_candidate` needs to know about all of a toponym's candidates, computed once per toponym
    rather than once per candidate (a popular name has dozens)."""

    rival_countries: frozenset[str]  # countries of region readings in countries the article points to
    populated: tuple[tuple[int, str], ...]  # (population, place id) of the town readings, largest first
    region_codes: frozenset[str | None]  # admin1 codes of the admin1 readings
    largest_by_country: dict[str, int]  # largest exact-name reading of 100,000+ people (not a country), per country
    towns_only: bool  # no reading is a country or region

    @classmethod
    def of(cls, topo: Toponym, countries: Support) -> PoolFacts:
        pool = topo.candidates[:60]
        largest: dict[str, int] = {}
        for c in pool:
            if c.population >= 100_000 and c.kind != "country" and c.quality >= 1.0:
                largest[c.country_code] = max(largest.get(c.country_code, 0), c.population)
        return cls(
            rival_countries=frozenset(c.country_code for c in pool if c.kind in ("admin1", "admin2")
                                      and countries.get(c.country_code, 0) > 0),
            populated=tuple(sorted(((c.population, c.place_id) for c in pool if c.kind == "populated place"),
                                   reverse=True)),
            region_codes=frozenset(c.admin1_code for c in pool if c.kind == "admin1"),
            largest_by_country=largest,
            towns_only=towns_only(topo),
        )

    def largest_other_town(self, place_id: str) -> int:
        return next((population for population, pid in self.populated if pid != place_id), 0)


def towns_only(topo: Toponym) -> bool:
    """Whether no reading of a name (among those scored) is a country or a region."""
    return not any(c.kind in ("country", "admin1", "admin2") for c in topo.candidates[:60])


def score_candidate(cand: Candidate, topo: Toponym, countries: Support, admin1: Admin1Votes,
                    facts: PoolFacts | None = None, neighbours: Neighbours | None = None,
                    front: tuple[FrontLine, ...] = ()) -> float:
    facts = facts or PoolFacts.of(topo, countries)
    R_QUALITY.applies()
    score = R_QUALITY.points * cand.quality
    R_KIND.applies()
    score += KIND_WEIGHT.get(cand.kind, 0.0)
    if cand.kind in MACRO_KINDS:
        return score  # no population bonus (like a country) and no country context
    top = topo.candidates[0] if topo.candidates else cand
    if top.kind in ("country", *MACRO_KINDS) and top.quality >= 1.0 and cand.kind not in ("country", "admin1") \
            and (cand.population < 100_000 or cand.quality < 1.0) and R_COUNTRY_NAME.applies():
        # the name of a country: a village of that name needs more than the article's country, and a city that
        # only has it as another name ("Mexico" for Mexico City) is not meant
        score += R_COUNTRY_NAME.points
    if topo.region_word and cand.kind in ("admin1", "admin2") and R_REGION_WORD.applies():
        score += R_REGION_WORD.points
    if (topo.countryside or topo.qualifies) and cand.kind == "admin1" and R_COUNTRYSIDE.applies():
        score += R_COUNTRYSIDE.points  # "Aleppo countryside", "Sarmin (Idlib)": the governorate, not the city
    if cand.kind != "country" and R_POPULATION.applies():
        score += min(1.5, math.log10(cand.population + 1) / 4.0)
    total = sum(countries.values())
    support = countries.get(cand.country_code, 0)
    if total:
        # (a region of that name in a country the article is about is a better reading: "Cordoba" in a
        # Colombian story is the department, not the Argentine city)
        regional_rival = bool(facts.rival_countries - {cand.country_code})
        # ("Tripoli, Lebanon": a qualifier that names another country or region than the world city's)
        qualified_elsewhere = topo.qualifier is not None and known_region(topo.qualifier, admin1) \
            and not in_qualifier(cand, topo.qualifier, admin1) and R_QUALIFIED_ELSEWHERE.applies()
        if cand.kind == "populated place" and cand.population >= WORLD_CITY and not regional_rival \
                and not qualified_elsewhere and not (topo.region_word or topo.countryside) and R_WORLD_CITY.applies():
            # a world city needs no context: "London" in an American story is still London, England; all the
            # more when it is ten times any namesake ("San Diego" in a story about Tijuana)
            score += max(R_SUPPORT.points * support / total, R_WORLD_CITY.points)
            if facts.largest_other_town(cand.place_id) * R_DWARFS.limit <= cand.population and R_DWARFS.applies():
                score += R_DWARFS.points
        else:
            if R_SUPPORT.applies():
                score += R_SUPPORT.points * support / total
    own_region = cand.kind == "admin2" and cand.admin1_code in facts.region_codes
    # The region is named in the article (a country's name does not support its own readings: "Mexico" names
    # the state of Mexico, which is no reason to read it as a town there), and the candidate is not
    # dwarfed by a same-named place ("Washington" the capital, not Washington County in the state named).
    voters = admin1.get(cand.admin1_code or "", set())
    if (top.kind == "country" and top.quality >= 1.0) or called_region(topo):
        # ("Kherson region" names the region: its own region reading is no vote for the city of Kherson)
        voters = voters - {norm(topo.text)}
    if cand.quality <= 1.0:
        dwarfed = cand.population > 0 and facts.largest_by_country.get(cand.country_code, 0) >= 20 * cand.population
    else:
        dwarfed = cand.population > 0 and any(
            c.population >= 100_000 and c.population >= 20 * cand.population and c.kind != "country"
            and c.country_code == cand.country_code and c.quality >= cand.quality for c in topo.candidates[:60])
    # (an admin2 whose region only this very name points to gets nothing; one in a region that another name
    # of the article names does: "Mobbar LGA, Borno")
    if voters and cand.kind != "admin1" and not dwarfed and (not own_region or voters - {norm(topo.text)}) \
            and R_REGION_NAMED.applies():
        score += R_REGION_NAMED.points  # (not for a county named like its own state: the state is this very name)
    # "Parkland, Florida", "Delft, South Africa": the name right after the comma picks the town
    if topo.qualifier and cand.kind not in ("country", "admin1") and in_qualifier(cand, topo.qualifier, admin1) \
            and R_QUALIFIER.applies():
        score += R_QUALIFIER.points
    # (only between towns: a name that is also a region, "Radman Al Awad district (Al Bayda)", names the region)
    near = bool(neighbours) and cand.kind == "populated place" and facts.towns_only \
        and near_neighbour(cand, topo, neighbours or {})
    if near and R_NEIGHBOUR.applies():
        score += R_NEIGHBOUR.points  # "Quamishli city in al-Hasakeh": the Qamishli 75 km from Hasakah
    if front and cand.kind == "populated place" and facts.towns_only and on_front_line(cand, front) \
            and R_FRONT_LINE.applies():
        score += R_FRONT_LINE.points  # "the OSCE SMM observed explosions near Vesele": the Vesele on the line
    if topo.source == "skeleton" and R_FUZZY.applies():
        # fuzzy keys count only for names that still look alike ("Deir Azzour" ~ "Deir ez-Zor", not "Dalzell"),
        # and inside countries the article is about unless the match is close and the place notable
        similarity = spelling_similarity(topo.text, cand.name)  # "Shadadah" ~ "Ash Shaddadah"
        score += R_FUZZY.points * (similarity - R_FUZZY.limit)
        notable = cand.kind in ("admin1", "admin2") or cand.population >= 50_000
        # (where the article points to no other country, a spelling this close is the best evidence there is:
        # "their base in Shadadah" is Ash Shaddadah)
        alone = total - support == 0
        if support < 1 and not near and not (alone and (similarity >= 0.9 or (similarity >= 0.8 and notable))) \
                and R_FUZZY_ABROAD.applies():
            score += R_FUZZY_ABROAD.points
    return score
