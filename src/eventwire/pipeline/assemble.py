"""Assemble mentions from the stages' outputs, then merge mentions of the same incident within an article.

One mention per reporting trigger: its type (triggers), place (toponyms resolved with article context),
date (sentence dates, else the paragraph's, else the publication day at week precision), actors
(arguments), weapon and counts (quantities). Every field keeps the span that supports it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from eventwire.gazetteer.countries import DEMONYMS
from eventwire.gazetteer.index import Gazetteer, open_gazetteer
from eventwire.gazetteer.normalize import norm
from eventwire.geo import haversine_km
from eventwire.ingest.readers import header_length
from eventwire.model import (
    Actor,
    Article,
    DateValue,
    Event,
    Evidence,
    Mention,
    Place,
    Quantity,
    Source,
    Span,
)
from eventwire.pipeline.actors import find_named_groups
from eventwire.pipeline.arguments import find_actors
from eventwire.pipeline.lexicon import TREND_LEMMAS
from eventwire.pipeline.links import link_events
from eventwire.pipeline.nlp import load_nlp
from eventwire.pipeline.places import MACRO_KINDS, Resolved, country_keys, resolve, to_place
from eventwire.pipeline.quantities import CountMention, sentence_counts
from eventwire.pipeline.temporal import DateMention, in_subtree, sentence_dates, tree_distance
from eventwire.pipeline.toponyms import Toponym, find_toponyms
from eventwire.pipeline.triggers import Trigger, classify, find_triggers, names_target, sentence_cues

PLACE_SPECIFICITY = {"country": 0, "admin1": 1, "admin2": 2, "populated place": 3}
WEAK_LEMMAS = frozenset({"attack", "hit", "strike", "target", "raid", "assault", "storm", "kill", "die",
                         "wound", "injure", "fire"})
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
PROTEST_SEVERITY = ("Peaceful protest", "Protest with intervention", "Excessive force against protesters")
MIN_CONFIDENCE = 0.5  # below this a mention is too thinly supported to report as an incident
COUNT_FIELDS = {"killed": "fatalities", "injured": "injuries", "captured": "captured", "munitions": "munitions"}


@dataclass
class _Draft:
    """A mention under construction (mutable while the article is processed)."""

    trigger: Trigger
    event_type: str
    sub_event_type: str | None
    weapon: str | None
    sentence: Span
    paragraph: int
    weak: bool
    date: DateValue | None = None
    date_explicit: bool = False
    date_carried: bool = False  # taken from an earlier sentence of the same paragraph
    place: Place | None = None
    place_explicit: bool = False
    place_from_setting: bool = False  # carried from a paragraph sentence with no incident of its own
    actor1: Actor | None = None
    actor2: Actor | None = None
    counts: dict[str, CountMention] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    confidence: float = 0.5
    members: int = 1
    absorbed: list[Trigger] = field(default_factory=list)  # triggers of the mentions merged into this one


class Extractor:
    """Article in, events out. Holds the loaded model and gazetteer; reuse one per process."""

    def __init__(self, gazetteer: Gazetteer | None = None, nlp: Any = None) -> None:
        self.gazetteer = gazetteer or open_gazetteer()
        self.nlp = nlp or load_nlp()

    # -- public API -------------------------------------------------------------------------------
    def extract(self, article: Article) -> list[Event]:
        return self.extract_doc(article, self.nlp(article.text))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 16,
                     on_error: Callable[[Article, Exception], None] | None = None,
                     ) -> Iterator[tuple[Article, list[Event]]]:
        """Stream (article, events) pairs, parsing in batches. With `on_error`, an article whose parsing or
        extraction raises is handed to it and skipped, and the batch goes on; without it the error propagates."""
        buffer: list[Article] = []
        for article in articles:
            buffer.append(article)
            if len(buffer) >= batch_size:
                yield from self._run_batch(buffer, on_error)
                buffer = []
        if buffer:
            yield from self._run_batch(buffer, on_error)

    def _run_batch(self, batch: list[Article], on_error: Callable[[Article, Exception], None] | None,
                   ) -> Iterator[tuple[Article, list[Event]]]:
        docs: list[Any]
        try:
            docs = list(self.nlp.pipe([a.text for a in batch], batch_size=len(batch)))
        except Exception:
            if on_error is None:
                raise
            docs = []
            for article in batch:  # parse one by one to find the article that failed
                try:
                    docs.append(self.nlp(article.text))
                except Exception as exc:
                    on_error(article, exc)
                    docs.append(None)
        for article, doc in zip(batch, docs, strict=True):
            if doc is None:
                continue
            try:
                events = self.extract_doc(article, doc)
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(article, exc)
                continue
            yield article, events

    def places(self, article: Article) -> list[tuple[Toponym, Place]]:
        """Resolved place mentions of an article (geoparsing: for evaluation and the API). Unlike event places,
        demonyms count as mentions of their country, and countries and regions are placed at their centres
        (events use the capital of a region, as ACLED does)."""
        doc = self.nlp(article.text)
        toponyms = find_toponyms(doc, self.gazetteer, demonyms=True)
        resolved = resolve(toponyms, _demonym_countries(doc), article.text)
        return [(r.toponym, to_place(r, centre=True)) for r in resolved]

    # -- one article --------------------------------------------------------------------------------
    def extract_doc(self, article: Article, doc: Any) -> list[Event]:
        drafts = self._drafts(article, doc)
        for d in drafts:
            d.confidence = _support_confidence(d, article.published)
        merged = merge_drafts(drafts)
        events = [self._to_event(article, d) for d in merged]
        return link_events(doc, article, events, [(d.trigger, *d.absorbed) for d in merged])

    def _drafts(self, article: Article, doc: Any) -> list[_Draft]:
        text = article.text
        header_end = header_length(text)
        toponyms = [t for t in find_toponyms(doc, self.gazetteer) if t.start >= header_end]
        # a continent is never where an event happened (ACLED codes events to a country at least)
        resolved = [r for r in resolve(toponyms, _demonym_countries(doc), text) if r.candidate.kind not in MACRO_KINDS]
        main_country = _main_country(resolved)
        sents = list(doc.sents)
        # DATE/TIME entities grouped by sentence once (a scan per sentence is quadratic in long documents)
        sent_starts = [s.start for s in sents]
        date_ents: dict[int, list[Any]] = {}
        for ent in doc.ents:
            if ent.label_ in ("DATE", "TIME"):
                date_ents.setdefault(bisect.bisect_right(sent_starts, ent.start) - 1, []).append(ent)
        paragraphs = _paragraph_starts(text)
        triggers = find_triggers(doc)
        by_sentence: dict[int, list[Trigger]] = {}
        for trig in triggers:
            if trig.dropped is None and trig.start >= header_end:
                by_sentence.setdefault(trig.sentence_index, []).append(trig)
        places_by_sentence: dict[int, list[Resolved]] = {}
        for res in resolved:
            places_by_sentence.setdefault(res.toponym.sentence_index, []).append(res)

        drafts: list[_Draft] = []
        # the first stated date of the article so far (anchors "a day after ..." in dateless sentences)
        lead_date: tuple[DateValue, Evidence] | None = None
        for s_index, sent in enumerate(sents):
            trigs = by_sentence.get(s_index, [])
            if not trigs:
                continue  # dates, cues and counts only serve a sentence's triggers
            trigs = _drop_redundant_casualty_triggers(trigs)
            paragraph = _paragraph_of(paragraphs, sent.start_char)
            first_draft = len(drafts)
            dates = sentence_dates(sent, article.published, header_end, date_ents.get(s_index, []), text)
            sent_places = places_by_sentence.get(s_index, [])
            references = _reference_penalties(sent_places, doc, text)
            sent_span = Span(sent.start_char, sent.end_char, sent.text)
            lemmas = [t.lemma_.lower() for t in sent]
            cues = sentence_cues(sent.text, lemmas)
            counts = sentence_counts(sent)
            clash_root = any(t.sense.family == "clash" and doc[t.token_index].dep_ == "ROOT" for t in trigs)
            for trig in trigs:
                tok = doc[trig.token_index]
                if _is_trend(tok):
                    continue
                right = _target_text(tok, text, sent)
                event_type, sub_type, weapon = classify(trig, cues, right, trig.start - sent.start_char)
                if clash_root and event_type == "Explosions/Remote violence" and weapon in ("artillery", "aircraft"):
                    # "forces repelled an attack supported by artillery and air strikes": one battle
                    event_type, sub_type = "Battles", "Armed clash"
                draft = _Draft(trig, event_type, sub_type, weapon, sent_span, paragraph,
                               weak=trig.lemma in WEAK_LEMMAS and not cues.weapons and not trig.sense.weapon
                               and not names_target(right),
                               confidence=trig.sense.strength)
                draft.evidence["event_type"] = _ev(article, trig.start, trig.end, text, trig.sense.strength,
                                                   f"trigger '{trig.text}' ({trig.sense.family})")
                if weapon:
                    draft.evidence["weapon"] = _weapon_evidence(article, sent, weapon, trig, text)
                self._date_for(draft, tok, dates, trigs, doc, article, text, lead_date)
                self._place_for(draft, tok, sent_places, doc, article, text, references)
                drafts.append(draft)
            # Context carried to later sentences of the same paragraph.
            for draft in drafts[first_draft:]:
                self._attach_counts(draft, counts, trigs, doc, article, text)
            if lead_date is None:
                lead_date = next(((x.date, x.evidence["event_date"]) for x in drafts[first_draft:]
                                  if x.date_explicit and x.date), None)
        settings = _paragraph_settings(doc, resolved, paragraphs, sents)
        self._fill_context(drafts, article, text, main_country, settings)
        self._fill_actors(drafts, doc, article)
        return drafts

    # -- per-field helpers --------------------------------------------------------------------------
    def _date_for(self, draft: _Draft, tok: Any, dates: list[DateMention], trigs: list[Trigger], doc: Any,
                  article: Article, text: str, lead: tuple[DateValue, Evidence] | None = None) -> None:
        absolute = [d for d in dates if d.value is not None]
        if not absolute and lead is not None:
            # "The latest incident came a day after six civilians were killed": counted from the lead's day
            for rel in dates:
                if rel.offset_days is not None and rel.governs_from is not None and in_subtree(tok, rel.governs_from):
                    day = lead[0].start - dt.timedelta(days=rel.offset_days)
                    draft.date = DateValue(day, day, lead[0].time_precision, f"{rel.text} {lead[1].span.text}")
                    draft.date_explicit = True
                    draft.evidence["event_date"] = _ev(article, rel.start, rel.end, text, 0.6,
                                                       f"date: '{rel.text}' counted from the lead's "
                                                       f"'{lead[1].span.text}'")
                    return
        # "X on Wednesday, nine days after Y": Y is dated from the anchor.
        for rel in dates:
            if rel.offset_days is None or rel.governs_from is None:
                continue
            if in_subtree(tok, rel.governs_from) and absolute:
                anchor = min(absolute, key=lambda d: abs(d.root - rel.root))
                assert anchor.value is not None
                day = anchor.value.start - dt.timedelta(days=rel.offset_days)
                draft.date = DateValue(day, day, anchor.value.time_precision, f"{rel.text} {anchor.text}")
                draft.date_explicit = True
                draft.evidence["event_date"] = _ev(
                    article, min(rel.start, anchor.start), max(rel.end, anchor.end), text, 0.75,
                    f"date: '{rel.text}' counted back from '{anchor.text}'")
                return
        if not absolute:
            return
        # The date closest in the parse tree, unless it belongs more closely to another trigger.
        def distance(d: DateMention) -> int:
            return tree_distance(doc[d.root], tok)

        best = min(absolute, key=lambda d: (distance(d), abs(d.root - tok.i)))
        other_trigs = [doc[t.token_index] for t in trigs if t.token_index != tok.i]
        own = distance(best)
        if any(tree_distance(doc[best.root], o) + 1 < own for o in other_trigs) and own > 3:
            return
        assert best.value is not None
        if _dates_a_report(doc[best.root]) and _report_verb(doc[best.root]).i != tok.i:
            # "..., officials said on Tuesday": the day of the statement, so the incident is on or before it.
            draft.date = replace(best.value, time_precision=max(2, best.value.time_precision))
            reason = f"date: only the report's day is stated ('{best.text}'); the incident is on or before it"
            draft.evidence["event_date"] = _ev(article, best.start, best.end, text, 0.5, reason)
            return
        draft.date = best.value
        draft.date_explicit = True
        reason = f"date: '{best.text}' resolved against published {article.published}"
        draft.evidence["event_date"] = _ev(article, best.start, best.end, text, 0.8, reason)

    def _place_for(self, draft: _Draft, tok: Any, sent_places: list[Resolved], doc: Any, article: Article,
                   text: str, references: dict[int, float]) -> None:
        """The draft's place among its sentence's places; `references` (see `_reference_penalties`, by toponym
        id) lowers the names that only serve to say where something is."""
        usable = [r for r in sent_places if not _is_actor_modifier(doc, r.toponym)]
        if not usable:
            return
        recalled = [c for c in _recalled_clauses(tok.sent)
                    # only where the trigger's own side names a place below country level
                    if any((r.toponym.token_start in c) == (tok.i in c) and r.candidate.kind != "country"
                           for r in usable)]

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
            spec = PLACE_SPECIFICITY.get(kind, 5)  # curated sites (air bases, oil fields ...) are the most specific
            score = spec * 1.0 + (1.0 if r.toponym.locative else 0.0) - (3.0 if r.toponym.origin else 0.0)
            score -= 0.5 if r.toponym.near else 0.0  # "north of Baghdad": a reference point, not the place itself
            score -= references.get(id(r.toponym), 0.0)  # a border, a road, a bearing's anchor
            score -= abs(r.toponym.token_start - tok.i) / 25.0
            if _DATELINE.match(text, r.toponym.start):
                score -= 3.0  # "KABUL, Afghanistan (July 30) -": where the report was filed, not the incident
            # "rockets hit the base on Wednesday, nine days after US strikes near Al-Qaim": an earlier incident
            # recalled in an after-clause has its own place, and the news its own
            if any((tok.i in clause) != (r.toponym.token_start in clause) for clause in recalled):
                score -= 4.0
            # (a transliteration of a sizeable town, "Diwaniyah", is no such alternate name)
            alternate = r.toponym.source != "skeleton" or r.candidate.population < 100_000
            if r.candidate.quality < 1.0 and alternate and any(
                    o is not r and o.candidate.quality >= 1.0 and o.candidate.population > r.candidate.population
                    and o.candidate.kind == "populated place" and o.candidate.country_code == r.candidate.country_code
                    and haversine_km(o.candidate.latitude, o.candidate.longitude, r.candidate.latitude,
                                     r.candidate.longitude) > 100 for o in usable):
                # "in Fortaleza, Ceara, ... in Bom Jardim neighborhood": a name matched only as another town's
                # alternate name, far from the town the sentence names, is a part of that town we do not know
                score -= 3.0
            if r.candidate.kind == "populated place" and any(
                    q is not r and q.candidate.country_code == r.candidate.country_code
                    and q.candidate.admin1_code != r.candidate.admin1_code
                    and haversine_km(q.candidate.latitude, q.candidate.longitude, r.candidate.latitude,
                                     r.candidate.longitude) > 50 for q in anchors):
                # "in Monterrey, Nuevo Leon, two men attacked a man in Colonia Independencia": the sentence
                # placed itself in a town of a named region; a namesake in another region is a part of that town
                score -= 3.0
            return score, -r.toponym.start

        best = max(usable, key=rank)
        draft.place = to_place(best)
        draft.place_explicit = True
        conf = min(0.95, 0.5 + best.score / 20.0)
        draft.evidence["location"] = _ev(article, best.toponym.start, best.toponym.end, text, conf,
                                         f"place: '{best.toponym.text}' -> {best.candidate.name} "
                                         f"({best.candidate.kind}, {best.candidate.country_code})")

    def _attach_counts(self, draft: _Draft, counts: list[CountMention], trigs: list[Trigger], doc: Any,
                       article: Article, text: str) -> None:
        for count in counts:
            if count.kind == "munitions" and draft.event_type not in ("Explosions/Remote violence",
                                                                      "Strategic developments"):
                continue
            if count.kind == "captured" and draft.sub_event_type not in (
                    "Arrests", "Abduction/forced disappearance", "Protest with intervention",
                    "Non-state actor overtakes territory", "Armed clash"):
                continue
            # A count belongs to the nearest trigger of the sentence.
            nearest = min(trigs, key=lambda t: abs(t.start - count.start))
            closer = abs(nearest.start - count.start) + 5 < abs(draft.trigger.start - count.start)
            if nearest is not draft.trigger and closer and not nearest.reference \
                    and nearest.sense.family != "casualty":
                continue
            _add_count(draft, count, article, text)

    def _fill_context(self, drafts: list[_Draft], article: Article, text: str, main_country: Place | None,
                      settings: dict[int, list[Resolved]] | None = None) -> None:
        """Dates and places a sentence does not state: from its paragraph (another mention's place, else a
        place the paragraph names outside any mention: "On 7 May, in Volta Redonda, police went to ... The
        officers were attacked"), then the article."""
        by_paragraph_date: dict[int, tuple[DateValue, Evidence]] = {}
        by_paragraph_place: dict[int, tuple[Place, Evidence, DateValue | None]] = {}
        for d in drafts:
            if d.date_explicit and d.date and d.paragraph not in by_paragraph_date:
                by_paragraph_date[d.paragraph] = (d.date, d.evidence["event_date"])
            if d.place_explicit and d.place and d.place.kind != "country" and d.paragraph not in by_paragraph_place:
                by_paragraph_place[d.paragraph] = (d.place, d.evidence["location"], d.date if d.date_explicit else None)
        lead_date = next(((d.date, d.evidence["event_date"]) for d in drafts if d.date_explicit and d.date), None)
        lead = next(((d.place, d.evidence["location"], d.date if d.date_explicit else None) for d in drafts
                     if d.place_explicit and d.place and d.place.kind != "country"), None)
        setting_keys = {p: [r.toponym.sentence_index for r in found] for p, found in (settings or {}).items()}
        for d in drafts:
            if d.date is None:
                carried = by_paragraph_date.get(d.paragraph)
                if carried and carried[0].start <= (article.published or carried[0].start):
                    d.date = carried[0]
                    d.date_carried = True
                    reason = f"date carried from the paragraph: '{carried[1].span.text}'"
                    d.evidence["event_date"] = replace(carried[1], confidence=0.5, reason=reason)
                elif article.published is not None:
                    d.date = DateValue(article.published, article.published, 2, "")
                    first = d.trigger
                    d.evidence["event_date"] = _ev(article, first.start, first.end, text, 0.3,
                                                   f"no date stated; publication date {article.published} "
                                                   "used (week precision)")
                elif lead_date is not None:
                    d.date = lead_date[0]
                    d.evidence["event_date"] = lead_date[1]
            if d.place is not None:
                continue
            # A place from another sentence only fits a mention of the same day (or of no stated day).
            setting = _nearest_setting((settings or {}).get(d.paragraph, []), setting_keys.get(d.paragraph, []),
                                       d.trigger.sentence_index)
            setting_source = None if setting is None else (
                to_place(setting), _ev(article, setting.toponym.start, setting.toponym.end, text, 0.4,
                                       f"place: '{setting.toponym.text}' -> {setting.candidate.name} "
                                       f"({setting.candidate.kind}, {setting.candidate.country_code})"), None)
            for source, label, confidence in ((by_paragraph_place.get(d.paragraph), "the paragraph", 0.45),
                                              (setting_source, "the paragraph", 0.4),
                                              (lead, "the article's lead", 0.35)):
                if source is None:
                    continue
                place, evidence, day = source
                if d.date_explicit and day is not None and d.date is not None and d.date.start != day.start:
                    continue
                d.place = replace(place, geo_precision=max(2, place.geo_precision))
                d.place_from_setting = source is setting_source
                d.evidence["location"] = replace(evidence, confidence=confidence,
                                                 reason=f"place carried from {label}: '{evidence.span.text}'")
                break
            if d.place is None and main_country is not None:
                d.place = main_country
                d.evidence["location"] = _ev(article, d.trigger.start, d.trigger.end, text, 0.25,
                                             f"only the country is known: {main_country.country}")

    def _fill_actors(self, drafts: list[_Draft], doc: Any, article: Article) -> None:
        for d in drafts:
            tok = doc[d.trigger.token_index]
            sent = tok.sent
            country = d.place.country if d.place else None
            family = "protest" if d.event_type == "Protests" else "riot" if d.event_type == "Riots" else \
                "clash" if d.event_type == "Battles" else d.trigger.sense.family
            a1, a2 = find_actors(tok, sent, country, article.id, family)
            if a1 and d.event_type == "Protests" and a1[0].kind == "civilians":
                # people who protest are coded as protesters (ACLED inter 6)
                a1 = (replace(a1[0], name=f"Protesters ({country})" if country else "Protesters",
                              kind="protesters"), a1[1])
            if a1:
                d.actor1 = a1[0]
                d.evidence["actor1"] = _ev(article, a1[1].start, a1[1].end, article.text, 0.6,
                                           f"actor1: '{a1[1].text}' -> {a1[0].name}")
            if a2:
                d.actor2 = a2[0]
                d.evidence["actor2"] = _ev(article, a2[1].start, a2[1].end, article.text, 0.55,
                                           f"actor2: '{a2[1].text}' -> {a2[0].name}")
            _refine_with_actors(d)

    # -- output -------------------------------------------------------------------------------------
    def _to_event(self, article: Article, d: _Draft) -> Event:
        mention = Mention(
            article_id=article.id, event_type=d.event_type, sub_event_type=d.sub_event_type,
            trigger=Span(d.trigger.start, d.trigger.end, d.trigger.text), sentence=d.sentence, date=d.date,
            place=d.place, actor1=d.actor1, actor2=d.actor2, weapon=d.weapon,
            fatalities=_quantity(d, "killed"), injuries=_quantity(d, "injured"),
            captured=_quantity(d, "captured"), munitions=_quantity(d, "munitions"),
            confidence=d.confidence, evidence=dict(d.evidence),
        )
        return event_from_mentions([mention], article)


def _adds_to(d: _Draft) -> bool:
    """A later sentence adds its toll to the incident's only when it says so ("Also, three soldiers were killed");
    otherwise it most often restates part of the same toll ("two of the victims were children")."""
    return bool(re.match(r"\W*(also|in addition|additionally|besides|meanwhile|on the other side)\b",
                         d.sentence.text, re.I) or re.search(r"\b(additional|another|other)\b", d.sentence.text, re.I))


def _combined(a: CountMention, b: CountMention) -> CountMention:
    """Deaths of different groups in one incident ("25 ADF fighters and 6 soldiers") add up."""
    first, second = (a, b) if a.start <= b.start else (b, a)
    return CountMention(a.kind, a.best + b.best, None, None, first.start, second.end,
                        f"{first.text} + {second.text}", f"{a.noun}+{b.noun}")


def _sum_evidence(a: Evidence, b: Evidence, total: CountMention) -> Evidence:
    start, end = min(a.span.start, b.span.start), max(a.span.end, b.span.end)
    first, second = sorted([a, b], key=lambda e: e.span.start)
    text = first.span.text if first.span.end >= second.span.end else None
    reason = f"{total.kind}: '{first.span.text}' and '{second.span.text}' add up to {total.best}"
    if text is not None:
        return Evidence(a.article_id, Span(start, end, text), 0.65, reason)
    return Evidence(a.article_id, Span(first.span.start, first.span.end, first.span.text), 0.65, reason)


def _add_count(draft: _Draft, count: CountMention, article: Article, text: str) -> None:
    """A count of one sentence: the lowest figure for the same people, the sum for different people."""
    field_name = COUNT_FIELDS[count.kind]
    existing = draft.counts.get(count.kind)
    reason = f"{count.kind}: '{count.text}' read as {count.best}"
    if existing is None or (count.best < existing.best and (count.noun == existing.noun or count.best == 0)):
        draft.counts[count.kind] = count
        draft.evidence[field_name] = _ev(article, count.start, count.end, text, 0.75, reason)
    elif count.noun and existing.noun and count.noun != existing.noun and count.best > 0 and existing.best > 0 \
            and count.kind in ("killed", "injured"):
        total = _combined(existing, count)
        draft.counts[count.kind] = total
        start, end = min(existing.start, count.start), max(existing.end, count.end)
        draft.evidence[field_name] = _ev(article, start, end, text, 0.65,
                                         f"{count.kind}: '{existing.text}' and '{count.text}' add up to {total.best}")


def _support_confidence(d: _Draft, published: dt.date | None) -> float:
    """How well a mention is supported: the trigger's prior, raised by a stated date, a specific stated
    place and counts; lowered when the sentence states neither a date nor a place (a passing reference such as
    "the fighting"), and for vague dates well before publication ("in April",
    "last week": mostly background)."""
    score = d.trigger.sense.strength
    if published is not None and d.date is not None and d.date.time_precision >= 2:
        age = (published - d.date.start).days
        if age > 14 and d.date.time_precision >= 3:
            score -= 0.5
        elif age > 3:
            score -= 0.2
    specific_place = d.place_explicit and d.place is not None and d.place.kind != "country"
    if d.date_explicit:
        score += 0.15
    elif d.date_carried:
        score += 0.1
    if specific_place:
        score += 0.15
    if any(c.best > 0 for c in d.counts.values()):
        score += 0.1
    if not (d.date_explicit or d.date_carried) and not specific_place:
        score -= 0.3
    if d.date is not None and d.date.time_precision >= 3:
        score -= 0.25
    return max(0.05, min(0.98, score))


def _quantity(d: _Draft, kind: str) -> Quantity | None:
    c = d.counts.get(kind)
    if c is None:
        return None
    return Quantity(kind, c.best, c.low, c.high)


def event_from_mentions(mentions: list[Mention], article: Article) -> Event:
    """An event for one article's merged mention (a stable id from article, type, date and place)."""
    m = mentions[0]
    key = "|".join([article.id, m.event_type, str(m.date.start if m.date else ""),
                    m.place.place_id if m.place else "", str(m.trigger.start)])
    event_id = "ew-" + hashlib.sha1(key.encode()).hexdigest()[:12]
    # As ACLED: fatalities is always a number, 0 when the report states no deaths.
    fatalities = m.fatalities.best if m.fatalities else 0
    source = Source(article.id, article.url, article.published, dict(m.evidence))
    return Event(
        id=event_id, event_type=m.event_type, sub_event_type=m.sub_event_type, date=m.date, place=m.place,
        actor1=m.actor1, actor2=m.actor2, weapon=m.weapon, fatalities=fatalities,
        injuries=m.injuries.best if m.injuries else None, captured=m.captured.best if m.captured else None,
        munitions=m.munitions.best if m.munitions else None, confidence=round(m.confidence, 3),
        evidence=dict(m.evidence), sources=(source,),
    )


# -- what a place mention is to the event: a road's end, a bearing's anchor, a border -----------------
_BORDER_BEFORE = re.compile(r"border(?:s|ing)?(?: with)?\s*(?:the )?$")
_BORDER_AFTER = re.compile(r"(?:'s)?\s+border\b", re.IGNORECASE)
_ROAD_WORDS = r"(?:highway|road|motorway|expressway|stretch|route|railway)\b"
_ROAD_FIRST_TOWN = re.compile(r"\s*-\s*[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?\s+" + _ROAD_WORDS)
_ROAD_AFTER_LAST_TOWN = re.compile(r"\s+" + _ROAD_WORDS)
_ROAD_NAMED_AFTER = re.compile(r"\s+(?:road|highway)\b(?!\s+(?:to|from|between)\b)")  # "on Murree road"
_HYPHEN_BEFORE = re.compile(r"[A-Za-z]\s*-\s*$")
_COMPASS_WORDS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                            "km", "kilometres", "kilometers", "miles"})


