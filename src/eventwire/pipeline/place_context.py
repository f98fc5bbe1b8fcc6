"""Stage `place_context`: a place for each mention whose sentence names none - another mention's place in its
paragraph, else a place the paragraph names outside any mention ("On 7 May, in Volta Redonda, police went to
... The officers were attacked"), else the article's lead place, else only the country most places lie in."""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc
from spacy.tokens import Span as Sentence

from eventwire.model import DateValue, Evidence, Place
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import evidence
from eventwire.pipeline.event_places import PLACE_SPECIFICITY, is_actor_modifier
from eventwire.pipeline.places import MACRO_KINDS, Resolved, to_place
from eventwire.pipeline.rules import Rule, rule
from eventwire.pipeline.stage import Stage
from eventwire.pipeline.trace import Decision

STAGE_NAME = "place_context"
R_PARAGRAPH = rule("location.paragraph_place")
R_SETTING = rule("location.paragraph_setting")
R_LEAD = rule("location.lead_place")
R_SAME_DAY = rule("location.same_day_only")
R_COUNTRY = rule("location.country_only")
R_SETTING_FILTER = rule("location.setting_is_where")


def run(ctx: ArticleContext) -> None:
    article, drafts = ctx.article, ctx.drafts
    settings = _paragraph_settings(ctx, ctx.parsed, ctx.resolved, ctx.sents)
    by_paragraph: dict[int, tuple[Place, Evidence, DateValue | None]] = {}
    for d in drafts:
        if d.place_explicit and d.place and d.place.kind != "country" and d.paragraph not in by_paragraph:
            by_paragraph[d.paragraph] = (d.place, d.evidence["location"], d.date if d.date_explicit else None)
    lead = next(((d.place, d.evidence["location"], d.date if d.date_explicit else None) for d in drafts
                 if d.place_explicit and d.place and d.place.kind != "country"), None)
    setting_keys = {p: [r.toponym.sentence_index for r in found] for p, found in settings.items()}
    for d in drafts:
        if d.place is not None:
            continue
        # A place from another sentence only fits a mention of the same day (or of no stated day).
        setting = _nearest_setting(settings.get(d.paragraph, []), setting_keys.get(d.paragraph, []),
                                   d.trigger.sentence_index)
        setting_source = None if setting is None else (
            to_place(setting), evidence(article, setting.toponym.start, setting.toponym.end, 0.4,
                                        f"place: '{setting.toponym.text}' -> {setting.candidate.name} "
                                        f"({setting.candidate.kind}, {setting.candidate.country_code})",
                                        STAGE_NAME, setting.rules), None)
        sources: tuple[tuple[tuple[Place, Evidence, DateValue | None] | None, Rule, str, float], ...] = (
            (by_paragraph.get(d.paragraph), R_PARAGRAPH, "the paragraph", 0.45),
            (setting_source, R_SETTING, "the paragraph", 0.4),
            (lead, R_LEAD, "the article's lead", 0.35))
        for source, source_rule, label, confidence in sources:
            if source is None:
                continue
            place, ev, day = source
            if d.date_explicit and day is not None and d.date is not None and d.date.start != day.start \
                    and R_SAME_DAY.applies():
                continue
            if not source_rule.applies():
                continue
            d.place = replace(place, geo_precision=max(2, place.geo_precision))
            d.place_from_setting = source is setting_source
            d.evidence["location"] = replace(ev, confidence=confidence, stage=STAGE_NAME,
                                             reason=f"place carried from {label}: '{ev.span.text}'",
                                             rules=(*ev.rules, source_rule.id))
            break
        if d.place is None and ctx.main_country is not None and R_COUNTRY.applies():
            d.place = ctx.main_country
            d.evidence["location"] = evidence(article, d.trigger.start, d.trigger.end, 0.25,
                                              f"only the country is known: {ctx.main_country.country}",
                                              STAGE_NAME, (R_COUNTRY.id,))
        if ctx.explain and d.place is not None:
            d.decisions["location"] = Decision("location", STAGE_NAME, [], None, d.evidence["location"].reason)


STAGE = Stage(STAGE_NAME, "a place for mentions whose sentence names none",
              requires=("doc", "drafts", "resolved", "main_country"), assigns=("drafts",), run=run)


def _paragraph_settings(ctx: ArticleContext, doc: Doc, resolved: list[Resolved],
                        sents: list[Sentence]) -> dict[int, list[Resolved]]:
    """Per paragraph, the most specific place each sentence names where something could happen: below country
    level, not whose forces ("US troops") nor where something came from ("from Lebanon")."""
    def rank(r: Resolved) -> tuple[int, bool, int]:
        return PLACE_SPECIFICITY.get(r.candidate.kind, 5), r.toponym.locative, -r.toponym.start

    best: dict[int, Resolved] = {}
    for r in resolved:
        topo = r.toponym
        if (r.candidate.kind in ("country", *MACRO_KINDS) or topo.origin or topo.modifier or
                is_actor_modifier(doc, topo)) and R_SETTING_FILTER.applies():
            continue
        held = best.get(topo.sentence_index)
        if held is None or rank(r) > rank(held):
            best[topo.sentence_index] = r
    by_paragraph: dict[int, list[Resolved]] = {}
    for index in sorted(best):
        paragraph = ctx.paragraph_of(sents[index].start_char)
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
