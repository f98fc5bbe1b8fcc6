"""Claims, attributions and denials: who says who did it.

Sentence patterns, read on the dependency parse where it names the parties:
- claimed:    "Islamic State claimed responsibility for the attack", "responsibility was claimed by al-Shabaab";
- unclaimed:  "No one has claimed responsibility", "there was no immediate claim of responsibility";
- attributed: "state television attributed them to the rebels", "officials blamed the attack on X",
              "the army accused X of carrying out the bombing", "police said X was behind the attack";
- denied:     "the group denied any involvement".

Each statement is attached to the events it is about: those named in the same sentence; else, for a plural
reference ("the attacks", "them"), every recent attack of the article; else the nearest earlier one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span as Sentence
from spacy.tokens import Token

from eventwire.model import Claim, Evidence, body_span
from eventwire.pipeline.actors import country_in_phrase, find_named_groups
from eventwire.pipeline.lexicon import pattern
from eventwire.pipeline.relations import Anchor
from eventwire.pipeline.rules import Rule, rule
from eventwire.pipeline.sentences import dependents

R_UNCLAIMED = rule("claims.unclaimed")
R_CLAIMED = rule("claims.claimed_responsibility")
R_REPORTED = rule("claims.reported_perpetrator")
R_RELATIVE = rule("claims.relative_claimant")
R_ATTRIBUTED = rule("claims.attributed")
R_DEED = rule("claims.accusation_needs_violence")
R_REPORTER = rule("claims.reporter_speaks")
R_DENIED = rule("claims.denied")
R_SAID_IT = rule("claims.said_it_carried_out")
R_BEHIND = rule("claims.behind")
R_SAME_SENTENCE = rule("claims.same_sentence")
R_PLURAL = rule("claims.plural_reference")
R_EARLIER = rule("claims.nearest_earlier")
R_FIRST_RECENT = rule("claims.first_recent")
R_BASIS_CLAIMED = rule("claims.basis_claimed")
R_BASIS_STATED = rule("claims.basis_stated")

# Event types an attribution can be about (not protests, not strategic developments).
ATTACK_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})

_UNCLAIMED = pattern("unclaimed_cue", re.I)
_CLAIM_OBJECT = pattern("claim_objects", re.I)
# Every pattern below needs one of these words: sentences without them are skipped at once.
_ANY_CUE = pattern("claim_cues", re.I)
_BEHIND = pattern("behind_cue", re.I)
_PLURAL_REFERENCE = pattern("plural_reference", re.I)
_MEDIA = pattern("media_words", re.I)
_GOVERNMENT = pattern("government_words", re.I)
_MILITARY = pattern("military_words", re.I)
_OFFICIAL = pattern("official_words", re.I)
_VAGUE_ACTOR = pattern("vague_actor", re.I)
# What an accusation must be about to be an attribution of violence ("accused X of bias" is not).
_VIOLENT_DEED = pattern("violent_deed", re.I)
def by_kind(phrase: str | None) -> str | None:
    """media | government | military | group | official, or None, for the phrase naming who says so."""
    if not phrase:
        return None
    if find_named_groups(phrase):
        return "group"
    if _MEDIA.search(phrase):
        return "media"
    if _GOVERNMENT.search(phrase):
        return "government"
    if _MILITARY.search(phrase):
        return "military"
    if _OFFICIAL.search(phrase):
        return "official"
    if country_in_phrase(phrase):
        return "government"  # "Ukraine blamed Russia"
    return None


_CLAUSE_DEPS = frozenset({"appos", "relcl", "acl", "advcl", "punct", "parataxis"})


def _phrase(tok: Token) -> str:
    """The noun phrase a token heads, without a leading determiner, appositions, relative clauses or trailing
    punctuation ("the Iraqi resistance movement, a reference to ..." -> "Iraqi resistance movement")."""
    dropped: set[int] = set()
    for child in dependents(tok):
        if child.dep_ in _CLAUSE_DEPS:
            dropped.update(t.i for t in child.subtree)
    kept = [t.i for t in tok.subtree if t.i not in dropped and t.dep_ != "punct"]
    if kept and tok.doc[kept[0]].dep_ == "det" and tok.doc[kept[0]].head is tok:
        kept = kept[1:]
    if not kept:
        return str(tok.text)
    start = end = kept[0]
    while end + 1 in kept or (end + 1 < tok.i and end + 1 not in dropped):
        end += 1
    end = max(end, tok.i) if tok.i not in dropped else end
    text = tok.doc[start: end + 1].text
    return re.sub(r"^[\"'“”‘’\s]+|[\"'“”‘’\s,]+$", "", text)


def _actor_phrase(tok: Token) -> str | None:
    phrase = re.sub(r"^(?:the|a|an)\s+", "", _phrase(tok), flags=re.I).strip("\"'“”‘’ ")
    if not phrase or _VAGUE_ACTOR.match(phrase) or len(phrase) > 120 or not re.search(r"[^\W\d_]{2}", phrase):
        return None
    return phrase


def _reporter(sent: Sentence) -> str | None:
    """Who the sentence quotes ("..., army and local sources said"): the subject of its reporting verb."""
    for tok in sent:
        if tok.lemma_.lower() in ("say", "tell", "report", "state", "announce") and tok.pos_ == "VERB":
            subject = _child(tok, "nsubj")
            if subject is not None:
                return _actor_phrase(subject)
    return None


def _deed(tok: Token, preposition: str) -> bool:
    """Whether the phrase after `preposition` ("blamed X for ...", "accused X of ...") is about violence;
    True when there is none ("blamed the attack on X")."""
    obj = _prep_object(tok, preposition, via_object=True)
    return obj is None or bool(_VIOLENT_DEED.search(" ".join(t.text for t in obj.subtree)))


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in dependents(tok) if c.dep_ in deps), None)


def _prep_object(tok: Token, preposition: str, *, via_object: bool = False) -> Token | None:
    """The object of a preposition on `tok` ("blamed ... on X"); with `via_object`, also one the parser hung
    on the verb's direct object ("blamed [the attack on X]")."""
    heads = [tok]
    if via_object:
        heads += [c for c in dependents(tok) if c.dep_ in ("dobj", "nsubjpass")]
    for head in heads:
        for child in dependents(head):
            if child.dep_ in ("prep", "agent") and child.lower_ == preposition:
                obj = _child(child, "pobj", "pcomp")
                if obj is not None:
                    return obj
    return None


