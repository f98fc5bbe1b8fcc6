"""Toponym resolution: pick one gazetteer candidate per place mention, using the whole article as context.

Score of a candidate = name match quality + importance (kind, population) + context: countries the article
names outright (and their demonyms), admin regions it names, and agreement with the other mentions. A
candidate in a country the article never points to needs to be important on its own to win.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from eventwire.gazetteer.build import SEAT_NAME_QUALITY
from eventwire.gazetteer.countries import country_code, country_name, country_names
from eventwire.gazetteer.front_lines import FrontLine, front_lines
from eventwire.gazetteer.index import Candidate
from eventwire.gazetteer.katottg import APPROXIMATE_PREFIX
from eventwire.gazetteer.normalize import fold, norm, spelling_similarity
from eventwire.geo import distance_to_polyline_km, haversine_km
from eventwire.model import Place
from eventwire.pipeline.toponyms import Toponym

# A bare name that is both a town and its region ("Kherson") is read as the town unless a region word
# follows it ("Kherson region"); see score_candidate.
# A country gets no population bonus (see score_candidate), so its weight includes the largest one: the full
# name of a country means the country, not the same-named town or state ("Mexico", "China, Texas").
KIND_WEIGHT: dict[str, float] = {
    "country": 3.2, "continent": 3.2, "admin1": 0.4, "admin2": 0.2, "populated place": 0.5,
}
# Kinds that name more than a country. They cast no vote for a country and need none: a continent's country code
# is only that of its point (see gazetteer.build.continent_places).
MACRO_KINDS = frozenset({"continent"})
SITE_KINDS = frozenset({
    "airbase", "military_base", "airport", "oil_field", "gas_field", "refinery", "border_crossing",
    "refugee_camp", "idp_camp", "prison", "dam", "port", "power_plant", "nuclear_site", "checkpoint",
    "other_site",
})


SMALL_TOWN = 10_000  # people
WORLD_CITY = 1_000_000  # people: a city known well beyond its country
Support = dict[str, float]  # country code -> how strongly the article points to it
Admin1Votes = dict[str, set[str]]  # admin1 code -> the (normalized) names of the mentions that name it
Neighbours = dict[int, list[tuple[str, float, float]]]  # sentence -> (name, latitude, longitude) of its sure places
NEIGHBOUR_KM = 150.0  # a place this close to a town named beside it is likely the one meant


@dataclass(frozen=True, slots=True)
class Resolved:
    toponym: Toponym
    candidate: Candidate
    score: float


def article_context(toponyms: list[Toponym], demonym_countries: Counter[str]) -> tuple[Support, Admin1Votes]:
    """Countries the article points to outright (country names, unambiguous regions, demonyms) and the
    admin1 codes it names, with the names naming them. Ambiguous names cast no country vote: they are what the
    context must decide."""
    countries: Support = defaultdict(float)
    admin1: Admin1Votes = defaultdict(set)
    for topo in toponyms:
        if not topo.candidates or topo.demonym_only:
            continue  # demonyms are counted apart (demonym_countries)
        top = topo.candidates[0]
        if top.kind in MACRO_KINDS:
            continue
        if top.kind == "country" and top.quality >= 0.9:
            countries[top.country_code] += 0.5 if topo.modifier else 3  # "US dollar" says little about where
            continue
        if topo.source == "skeleton" or (topo.ner_label in ("PERSON", "NORP") and not _named_as_region(topo)):
            continue  # fuzzy keys and likely names of people cast no vote
        regions = [c for c in topo.candidates if c.kind == "admin1"
                   and (c.quality > SEAT_NAME_QUALITY or _called_region(topo))]
        region_countries = {c.country_code for c in regions}
        biggest = max(topo.candidates, key=lambda c: c.population)
        # a region name votes for its country only when that is also where the name's biggest place is
        # ("San Lorenzo" is a Puerto Rican municipality but mostly a Paraguayan city)
        if regions and len(region_countries) == 1 and biggest.country_code in region_countries:
            countries[regions[0].country_code] += 1.5
        for c in regions:
            if c.admin1_code:
                admin1[c.admin1_code].add(norm(topo.text))
        # A name that can only be in one country votes for it, if it is a primary name of a notable place
        # (a single alternate-name hit such as "Wali" -> Warri must not vote for itself).
        if len({c.country_code for c in topo.candidates}) == 1 and top.kind != "admin1" and top.quality >= 1.0 \
                and (top.kind == "admin2" or top.population >= 50_000) and topo.source == "gazetteer":
            countries[top.country_code] += 1
    for cc in countries:
        # many mentions of one country ("US forces", "US official") should not drown the others
        countries[cc] = min(countries[cc], 6)
    for cc, n in demonym_countries.items():
        countries[cc] += 0.5 * min(n, 4)
    return countries, admin1


def _called_region(topo: Toponym) -> bool:
    """Whether the words around a name call it a region: "Idlib province", "rural Idlib", "Aleppo countryside",
    "Sarmin, Idlib"."""
    return topo.region_word or topo.countryside or topo.qualifies


def _named_as_region(topo: Toponym) -> bool:
    """Whether the words around a name call it a region or list it as one: "(Idlib)", "Sarmin, Idlib"."""
    return topo.listed or _called_region(topo)


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
            towns_only=_towns_only(topo),
        )

    def largest_other_town(self, place_id: str) -> int:
        return next((population for population, pid in self.populated if pid != place_id), 0)


def _towns_only(topo: Toponym) -> bool:
    """Whether no reading of a name (among those scored) is a country or a region."""
    return not any(c.kind in ("country", "admin1", "admin2") for c in topo.candidates[:60])


def score_candidate(cand: Candidate, topo: Toponym, countries: Support, admin1: Admin1Votes,
                    facts: PoolFacts | None = None, neighbours: Neighbours | None = None,
                    front: tuple[FrontLine, ...] = ()) -> float:
    facts = facts or PoolFacts.of(topo, countries)
    score = 2.0 * cand.quality
    score += KIND_WEIGHT.get(cand.kind, 0.0)
    if cand.kind in MACRO_KINDS:
        return score  # no population bonus (like a country) and no country context
    top = topo.candidates[0] if topo.candidates else cand
    if top.kind in ("country", *MACRO_KINDS) and top.quality >= 1.0 and cand.kind not in ("country", "admin1") \
            and (cand.population < 100_000 or cand.quality < 1.0):
        # the name of a country: a village of that name needs more than the article's country, and a city that
        # only has it as another name ("Mexico" for Mexico City) is not meant
        score -= 3.0
    if topo.region_word and cand.kind in ("admin1", "admin2"):
        score += 1.0
    if (topo.countryside or topo.qualifies) and cand.kind == "admin1":
        score += 2.0  # "Aleppo countryside", "Sarmin (Idlib)": the governorate, not the city
    if cand.kind == "admin1" and cand.quality <= SEAT_NAME_QUALITY and not _called_region(topo):
        score -= 2.0  # a region only by its seat's spelling ("Riad"): the town, unless the words say region
    if cand.kind in SITE_KINDS or cand.place_id.startswith("site:"):
        score += 1.2  # a curated site matched by its full name is very specific
    score += min(1.5, math.log10(cand.population + 1) / 4.0) if cand.kind != "country" else 0.0
    total = sum(countries.values())
    support = countries.get(cand.country_code, 0)
    if total:
        # (a region of that name in a country the article is about is a better reading: "Cordoba" in a
        # Colombian story is the department, not the Argentine city)
        regional_rival = bool(facts.rival_countries - {cand.country_code})
        if cand.kind == "populated place" and cand.population >= WORLD_CITY and not regional_rival \
                and not (topo.region_word or topo.countryside):  # "Ghaziabad district" is no Indian city
            # a world city needs no context: "London" in an American story is still London, England; all the
            # more when it is ten times any namesake ("San Diego" in a story about Tijuana)
            score += max(3.0 * support / total, 2.0)
            if facts.largest_other_town(cand.place_id) * 10 <= cand.population:
                score += 1.0
        else:
            score += 3.0 * support / total
            if support == 0:
                score -= 2.5  # a place in a country the article never points to needs strong evidence
    own_region = cand.kind == "admin2" and cand.admin1_code in facts.region_codes
    # The region is named in the article (a country's name does not support its own readings: "Mexico" names
    # the state of Mexico, which is no reason to read it as a town there), and the candidate is not
    # dwarfed by a same-named place ("Washington" the capital, not Washington County in the state named).
    voters = admin1.get(cand.admin1_code or "", set())
    if (top.kind == "country" and top.quality >= 1.0) or _called_region(topo):
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
    if voters and cand.kind != "admin1" and not dwarfed and (not own_region or voters - {norm(topo.text)}):
        score += 1.5  # (not for a county named like its own state: the state's name is this very mention)
    # "Parkland, Florida", "Delft, South Africa": the name right after the comma picks the town
    if topo.qualifier and cand.kind not in ("country", "admin1") and (
            topo.qualifier in admin1.get(cand.admin1_code or "", set())
            or topo.qualifier in country_keys(cand.country_code)):
        score += 1.5
    # (only between towns: a name that is also a region, "Radman Al Awad district (Al Bayda)", names the region)
    near = bool(neighbours) and cand.kind == "populated place" and facts.towns_only \
        and _near_neighbour(cand, topo, neighbours or {})
    if near:
        score += 1.5  # "Quamishli city in al-Hasakeh": the Qamishli 75 km from Hasakah, not a Russian namesake
    if front and cand.kind == "populated place" and facts.towns_only and _on_front_line(cand, front):
        score += 1.5  # "the OSCE SMM observed explosions near Vesele": the Vesele on the contact line
    if topo.source == "skeleton":
        # fuzzy keys count only for names that still look alike ("Deir Azzour" ~ "Deir ez-Zor", not "Dalzell"),
        # and inside countries the article is about unless the match is close and the place notable
        similarity = spelling_similarity(topo.text, cand.name)  # "Shadadah" ~ "Ash Shaddadah"
        score += 3.0 * (similarity - 0.6)
        notable = cand.kind in ("admin1", "admin2") or cand.population >= 50_000
        # (where the article points to no other country, a spelling this close is the best evidence there is:
        # "their base in Shadadah" is Ash Shaddadah)
        alone = total - support == 0
        if support < 1 and not near and not (alone and (similarity >= 0.9 or (similarity >= 0.8 and notable))):
            score -= 10.0
    return score


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
FRONT_LINE_KM = 25.0


def context_cues(text: str) -> tuple[Counter[str], Admin1Votes]:
    """Countries (each counted like a demonym) and admin1 regions that CONTEXT_CUES find in a text."""
    countries: Counter[str] = Counter()
    regions: Admin1Votes = defaultdict(set)
    for cue in CONTEXT_CUES:
        match = cue.pattern.search(text)
        if match:
            countries[cue.country] += 2
            for code in cue.regions:
                regions[code].add(match.group(0).lower())
    return countries, regions


def cued_front_lines(text: str) -> tuple[FrontLine, ...]:
    """The front lines a text's CONTEXT_CUES say its fighting ran along."""
    ids = {cue.front_line for cue in CONTEXT_CUES if cue.front_line and cue.pattern.search(text)}
    return tuple(line for line in front_lines() if line.line_id in ids)


