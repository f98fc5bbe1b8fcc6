"""Stage `mentions`: one draft mention per reporting trigger, typed by its sentence (event type, sub-event type,
weapon)."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span as Sentence
from spacy.tokens import Token

from eventwire.model import Article, Evidence, body_span
from eventwire.pipeline import rules
from eventwire.pipeline.classify import (
    SentenceCues,
    classify,
    forces_intervene,
    names_demonstration,
    names_protest,
    names_target,
    sentence_cues,
)
from eventwire.pipeline.clauses import grievance_clauses, outside_of, recalled_for
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import Draft, evidence
from eventwire.pipeline.layout import after_the_body, on_display_line
from eventwire.pipeline.lexicon import TREND_LEMMAS, WEAPON_WORDS, pattern, words
from eventwire.pipeline.rules import rule
from eventwire.pipeline.sentences import dependents
from eventwire.pipeline.stage import Stage
from eventwire.pipeline.trace import Decision, Option, in_field
from eventwire.pipeline.triggers import Trigger

STAGE_NAME = "mentions"
WEAK_LEMMAS = words("weak_trigger_lemmas")
R_TREND = rule("incident.trend_subject")
R_TOLL = rule("incident.toll_of_another_trigger")
R_CLASH_SUPPORT = rule("event_type.clash_with_support")
R_WHERE_CUES = rule("event_type.where_clause_cues")
R_WEAK = rule("grouping.weak_trigger")
R_GRIEVANCE = rule("event_type.grievance_not_doings")
R_GRIEVANCE_CAUSE = rule("incident.grievance_of_demonstration")
R_INTERVENTION_AFTER = rule("event_type.intervention_told_after")
R_CASUALTY_SUBJECT = rule("event_type.killed_named_before_verb")
_FORCES_AGENT = pattern("forces_agent_phrase")
_GRIEVANCE_PREPS = words("grievance_preps")
_CASUALTY_LEMMAS = ("kill", "wound", "injure", "murder", "behead")
_RAIDS = words("raid_lemmas")
_DEMAND_LEMMAS = words("demand_lemmas")
_DEMAND_NOUNS = words("demand_nouns")
# the cues of what a crowd or the police did, which a demonstration's cause must not supply
_CROWD_CUES = ("intervention", "excessive_force", "violent_crowd", "mob", "damage", "killed_or_injured")


def run(ctx: ArticleContext) -> None:
    doc, text, article = ctx.parsed, ctx.text, ctx.article
    by_sentence: dict[int, list[Trigger]] = {}
    for trig in ctx.triggers:
        if trig.dropped is None and trig.start >= ctx.header_end:
            by_sentence.setdefault(trig.sentence_index, []).append(trig)
    paragraph_cues: dict[int, tuple[bool, bool]] = {}  # paragraph -> (names a demonstration, names a protest)
    for s_index, sent in enumerate(ctx.sents):
        trigs = by_sentence.get(s_index, [])
        if not trigs:
            continue
        trigs = _drop_redundant_casualty_triggers(trigs)
        ctx.sentence_triggers[s_index] = trigs
        paragraph = ctx.paragraph_of(sent.start_char)
        sent_span = body_span(text, sent.start_char, sent.end_char)
        lemmas = [t.lemma_.lower() for t in sent]
        cues = sentence_cues(sent.text, lemmas)
        if paragraph not in paragraph_cues:  # (once per paragraph: a paragraph may hold a great many sentences)
            paragraph_text = ctx.paragraph_text(paragraph)
            paragraph_cues[paragraph] = (names_demonstration(paragraph_text), names_protest(paragraph_text))
        demonstration, protest_in_paragraph = paragraph_cues[paragraph]
        cues = replace(cues, demonstration=demonstration, protest_in_paragraph=protest_in_paragraph)
        recalled = ctx.recalled_clauses[s_index]
        outer = cues
        if recalled and R_WHERE_CUES.applies():
            # "protesters ..., the town where a teenager was shot dead, set cars alight": the recalled killing
            # says nothing of how the sentence's own incidents were done
            outer = _cues_outside(sent, recalled)
        grievances = grievance_clauses(sent, _GRIEVANCE_PREPS, _DEMAND_LEMMAS, _DEMAND_NOUNS) \
            if cues.protest_words else []
        cues = _without_grievances(sent, cues, grievances)
        grievance = " ".join(text[lo:hi] for lo, hi in grievances)
        clash_root = any(t.sense.family == "clash" and doc[t.token_index].dep_ == "ROOT" for t in trigs)
        for trig in trigs:
            tok = doc[trig.token_index]
            if _is_trend(tok) and R_TREND.applies():
                continue
            if trig.sense.family not in ("protest", "riot") and any(lo <= trig.start < hi for lo, hi in grievances) \
                    and R_GRIEVANCE_CAUSE.applies():
                continue  # "demanding the recovery of looted funds": the cause of a demonstration, told to explain it
            right = _target_text(tok, text, sent, cues.protest_in_paragraph)
            start = rules.mark()
            own_cues = outer if recalled_for(recalled, tok) and not outside_of(recalled, -1, trig.start) else cues
            event_type, sub_type, weapon = classify(trig, own_cues, right, trig.start - sent.start_char)
            if sub_type == "Peaceful protest" and forces_intervene(_rest_of_paragraph(ctx, sent.end_char, paragraph)) \
                    and R_INTERVENTION_AFTER.applies():
                sub_type = "Protest with intervention"  # "... demanded their wages. Police intervened."
            if clash_root and event_type == "Explosions/Remote violence" and weapon in ("artillery", "aircraft") \
                    and R_CLASH_SUPPORT.applies():
                # "forces repelled an attack supported by artillery and air strikes": one battle
                event_type, sub_type = "Battles", "Armed clash"
            weak = trig.lemma in WEAK_LEMMAS and not cues.weapons and not trig.sense.weapon \
                and not names_target(right) and R_WEAK.applies()
            fired = (*trig.rules, *rules.since(start))
            display = on_display_line(text, trig.start, ctx.header_end)
            draft = Draft(trig, event_type, sub_type, weapon, sent_span, paragraph, weak=weak, display_line=display,
                          after_body=display and after_the_body(text, trig.start, ctx.header_end),
                          confidence=trig.sense.strength, grievance=grievance)
            draft.evidence["event_type"] = evidence(
                article, trig.start, trig.end, trig.sense.strength, f"trigger '{trig.text}' ({trig.sense.family})",
                STAGE_NAME, in_field(fired, "incident", "event_type", "grouping"))
            if weapon:
                draft.evidence["weapon"] = _weapon_evidence(article, sent, weapon, trig, in_field(fired, "weapon"))
            if ctx.explain:
                typed = draft.evidence["event_type"]
                draft.decisions["event_type"] = Decision("event_type", STAGE_NAME, [Option(
                    f"{event_type} / {sub_type}", trig.text, trig.start, trig.sense.strength, typed.rules)], 0,
                    "the sense of its trigger word, typed by its sentence")
            ctx.drafts.append(draft)


STAGE = Stage("mentions", "one draft mention per reporting trigger, typed by its sentence",
              requires=("doc", "triggers"), assigns=("drafts", "sentence_triggers"), run=run)


def _rest_of_paragraph(ctx: ArticleContext, offset: int, paragraph: int) -> str:
    """The paragraph's text after `offset` (the sentences that follow one)."""
    text = ctx.paragraph_text(paragraph)
    return text[max(0, offset - ctx.paragraph_starts[paragraph]):]