def _reference_penalties(places: list[Resolved], doc: Any, text: str) -> dict[int, float]:
    """How much lower to rank each place of a sentence (by toponym id) that only serves to say where something
    is, computed once per sentence (a run-on sentence with thousands of names stays linear):
    - a neighbour across a border: "close to the border with Colombia", "not far from the Mali border";
    - the towns a road is named after: "on the Khulna-Jessore highway", "on Murree road";
    - the anchor of a bearing from the place named right before it: "Majzar district west of Marib city"."""
    penalties: dict[int, float] = {}
    for r in places:
        topo = r.toponym
        before = text[max(0, topo.start - 25): topo.start].lower()
        border = bool(_BORDER_BEFORE.search(before)) or bool(_BORDER_AFTER.match(text, topo.end))
        penalty = 2.0 * border + 2.0 * _names_a_road(text, topo.start, topo.end)
        if penalty:
            penalties[id(topo)] = penalty
    ordered = sorted(places, key=lambda r: r.toponym.token_start)
    for a, b in itertools.pairwise(ordered):
        if b.toponym.near and _located_from(a.toponym, b.toponym, doc):
            penalties[id(b.toponym)] = penalties.get(id(b.toponym), 0.0) + 2.0
    return penalties


def _located_from(place: Toponym, anchor: Toponym, doc: Any) -> bool:
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


