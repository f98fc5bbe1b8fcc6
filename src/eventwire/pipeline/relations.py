"""Relations between the events of one article: which attack answered which, which followed which, and which
strikes were part of one barrage.

- follows:          "shelled the market ... five days after an airstrike on their camp" (interval stated: 5 days),
                    "raids have grown more frequent since the bombing of 3 May" (a statement about the article's
                    recent attacks: each of them follows the bombing);
- response_to /
  retaliation_for:  "the raids, which answered repeated ambushes" (no incident of the article: the
                    target stays text), "in retaliation for the killing of ...", and counter-attacks, which answer
                    the incident told just before them;
- part_of:          an incident told in a plural summary ("fired several volleys of rockets on Friday") holds the
                    same-day attacks the article then reports one by one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as Sentence

from eventwire.model import DateValue, Evidence, Relation, body_span
from eventwire.pipeline.date_offsets import parse_relative_offset
from eventwire.pipeline.lexicon import pattern, words
from eventwire.pipeline.rules import Rule, rule
from eventwire.pipeline.sentences import bounded_sentences, dependents, sentence_of

R_FOLLOWS = rule("relations.follows_after")
R_PERIOD = rule("relations.period_not_incident")
R_INTERVAL = rule("relations.stated_interval")
R_SERIES = rule("relations.statement_about_attacks")
R_SUMMARY_FOLLOWS = rule("relations.summary_follows")
R_NOT_BEFORE = rule("relations.follower_not_earlier")
R_RESPONSE = rule("relations.response_to")
R_IT_FOLLOWS = rule("relations.it_follows")
R_BARE = rule("relations.bare_response")
R_COUNTER = rule("relations.counter_attack")
R_PART_OF = rule("relations.part_of_summary")

ATTACK_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians",
                          "Strategic developments"})
_RESPONSE = pattern("response_cue", re.I)
_IT_FOLLOWS = pattern("it_follows_cue", re.I)
_BARE_RESPONSE = pattern("bare_response_cue", re.I)
_COUNTER = pattern("counter_words", re.I)
_COUNTER_OPERATION = pattern("counter_operation")
_COUNTER_BEFORE = words("counter_before")
_SUMMARY_NOUNS = words("summary_nouns")
_AFTER = frozenset({"after", "following", "since"})
_AFTER_WORD = re.compile(r"\b(?:after|following|since)\b", re.I)
# What a statement about "the attacks" or a barrage covers: the violence itself, not what was done about it
# (weapons seized or destroyed in a later counter-attack are no part of the barrage).
_SERIES_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_SERIES_LEMMAS = words("series_lemmas")
@dataclass(frozen=True, slots=True)
class Anchor:
    """One event of the article as the claims and relations stages see it."""

    index: int  # position in the article's event list
    event_id: str
    event_type: str
    trigger_tokens: tuple[int, ...]  # token index of every trigger merged into the event, first told first
    date: DateValue | None
    recent: bool  # dated near the article's news day (not an earlier incident recalled)
    has_stated_actor: bool  # the report names a perpetrator of its own

    def first_token(self) -> int:
        return self.trigger_tokens[0]


def _evidence(article_id: str, sent: Sentence, reason: str, *by: Rule) -> Evidence:
    return Evidence(article_id, body_span(sent.doc.text, sent.start_char, sent.end_char), 0.65, reason, "links",
                    tuple(r.id for r in by))


def _anchor_at(anchors: Sequence[Anchor], token_indices: set[int]) -> Anchor | None:
    hits = [a for a in anchors if token_indices & set(a.trigger_tokens)]
    return min(hits, key=lambda a: a.index) if hits else None


def _is_summary(doc: Doc, anchor: Anchor) -> bool:
    tok = doc[anchor.first_token()]
    if tok.lower_ not in _SUMMARY_NOUNS or tok.tag_ not in ("NNS", "NNPS"):
        return False
    return any(c.lower_ in ("several", "multiple", "series", "wave", "waves", "string", "spate", "number")
               or c.dep_ == "nummod" for c in tok.subtree) or any(
        t.lower_ in ("wave", "series", "spate", "string") for t in doc[max(0, tok.i - 3): tok.i])


def _interval(anchor: Anchor, target: Anchor) -> int | None:
    if anchor.date is None or target.date is None:
        return None
    if anchor.date.time_precision > 1 or target.date.time_precision > 1:
        return None
    return (anchor.date.start - target.date.start).days


def find_relations(doc: Doc, anchors: Sequence[Anchor], article_id: str) -> dict[int, list[Relation]]:
    """Relations per event index (targets are other events' ids of the same article)."""
    found: dict[int, list[Relation]] = {}

    def add(source: Anchor, relation: Relation) -> None:
        if relation.target == source.event_id:
            return
        bucket = found.setdefault(source.index, [])
        if not any(r.kind == relation.kind and r.target == relation.target for r in bucket):
            bucket.append(relation)

    attacks = [a for a in anchors if a.event_type in ATTACK_TYPES]
    if not attacks:
        return found
    sents = list(bounded_sentences(doc))
    for sent in sents:
        if not _AFTER_WORD.search(sent.text):
            continue
        in_sentence = {i for a in attacks for i in a.trigger_tokens if sent.start <= i < sent.end}
        for tok in sent:
            # "X (nine days) after / following Y"
            if tok.lower_ in _AFTER and tok.dep_ in ("prep", "mark", "advmod", "pcomp"):
                # "after the strikes" (prep: its object) or "after US jets struck" (mark: the clause it opens)
                clause = tok.head if tok.dep_ == "mark" else tok
                obj = {t.i for t in clause.subtree} - {tok.i}
                if re.match(r"\s*(?:\w+\s+)?(?:hours|days|weeks|months|years|decades) of\b",
                            doc[tok.i + 1: tok.i + 4].text, re.I) and R_PERIOD.applies():
                    continue  # "after months of fighting": a period, not an incident
                head_side = {i for i in in_sentence - obj if i < tok.i}
                source = _anchor_at(attacks, head_side)
                before = doc[max(sent.start, tok.i - 3): tok.i + 1].text
                offset = parse_relative_offset(before)
                stated = abs(offset[0]) if offset is not None else None
                target = _anchor_at([a for a in attacks if a is not source], obj)
                if stated is not None and source is not None and source.date is not None and R_INTERVAL.applies():
                    # "nine days after ...": the incident dated that much earlier, if the article has it
                    day = source.date.start.toordinal() - stated
                    dated = [a for a in attacks if a is not source and a.date is not None
                             and a.date.start.toordinal() == day]
                    target = dated[0] if dated else target
                if target is None:
                    continue
                sources: list[Anchor]
                if source is None:
                    # only a statement about the article's attacks ("attacks ... accelerating following X")
                    # speaks for them all; "injured after rockets struck" says nothing of the kind
                    if not any(doc[i].tag_ == "NNS" and doc[i].lemma_.lower() in _SERIES_LEMMAS
                               for i in range(sent.start, tok.i)) or not R_SERIES.applies():
                        continue
                    sources = [a for a in attacks if a.recent and a is not target and a.event_type in _SERIES_TYPES]
                elif _is_summary(doc, source) and R_SUMMARY_FOLLOWS.applies():
                    sources = [a for a in attacks if a.recent and a is not target and a.event_type in _SERIES_TYPES]
                else:
                    sources = [source]
                if target.date is not None and R_NOT_BEFORE.applies():
                    sources = [a for a in sources if a.date is None or a.date.start >= target.date.start]
                if not sources or not R_FOLLOWS.applies():
                    continue
                for src in sources:
                    interval = stated if src is source and stated is not None else _interval(src, target)
                    add(src, Relation("follows", target.event_id, interval,
                                      _evidence(article_id, sent, f"'{before.strip()} ...' names the incident it "
                                                                  "follows", R_FOLLOWS),
                                      target_text=doc[target.first_token()].text))
    for sent in sents:
        match = _RESPONSE.search(sent.text)
        if match:
            in_sentence = {i for a in attacks for i in a.trigger_tokens if sent.start <= i < sent.end}
            start = sent.start_char + match.start()
            cue = next((t for t in sent if t.idx >= start), None)
            if cue is not None:
                after_cue = {t.i for t in sent if t.idx >= start}
                target = _anchor_at(attacks, after_cue)
                source = _anchor_at(attacks, in_sentence - after_cue)
                kind = "retaliation_for" if re.search(r"retaliat|revenge|reprisal|avenge", match.group(0), re.I) \
                    else "response_to"
                if source is not None and R_RESPONSE.applies():
                    phrase = sent.text[match.end(): match.end() + 80].split(",")[0].split(".")[0].strip()
                    add(source, Relation(kind, target.event_id if target else None, _interval(source, target)
                                         if target else None,
                                         _evidence(article_id, sent, f"'{match.group(0)}' {phrase}", R_RESPONSE),
                                         target_text=phrase))
    # "This follows a raid on a police post last Friday ...": the incident told before follows the one named here.
    for sent in sents:
        opening = _IT_FOLLOWS.match(sent.text)
        if not opening:
            continue
        cue_end = sent.start_char + opening.end()
        named = [a for a in attacks if any(sent.start <= i < sent.end and doc[i].idx >= cue_end
                                           for i in a.trigger_tokens)]
        earlier = [a for a in attacks if a.first_token() < sent.start]
        if not named or not earlier:
            continue
        source = max(earlier, key=lambda a: max(i for i in a.trigger_tokens if i < sent.start))
        target = min(named, key=lambda a: min(i for i in a.trigger_tokens if i >= sent.start))
        if target is not source and R_IT_FOLLOWS.applies():
            add(source, Relation("follows", target.event_id, _interval(source, target),
                                 _evidence(article_id, sent, f"'{opening.group(0).strip()}' names the incident the "
                                                             "one told before follows", R_IT_FOLLOWS),
                                 target_text=doc[target.first_token()].text))
    # "In retaliation, the army shelled ...": a bare cue opening the sentence answers the incident told before.
    for sent in sents:
        bare = _BARE_RESPONSE.match(sent.text)
        if not bare:
            continue
        here = [a for a in attacks if any(sent.start <= i < sent.end for i in a.trigger_tokens)]
        earlier = [a for a in attacks if a.first_token() < sent.start]
        if not here or not earlier or not R_BARE.applies():
            continue
        target = max(earlier, key=lambda a: max(i for i in a.trigger_tokens if i < sent.start))
        kind = "retaliation_for" if re.search(r"retaliat|revenge|reprisal", bare.group(0), re.I) else "response_to"
        for source in here:
            add(source, Relation(kind, target.event_id, _interval(source, target),
                                 _evidence(article_id, sent, f"'{bare.group(0).strip(' ,')}' answers the incident "
                                                             "told before it", R_BARE),
                                 target_text=doc[target.first_token()].text))
    # Counter-attacks answer the incident told just before them (also what was done in them: "mortars were
    # destroyed during the counter-attack").
    for anchor in attacks:
        tok = doc[anchor.first_token()]
        words = {tok.lower_, *(t.lower_ for t in doc[max(0, tok.i - 2): tok.i])}
        done_in = [t.lower_ for c in dependents(tok) if c.dep_ == "prep" and c.lower_ in ("in", "during")
                   for t in c.subtree]
        in_counter_attack = "counter" in done_in or any(_COUNTER_OPERATION.match(w) for w in done_in)
        if not (_COUNTER.match(tok.text) or words & _COUNTER_BEFORE or in_counter_attack):
            continue
        earlier = [a for a in attacks if a is not anchor and min(a.trigger_tokens) < tok.i]
        if not earlier or not R_COUNTER.applies():
            continue
        target = max(earlier, key=lambda a: max(i for i in a.trigger_tokens if i < tok.i))
        sent = sentence_of(tok)
        add(anchor, Relation("response_to", target.event_id, _interval(anchor, target),
                             _evidence(article_id, sent, f"'{tok.text}' answers the incident told before it",
                                       R_COUNTER),
                             target_text=doc[target.first_token()].text))
    # A plural summary holds the same-day attacks told one by one.
    for summary in attacks:
        if not _is_summary(doc, summary) or summary.date is None or summary.date.time_precision > 1:
            continue
        sent = sentence_of(doc[summary.first_token()])
        for other in attacks:
            if other is summary or other.date is None or other.date.start != summary.date.start \
                    or other.event_type not in _SERIES_TYPES:
                continue
            if other.first_token() <= summary.first_token() or not R_PART_OF.applies():
                continue
            add(other, Relation("part_of", summary.event_id, 0,
                                _evidence(article_id, sent, f"one of the '{doc[summary.first_token()].text}' "
                                                            f"of {summary.date.start.isoformat()}", R_PART_OF),
                                target_text=doc[summary.first_token()].text))
    return found
