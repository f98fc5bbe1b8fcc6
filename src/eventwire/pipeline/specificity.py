"""Whether a trigger tells one real incident at a time and place, or something else that uses the same words: a
habit ("militants have frequently attacked the town"), a period's total ("over 200 fighters were killed in
2020"), a court's view of an earlier incident ("jailed over the bombing"), a purpose ("deployed to repel
attacks"), an expectation ("expected attacks"), a list of kinds ("its tactics include suicide bombings"), a tally
("789 attacks") or an announcement ("announced a general strike").

Each test is an `incident.*` rule (`data/rules/triggers.toml`); `triggers` calls `why_not_specific` after its
own tests of negation, denial and hypotheses.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from spacy.tokens import Doc, Span, Token

from eventwire.pipeline.lexicon import words
from eventwire.pipeline.rules import rule
from eventwire.pipeline.sentences import dependents, first_conjunct

R_HABITUAL = rule("incident.habitual")
R_PERIOD = rule("incident.period_statement")
R_SINCE_TOTAL = rule("incident.since_total")
R_DURATION = rule("incident.period_of_violence")
R_JUDICIAL = rule("incident.judicial_frame")
R_PURPOSE = rule("incident.purpose_not_done")
R_EXPECTED = rule("incident.expected")
R_KINDS = rule("incident.kinds_of_violence")
R_COUNTED = rule("incident.counted_incidents")
_SHARES = frozenset({"cent", "percent", "%", "share", "proportion", "majority", "half", "third", "quarter", "fifth",
                     "tenth", "bulk", "most"})
R_ANNOUNCED = rule("incident.announced_not_held")
R_PARTICIPLE = rule("incident.participle_describes")
# families whose participle names a state ("captured men", "looted shops"); a violent one is more often a verb
# the parser misread ("police tear-gassed demonstrators")
_TAKING_FAMILIES = frozenset({"territory_lost", "territory_regained", "abduction", "arrest", "looting"})
# "789 attacks", "more than 300 air strikes": a tally of incidents over a period, not one incident.
COUNTED_INCIDENTS = R_COUNTED.limit

_HABITUAL_ADVERBS = words("habitual_adverbs")
_HABITUAL_ADJECTIVES = words("habitual_adjectives")
_EXPECTED_ADJECTIVES = words("expected_adjectives")
_JUDICIAL = words("judicial_lemmas")
_DURATION_NOUNS = words("duration_nouns")
_PURPOSE_HEADS = words("purpose_heads")
_KIND_NOUNS = words("kind_nouns")
_LISTING_VERBS = words("listing_verbs")
_ANNOUNCING = words("announcing_verbs")
_TALLIED = words("tallied_incidents")
# A date of a period, not of an incident: a year, "this year", "recent weeks", "decades", "since ...".
_PERIOD_DATE = re.compile(
    r"^(?:the\s+)?(?:(?:19|20)\d\d(?:s)?|(?:this|last|past|previous)\s+year|(?:the\s+)?(?:recent|past|last)\s+"
    r"(?:\w+\s+)?(?:weeks|years|months|decades)|years|decades|(?:the\s+)?(?:start|beginning)\s+of\s+(?:the|this)\s+year"
    r"|the\s+(?:past|last)\s+(?:\w+\s+)?(?:hours|days|week))$",
    re.IGNORECASE,
)
_RUN_OF_DAYS = re.compile(r"\b(?:days?|nights?|successive|consecutive|straight|running)\b", re.IGNORECASE)
_LONG_SPAN = re.compile(r"\b(?:(?:19|20)\d\d|weeks|months|years|decades|jan\w*|feb\w*|march|april|june|july|aug\w*|"
                        r"sep\w*|oct\w*|nov\w*|dec\w*)\b", re.IGNORECASE)
_PERIOD_OPENERS = frozenset({"since", "throughout", "for"})
# what a running total is counted from: "since the war", "since the start of the offensive"
_PERIOD_STARTS = frozenset({"beginning", "conflict", "coup", "invasion", "insurgency", "offensive", "outbreak", "start",
                            "uprising", "war"})
_MONTH = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$")


def why_not_specific(tok: Token, family: str) -> str | None:
    """Why the trigger (of this event family) tells no single incident, or None when it may."""
    clause = _clause_head(tok)
    if _habitual(tok, clause) and R_HABITUAL.applies():
        return "habitual"
    if _period_date(clause) and not _one_incident_noun(tok) and R_PERIOD.applies():
        return "period statement"
    if any(_total_since(t) for t in (clause, *islice(clause.ancestors, 3))) and R_SINCE_TOTAL.applies():
        return "period statement"
    # ("the 28th straight week of demonstrations" still reports this week's)
    if family != "protest" and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "pobj" and tok.head.lower_ == "of" \
            and tok.head.head.lemma_.lower() in _DURATION_NOUNS and R_DURATION.applies():
        return "period statement"  # "after months of fighting"
    if _judicial(tok) and R_JUDICIAL.applies():
        return "judicial"
    if _purpose(tok) and R_PURPOSE.applies():
        return "hypothetical or future"
    if tok.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "amod" and c.lower_ in _EXPECTED_ADJECTIVES
                                             for c in dependents(tok)) and R_EXPECTED.applies():
        return "hypothetical or future"
    if _kinds(tok) and R_KINDS.applies():
        return "generic"
    if _tally(tok) and R_COUNTED.applies():
        return "period statement"
    if family == "protest" and tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in _ANNOUNCING \
            and R_ANNOUNCED.applies():
        return "hypothetical or future"
    if family in _TAKING_FAMILIES and tok.tag_ == "VBN" and tok.dep_ == "amod" and tok.head.i > tok.i \
            and R_PARTICIPLE.applies():
        return "description"  # "footage of captured men", "a looted shop": what someone is, not what happened
    return None


def _clause_head(tok: Token) -> Token:
    """The verb whose clause the trigger is in (the trigger itself when it is a verb)."""
    for candidate in (tok, *islice(tok.ancestors, 4)):
        if candidate.pos_ in ("VERB", "AUX"):
            return candidate
    return tok.head


def _habitual(tok: Token, clause: Token) -> bool:
    """"have frequently attacked", "repeatedly fired", "frequent raids", "daily shelling"."""
    if any(c.dep_ == "advmod" and c.lower_ in _HABITUAL_ADVERBS for c in (*dependents(tok), *dependents(clause))):
        return True
    return tok.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "amod" and c.lower_ in _HABITUAL_ADJECTIVES
                                                 for c in dependents(tok))


@lru_cache(maxsize=2)
def _date_ents(doc: Doc) -> tuple[Span, ...]:
    """The DATE entities of the article being read, and the TIME entities that name a period ("the last 24
    hours"); each `doc.ents` access builds every entity span again."""
    return tuple(ent for ent in doc.ents
                 if ent.label_ == "DATE" or (ent.label_ == "TIME" and _PERIOD_DATE.match(ent.text)))


def _period_date(clause: Token) -> bool:
    """A date of a period hangs on the trigger's clause ("killed in 2020", "since 2017", "this year") and no
    date of a day does ("On 8 May, for the second day running, ...")."""
    doc = clause.doc
    chain = _clause_chain(clause)
    chain_ids = {t.i for t in chain}
    top = chain[-1]
    period = False
    for ent in _date_ents(doc):
        if not (top.left_edge.i <= ent.start and ent.end <= top.right_edge.i + 1):
            continue
        if _clause_head(ent.root).i not in chain_ids:
            continue
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        text = ent.text.strip()
        if _MONTH.match(before):
            return False  # "28 Apr 2020": the model split off the day and month of a date
        if _RUN_OF_DAYS.search(text):
            return False  # "for the fifth successive day": a run of incidents of which today's is one
        bare = re.sub(r"^(?:in|during|by|over|since|for|throughout)\s+", "", text, flags=re.IGNORECASE)
        opened = before in _PERIOD_OPENERS or (bare != text and text.lower().startswith(("since", "for", "through")))
        if _PERIOD_DATE.match(bare) or (opened and _LONG_SPAN.search(bare)):
            period = True  # "in 2019", "this year"; "since 2017", "since March", "for weeks", not "since Monday"
        else:
            return False  # the clause also names a day, a week or a month: an incident told with its background
    return period


def _total_since(clause: Token) -> bool:
    """"Since the war began, 2,800 people have been killed": a perfect-tense clause counted from a point in
    time ("since" opening a clause or a phrase on it) tells a running total, not one incident."""
    children = list(dependents(clause))
    if not any(c.dep_ in ("aux", "auxpass") and c.lemma_.lower() == "have" for c in children):
        return False
    for child in children:
        if child.dep_ == "prep" and child.lower_ == "since" and any(
                _LONG_SPAN.search(o.text) or o.lemma_.lower() in _PERIOD_STARTS for o in dependents(child)):
            return True  # "since 2014", "since the war", not "since Wednesday evening"
        if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "since" for c in dependents(child)):
            return True
    return False


