"""Quantities of a sentence: killed, injured, captured and munitions counts with their spans.

Number expressions come from `numbers.find_counts` (which states the conservative reading of "at least",
"several", "dozens" ...). This stage decides what each number counts: the noun it modifies ("14 rockets"
-> munitions) or the casualty word closest to it ("two people suffered minor injuries" -> injured).
Explicit zeros ("no casualties", "no one was hurt") are recognised too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.pipeline import rules
from eventwire.pipeline.lexicon import CAPTURED_WORDS, INJURED_WORDS, KILLED_WORDS, MUNITION_NOUNS, pattern, words
from eventwire.pipeline.numbers import find_counts_traced
from eventwire.pipeline.rules import rule
from eventwire.pipeline.sentences import dependents

R_SUBJECT = rule("counts.subject_of_casualty_verb")
R_AGENT = rule("counts.agent_of_casualty_verb")
R_MUNITIONS = rule("counts.munitions_noun")
R_NOT_PEOPLE = rule("counts.not_people")
R_AFTER = rule("counts.casualty_word_after")
R_BEFORE = rule("counts.casualty_word_before")
R_LATER_NUMBER = rule("counts.later_number_takes_word")
R_SINGULAR = rule("counts.singular_victim")
R_SHOT_DEAD = rule("counts.shot_dead_only")
R_BESIDE_NUMBER = rule("counts.singular_beside_number")
R_TO_DEATH = rule("counts.done_to_death")
R_ZERO = rule("counts.explicit_zero")
R_DIED = rule("counts.singular_died")
R_OWN_CLAUSE = rule("counts.singular_in_own_clause")
R_HIMSELF = rule("counts.attacker_killed_himself")


@dataclass(frozen=True, slots=True)
class CountMention:
    kind: str  # killed | injured | captured | munitions
    best: int
    low: int | None
    high: int | None
    start: int  # character offsets in the article
    end: int
    text: str
    noun: str = ""  # what is counted ("militant", "soldier"): different nouns in one incident add up
    rules: tuple[str, ...] = ()  # the rules that read it
    capped: bool = False  # the text gave more than MAX_COUNT: read as MAX_COUNT


# The largest figure a count is read as, beyond any real toll: a longer number in a text (a misprint, a reference
# number read as a toll, a hostile input of 23 nines) is read as this, and its evidence says so, rather than
# carried into the store (whose integers end at 2**63) or dropped with its article.
MAX_COUNT = 1_000_000


def capped(kind: str, best: int, low: int | None, high: int | None, start: int, end: int, text: str, noun: str,
           rules: tuple[str, ...]) -> CountMention:
    """A count, its figures held to MAX_COUNT."""
    over = max(best, low or 0, high or 0) > MAX_COUNT
    return CountMention(kind, min(best, MAX_COUNT), None if low is None else min(low, MAX_COUNT),
                        None if high is None else min(high, MAX_COUNT), start, end, text, noun, rules, over)


_ZERO_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (pattern("zero_casualties", re.I), ("killed",)),
    (pattern("zero_deaths", re.I), ("killed",)),
    (pattern("no_one_killed", re.I), ("killed",)),
    (pattern("zero_injuries", re.I), ("injured",)),
    (pattern("no_one_hurt", re.I), ("injured", "killed")),
    (pattern("nobody_hurt", re.I), ("injured", "killed")),
)

_WINDOW_AFTER = int(R_AFTER.limit)
_WINDOW_BEFORE = int(R_BEFORE.limit)


def _category(lemma: str) -> str | None:
    if lemma in KILLED_WORDS:
        return "killed"
    if lemma in INJURED_WORDS:
        return "injured"
    if lemma in CAPTURED_WORDS:
        return "captured"
    return None


def sentence_counts(sent: Span) -> list[CountMention]:
    """Every count in the sentence that says how many were killed, injured, captured or launched."""
    doc = sent.doc
    text = sent.text
    base = sent.start_char
    found: list[CountMention] = []
    for (start, end, low, best, high), read_by in find_counts_traced(text):
        abs_start, abs_end = base + start, base + end
        span = doc.char_span(abs_start, abs_end, alignment_mode="expand")
        if span is None:
            continue
        mark = rules.mark()
        kind, noun = _kind_of(span, sent)
        if kind is None:
            continue
        found.append(capped(kind, best, low, high, abs_start, abs_end, text[start:end], noun,
                            (*read_by, *rules.since(mark))))
    found.extend(_singular_victims(sent, found))
    for zero, kinds in _ZERO_PATTERNS:
        for match in zero.finditer(text):
            if not R_ZERO.applies():
                continue
            for kind in kinds:
                found.append(CountMention(kind, 0, 0, 0, base + match.start(), base + match.end(), match.group(0),
                                          rules=(R_ZERO.id,)))
    return found


_NOT_PEOPLE = words("not_people")


def _kind_of(span: Span, sent: Span) -> tuple[str | None, str]:
    """(what the number counts, the counted noun's lemma)."""
    doc = span.doc
    # The noun the number counts: "14 rockets", "two people", "four militiamen".
    noun = None
    for tok in doc[span.end: min(sent.end, span.end + 4)]:
        if not any(ch.isalpha() for ch in tok.text):
            continue  # "02 #terrorists": a symbol the tagger may call a noun
        if tok.pos_ in ("NOUN", "PROPN"):
            noun = tok
            break
        if tok.dep_ == "amod" and tok.head.i >= span.end:
            continue  # "six suspected rebels": a participle describing the counted noun
        if tok.pos_ in ("VERB", "AUX", "ADP") and tok.lower_ not in ("of",):
            break
    lemma = noun.lemma_.lower() if noun is not None else ""
    if lemma in MUNITION_NOUNS and R_MUNITIONS.applies():
        return "munitions", lemma
    if lemma in _NOT_PEOPLE and R_NOT_PEOPLE.applies():
        return None, lemma
    if noun is not None and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in _AGENT_VERBS \
            and any(c.dep_ == "dobj" for c in dependents(noun.head)) and R_AGENT.applies():
        return None, lemma  # "two men on a motorcycle killed a trader": the killers, not the killed
    best: tuple[int, str] | None = None
    for tok in doc[span.end: min(sent.end, span.end + _WINDOW_AFTER)]:
        cat = _category(tok.lemma_.lower()) or _category(tok.lower_)
        if cat and R_AFTER.applies():
            distance = tok.i - span.end
            if best is None or distance < best[0]:
                best = (distance, cat)
            break
        if tok.lower_ in (";",) or (tok.lower_ == "," and tok.i - span.end > 3):
            break
        if tok.like_num and tok.i > span.end + 1 and R_LATER_NUMBER.applies():
            break  # "16 missing and 13 soldiers were hurt": the casualty word belongs to the later number
    for tok in reversed(doc[max(sent.start, span.start - _WINDOW_BEFORE): span.start]):
        cat = _category(tok.lemma_.lower()) or _category(tok.lower_)
        if cat and R_BEFORE.applies():
            distance = span.start - tok.i
            if best is None or distance < best[0]:
                best = (distance, cat)
            break
    if best is None and noun is not None and noun.dep_ in ("nsubj", "nsubjpass"):
        cat = _category(noun.head.lemma_.lower())
        if cat and R_SUBJECT.applies():
            # "Ten civilians, including four soldiers, have been killed": the number's noun is the verb's subject
            return cat, lemma
    return (best[1] if best else None), lemma


_KILL_VERBS = words("kill_verbs")
_AGENT_VERBS = _KILL_VERBS | words("injure_verbs")  # transitive: their active subject did it
_PERSON_NOUNS = words("person_nouns")
_INJURE_VERBS = words("injure_verbs")
_CAPTURE_VERBS = words("capture_verbs")
_CAPTIVE_NOUNS = words("captive_nouns")
_VAGUE_DETERMINERS = words("vague_determiners")
_TO_DEATH_VERBS = words("to_death_verbs")
_DIED_VERBS = words("died_verbs")
_REFLEXIVES = words("reflexive_pronouns")
_SELF_KILLING_VERBS = words("self_killing_verbs")
# "Five people were killed, including a guard who was shot dead": a singular victim after one of these, or in a
# clause describing a noun, is one of the people already counted.
_PART_WORDS = frozenset({"including", "among", "include", "includes", "included"})
_WHOLE_NOUNS = frozenset({"", "people", "person", "persons", "other", "others", "individual", "civilian"})


def _singular_victims(sent: Span, found: list[CountMention]) -> list[CountMention]:
    """"killing a man", "shot dead the leader", "a soldier was killed", "detained a Taliban facilitator": one
    person per singular victim or captive named without a number."""
    out: list[CountMention] = []
    for kind, verbs, nouns in (("killed", _KILL_VERBS, _PERSON_NOUNS), ("captured", _CAPTURE_VERBS, _CAPTIVE_NOUNS),
                               ("injured", _INJURE_VERBS, _PERSON_NOUNS)):
        # With a number of this kind in the sentence, only a singular victim listed beside a counted noun adds one
        # ("a soldier and six rebels were killed"); any other would be the same people named again.
        beside_number = any(c.kind == kind for c in found)
        mention = _singular(sent, kind, verbs, nouns, beside_number, found)
        if mention is not None:
            out.append(mention)
    if not any(c.kind == "killed" for c in found):
        died = _singular_died(sent)
        if died is not None:
            out.append(died)
    himself = _attacker_killed_himself(sent)
    if himself is not None:
        out.append(himself)
    return out


def _singular_died(sent: Span) -> CountMention | None:
    """"a 30-year-old guard died", "a boy later succumbed to his wounds": one dead per singular person subject."""
    for tok in sent:
        if tok.lemma_.lower() not in _DIED_VERBS or tok.pos_ != "VERB":
            continue
        for subject in (c for c in dependents(tok) if c.dep_ == "nsubj"):
            if subject.lemma_.lower() in _PERSON_NOUNS and subject.tag_ in ("NN", "NNP") \
                    and not any(c.dep_ == "nummod" or c.lower_ in _VAGUE_DETERMINERS for c in dependents(subject)) \
                    and R_DIED.applies():
                return _one(sent, subject, subject, "killed", R_DIED.id)
    return None


def _attacker_killed_himself(sent: Span) -> CountMention | None:
    """"killing himself and four others", "blew himself up": the attacker is among the dead, as ACLED counts
    them; counted apart from his victims (a noun of its own, so the two add up)."""
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma not in _KILL_VERBS and lemma not in _SELF_KILLING_VERBS:
            continue
        for obj in (c for c in dependents(tok) if c.dep_ == "dobj" and c.lower_ in _REFLEXIVES):
            if lemma == "blow" and not any(c.lower_ == "up" for c in dependents(tok)):
                continue  # "blew himself up", not "blew himself a kiss"
            if R_HIMSELF.applies():
                return CountMention("killed", 1, 1, 1, obj.idx, obj.idx + len(obj.text), obj.text, "attacker",
                                    (R_HIMSELF.id,))
    return None


def _one(sent: Span, first: Token, last: Token, kind: str, rule_id: str) -> CountMention:
    start = first.left_edge.idx
    end = last.idx + len(last.text)
    return CountMention(kind, 1, 1, 1, start, end, sent.text[start - sent.start_char:end - sent.start_char],
                        first.lemma_.lower(), (rule_id,))


def _own_clause(tok: Token, victim: Token, found: list[CountMention]) -> bool:
    """"a soldier was martyred while eight militants were killed": the singular victim's verb is not the verb of
    any number of the sentence, and nothing makes the victim one of those counted."""
    if tok.dep_ in ("relcl", "acl") or any(t.lower_ in _PART_WORDS for t in victim.doc[max(0, victim.left_edge.i - 3):
                                                                                       victim.left_edge.i + 1]):
        return False
    doc = tok.doc
    for count in found:
        if count.noun in _WHOLE_NOUNS:
            return False  # "three people were killed when a guard was shot": the guard may be one of them
        span = doc.char_span(count.start, count.end, alignment_mode="expand")
        if span is None:
            return False
        verb = next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if verb is None or verb.i == tok.i:
            return False
    return True


def _done_to_death(tok: Token) -> bool:
    """"beat a suspect to death", "was stabbed to death": a verb that kills when done 'to death'."""
    return tok.lemma_.lower() in _TO_DEATH_VERBS and any(
        t.lower_ == "death" and t.i > tok.i and t.nbor(-1).lower_ == "to" for t in tok.subtree)


def _singular(sent: Span, kind: str, verbs: frozenset[str], person_nouns: frozenset[str],
              beside_number: bool = False, found: list[CountMention] | None = None) -> CountMention | None:
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma not in verbs and not (kind == "killed" and _done_to_death(tok) and R_TO_DEATH.applies()):
            continue
        if lemma == "shoot" and not any(c.lower_ in ("dead", "death") for c in tok.subtree) and \
                not any(c.lower_ == "fatally" for c in dependents(tok)) and R_SHOT_DEAD.applies():
            continue
        for victim in (c for c in dependents(tok) if c.dep_ in ("dobj", "nsubjpass")):
            nouns = [victim, *[c for c in dependents(victim) if c.dep_ == "conj"]]
            own = beside_number and found is not None and _own_clause(tok, victim, [c for c in found if c.kind == kind])
            if beside_number and not own and not any(c.dep_ == "nummod" for n in nouns for c in dependents(n)):
                continue
            people = [n for n in nouns if n.lemma_.lower() in person_nouns and n.tag_ in ("NN", "NNP")
                      and not any(c.dep_ == "nummod" or c.lower_ in _VAGUE_DETERMINERS for c in dependents(n))]
            beside = R_OWN_CLAUSE if own else R_BESIDE_NUMBER
            if people and (not beside_number or beside.applies()) and R_SINGULAR.applies():
                first, last = people[0], people[-1]
                start = first.left_edge.idx
                end = last.idx + len(last.text)
                return CountMention(kind, len(people), len(people), len(people), start, end,
                                    sent.text[start - sent.start_char:end - sent.start_char], people[0].lemma_.lower(),
                                    (R_SINGULAR.id, *((beside.id,) if beside_number else ())))
    return None