# -- within-article merging -------------------------------------------------------------------------
# A wire dateline: a capitalised place, maybe its country, then a date in brackets or a dash.
_DATELINE = re.compile(r"[A-Z][A-Z .'-]{2,}(?:, [A-Z][\w .'-]+)?\s*(?:\([^)]{3,30}\)\s*)?[-–—]|[A-Z][A-Z .'-]{2,}, "
                       r"[A-Z][\w .'-]+ \([^)]{3,30}\)")


def _place_compatible(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None:
        return True
    if a.place_id == b.place_id:
        return True
    if a.country_code != b.country_code:
        return False
    if a.kind == "country" or b.kind == "country":
        return True
    if a.kind == "admin1" or b.kind == "admin1":
        return (a.admin1 or "") == (b.admin1 or "") or not a.admin1 or not b.admin1
    return _km(a, b) <= SAME_PLACE_KM


SAME_PLACE_KM = 25.0  # within an article, reports this close on the same day are one incident (a barrage over a city)


def _km(a: Place, b: Place) -> float:
    return haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)


def _date_compatible(a: _Draft, b: _Draft) -> bool:
    """Same day; a date only guessed from the publication day also fits the day before it."""
    if a.date is None or b.date is None:
        return True
    if a.date.start == b.date.start:
        return True
    if a.date_explicit and b.date_explicit:
        return False
    if not a.date_explicit and not b.date_explicit:
        return abs((a.date.start - b.date.start).days) <= 1  # two guesses (report day, publication day)
    guessed, other = (a, b) if not a.date_explicit else (b, a)
    assert guessed.date is not None and other.date is not None
    return guessed.date.time_precision >= 2 and 0 <= (guessed.date.start - other.date.start).days <= 1