def _one_incident_noun(tok: Token) -> bool:
    """"an attack in 2020", "the bombing in 2019": one incident, told with only its year."""
    return tok.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an", "the") for c in dependents(tok))


def _clause_chain(clause: Token) -> list[Token]:
    """The clause and those it hangs on as a participle or a coordinate ("In 2014 the group kidnapped ...,
    killing dozens": the date of "kidnapped" is the date of "killing")."""
    chain = [clause]
    while len(chain) < 3 and chain[-1].dep_ in ("advcl", "conj", "xcomp") and chain[-1].head is not chain[-1]:
        chain.append(_clause_head(chain[-1].head))
    return chain


def _judicial(tok: Token) -> bool:
    """The trigger is what a court, a charge or an accusation is about: "jailed over the bombing", "charged with
    the killing", "accused of attacking"."""
    node = tok
    for _ in range(4):
        head = node.head
        if head is node:
            return False
        if node.dep_ in ("pobj", "pcomp") and head.dep_ == "prep" and head.head.lemma_.lower() in _JUDICIAL:
            return True
        if node.dep_ in ("pobj", "pcomp", "prep", "dobj", "xcomp", "compound") \
                and head.lemma_.lower() in _JUDICIAL and node.dep_ != "dobj":
            return True
        node = head
    return False