def _on_front_line(cand: Candidate, lines: tuple[FrontLine, ...]) -> bool:
    return any(cand.country_code == line.country_code
               and distance_to_polyline_km(cand.latitude, cand.longitude, line.points) <= FRONT_LINE_KM
               for line in lines)


def _near_neighbour(cand: Candidate, topo: Toponym, neighbours: Neighbours) -> bool:
    """Whether a candidate lies near a place that the same or an adjacent sentence names and that was resolved
    without doubt (a different name)."""
    own = norm(topo.text)
    for index in (topo.sentence_index - 1, topo.sentence_index, topo.sentence_index + 1):
        for name, latitude, longitude in neighbours.get(index, ()):
            if name != own and haversine_km(cand.latitude, cand.longitude, latitude, longitude) <= NEIGHBOUR_KM:
                return True
    return False


def sure_places(resolved: list[Resolved]) -> Neighbours:
    """The towns and districts of a resolution that can anchor their neighbours: exact (or curated alternate)
    names, not fuzzy keys, not names the model took for people, a few per sentence."""
    found: Neighbours = defaultdict(list)
    for r in resolved:
        cand = r.candidate
        if cand.kind in ("populated place", "admin2") and cand.quality >= 0.9 and r.toponym.source != "skeleton" \
                and r.toponym.ner_label not in ("PERSON", "NORP") and len(found[r.toponym.sentence_index]) < 6:
            found[r.toponym.sentence_index].append((norm(r.toponym.text), cand.latitude, cand.longitude))
    return found