_LAUNCH_LEMMAS = frozenset({"fire", "launch"})


_RECALL_CUE = re.compile(r"\b(?:days?|weeks?|months?|years?)\W+(?:\w+\W+)?(?:after|following|since)\b", re.I)


def _recalled_clauses(sent: Any) -> list[set[int]]:
    """Token sets of the clauses of a sentence that recall another, earlier incident ("nine days after US
    airstrikes on ...", "a week after the bombing in ...")."""
    clauses: list[set[int]] = []
    if not _RECALL_CUE.search(sent.text):
        return clauses
    for t in sent:
        # only with a stated gap ("nine days after", "a week after"): "killed after gunmen stormed X" is one
        # incident told in two steps
        if t.lower_ not in ("after", "following", "since") or t.dep_ not in ("prep", "mark"):
            continue
        gap = {w.lower_ for w in t.doc[max(sent.start, t.i - 3): t.i]}
        if gap & {"day", "days", "week", "weeks", "month", "months", "year", "years"}:
            head = t.head if t.dep_ == "mark" else t
            clause = {x.i for x in head.subtree}
            if len(clause) > 1:
                clauses.append(clause)
    return clauses


def _type_compatible(a: _Draft, b: _Draft) -> bool:
    launched = {"missile", "rocket", "drone"}
    for x, y in ((a, b), (b, a)):
        # "a missile fired by the Houthis was intercepted": the launch is the interception's other half
        if x.sub_event_type == "Disrupted weapons use" and y.trigger.lemma in _LAUNCH_LEMMAS and \
                y.weapon in launched:
            return True
    if a.event_type == b.event_type == "Protests" and a.place is not None and b.place is not None and \
            a.place.kind != "country" and b.place.kind != "country":
        return True  # one demonstration told twice in one place: "protested" ... "police dispersed the crowd"
    if a.event_type == b.event_type:
        return a.sub_event_type == b.sub_event_type or a.weak or b.weak or None in (a.sub_event_type,
                                                                                    b.sub_event_type)
    return (a.weak or b.weak) and a.event_type in VIOLENT_TYPES and b.event_type in VIOLENT_TYPES


