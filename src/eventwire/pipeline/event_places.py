"""Stage `places`: each mention's place among the places its own sentence names.

The places of a sentence are ranked for each trigger: more specific kinds first (a curated site, a town, a
district, a region, a country), a place introduced by "in" / "at" before one that is not, nearer the trigger
before farther; lowered are places that only say where something is (a border, a road's end, a bearing's
anchor), where something came from, and a wire dateline.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from eventwire.gazetteer.normalize import norm
from eventwire.geo import haversine_km
from eventwire.model import Article
from eventwire.pipeline import rules
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import Draft, evidence
from eventwire.pipeline.lexicon import words
from eventwire.pipeline.place_mention import Toponym
from eventwire.pipeline.places import Resolved, country_keys, to_place
from eventwire.pipeline.rules import rule
from eventwire.pipeline.sentences import dependents
from eventwire.pipeline.stage import Stage
from eventwire.pipeline.trace import Decision, Option

STAGE_NAME = "places"
PLACE_SPECIFICITY = {"country": 0, "admin1": 1, "admin2": 2, "populated place": 3}
References = dict[int, tuple[float, tuple[str, ...]]]  # toponym id -> (penalty, the rules behind it)

R_WHOSE_FORCES = rule("location.whose_forces")
R_KIND = rule("location.specific_kind")
R_LOCATIVE = rule("location.locative")
R_ORIGIN = rule("location.origin")
R_BORDER = rule("location.border")
R_ROAD = rule("location.road_name")
R_BEARING = rule("location.bearing_anchor")
R_DISTANCE = rule("location.distance_to_trigger")
R_DATELINE = rule("location.dateline")
R_ALTERNATE = rule("location.alternate_name_far_away")
R_NAMESAKE = rule("location.namesake_in_other_region")
R_SENTENCE = rule("location.sentence_place")
R_LISTED = rule("location.each_listed_place")
R_SPEAKER = rule("location.speaker_place")
R_COUNTRY_ACTS = rule("location.country_as_actor")
_REPORTING = words("report_lemmas")
_LISTED_KINDS = {"populated place": "town", "admin2": "town"}  # (provinces listed are most often a summary)
_LISTING_PREPOSITIONS = frozenset({"in", "at", "near", "across"})
_REGION_WORDS = words("region_words")


def run(ctx: ArticleContext) -> None:
    doc, text, article = ctx.parsed, ctx.text, ctx.article
    places_by_sentence: dict[int, list[Resolved]] = {}
    for res in ctx.resolved:
        places_by_sentence.setdefault(res.toponym.sentence_index, []).append(res)
    for s_index, drafts in sorted(ctx.drafts_by_sentence().items()):
        sent_places = places_by_sentence.get(s_index, [])
        references = reference_penalties(sent_places, doc, text)
        for draft in drafts:
            _place_for(draft, doc[draft.trigger.token_index], sent_places, doc, article, text, references,
                       ctx.explain)
            ctx.drafts.extend(_each_listed_place(draft, sent_places, doc, article))


def _regions_named(doc: Doc, items: list[Token]) -> bool:
    """"in Kabul, Ghor and Balkh provinces": a region word after the list's last item."""
    last = max(items, key=lambda t: t.i)
    return any(t.lemma_.lower() in _REGION_WORDS or t.lower_ in _REGION_WORDS
               for t in (*items, *doc[last.i + 1: last.i + 3]))