def _known_region(name: str, admin1: Admin1Votes) -> bool:
    """Whether a qualifier is a country or a region the article's names resolved to (not a fuzzy match such as
    "Urozgan", whose region the index knows as Uruzgan: "Tarinkot city, Urozgan" keeps Tarinkot)."""
    return country_code(name) is not None or any(name in voters for voters in admin1.values())


def _in_qualifier(cand: Candidate, qualifier: str, admin1: Admin1Votes) -> bool:
    """Whether a candidate lies in the region or country a "Town, Region" qualifier names."""
    return qualifier in admin1.get(cand.admin1_code or "", set()) or qualifier in country_keys(cand.country_code)


@lru_cache(maxsize=512)
def country_keys(code: str) -> frozenset[str]:
    return frozenset(norm(n) for n in country_names(code))


def resolve(toponyms: list[Toponym], demonym_countries: Counter[str], text: str = "") -> list[Resolved]:
    """Choose the best candidate of every toponym, then re-score once with the countries chosen, and once more
    with the sure towns of each sentence as neighbours (see `sure_places`). `text` (the article) is searched for
    CONTEXT_CUES (countries, regions and the front line the fighting ran along)."""
    cue_countries, cue_regions = context_cues(text)
    front = cued_front_lines(text)
    countries, admin1 = article_context(toponyms, demonym_countries + cue_countries)
    for code, voters in cue_regions.items():
        admin1.setdefault(code, set()).update(voters)
    resolved = _pick(toponyms, countries, admin1, front=front)
    chosen: Support = defaultdict(float, countries)
    for r in resolved:
        if r.candidate.kind not in MACRO_KINDS:
            chosen[r.candidate.country_code] += 0.5
    # A name read as something else takes back its region votes ("Washington" read as the capital does not name
    # the state of Washington); cue votes, which are no place names, stay.
    reading: dict[str, Candidate] = {norm(r.toponym.text): r.candidate for r in resolved}
    kept: Admin1Votes = defaultdict(set)
    for code, voters in admin1.items():
        for voter in voters:
            cand = reading.get(voter)
            if cand is None or cand.admin1_code == code or cand.kind in ("country", "admin1"):
                kept[code].add(voter)
    second = _pick(toponyms, chosen, kept, front=front)
    neighbours = sure_places(second)
    # Neighbours only ever move a name that is nothing but towns (see score_candidate): re-pick just those.
    towns = [t for t in toponyms if t.candidates and _towns_only(t)]
    if not neighbours or not towns:
        return second
    redone = {id(t) for t in towns}
    by_name = {id(r.toponym): r for r in second if id(r.toponym) not in redone}
    by_name.update((id(r.toponym), r) for r in _pick(towns, chosen, kept, neighbours, front=front))
    return [by_name[id(t)] for t in toponyms if id(t) in by_name]