def _specific(p: Place | None) -> int:
    if p is None:
        return -1
    return PLACE_SPECIFICITY.get(p.kind, 4)


def _merge_place(d: _Draft) -> Place | None:
    """The place that decides whether a mention may join another: only the country of a place borrowed from a
    sentence that reported no incident (the paragraph's setting is a guess, not a reason to keep incidents
    apart)."""
    if d.place is not None and d.place_from_setting:
        return replace(d.place, kind="country", place_id=f"country:{d.place.country_code}")
    return d.place


def merge_drafts(drafts: list[_Draft]) -> list[_Draft]:
    """Merge mentions of one incident: same type family, compatible place and date. Mentions that only refer
    to an incident ("responsibility for the attack") join one, never stand alone."""
    merged: list[_Draft] = []
    for d in sorted(drafts, key=lambda x: (x.trigger.reference, x.trigger.start)):
        target = None
        best_score = -1.0
        for m in merged:
            if _type_compatible(m, d) and _place_compatible(_merge_place(m), _merge_place(d)) \
                    and _date_compatible(m, d):
                both_explicit_places = m.place_explicit and d.place_explicit and m.place and d.place
                if both_explicit_places and m.place and d.place and m.place.kind != "country" and \
                        d.place.kind != "country" and m.place.place_id != d.place.place_id and \
                        _km(m.place, d.place) > SAME_PLACE_KM:
                    continue
                score = (2.0 if m.date and d.date and m.date.start == d.date.start else 0.0) + \
                    (2.0 if m.place and d.place and m.place.place_id == d.place.place_id else 0.0) + \
                    (1.0 if m.sub_event_type == d.sub_event_type else 0.0)
                if score > best_score:
                    target, best_score = m, score
        if target is None:
            if d.trigger.reference:
                continue
            merged.append(d)
            continue
        _absorb(target, d)
    merged = _fold_protest_arrests(merged)
    return [m for m in merged if m.confidence >= MIN_CONFIDENCE]