def _purpose(tok: Token) -> bool:
    """An infinitive of what forces are readied or efforts are made for: "deployed troops to repel attacks",
    "efforts to fight criminals" (not "used water cannon to disperse the crowd", which happened)."""
    if tok.pos_ != "VERB" or not any(c.dep_ == "aux" and c.tag_ == "TO" for c in dependents(tok)):
        return False
    return tok.dep_ in ("advcl", "acl", "xcomp", "relcl") and tok.head.lemma_.lower() in _PURPOSE_HEADS


def _kinds(tok: Token) -> bool:
    """A kind of violence, not an incident: "its tactics include suicide bombings", "forms of raids" - every
    item of such a list, and an example given of one ("ambushes, such as the one on a police post")."""
    tok = first_conjunct(tok)  # an item of a list is what its first item is
    if tok.dep_ == "pobj" and tok.head.lower_ in ("including", "like", "as") and tok.head.head.pos_ == "NOUN" \
            and tok.head.head is not tok and _kinds(tok.head.head):
        return True  # an example of a kind listed is recalled to illustrate it, not reported
    if tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ not in ("NNS", "NNPS"):
        return False
    if any(c.dep_ in ("det", "nummod", "poss") for c in dependents(tok)):
        return False
    head = tok.head
    if tok.dep_ == "dobj" and head.lemma_.lower() in _LISTING_VERBS:
        return True
    return tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _KIND_NOUNS


def _tally(tok: Token) -> bool:
    """A plural noun of whole incidents counted past COUNTED_INCIDENTS ("789 attacks"): a tally, not an incident
    (munitions counted, "36 explosions", are one incident's)."""
    if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or tok.lemma_.lower() not in _TALLIED:
        return False
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _SHARES:
        return True  # "84 per cent of attacks", "a third of the attacks", "the majority of killings"
    for child in dependents(tok):
        if child.dep_ == "nummod" and child.like_num and child.ent_type_ not in ("DATE", "TIME") \
                and not (child.i + 1 < len(tok.doc) and _MONTH.match(tok.doc[child.i + 1].lower_)):  # "28 June"
            try:
                return float(child.text.replace(",", "")) > COUNTED_INCIDENTS
            except ValueError:
                return False
    return False