def _each_listed_place(draft: Draft, sent_places: list[Resolved], doc: Doc, article: Article) -> list[Draft]:
    """"Police tear-gassed marchers in Mombasa and Kisumu": ACLED records one event per place, so a mention
    whose place is coordinated with other places of the same kind gets a copy for each of them."""
    ev = draft.evidence.get("location")
    if ev is None or draft.trigger.reference:
        return []
    chosen = next((r for r in sent_places if r.toponym.start == ev.span.start), None)
    if chosen is None or chosen.candidate.kind not in _LISTED_KINDS or chosen.toponym.listed:
        return []
    head = doc[chosen.toponym.token_end - 1]
    siblings = set(head.conjuncts)
    first = min([head, *siblings], key=lambda t: t.i)
    # a true list, "in A and B" (not the address "San Joaquin, Valencia", nor "between A and B", "people of A
    # and B", nor "in A, B and C provinces", most often a summary): joined by "and"/"or", the first item the
    # object of a locative preposition
    if not siblings or not any(t.dep_ == "cc" for s in (head, *siblings) for t in dependents(s)) \
            or _regions_named(doc, [head, *siblings]) \
            or first.dep_ != "pobj" or first.head.lower_ not in _LISTING_PREPOSITIONS:
        return []
    copies: list[Draft] = []
    seen = {chosen.candidate.place_id}
    for r in sent_places:
        last = doc[r.toponym.token_end - 1]
        if last not in siblings or r.candidate.place_id in seen or r.toponym.origin or r.toponym.outlet \
                or _LISTED_KINDS.get(r.candidate.kind) != _LISTED_KINDS[chosen.candidate.kind] \
                or r.candidate.country_code != chosen.candidate.country_code or not R_LISTED.applies():
            continue
        seen.add(r.candidate.place_id)
        copy = replace(draft, place=to_place(r), listed_place=True, counts={}, evidence=dict(draft.evidence),
                       absorbed=[], decisions={})
        copy.evidence["location"] = evidence(
            article, r.toponym.start, r.toponym.end, ev.confidence,
            f"place: '{r.toponym.text}' -> {r.candidate.name} ({r.candidate.kind}, {r.candidate.country_code}), "
            f"listed with '{chosen.toponym.text}'", STAGE_NAME, (*ev.rules, R_LISTED.id))
        copies.append(copy)
    return copies


STAGE = Stage(STAGE_NAME, "each mention's place among the places its own sentence names",
              requires=("doc", "drafts", "resolved"), assigns=("drafts",), run=run)


def _place_for(draft: Draft, tok: Token, sent_places: list[Resolved], doc: Doc, article: Article,
               text: str, references: References, explain: bool = False) -> None:
    """The draft's place among its sentence's places; `references` (see `reference_penalties`, by toponym
    id) lowers the names that only serve to say where something is."""
    usable = [r for r in sent_places if not (is_actor_modifier(doc, r.toponym) and R_WHOSE_FORCES.applies())
              and not (r.toponym.origin and R_ORIGIN.applies()) and not r.toponym.outlet
              and not (_where_the_speaker_is(doc, r.toponym, tok) and R_SPEAKER.applies())
              and not (r.candidate.kind == "country" and _acts(doc, r.toponym) and R_COUNTRY_ACTS.applies())]
    if not usable:
        return

    # Towns the sentence placed in a named region ("in Monterrey, Nuevo Leon"): by a region, not by its
    # country ("KABUL, Afghanistan" datelines say nothing of the rest). A few suffice; a pathological
    # sentence with thousands must not make ranking quadratic.
    anchors = [q for q in usable if q.toponym.qualifier and q.candidate.kind == "populated place"
               and q.toponym.qualifier not in country_keys(q.candidate.country_code)][:8]
    # ... or the region itself when the town is unknown ("in Leon de los Aldama, Guanajuato, ... in Colonia
    # San Francisco")
    qualifiers = {q.toponym.qualifier for q in usable if q.toponym.qualifier}
    anchors += [q for q in usable if q.candidate.kind == "admin1" and norm(q.toponym.text) in qualifiers][:8]

    def rank(r: Resolved) -> tuple[float, int]:
        kind = r.candidate.kind
        R_KIND.applies()
        score = PLACE_SPECIFICITY.get(kind, 5) * 1.0  # curated sites (air bases, oil fields ...) are the most specific
        if r.toponym.locative and R_LOCATIVE.applies():
            score += R_LOCATIVE.points
        score -= references.get(id(r.toponym), (0.0, ()))[0]  # a border, a road, a bearing's anchor
        R_DISTANCE.applies()
        score -= abs(r.toponym.token_start - tok.i) / R_DISTANCE.limit
        if DATELINE.match(text, r.toponym.start) and R_DATELINE.applies():
            score += R_DATELINE.points  # "KABUL, Afghanistan (July 30) -": where the report was filed
        # (a transliteration of a sizeable town, "Diwaniyah", is no such alternate name)
        alternate = r.toponym.source != "skeleton" or r.candidate.population < 100_000
        if r.candidate.quality < 1.0 and alternate and any(
                o is not r and o.candidate.quality >= 1.0 and o.candidate.population > r.candidate.population
                and o.candidate.kind == "populated place" and o.candidate.country_code == r.candidate.country_code
                and haversine_km(o.candidate.latitude, o.candidate.longitude, r.candidate.latitude,
                                 r.candidate.longitude) > R_ALTERNATE.limit for o in usable) \
                and R_ALTERNATE.applies():
            # "in Fortaleza, Ceara, ... in Bom Jardim neighborhood": a name matched only as another town's
            # alternate name, far from the town the sentence names, is a part of that town we do not know
            score += R_ALTERNATE.points
        if r.candidate.kind == "populated place" and any(
                q is not r and q.candidate.country_code == r.candidate.country_code
                and q.candidate.admin1_code != r.candidate.admin1_code
                and haversine_km(q.candidate.latitude, q.candidate.longitude, r.candidate.latitude,
                                 r.candidate.longitude) > R_NAMESAKE.limit for q in anchors) \
                and R_NAMESAKE.applies():
            # "in Monterrey, Nuevo Leon, gunmen shot a driver in Independencia": the sentence
            # placed itself in a town of a named region; a namesake in another region is a part of that town
            score += R_NAMESAKE.points
        return score, -r.toponym.start

    ranked: list[tuple[tuple[float, int], Resolved, tuple[str, ...]]] = []
    for r in usable:
        mark = rules.mark()
        key = rank(r)
        ranked.append((key, r, (*rules.since(mark), *references.get(id(r.toponym), (0.0, ()))[1])))
    winner = max(ranked, key=lambda item: item[0])
    best = winner[1]
    R_SENTENCE.applies()
    mark = rules.mark()
    draft.place = to_place(best)
    precision = rules.since(mark)
    draft.place_explicit = True
    conf = min(0.95, 0.5 + best.score / 20.0)
    trace = tuple(dict.fromkeys((*best.rules, *winner[2], R_SENTENCE.id, *precision)))
    draft.evidence["location"] = evidence(article, best.toponym.start, best.toponym.end, conf,
                                          f"place: '{best.toponym.text}' -> {best.candidate.name} "
                                          f"({best.candidate.kind}, {best.candidate.country_code})", STAGE_NAME,
                                          trace)
    if explain:
        options = [Option(f"{r.candidate.name} ({r.candidate.kind}, {r.candidate.country_code})", r.toponym.text,
                          r.toponym.start, key[0], fired) for key, r, fired in ranked]
        draft.decisions["location"] = Decision("location", STAGE_NAME, options, ranked.index(winner),
                                               "the highest-ranked place of the sentence")