def _fold_protest_arrests(drafts: list[_Draft]) -> list[_Draft]:
    """Arrests made at a demonstration belong to the demonstration (its `captured`), which then is a protest
    with intervention, as ACLED codes it."""
    crowds = [d for d in drafts if d.event_type in ("Protests", "Riots")]
    if not crowds:
        return drafts
    kept: list[_Draft] = []
    for d in drafts:
        if d.sub_event_type != "Arrests":
            kept.append(d)
            continue
        about_crowd = bool(re.search(r"\b(protesters?|demonstrators?|rioters?|crowds?|marchers|activists)\b",
                                     d.sentence.text.lower()))
        same_spot = [c for c in crowds if c.place is not None and d.place is not None and d.place.kind != "country"
                     and c.place.kind != "country" and _place_compatible(c.place, d.place)]
        host = next((c for c in crowds if (c.paragraph == d.paragraph or about_crowd or not d.place_explicit
                                           or c in same_spot)
                     and _place_compatible(c.place, d.place) and _date_compatible(c, d)), None)
        if host is None:
            kept.append(d)
            continue
        if host.sub_event_type == "Peaceful protest":
            host.sub_event_type = "Protest with intervention"
        count = d.counts.get("captured")
        if count is not None and "captured" not in host.counts:
            host.counts["captured"] = count
            host.evidence["captured"] = d.evidence["captured"]
        host.members += 1
    return kept