def _subject(tok: Token) -> Token | None:
    subject = _child(tok, "nsubj")
    if subject is None and tok.dep_ in ("xcomp", "ccomp", "conj", "advcl") and tok.head is not tok:
        subject = _child(tok.head, "nsubj")
    return subject


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in dependents(tok)) or \
        any(c.dep_ == "det" and c.lower_ == "no" for c in dependents(tok)) or \
        tok.lower_ in ("nobody", "none", "noone")


def _evidence(article_id: str, sent: Sentence, reason: str, *by: Rule) -> Evidence:
    return Evidence(article_id, body_span(sent.doc.text, sent.start_char, sent.end_char), 0.7, reason, "links",
                    tuple(r.id for r in by))


def _reported_perpetrator(tok: Token, sent: Sentence, article_id: str, found: list[Claim]) -> None:
    """"(a raid) which the district chief claimed was carried out by masked gunmen": someone says
    who did it (an attribution, whatever the verb)."""
    deed = _child(tok, "ccomp")
    if deed is None or deed.lemma_.lower() not in ("carry", "conduct", "perpetrate", "commit", "stage", "launch"):
        return
    agent = _prep_object(deed, "by")
    who = _actor_phrase(agent) if agent is not None else None
    speaker = _subject(tok)
    speaker_text = _actor_phrase(speaker) if speaker is not None else None
    if who and R_REPORTED.applies():
        found.append(Claim("attributed", who, speaker_text, by_kind(speaker_text),
                           _evidence(article_id, sent, f"{speaker_text or 'the report'} says '{who}' carried it "
                                                       "out", R_REPORTED)))