def _acts(doc: Doc, topo: Toponym) -> bool:
    """"annexed by Russia", "Washington has sought": a country that does something is a government, not a place."""
    name = doc[topo.token_end - 1]
    if name.dep_ in ("nsubj", "nsubjpass") and name.head.pos_ in ("VERB", "AUX"):
        return name.dep_ == "nsubj"
    return name.dep_ == "pobj" and name.head.dep_ == "agent"


def _where_the_speaker_is(doc: Doc, topo: Toponym, trigger: Token) -> bool:
    """"An official in Mogadishu told reporters that militants took the town": the place is the speaker's,
    inside the subject of a reporting verb whose reported clause holds the trigger."""
    before = doc[topo.token_start - 1].lower_ if topo.token_start > 0 else ""
    if before not in ("in", "at", "near"):
        return False  # ("the governor of Kursk Oblast said" names where the governor's reports are from)
    name = doc[topo.token_end - 1]
    for anc in name.ancestors:
        if anc.dep_ in ("nsubj", "nsubjpass"):
            verb = anc.head
            return verb.lemma_.lower() in _REPORTING and verb.i != trigger.i \
                and not _governs(anc, trigger) and _governs(verb, trigger)
        if anc.pos_ in ("VERB", "AUX"):
            return False
    return False


def _governs(head: Token, tok: Token) -> bool:
    """`tok` is `head` or lies in its subtree (found from `tok` up: scanning the subtree of a run-on sentence's
    first verb for every mention would be quadratic)."""
    return head.i == tok.i or head.is_ancestor(tok)


def is_actor_modifier(doc: Doc, topo: Toponym) -> bool:
    """"US troops", "Israel's army": a place name that says whose forces, not where."""
    last = doc[topo.token_end - 1]
    if last.dep_ in ("compound", "amod", "poss", "nmod") and last.head.i >= topo.token_end \
            and not any(t.is_punct for t in doc[topo.token_end: last.head.i]):  # not "Michoacan, school students"
        head = last.head.lemma_.lower()
        from eventwire.pipeline.actors import HEAD_KINDS

        if head in HEAD_KINDS or head in ("airstrike", "strike", "official", "spokesman", "media", "ministry",
                                          "authority", "government", "embassy", "president", "minister",
                                          # an armed group's name: "al Sham Corps", "Hamza Division"
                                          "corps", "brigade", "division", "battalion", "regiment"):
            return True
    return False


