"""Stage `dates`: each mention's date from its own sentence - the date nearest its trigger in the parse, a day
counted from an anchor ("nine days after ..."), or only the day of the report ("officials said on Tuesday")."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from spacy.tokens import Doc, Token

from eventwire.model import Article, DateValue, Evidence
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import Draft, evidence
from eventwire.pipeline.rules import rule
from eventwire.pipeline.stage import Stage
from eventwire.pipeline.temporal import DateMention, in_subtree, sentence_dates, tree_distance
from eventwire.pipeline.trace import Decision, Option
from eventwire.pipeline.triggers import Trigger

STAGE_NAME = "dates"
R_FROM_LEAD = rule("event_date.counted_from_lead")
R_FROM_ANCHOR = rule("event_date.counted_from_anchor")
R_SENTENCE = rule("event_date.sentence_date")
R_OTHER_TRIGGER = rule("event_date.belongs_to_other_trigger")
R_REPORT_DAY = rule("event_date.report_day")
_REPORT_LEMMAS = frozenset({"say", "tell", "report", "announce", "state", "confirm", "add", "claim", "reveal",
                            "disclose", "publish", "post", "tweet", "declare"})


def run(ctx: ArticleContext) -> None:
    doc, article = ctx.parsed, ctx.article
    by_sentence = ctx.drafts_by_sentence()
    # the first stated date of the article so far (anchors "a day after ..." in dateless sentences)
    lead: tuple[DateValue, Evidence] | None = None
    for s_index, drafts in sorted(by_sentence.items()):
        sent = ctx.sents[s_index]
        dates = sentence_dates(sent, article.published, ctx.header_end, ctx.date_ents.get(s_index, []), ctx.text)
        trigs = ctx.sentence_triggers[s_index]
        for draft in drafts:
            _date_for(draft, doc[draft.trigger.token_index], dates, trigs, doc, article, lead)
            if ctx.explain:
                draft.decisions["event_date"] = _decision(draft, doc[draft.trigger.token_index], dates, doc)
        if lead is None:
            lead = next(((x.date, x.evidence["event_date"]) for x in drafts if x.date_explicit and x.date), None)


STAGE = Stage(STAGE_NAME, "each mention's date from its own sentence",
              requires=("doc", "drafts", "sentence_triggers"), assigns=("drafts",), run=run)


def _date_for(draft: Draft, tok: Token, dates: list[DateMention], trigs: list[Trigger], doc: Doc,
              article: Article, lead: tuple[DateValue, Evidence] | None) -> None:
    absolute = [d for d in dates if d.value is not None]
    if not absolute and lead is not None:
        # "The latest incident came a day after six civilians were killed": counted from the lead's day
        for rel in dates:
            if rel.offset_days is not None and rel.governs_from is not None and in_subtree(tok, rel.governs_from) \
                    and R_FROM_LEAD.applies():
                day = lead[0].start - dt.timedelta(days=rel.offset_days)
                draft.date = DateValue(day, day, lead[0].time_precision, f"{rel.text} {lead[1].span.text}")
                draft.date_explicit = True
                draft.evidence["event_date"] = evidence(
                    article, rel.start, rel.end, 0.6, f"date: '{rel.text}' counted from the lead's "
                    f"'{lead[1].span.text}'", STAGE_NAME, (*lead[1].rules, *rel.rules, R_FROM_LEAD.id))
                return
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
    if not absolute:
        return

    # The date closest in the parse tree, unless it belongs more closely to another trigger.
    def distance(d: DateMention) -> int:
        return tree_distance(doc[d.root], tok)

    best = min(absolute, key=lambda d: (distance(d), abs(d.root - tok.i)))
    other_trigs = [doc[t.token_index] for t in trigs if t.token_index != tok.i]
    own = distance(best)
    if any(tree_distance(doc[best.root], o) + 1 < own for o in other_trigs) and own > R_OTHER_TRIGGER.limit \
            and R_OTHER_TRIGGER.applies():
        return
    if not R_SENTENCE.applies():
        return
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
    """"officials said on Tuesday": the date hangs on a reporting verb."""
    return bool(_report_verb(date_root).lemma_.lower() in _REPORT_LEMMAS)