def _absorb(target: _Draft, d: _Draft) -> None:
    target.members += 1
    target.absorbed.extend([d.trigger, *d.absorbed])
    if d.sub_event_type == "Disrupted weapons use" and target.trigger.lemma in _LAUNCH_LEMMAS:
        target.event_type, target.sub_event_type, target.weak = d.event_type, d.sub_event_type, False
        target.evidence["event_type"] = d.evidence["event_type"]
    target.confidence = min(0.98, max(target.confidence, d.confidence) + 0.05)
    if target.weak and not d.weak:
        target.event_type, target.sub_event_type, target.weapon = d.event_type, d.sub_event_type, d.weapon
        target.weak = False
        for key in ("event_type", "weapon"):
            if key in d.evidence:
                target.evidence[key] = d.evidence[key]
    if target.event_type == d.event_type == "Protests" and \
            PROTEST_SEVERITY.index(d.sub_event_type or "Peaceful protest") > \
            PROTEST_SEVERITY.index(target.sub_event_type or "Peaceful protest"):
        target.sub_event_type = d.sub_event_type
    if target.sub_event_type is None and d.sub_event_type is not None:
        target.sub_event_type = d.sub_event_type
    if target.weapon is None and d.weapon is not None:
        target.weapon = d.weapon
        if "weapon" in d.evidence:
            target.evidence["weapon"] = d.evidence["weapon"]
    if _specific(d.place) > _specific(target.place) or (d.place_explicit and not target.place_explicit
                                                        and _specific(d.place) >= _specific(target.place)):
        target.place, target.place_explicit = d.place, d.place_explicit
        target.place_from_setting = d.place_from_setting
        if "location" in d.evidence:
            target.evidence["location"] = d.evidence["location"]
    if d.date_explicit and (not target.date_explicit or (d.date and target.date and
                                                         d.date.time_precision < target.date.time_precision)):
        target.date, target.date_explicit = d.date, True
        if "event_date" in d.evidence:
            target.evidence["event_date"] = d.evidence["event_date"]
    for kind, count in d.counts.items():
        existing = target.counts.get(kind)
        if existing is None or (count.best < existing.best and count.best > 0 and count.noun == existing.noun) or (
                existing.best == 0 and count.best > 0 and kind != "killed"):
            target.counts[kind] = count
            target.evidence[COUNT_FIELDS[kind]] = d.evidence[COUNT_FIELDS[kind]]
        elif count.best > 0 and existing.best > 0 and count.noun and existing.noun and count.noun != existing.noun \
                and count.start != existing.start and kind in ("killed", "injured") and _adds_to(d):
            target.counts[kind] = _combined(existing, count)
            target.evidence[COUNT_FIELDS[kind]] = _sum_evidence(target.evidence[COUNT_FIELDS[kind]],
                                                                d.evidence[COUNT_FIELDS[kind]], target.counts[kind])
    for role in ("actor1", "actor2"):
        if getattr(target, role) is None and getattr(d, role) is not None:
            setattr(target, role, getattr(d, role))
            target.evidence[role] = d.evidence[role]


# -- small helpers ----------------------------------------------------------------------------------
def _ev(article: Article, start: int, end: int, text: str, confidence: float, reason: str) -> Evidence:
    return Evidence(article.id, Span(start, end, text[start:end]), confidence, reason)


def _weapon_evidence(article: Article, sent: Any, weapon: str, trig: Trigger, text: str) -> Evidence:
    from eventwire.pipeline.lexicon import WEAPON_WORDS

    for tok in sent:
        if WEAPON_WORDS.get(tok.lemma_.lower()) == weapon or WEAPON_WORDS.get(tok.lower_) == weapon:
            return _ev(article, tok.idx, tok.idx + len(tok.text), text, 0.75, f"weapon: '{tok.text}'")
    return _ev(article, trig.start, trig.end, text, 0.5, f"weapon implied by '{trig.text}'")


def _demonym_countries(doc: Any) -> Counter[str]:
    """Country hints that are not place names: demonyms ("Iraqi") and armed groups tied to one country
    ("Houthi", "LNA"); a group counts double."""
    counts: Counter[str] = Counter()
    for tok in doc:
        code = DEMONYMS.get(tok.lower_)
        if code and tok.text[:1].isupper():
            counts[code] += 1
    for group in {g.name: g for g, _s, _e in find_named_groups(doc.text)}.values():
        if group.country:
            counts[group.country] += 2
    return counts


def _paragraph_settings(doc: Any, resolved: list[Resolved], paragraphs: list[int],
                        sents: list[Any]) -> dict[int, list[Resolved]]:
    """Per paragraph, the most specific place each sentence names where something could happen: below country
    level, not whose forces ("US troops") nor where something came from ("from Lebanon")."""
    def rank(r: Resolved) -> tuple[int, bool, int]:
        return PLACE_SPECIFICITY.get(r.candidate.kind, 5), r.toponym.locative, -r.toponym.start

    best: dict[int, Resolved] = {}
    for r in resolved:
        topo = r.toponym
        if r.candidate.kind in ("country", *MACRO_KINDS) or topo.origin or topo.modifier or \
                _is_actor_modifier(doc, topo):
            continue
        held = best.get(topo.sentence_index)
        if held is None or rank(r) > rank(held):
            best[topo.sentence_index] = r
    by_paragraph: dict[int, list[Resolved]] = {}
    for index in sorted(best):
        paragraph = _paragraph_of(paragraphs, sents[index].start_char)
        by_paragraph.setdefault(paragraph, []).append(best[index])
    return by_paragraph