def _cues_outside(sent: Sentence, ranges: list[tuple[int, int]]) -> SentenceCues:
    """The sentence's cues read with the clauses in `ranges` blanked out."""
    base = sent.start_char
    blanked = "".join(" " if outside_of(ranges, -1, base + i) else ch for i, ch in enumerate(sent.text))
    return sentence_cues(blanked, [t.lemma_.lower() for t in sent if not outside_of(ranges, -1, t.idx)])


def _without_grievances(sent: Sentence, cues: SentenceCues, ranges: list[tuple[int, int]]) -> SentenceCues:
    """The crowd's and the police's doings in a sentence about a demonstration, read outside what it protests
    against or asks for ("protested against the looting of public funds" is no riot)."""
    if not ranges:
        return cues
    own = _cues_outside(sent, ranges)
    changed = {name: getattr(own, name) for name in _CROWD_CUES if getattr(own, name) != getattr(cues, name)}
    if not changed or not R_GRIEVANCE.applies():
        return cues
    return replace(cues, **changed)


def _weapon_evidence(article: Article, sent: Sentence, weapon: str, trig: Trigger,
                     fired: tuple[str, ...]) -> Evidence:
    for tok in sent:
        if WEAPON_WORDS.get(tok.lemma_.lower()) == weapon or WEAPON_WORDS.get(tok.lower_) == weapon:
            return evidence(article, tok.idx, tok.idx + len(tok.text), 0.75, f"weapon: '{tok.text}'", STAGE_NAME,
                            fired)
    return evidence(article, trig.start, trig.end, 0.5, f"weapon implied by '{trig.text}'", STAGE_NAME, fired)