def _pick(toponyms: list[Toponym], countries: Support, admin1: Admin1Votes,
          neighbours: Neighbours | None = None, *, front: tuple[FrontLine, ...] = ()) -> list[Resolved]:
    resolved: list[Resolved] = []
    for topo in toponyms:
        if not topo.candidates:
            continue
        pool = topo.candidates[:60]
        facts = PoolFacts.of(topo, countries)
        best = max(pool, key=lambda c: (score_candidate(c, topo, countries, admin1, facts, neighbours, front),
                                        c.population, -c.rowid))
        score = score_candidate(best, topo, countries, admin1, facts, neighbours, front)
        if topo.source == "skeleton" and score < 0:
            continue
        if topo.qualifier and best.kind not in ("country", "admin1") \
                and (best.population < 100_000 or topo.source == "skeleton") \
                and _known_region(topo.qualifier, admin1) \
                and not any(_in_qualifier(c, topo.qualifier, admin1) for c in pool):
            # "Patzuaro, Michoacan": no place of that name in the region named after it; the region stands
            continue
        unsupported = sum(countries.values()) >= 1.5 and countries.get(best.country_code, 0) == 0 \
            and best.kind not in MACRO_KINDS
        if unsupported and topo.ner_label in ("PERSON", "ORG") and best.kind != "country":
            continue  # a name the model reads as a person or organisation, in a country nothing else points to
        if unsupported and best.kind != "country" and (best.population < 500_000 or best.quality < 1.0):
            continue  # a place in a country the article never points to: most likely another place's name
        if topo.ner_label == "LOC" and not topo.text.isupper() and best.kind == "populated place" \
                and best.population < SMALL_TOWN \
                and not topo.qualifier \
                and not (admin1.get(best.admin1_code or "", set()) - {norm(topo.text)}):
            # the model reads a sea, a mountain range or a world region ("in the Atlantic", "the Middle East"):
            # a small town of that name, in a region nothing else in the article names, is not meant
            continue
        resolved.append(Resolved(topo, best, score))
    return resolved


def to_place(res: Resolved, *, centre: bool = False) -> Place:
    """The place of a resolved mention. Its point is the candidate's point: for a country its capital, for a
    region its most populous place, where ACLED codes events known only to the country or region. With
    `centre`, a country or region mention gets the middle of its territory instead, as geoparsers report it
    (a mention of "Russia" is not a mention of Moscow)."""
    cand = res.candidate
    latitude, longitude = cand.latitude, cand.longitude
    if centre and cand.centre_latitude is not None and cand.centre_longitude is not None:
        latitude, longitude = cand.centre_latitude, cand.centre_longitude
    if cand.kind in ("country", "admin1", *MACRO_KINDS):
        precision = 3
    elif cand.kind == "admin2" or res.toponym.near or cand.place_id.startswith(APPROXIMATE_PREFIX):
        precision = 2  # near a place, a district, or a village placed at its hromada's town
    else:
        precision = 1
    return Place(
        name=_display_name(cand),
        place_id=cand.place_id,
        latitude=round(latitude, 5),
        longitude=round(longitude, 5),
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
