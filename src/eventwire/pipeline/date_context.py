"""Stage `date_context`: a date for each mention whose sentence states none - the first stated date of its
paragraph (a mention's, else one of an earlier sentence that sets the scene), else the publication day at week
precision."""

from __future__ import annotations

from dataclasses import replace

from eventwire.model import DateValue, Evidence
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import evidence
from eventwire.pipeline.rules import rule
from eventwire.pipeline.stage import Stage
from eventwire.pipeline.temporal import sentence_dates
from eventwire.pipeline.trace import Decision

STAGE_NAME = "date_context"
R_PARAGRAPH = rule("event_date.paragraph_date")
R_PUBLICATION = rule("event_date.publication_week")
R_NOT_FROM_RECALLED = rule("event_date.recalled_date_not_carried")
R_SETTING = rule("event_date.setting_sentence_date")
OPENING_CHARS = R_SETTING.limit  # a date starting this close to its sentence's start opens it
WHERE_CLAUSE_RULE = "incident.where_clause_recalls"


def run(ctx: ArticleContext) -> None:
    article, drafts = ctx.article, ctx.drafts
    by_paragraph: dict[int, tuple[DateValue, Evidence]] = {}
    for d in drafts:
        # (an incident recalled to name a place, "the town where a boy was shot on Tuesday", dates no other)
        if d.date_explicit and d.date and d.paragraph not in by_paragraph \
                and not (WHERE_CLAUSE_RULE in d.trigger.rules and R_NOT_FROM_RECALLED.applies()):
            by_paragraph[d.paragraph] = (d.date, d.evidence["event_date"])
    for d in drafts:
        if d.date is not None:
            continue
        carried = by_paragraph.get(d.paragraph) or _setting_date(ctx, d.trigger.sentence_index, d.paragraph)
        if carried and carried[0].start <= (article.published or carried[0].start) and R_PARAGRAPH.applies():
            d.date = carried[0]
            d.date_carried = True
            reason = f"date carried from the paragraph: '{carried[1].span.text}'"
            d.evidence["event_date"] = replace(carried[1], confidence=0.5, reason=reason, stage=STAGE_NAME,
                                               rules=(*carried[1].rules, R_PARAGRAPH.id))
        elif article.published is not None and R_PUBLICATION.applies():
            d.date = DateValue(article.published, article.published, 2, "")
            first = d.trigger
            d.evidence["event_date"] = evidence(article, first.start, first.end, 0.3,
                                                f"no date stated; publication date {article.published} "
                                                "used (week precision)", STAGE_NAME, (R_PUBLICATION.id,))
        if ctx.explain and d.date is not None:
            # the sentence's own dates (if any) stay listed as the candidates that did not fit
            held = d.decisions.setdefault("event_date", Decision("event_date", STAGE_NAME))
            held.stage, held.chosen, held.why = STAGE_NAME, None, d.evidence["event_date"].reason


def _setting_date(ctx: ArticleContext, s_index: int, paragraph: int) -> tuple[DateValue, Evidence] | None:
    """"On 6 May, in X, armed men robbed a bank. During the robbery they fired on the police.": the date that
    opens the nearest earlier sentence of the paragraph that states one, though it reports no incident of its
    own."""
    for i in range(s_index - 1, -1, -1):
        sent = ctx.sents[i]
        if ctx.paragraph_of(sent.start_char) != paragraph:
            return None
        dates = sentence_dates(sent, ctx.article.published, ctx.header_end, ctx.date_ents.get(i, []), ctx.text)
        stated = next((m for m in dates if m.value is not None), None)
        # only a date that opens its sentence ("On 6 May, ...") sets the scene; one inside it dates that clause
        opens = stated is not None and stated.start - sent.start_char <= OPENING_CHARS
        if stated is not None and stated.value is not None and opens and R_SETTING.applies():
            return stated.value, evidence(ctx.article, stated.start, stated.end, 0.5,
                                          f"date of the scene-setting sentence: '{stated.text}'", STAGE_NAME,
                                          (*stated.rules, R_SETTING.id))
    return None


STAGE = Stage(STAGE_NAME, "a date for mentions whose sentence states none",
              requires=("drafts",), assigns=("drafts",), run=run)
