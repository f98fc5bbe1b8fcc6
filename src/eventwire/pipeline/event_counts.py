"""Stage `counts`: each mention's killed, injured, captured and munitions from the counts of its sentence.

Within one mention, the lowest figure stands for the same people and figures for different people add up
("25 fighters and 6 soldiers")."""

from __future__ import annotations

import re

from eventwire.model import Article
from eventwire.pipeline.clauses import outside_of, recalled_for
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import COUNT_FIELDS, Draft, evidence
from eventwire.pipeline.lexicon import words
from eventwire.pipeline.quantities import MAX_COUNT, CountMention, capped, sentence_counts
from eventwire.pipeline.rules import rule
from eventwire.pipeline.stage import Stage
from eventwire.pipeline.trace import Decision, Option

STAGE_NAME = "counts"
R_SENTENCE = rule("counts.sentence_count")
R_LOWEST = rule("counts.lowest_for_same_people")
R_SUM = rule("counts.sum_of_different_people")
R_STATED = rule("counts.stated_over_vague")
_NAMED_ONE = frozenset({"counts.singular_victim", "counts.singular_died", "counts.attacker_killed_himself"})
R_PART = rule("counts.part_of_a_total")
R_LISTED_TOLL = rule("counts.toll_with_first_listed_place")
_VAGUE = words("vague_determiners")
_PART_CUE = re.compile(
    r"\b(?:including|among them|among whom|of whom|of them|among those)\s+(?:at least\s+|about\s+)?$")
R_WHERE_CLAUSE = rule("counts.where_clause_toll")


def run(ctx: ArticleContext) -> None:
    for s_index, drafts in sorted(ctx.drafts_by_sentence().items()):
        sent = ctx.sents[s_index]
        counts = sentence_counts(sent)
        recalled = ctx.recalled_clauses[s_index]
        for draft in drafts:
            if draft.listed_place and R_LISTED_TOLL.applies():
                continue  # the toll of "killed 5 in A and B" is told once, with A
            own = counts
            others = recalled_for(recalled, sent.doc[draft.trigger.token_index])
            if others and R_WHERE_CLAUSE.applies():
                at = draft.trigger.start
                own = [c for c in counts if not outside_of(others, at, c.start)]
            _attach_counts(draft, own, ctx.article)
            if ctx.explain and counts:
                _explain(draft, counts)


STAGE = Stage(STAGE_NAME, "each mention's killed, injured, captured and munitions from its sentence",
              requires=("doc", "drafts"), assigns=("drafts",), run=run)


def _attach_counts(draft: Draft, counts: list[CountMention], article: Article) -> None:
    for count in counts:
        if _part_of_another(count, counts, article.text) and R_PART.applies():
            continue  # "12 people, including three children": the three are among the twelve
        if R_SENTENCE.applies():
            _add_count(draft, count, article)


def stated(count: CountMention) -> bool:
    """A figure the text gives as a number ("two guards"), not a guess ("several") nor one person named ("the
    commander", who may be one of several)."""
    return not vague(count) and count.best > 0 and not any(r in _NAMED_ONE for r in count.rules)


def vague(count: CountMention) -> bool:
    """"several", "multiple", "dozens": a guess at a figure, never added to a stated one."""
    return any(word in _VAGUE for word in count.text.lower().split())


def _part_of_another(count: CountMention, counts: list[CountMention], text: str) -> bool:
    """The count follows "including", "among them" or "of whom" right after a larger count of the same kind."""
    before = text[max(0, count.start - 30): count.start].lower()
    if not _PART_CUE.search(before):
        return False
    return any(other.kind == count.kind and other.best > count.best and other.end <= count.start
               for other in counts)


def combined(a: CountMention, b: CountMention) -> CountMention:
    """Deaths of different groups in one incident ("25 ADF fighters and 6 soldiers") add up."""
    first, second = (a, b) if a.start <= b.start else (b, a)
    return capped(a.kind, a.best + b.best, None, None, first.start, second.end,
                  f"{first.text} + {second.text}", f"{a.noun}+{b.noun}", (*a.rules, *b.rules))


def _add_count(draft: Draft, count: CountMention, article: Article) -> None:
    """A count of one sentence: the lowest figure for the same people, the sum for different people."""
    field_name = COUNT_FIELDS[count.kind]
    existing = draft.counts.get(count.kind)
    reason = f"{count.kind}: '{count.text}' read as {count.best}" + (
        f" (capped: more than {MAX_COUNT:,} is no toll)" if count.capped else "")
    if existing is None:
        draft.counts[count.kind] = count
        draft.evidence[field_name] = evidence(article, count.start, count.end, 0.75, reason, STAGE_NAME,
                                              (*count.rules, R_SENTENCE.id))
    elif vague(existing) and stated(count) and R_STATED.applies():
        draft.counts[count.kind] = count  # "several were killed ... two guards died": the stated figure
        draft.evidence[field_name] = evidence(article, count.start, count.end, 0.75, reason, STAGE_NAME,
                                              (*count.rules, R_SENTENCE.id, R_STATED.id))
    elif count.best < existing.best and (count.noun == existing.noun or count.best == 0) and R_LOWEST.applies():
        draft.counts[count.kind] = count
        draft.evidence[field_name] = evidence(article, count.start, count.end, 0.75, reason, STAGE_NAME,
                                              (*count.rules, R_SENTENCE.id, R_LOWEST.id))
    elif count.noun and existing.noun and count.noun != existing.noun and count.best > 0 and existing.best > 0 \
            and count.kind in ("killed", "injured") and not (vague(count) or vague(existing)) and R_SUM.applies():
        total = combined(existing, count)
        draft.counts[count.kind] = total
        start, end = min(existing.start, count.start), max(existing.end, count.end)
        draft.evidence[field_name] = evidence(
            article, start, end, 0.65, f"{count.kind}: '{existing.text}' and '{count.text}' add up to {total.best}",
            STAGE_NAME, (*existing.rules, *count.rules, R_SENTENCE.id, R_SUM.id))


def _explain(draft: Draft, counts: list[CountMention]) -> None:
    """The counts of the sentence as candidates of each count field of the mention."""
    for kind, field_name in COUNT_FIELDS.items():
        options = [Option(f"{c.best} ({kind})", c.text, c.start, None, c.rules) for c in counts if c.kind == kind]
        if not options:
            continue
        ev = draft.evidence.get(field_name)
        chosen = next((i for i, o in enumerate(options) if ev is not None and o.start is not None
                       and ev.span.start <= o.start < ev.span.end), None)
        why = ev.reason if ev is not None else "no count of the sentence belongs to this mention"
        draft.decisions[field_name] = Decision(field_name, STAGE_NAME, options, chosen, why)
