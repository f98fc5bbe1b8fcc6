"""Stage `dates`: each mention's date from its own sentence - the date nearest its trigger in the parse, a day
counted from an anchor ("nine days after ..."), or only the day of the report ("officials said on Tuesday")."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.tokens import Doc, Token

from eventwire.model import Article, DateValue
from eventwire.pipeline.clauses import outside_of, recalled_for
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import Draft, evidence
from eventwire.pipeline.lexicon import words
from eventwire.pipeline.rules import rule
from eventwire.pipeline.stage import Stage
from eventwire.pipeline.temporal import DateMention, in_subtree, sentence_dates, tree_distance
from eventwire.pipeline.trace import Decision, Option

STAGE_NAME = "dates"
R_FROM_ANCHOR = rule("event_date.counted_from_anchor")
R_SENTENCE = rule("event_date.sentence_date")
R_REPORT_DAY = rule("event_date.report_day")
R_OVER_REPORT = rule("event_date.incident_over_report")
R_WHERE_CLAUSE = rule("event_date.where_clause_date")
_REPORT_LEMMAS = words("report_lemmas")
_REPORT_NOUNS = words("report_nouns")


def run(ctx: ArticleContext) -> None:
    doc, article = ctx.parsed, ctx.article
    for s_index, drafts in sorted(ctx.drafts_by_sentence().items()):
        sent = ctx.sents[s_index]
        dates = sentence_dates(sent, article.published, ctx.header_end, ctx.date_ents.get(s_index, []), ctx.text)
        recalled = ctx.recalled_clauses[s_index]
        for draft in drafts:
            own = dates
            others = recalled_for(recalled, doc[draft.trigger.token_index])
            if others and R_WHERE_CLAUSE.applies():
                own = [d for d in dates if not outside_of(others, draft.trigger.start, d.start)]
            _date_for(draft, doc[draft.trigger.token_index], own, doc, article)
            if ctx.explain:
                draft.decisions["event_date"] = _decision(draft, doc[draft.trigger.token_index], dates, doc)


STAGE = Stage(STAGE_NAME, "each mention's date from its own sentence",
              requires=("doc", "drafts"), assigns=("drafts",), run=run)


def _date_for(draft: Draft, tok: Token, dates: list[DateMention], doc: Doc, article: Article) -> None:
    """The date of the sentence nearest the trigger in the parse, or counted back from it ("nine days after");
    a date that hangs on a reporting verb dates only the report."""
    absolute = [d for d in dates if d.value is not None]
    # "X on Wednesday, nine days after Y": Y is dated from the anchor.
    for rel in dates:
        if rel.offset_days is None or rel.governs_from is None:
            continue
        if in_subtree(tok, rel.governs_from) and absolute and R_FROM_ANCHOR.applies():
            anchor = min(absolute, key=lambda d: abs(d.root - rel.root))
            assert anchor.value is not None
            day = anchor.value.start - dt.timedelta(days=rel.offset_days)
            draft.date = DateValue(day, day, anchor.value.time_precision, f"{rel.text} {anchor.text}")
            draft.date_explicit = True
            draft.evidence["event_date"] = evidence(
                article, min(rel.start, anchor.start), max(rel.end, anchor.end), 0.75,
                f"date: '{rel.text}' counted back from '{anchor.text}'", STAGE_NAME,
                (*anchor.rules, *rel.rules, R_FROM_ANCHOR.id))
            return
    if not absolute or not R_SENTENCE.applies():
        return
    # "... on April 5, the command said in a Friday, April 6 release": the report's day is not the incident's
    of_incident = [d for d in absolute if not _dates_a_report(doc[d.root])]
    if of_incident and len(of_incident) < len(absolute) and R_OVER_REPORT.applies():
        absolute = of_incident
    best = min(absolute, key=lambda d: (tree_distance(doc[d.root], tok), abs(d.root - tok.i)))
    assert best.value is not None
    if _dates_a_report(doc[best.root]) and _report_verb(doc[best.root]).i != tok.i and R_REPORT_DAY.applies():
        # "..., officials said on Tuesday": the day of the statement, so the incident is on or before it.
        draft.date = replace(best.value, time_precision=max(2, best.value.time_precision))
        reason = f"date: only the report's day is stated ('{best.text}'); the incident is on or before it"
        draft.evidence["event_date"] = evidence(article, best.start, best.end, 0.5, reason, STAGE_NAME,
                                                (*best.rules, R_SENTENCE.id, R_REPORT_DAY.id))
        return
    draft.date = best.value
    draft.date_explicit = True
    reason = f"date: '{best.text}' resolved against published {article.published}"
    draft.evidence["event_date"] = evidence(article, best.start, best.end, 0.8, reason, STAGE_NAME,
                                            (*best.rules, R_SENTENCE.id))


def _decision(draft: Draft, tok: Token, dates: list[DateMention], doc: Doc) -> Decision:
    """The sentence's dates as candidates: their distance to the trigger in the parse (lower is nearer)."""
    options: list[Option] = []
    chosen = None
    ev = draft.evidence.get("event_date")
    for d in dates:
        if d.value is not None:
            value = f"{d.value.start.isoformat()} (precision {d.value.time_precision})"
        else:
            value = f"{d.offset_days:+d} days from an anchor"
        if ev is not None and ev.span.start <= d.start and d.end <= ev.span.end:
            chosen = len(options)
        options.append(Option(value, d.text, d.start, float(tree_distance(doc[d.root], tok)), d.rules))
    why = ev.reason if ev is not None else "no date of its own sentence fits the trigger: left to the context"
    return Decision("event_date", STAGE_NAME, options, chosen, why)


def _report_verb(date_root: Token) -> Token:
    head = date_root.head
    if head.dep_ == "prep" and head.lower_ in ("on", "late", "early"):
        head = head.head
    return head


def _dates_a_report(date_root: Token) -> bool:
    """"officials said on Tuesday", "in a Friday statement": the date hangs on a reporting verb or noun."""
    head = date_root.head
    if date_root.dep_ in ("nmod", "compound", "amod", "npadvmod") and head.pos_ == "NOUN" \
            and head.lemma_.lower() in _REPORT_NOUNS:
        return True
    return bool(_report_verb(date_root).lemma_.lower() in _REPORT_LEMMAS)