# -- what a place mention is to the event: a road's end, a bearing's anchor, a border -----------------
_BORDER_BEFORE = re.compile(r"border(?:s|ing)?(?: with)?\s*(?:the )?$")
_BORDER_AFTER = re.compile(r"(?:'s)?\s+border\b", re.IGNORECASE)
_ROAD_WORDS = r"(?:highway|road|motorway|expressway|stretch|route|railway)\b"
_ROAD_FIRST_TOWN = re.compile(r"\s*-\s*[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?\s+" + _ROAD_WORDS)
_ROAD_AFTER_LAST_TOWN = re.compile(r"\s+" + _ROAD_WORDS)
_ROAD_NAMED_AFTER = re.compile(r"\s+(?:road|highway)\b(?!\s+(?:to|from|between)\b)")  # "on Murree road"
_HYPHEN_BEFORE = re.compile(r"[A-Za-z]\s*-\s*$")
_COMPASS_WORDS = words("compass_words")
# A wire dateline: a capitalised place, maybe its country, then a date in brackets or a dash.
DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,}(?:, [A-Z][\w .'-]+)?\s*(?:\([^)]{3,30}\)\s*)?[-–—]|[A-Z][A-Z .'-]{2,}, "
                      r"[A-Z][\w .'-]+ \([^)]{3,30}\)")


def reference_penalties(places: list[Resolved], doc: Doc, text: str) -> References:
    """How much lower to rank each place of a sentence (by toponym id) that only serves to say where something
    is, with the rules behind it, computed once per sentence (a run-on sentence with thousands of names stays
    linear):
    - a neighbour across a border: "close to the border with Colombia", "not far from the Mali border";
    - the towns a road is named after: "on the Khulna-Jessore highway", "on Murree road";
    - the anchor of a bearing from the place named right before it: "Majzar district west of Marib city"."""
    penalties: References = {}
    for r in places:
        topo = r.toponym
        before = text[max(0, topo.start - 25): topo.start].lower()
        penalty = 0.0
        fired: tuple[str, ...] = ()
        if (_BORDER_BEFORE.search(before) or _BORDER_AFTER.match(text, topo.end)) and R_BORDER.applies():
            penalty, fired = penalty - R_BORDER.points, (*fired, R_BORDER.id)
        if _names_a_road(text, topo.start, topo.end) and R_ROAD.applies():
            penalty, fired = penalty - R_ROAD.points, (*fired, R_ROAD.id)
        if penalty:
            penalties[id(topo)] = (penalty, fired)
    ordered = sorted(places, key=lambda r: r.toponym.token_start)
    for a, b in itertools.pairwise(ordered):
        if b.toponym.near and _located_from(a.toponym, b.toponym, doc) and R_BEARING.applies():
            held, fired = penalties.get(id(b.toponym), (0.0, ()))
            penalties[id(b.toponym)] = (held - R_BEARING.points, (*fired, R_BEARING.id))
    return penalties


def _located_from(place: Toponym, anchor: Toponym, doc: Doc) -> bool:
    """Whether a place is told by its bearing from an anchor named right after it: "Majzar district west of
    Marib", "Ameriyat al-Fallujah, 20 km south of Fallujah"."""
    gap = anchor.token_start - place.token_end
    return 0 < gap <= 6 and any(t.lower_ in _COMPASS_WORDS for t in doc[place.token_end: anchor.token_start])


def _names_a_road(text: str, start: int, end: int) -> bool:
    """Whether a town is named as an end of a road ("the Khulna-Jessore highway", "Mumbai-Barwani stretch") or
    names the road ("on Murree road"; not "the road to Kabul", nor "the Kabul road to Jalalabad")."""
    if text[start:end].endswith("-"):  # a mention that kept the hyphen: "Khulna-" of "Khulna-Jessore"
        end -= 1
    if _ROAD_FIRST_TOWN.match(text, end) or _ROAD_NAMED_AFTER.match(text, end):
        return True
    return bool(_ROAD_AFTER_LAST_TOWN.match(text, end)) and bool(_HYPHEN_BEFORE.search(text[max(0, start - 4): start]))