def sentence_claims(sent: Sentence, article_id: str) -> list[Claim]:
    """The claims, attributions and denials one sentence states (not yet attached to events)."""
    text = sent.text
    found: list[Claim] = []
    if not _ANY_CUE.search(text):
        return found
    if _UNCLAIMED.search(text) and R_UNCLAIMED.applies():
        found.append(Claim("unclaimed", None, None, None,
                           _evidence(article_id, sent, "no claim of responsibility reported", R_UNCLAIMED)))
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma == "claim" and tok.pos_ == "VERB" and not _negated(tok):
            before = len(found)
            _reported_perpetrator(tok, sent, article_id, found)
            if len(found) > before:
                continue
            obj = _child(tok, "dobj", "nsubjpass")
            if obj is not None and obj.lower_ in ("that", "which"):
                # "a bombing ... that was claimed days later by a jihadist group"
                about = tok.head.text if tok.dep_ == "relcl" else sent.text[: max(0, tok.idx - sent.start_char)]
            else:
                about = _phrase(obj) if obj is not None else ""
            if not _CLAIM_OBJECT.search(about):
                continue
            subject = _subject(tok)
            agent = _prep_object(tok, "by")
            claimant = agent if agent is not None else subject
            relative = claimant is not None and claimant.lower_ in ("who", "which", "that") and tok.dep_ == "relcl" \
                and R_RELATIVE.applies()
            if relative:
                claimant = tok.head  # "the Houthis, who claimed the attack"
            if claimant is None or _negated(claimant) or claimant.dep_ == "nsubjpass":
                continue
            who = _actor_phrase(claimant)
            if who and R_CLAIMED.applies():
                by = (R_CLAIMED, R_RELATIVE) if relative else (R_CLAIMED,)
                found.append(Claim("claimed", who, who, "military" if by_kind(who) == "military" else "group",
                                   _evidence(article_id, sent, f"'{who}' claimed responsibility", *by)))
        elif lemma in ("attribute", "blame", "accuse") and not _negated(tok):
            speaker = _subject(tok)
            speaker_text = _actor_phrase(speaker) if speaker is not None and tok.tag_ != "VBN" else None
            if tok.tag_ == "VBN":  # "the attack was blamed on X by Y"
                agent = _prep_object(tok, "by")
                speaker_text = _actor_phrase(agent) if agent is not None else None
            target = None
            if lemma == "attribute":
                target = _prep_object(tok, "to", via_object=True)
            elif lemma == "blame":
                target = _prep_object(tok, "on", via_object=True)
                if target is None and tok.tag_ != "VBN":
                    target = _child(tok, "dobj")  # "blamed Russia (for the strike)"
            else:  # accuse X of ...
                target = _child(tok, "dobj") if _prep_object(tok, "of", via_object=True) is not None else None
            if (not _deed(tok, "for") or not _deed(tok, "of")) and R_DEED.applies():
                continue  # "blamed him for deepening poverty", "accused the commission of bias"
            who = _actor_phrase(target) if target is not None else None
            reported = bool(who) and speaker_text is None and R_REPORTER.applies()
            if reported:
                speaker_text = _reporter(sent)
            if who and R_ATTRIBUTED.applies():
                by = (R_ATTRIBUTED, R_REPORTER) if reported else (R_ATTRIBUTED,)
                found.append(Claim("attributed", who, speaker_text, by_kind(speaker_text),
                                   _evidence(article_id, sent, f"{speaker_text or 'the report'} {tok.lemma_}s it "
                                                               f"to '{who}'", *by)))
        elif lemma == "deny" and tok.pos_ == "VERB":
            obj_text = " ".join(_phrase(c) for c in dependents(tok) if c.dep_ in ("dobj", "xcomp", "ccomp", "prep"))
            if not re.search(r"\b(involvement|responsibility|role|carr(?:y|ied|ying) out|attack|behind|link)",
                             obj_text + " " + text[tok.idx - sent.start_char:], re.I):
                continue
            subject = _subject(tok)
            who = _actor_phrase(subject) if subject is not None else None
            if who and R_DENIED.applies():
                found.append(Claim("denied", who, who, by_kind(who),
                                   _evidence(article_id, sent, f"'{who}' denied involvement", R_DENIED)))
    for tok in sent:
        # "al-Shabaab said it carried out the attack": a claim in the group's own words
        if tok.lemma_.lower() in ("carry", "conduct", "launch", "execute", "stage") and tok.dep_ == "ccomp" and \
                tok.head.lemma_.lower() in ("say", "announce", "state") and not _negated(tok):
            doer = _child(tok, "nsubj")
            speaker = _child(tok.head, "nsubj")
            if doer is not None and doer.lower_ in ("it", "we", "they") and speaker is not None:
                who = _actor_phrase(speaker)
                if who and by_kind(who) in ("group", None) and R_SAID_IT.applies():
                    found.append(Claim("claimed", who, who, "group",
                                       _evidence(article_id, sent, f"'{who}' said it carried it out", R_SAID_IT)))
    for match in _BEHIND.finditer(text):
        # "police said the Taliban were behind the attack": the subject of "were behind", said by the speaker
        verb = next((t for t in sent if t.idx - sent.start_char == match.start()), None)
        if verb is None:
            continue
        subject = _child(verb, "nsubj")
        who = _actor_phrase(subject) if subject is not None else None
        head = verb.head if verb.dep_ in ("ccomp",) else None
        speaker = _child(head, "nsubj") if head is not None and head.lemma_.lower() in (
            "say", "tell", "believe", "suspect", "claim", "allege", "state") else None
        speaker_text = _actor_phrase(speaker) if speaker is not None else None
        if who and R_BEHIND.applies():
            found.append(Claim("attributed", who, speaker_text, by_kind(speaker_text),
                               _evidence(article_id, sent, f"{speaker_text or 'the report'} says '{who}' was "
                                                           "behind it", R_BEHIND)))
    return found


