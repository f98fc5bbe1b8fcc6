"""Toponym resolution (stage `geocode`): one gazetteer reading per place mention, with the whole article as
context.

Each mention's readings are scored (`place_scoring.score_candidate`); the best is chosen, then re-scored once
with the countries chosen, and once more with the sure towns of each sentence as neighbours. A reading is
set aside where the article gives no reason to believe it (`location.*` rules of `data/rules/geocode.toml`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from eventwire.gazetteer.countries import country_name
from eventwire.gazetteer.front_lines import FrontLine
from eventwire.gazetteer.index import Candidate
from eventwire.gazetteer.katottg import APPROXIMATE_PREFIX
from eventwire.gazetteer.normalize import fold, norm
from eventwire.model import Place
from eventwire.pipeline import rules
from eventwire.pipeline.place_cues import (
    Admin1Votes,
    Neighbours,
    Support,
    context_cues,
    country_keys,
    cued_front_lines,
    in_qualifier,
    known_region,
)
from eventwire.pipeline.place_mention import Toponym
from eventwire.pipeline.place_scoring import MACRO_KINDS, PoolFacts, article_context, score_candidate, towns_only
from eventwire.pipeline.rules import rule

__all__ = ["MACRO_KINDS", "Resolved", "country_keys", "resolve", "to_place"]

SMALL_TOWN = 10_000  # people
EXPLAIN_READINGS = 5  # readings of a mention listed by `eventwire explain`

R_SECOND_PASS = rule("location.second_pass_countries")
R_TAKE_BACK = rule("location.reading_takes_back_votes")
R_FUZZY_NEGATIVE = rule("location.fuzzy_below_zero")
R_REGION_STANDS = rule("location.region_stands_for_unknown_town")
R_PERSON_ABROAD = rule("location.person_name_abroad")
R_SMALL_ABROAD = rule("location.small_place_abroad")
R_LOC_SMALL_TOWN = rule("location.feature_not_small_town")
R_REGION_PRECISION = rule("location.region_precision")
R_NEAR_PRECISION = rule("location.near_precision")


@dataclass(frozen=True, slots=True)
class Resolved:
    toponym: Toponym
    candidate: Candidate
    score: float
    rules: tuple[str, ...] = ()  # the rules that fired for the chosen reading (its score), in order
    readings: tuple[tuple[Candidate, float, tuple[str, ...]], ...] = ()  # with explain: the best few, scored


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


def resolve(toponyms: list[Toponym], demonym_countries: Counter[str], text: str = "", *,
            explain: bool = False) -> list[Resolved]:
    """Choose the best candidate of every toponym, then re-score once with the countries chosen, and once more
    with the sure towns of each sentence as neighbours (see `sure_places`). `text` (the article) is searched for
    CONTEXT_CUES (countries, regions and the front line the fighting ran along). With `explain`, each result
    keeps its best few readings with their scores and rules."""
    cue_countries, cue_regions = context_cues(text)
    front = cued_front_lines(text)
    countries, admin1 = article_context(toponyms, demonym_countries + cue_countries)
    for code, voters in cue_regions.items():
        admin1.setdefault(code, set()).update(voters)
    resolved = _pick(toponyms, countries, admin1, front=front)
    chosen: Support = defaultdict(float, countries)
    for r in resolved:
        if r.candidate.kind not in MACRO_KINDS and R_SECOND_PASS.applies():
            chosen[r.candidate.country_code] += R_SECOND_PASS.points
    # A name read as something else takes back its region votes ("Washington" read as the capital does not name
    # the state of Washington); cue votes, which are no place names, stay.
    reading: dict[str, Candidate] = {norm(r.toponym.text): r.candidate for r in resolved}
    kept: Admin1Votes = defaultdict(set)
    for code, voters in admin1.items():
        for voter in voters:
            cand = reading.get(voter)
            if cand is None or cand.admin1_code == code or cand.kind in ("country", "admin1") \
                    or not R_TAKE_BACK.applies():
                kept[code].add(voter)
    second = _pick(toponyms, chosen, kept, front=front, explain=explain)
    neighbours = sure_places(second)
    # Neighbours only ever move a name that is nothing but towns (see score_candidate): re-pick just those.
    towns = [t for t in toponyms if t.candidates and towns_only(t)]
    if not neighbours or not towns:
        return second
    redone = {id(t) for t in towns}
    by_name = {id(r.toponym): r for r in second if id(r.toponym) not in redone}
    by_name.update((id(r.toponym), r) for r in _pick(towns, chosen, kept, neighbours, front=front, explain=explain))
    return [by_name[id(t)] for t in toponyms if id(t) in by_name]


def _pick(toponyms: list[Toponym], countries: Support, admin1: Admin1Votes,
          neighbours: Neighbours | None = None, *, front: tuple[FrontLine, ...] = (),
          explain: bool = False) -> list[Resolved]:
    resolved: list[Resolved] = []
    for topo in toponyms:
        if not topo.candidates:
            continue
        pool = topo.candidates[:60]
        facts = PoolFacts.of(topo, countries)
        best = max(pool, key=lambda c: (score_candidate(c, topo, countries, admin1, facts, neighbours, front),
                                        c.population, -c.rowid))
        mark = rules.mark()
        score = score_candidate(best, topo, countries, admin1, facts, neighbours, front)
        fired = rules.since(mark)
        if topo.source == "skeleton" and score < 0 and R_FUZZY_NEGATIVE.applies():
            continue
        if topo.qualifier and best.kind not in ("country", "admin1") \
                and (best.population < 100_000 or topo.source == "skeleton") \
                and known_region(topo.qualifier, admin1) \
                and not any(in_qualifier(c, topo.qualifier, admin1) for c in pool) and R_REGION_STANDS.applies():
            # "Patzuaro, Michoacan": no place of that name in the region named after it; the region stands
            continue
        unsupported = sum(countries.values()) >= 1.5 and countries.get(best.country_code, 0) == 0 \
            and best.kind not in MACRO_KINDS
        if unsupported and topo.ner_label in ("PERSON", "ORG") and best.kind != "country" \
                and R_PERSON_ABROAD.applies():
            continue  # a name the model reads as a person or organisation, in a country nothing else points to
        if unsupported and best.kind != "country" and (best.population < R_SMALL_ABROAD.limit or best.quality < 1.0) \
                and R_SMALL_ABROAD.applies():
            continue  # a place in a country the article never points to: most likely another place's name
        if topo.ner_label == "LOC" and not topo.text.isupper() and best.kind == "populated place" \
                and best.population < SMALL_TOWN \
                and not topo.qualifier \
                and not (admin1.get(best.admin1_code or "", set()) - {norm(topo.text)}) \
                and R_LOC_SMALL_TOWN.applies():
            # the model reads a sea, a mountain range or a world region ("in the Atlantic", "the Middle East"):
            # a small town of that name, in a region nothing else in the article names, is not meant
            continue
        readings = _readings(pool, topo, countries, admin1, facts, neighbours, front) if explain else ()
        resolved.append(Resolved(topo, best, score, tuple(dict.fromkeys((*topo.rules, *fired))), readings))
    return resolved


def _readings(pool: tuple[Candidate, ...], topo: Toponym, countries: Support, admin1: Admin1Votes,
              facts: PoolFacts, neighbours: Neighbours | None, front: tuple[FrontLine, ...],
              ) -> tuple[tuple[Candidate, float, tuple[str, ...]], ...]:
    """The best few readings of a mention with their scores and the rules behind each (for `explain`)."""
    scored = []
    for cand in pool:
        mark = rules.mark()
        score = score_candidate(cand, topo, countries, admin1, facts, neighbours, front)
        scored.append((cand, score, rules.since(mark)))
    scored.sort(key=lambda item: (item[1], item[0].population, -item[0].rowid), reverse=True)
    return tuple(scored[:EXPLAIN_READINGS])


def to_place(res: Resolved, *, centre: bool = False) -> Place:
    """The place of a resolved mention. Its point is the candidate's point: for a country its capital, for a
    region its most populous place, where ACLED codes events known only to the country or region. With
    `centre`, a country or region mention gets the middle of its territory instead, as geoparsers report it
    (a mention of "Russia" is not a mention of Moscow)."""
    cand = res.candidate
    latitude, longitude = cand.latitude, cand.longitude
    if centre and cand.centre_latitude is not None and cand.centre_longitude is not None:
        latitude, longitude = cand.centre_latitude, cand.centre_longitude
    if cand.kind in ("country", "admin1", *MACRO_KINDS) and R_REGION_PRECISION.applies():
        precision = 3
    elif (cand.kind == "admin2" or res.toponym.near or cand.place_id.startswith(APPROXIMATE_PREFIX)) \
            and R_NEAR_PRECISION.applies():
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
