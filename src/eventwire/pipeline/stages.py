"""The registered, ordered stages of the extraction core (see `stage.Stage`).

The first four adapt the parse and the recognisers to the article context; every stage after them decides one
field of the mentions, or how they group into events:

    parse -> toponyms -> geocode -> triggers -> mentions -> dates -> places -> counts -> date_context
    -> place_context -> actors -> actor_types -> confidence -> grouping -> events -> links -> calibration
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from eventwire.gazetteer.countries import DEMONYMS
from eventwire.model import Place
from eventwire.pipeline import (
    actor_defaults,
    actor_types,
    calibration,
    confidence,
    date_context,
    event_actors,
    event_context,
    event_counts,
    event_dates,
    event_places,
    events,
    grouping,
    links,
    mentions,
    place_context,
)
from eventwire.pipeline.actors import find_named_groups
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.places import MACRO_KINDS, Resolved, resolve, to_place
from eventwire.pipeline.rules import rule
from eventwire.pipeline.stage import Stage, check_order
from eventwire.pipeline.toponym_filters import R_CURRENCY, names_currency
from eventwire.pipeline.toponyms import find_toponyms
from eventwire.pipeline.triggers import find_triggers


def _parse(ctx: ArticleContext) -> None:
    if ctx.doc is None:
        ctx.doc = ctx.nlp(ctx.text)


def _toponyms(ctx: ArticleContext) -> None:
    ctx.toponyms = [t for t in find_toponyms(ctx.parsed, ctx.gazetteer) if t.start >= ctx.header_end]


def _geocode(ctx: ArticleContext) -> None:
    # a continent is never where an event happened (ACLED codes events to a country at least)
    ctx.resolved = [r for r in resolve(ctx.toponyms, demonym_countries(ctx.parsed), ctx.text, explain=ctx.explain)
                    if r.candidate.kind not in MACRO_KINDS]
    ctx.main_country = main_country(ctx.resolved)


def _triggers(ctx: ArticleContext) -> None:
    ctx.triggers = find_triggers(ctx.parsed)


PARSE = Stage("parse", "tokens, sentences, parse and entities (spaCy)", requires=(), assigns=("doc",), run=_parse)
TOPONYMS = Stage("toponyms", "the spans that name places, with their gazetteer readings", requires=("doc",),
                 assigns=("toponyms",), run=_toponyms)
GEOCODE = Stage("geocode", "one reading per place mention, with the whole article as context",
                requires=("doc", "toponyms"), assigns=("resolved", "main_country"), run=_geocode)
TRIGGERS = Stage("triggers", "the words that report incidents, and why others do not", requires=("doc",),
                 assigns=("triggers",), run=_triggers)

STAGES: tuple[Stage, ...] = (
    PARSE, TOPONYMS, GEOCODE, TRIGGERS, mentions.STAGE, event_dates.STAGE, event_places.STAGE, event_counts.STAGE,
    date_context.STAGE, place_context.STAGE, event_actors.STAGE, actor_types.STAGE, confidence.STAGE,
    grouping.STAGE, actor_defaults.STAGE, events.STAGE, links.STAGE, event_context.STAGE, calibration.STAGE,
)
check_order(STAGES)
STAGE_NAMES: tuple[str, ...] = tuple(s.name for s in STAGES)

R_LANGUAGE = rule("location.language_adjective")
LANGUAGE_AFTER = frozenset({"speaking", "speaker", "speakers", "language", "languages", "medium", "-"})


def demonym_countries(doc: Doc) -> Counter[str]:
    """Country hints that are not place names: demonyms ("Iraqi") and armed groups tied to one country
    ("Houthi", "LNA"); a group counts double."""
    counts: Counter[str] = Counter()
    for tok in doc:
        code = DEMONYMS.get(tok.lower_)
        if code and tok.text[:1].isupper():
            if _language(tok) and R_LANGUAGE.applies():
                continue
            if names_currency(doc[tok.i: tok.i + 1]) and R_CURRENCY.applies():
                continue  # "the Turkish lira": a currency
            counts[code] += 1
    for group in {g.name: g for g, _s, _e in find_named_groups(doc.text)}.values():
        if group.country:
            counts[group.country] += 2
    return counts


def _language(tok: Token) -> bool:
    """"French-speaking", "English-language", "Arabic speakers": the adjective names a language."""
    after = [t.lower_ for t in tok.doc[tok.i + 1: tok.i + 3]]
    if not after or after[0] not in LANGUAGE_AFTER:
        return False
    return after[0] != "-" or (len(after) > 1 and after[1] in LANGUAGE_AFTER)


def main_country(resolved: list[Resolved]) -> Place | None:
    """The country most place mentions lie in, when the article names it."""
    counts: Counter[str] = Counter(r.candidate.country_code for r in resolved)
    if not counts:
        return None
    code = counts.most_common(1)[0][0]
    for r in resolved:
        if r.candidate.country_code == code and r.candidate.kind == "country":
            return to_place(r)
    return None