def attach_claims(sents: Sequence[Sentence], anchors: Sequence[Anchor], article_id: str) -> dict[int, list[Claim]]:
    """Claims per event index: each sentence's statements go to the events it is about."""
    attached: dict[int, list[Claim]] = {}
    attacks = [a for a in anchors if a.event_type in ATTACK_TYPES]
    if not attacks:
        return attached
    for sent in sents:
        claims = sentence_claims(sent, article_id)
        if not claims:
            continue
        here = {i for a in attacks for i in a.trigger_tokens if sent.start <= i < sent.end}
        same_sentence = [a for a in attacks if here & set(a.trigger_tokens)]
        earlier = [a for a in attacks if a.first_token() < sent.start]
        # "No one claimed responsibility for the attacks": a plural noun the parser took for a mention of one
        # incident refers to them all
        plural = bool(_PLURAL_REFERENCE.search(sent.text)) and all(
            sent.doc[i].tag_ in ("NNS", "NNPS") for i in here)
        if same_sentence and not plural and R_SAME_SENTENCE.applies():
            targets = same_sentence
        elif plural and R_PLURAL.applies():
            targets = [a for a in attacks if a.recent] or attacks
        elif earlier and R_EARLIER.applies():
            targets = [max(earlier, key=lambda a: max(i for i in a.trigger_tokens if i < sent.start))]
        elif R_FIRST_RECENT.applies():
            targets = [a for a in attacks if a.recent][:1]
        else:
            targets = []
        for anchor in targets:
            bucket = attached.setdefault(anchor.index, [])
            for claim in claims:
                if claim not in bucket:
                    bucket.append(claim)
    return attached


def perpetrator_basis(has_stated_actor: bool, claims: Sequence[Claim]) -> str | None:
    """How the perpetrator is known: claimed by a group, or stated by the report (someone else's attribution
    is kept as a claim, not as the event's actor)."""
    if any(c.kind == "claimed" for c in claims) and R_BASIS_CLAIMED.applies():
        return "claimed"
    if has_stated_actor and R_BASIS_STATED.applies():
        return "stated"
    return None