def _subtree_text(tok: Token, text: str) -> str:
    """The words a token and its dependents span ("two suspects", "by riot police")."""
    return str(text[tok.left_edge.idx: tok.right_edge.idx + len(tok.right_edge.text)])


def _target_text(tok: Token, text: str, sent: Sentence, at_protest: bool = False) -> str:
    """The text that says who was targeted: the passive subject ("two suspects were killed in a dawn police raid"),
    else what follows the trigger; when nothing there names anyone, what follows the sentence's casualty verb
    ("forces killed 6 civilians during a raid"). At a protest, forces that did it are kept ("shot by police")."""
    for child in dependents(tok):
        if child.dep_ == "nsubjpass":
            patient = _subtree_text(child, text)
            agent = next((c for c in dependents(tok) if c.dep_ == "agent"), None)
            doer = "" if agent is None else _subtree_text(agent, text)
            if at_protest and _FORCES_AGENT.search(doer.lower()):
                patient += " " + doer  # "shot dead by police": forces as the doers, which classify reads
            return patient
    right = str(text[tok.idx + len(tok.text): sent.end_char])
    casualty = next((t for t in sent if t.lemma_.lower() in _CASUALTY_LEMMAS and t.i != tok.i), None)
    if casualty is not None:
        victims = next((c for c in dependents(casualty) if c.dep_ == "nsubjpass"), None)
        # only for a raid ("killed in a dawn police raid"): in "ten were killed and eight wounded" or "wounded in
        # the strike" the toll tells nothing of who was targeted
        if victims is not None and tok.lemma_.lower() in _RAIDS and R_CASUALTY_SUBJECT.applies():
            # "two suspects were killed in a police raid": the killed are named before the verb, not after it
            right += " " + _subtree_text(victims, text)
        else:
            right += " " + str(text[casualty.idx + len(casualty.text): casualty.idx + len(casualty.text) + 60])
    return right


def _is_trend(tok: Token) -> bool:
    """"Attacks ... appear to be accelerating": a noun trigger that is the subject of a trend verb."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return tok.head.lemma_.lower() in TREND_LEMMAS or (tok.tag_ == "NNS" and not any(
        c.dep_ == "det" for c in dependents(tok)) and tok.head.lemma_.lower() in ("be", "have"))


def _drop_redundant_casualty_triggers(trigs: list[Trigger]) -> list[Trigger]:
    """"killed in the airstrikes": the killing is the airstrike's toll, not a second incident."""
    if any(t.sense.family != "casualty" for t in trigs) and any(t.sense.family == "casualty" for t in trigs) \
            and R_TOLL.applies():
        return [t for t in trigs if t.sense.family != "casualty"]
    return trigs