def _nearest_setting(settings: list[Resolved], keys: list[int], sentence_index: int) -> Resolved | None:
    """The paragraph place stated nearest before the sentence, else the nearest after it ("... The incident
    occurred in Thessaloniki"). `keys`: the settings' sentence indices, ascending."""
    # (settings are in sentence order: a binary search keeps many mentions in one long paragraph linear)
    at = bisect.bisect_left(keys, sentence_index)
    if at > 0:
        return settings[at - 1]
    after = at + 1 if at < len(settings) and settings[at].toponym.sentence_index == sentence_index else at
    return settings[after] if after < len(settings) else None


def _main_country(resolved: list[Resolved]) -> Place | None:
    counts: Counter[str] = Counter(r.candidate.country_code for r in resolved)
    if not counts:
        return None
    code = counts.most_common(1)[0][0]
    for r in resolved:
        if r.candidate.country_code == code and r.candidate.kind == "country":
            return to_place(r)
    return None


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer(r"\n\s*\n|\n(?=\s*[A-Z“\"])", text):
        starts.append(match.end())
    return starts


def _paragraph_of(starts: list[int], offset: int) -> int:
    """The paragraph (index into the ascending `starts`) that holds `offset`."""
    return max(0, bisect.bisect_right(starts, offset) - 1)


_REPORT_LEMMAS = frozenset({"say", "tell", "report", "announce", "state", "confirm", "add", "claim", "reveal",
                            "disclose", "publish", "post", "tweet", "declare"})


def _report_verb(date_root: Any) -> Any:
    head = date_root.head
    if head.dep_ == "prep" and head.lower_ in ("on", "late", "early"):
        head = head.head
    return head


def _dates_a_report(date_root: Any) -> bool:
    """"officials said on Tuesday": the date hangs on a reporting verb."""
    return bool(_report_verb(date_root).lemma_.lower() in _REPORT_LEMMAS)


def _target_text(tok: Any, text: str, sent: Any) -> str:
    """The text that says who was targeted: the passive subject ("a suspect was killed during a police raid"),
    else what follows the trigger; when nothing there names anyone, what follows the sentence's casualty verb
    ("forces killed 6 civilians during a raid")."""
    for child in tok.children:
        if child.dep_ == "nsubjpass":
            return str(text[child.left_edge.idx: child.right_edge.idx + len(child.right_edge.text)])
    right = str(text[tok.idx + len(tok.text): sent.end_char])
    casualty = next((t for t in sent if t.lemma_.lower() in ("kill", "wound", "injure", "murder", "behead")
                     and t.i != tok.i), None)
    if casualty is not None:
        right += " " + str(text[casualty.idx + len(casualty.text): casualty.idx + len(casualty.text) + 60])
    return right


def _is_trend(tok: Any) -> bool:
    """"Attacks ... appear to be accelerating": a noun trigger that is the subject of a trend verb."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return tok.head.lemma_.lower() in TREND_LEMMAS or (tok.tag_ == "NNS" and not any(
        c.dep_ == "det" for c in tok.children) and tok.head.lemma_.lower() in ("be", "have"))


def _is_actor_modifier(doc: Any, topo: Toponym) -> bool:
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


def _drop_redundant_casualty_triggers(trigs: list[Trigger]) -> list[Trigger]:
    """"killed in the airstrikes": the killing is the airstrike's toll, not a second incident."""
    if any(t.sense.family != "casualty" for t in trigs):
        kept = [t for t in trigs if t.sense.family != "casualty"]
        return kept if kept else trigs
    return trigs


def _refine_with_actors(d: _Draft) -> None:
    """Types that depend on who is involved: attacks by armed men on civilians vs. on forces."""
    a1, a2 = d.actor1, d.actor2
    if d.event_type == "Battles" and d.sub_event_type == "Armed clash" and a2 is not None and a2.kind == "civilians" \
            and (a1 is None or a1.kind != "civilians") and d.trigger.sense.family != "clash":
        d.event_type, d.sub_event_type = "Violence against civilians", "Attack"
    if d.event_type in VIOLENT_TYPES and a1 is not None and a1.kind == "protesters" and \
            d.weapon not in ("aircraft", "drone", "rocket", "missile", "artillery", "mortar", "ied", "suicide"):
        d.event_type, d.sub_event_type = "Riots", "Violent demonstration"
        return
    if d.event_type == "Protests" and a1 is not None and a1.kind == "rioters" and "Rioters" in a1.name:
        d.event_type, d.sub_event_type = "Riots", "Violent demonstration"
        return
    if d.event_type in VIOLENT_TYPES and a1 is not None and a1.kind in ("civilians", "rioters") and \
            d.weapon not in ("aircraft", "drone", "rocket", "missile", "artillery", "mortar", "ied", "suicide"):
        d.event_type, d.sub_event_type, d.actor1 = "Riots", "Mob violence", replace(
            a1, name=a1.name.replace("Civilians", "Rioters"), kind="rioters")
        return
    if d.event_type == "Battles" and a1 is not None and a1.kind == "state forces" and \
            d.trigger.sense.family == "casualty" and (a2 is None or a2.kind == "civilians"):
        d.event_type, d.sub_event_type = "Violence against civilians", "Attack"
        return
    if d.event_type == "Violence against civilians" and d.sub_event_type == "Attack" and a2 is not None \
            and a2.kind in ("state forces", "rebels", "political militia", "identity militia", "external forces"):
        d.event_type, d.sub_event_type = "Battles", "Armed clash"
