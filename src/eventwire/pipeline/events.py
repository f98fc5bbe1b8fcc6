"""Stage `events`: each merged mention becomes an `Event` record, with a stable id."""

from __future__ import annotations

import hashlib

from eventwire.model import Article, Event, Mention, Quantity, Source, Span
from eventwire.pipeline.context import ArticleContext
from eventwire.pipeline.draft import Draft
from eventwire.pipeline.stage import Stage


def run(ctx: ArticleContext) -> None:
    ctx.events = [to_event(ctx.article, d) for d in ctx.merged]


STAGE = Stage("events", "each merged mention becomes an event record", requires=("merged",), assigns=("events",),
              run=run)


def to_event(article: Article, d: Draft) -> Event:
    mention = Mention(
        article_id=article.id, event_type=d.event_type, sub_event_type=d.sub_event_type,
        trigger=Span(d.trigger.start, d.trigger.end, d.trigger.text), sentence=d.sentence, date=d.date,
        place=d.place, actor1=d.actor1, actor2=d.actor2, weapon=d.weapon,
        fatalities=_quantity(d, "killed"), injuries=_quantity(d, "injured"),
        captured=_quantity(d, "captured"), munitions=_quantity(d, "munitions"),
        confidence=d.confidence, evidence=dict(d.evidence),
    )
    return event_from_mentions([mention], article)


def _quantity(d: Draft, kind: str) -> Quantity | None:
    c = d.counts.get(kind)
    if c is None:
        return None
    return Quantity(kind, c.best, c.low, c.high)


def event_from_mentions(mentions: list[Mention], article: Article) -> Event:
    """An event for one article's merged mention (a stable id from article, type, date and place)."""
    m = mentions[0]
    key = "|".join([article.id, m.event_type, str(m.date.start if m.date else ""),
                    m.place.place_id if m.place else "", str(m.trigger.start)])
    event_id = "ew-" + hashlib.sha1(key.encode()).hexdigest()[:12]
    # As ACLED: fatalities is always a number, 0 when the report states no deaths.
    fatalities = m.fatalities.best if m.fatalities else 0
    source = Source(article.id, article.url, article.published, dict(m.evidence))
    return Event(
        id=event_id, event_type=m.event_type, sub_event_type=m.sub_event_type, date=m.date, place=m.place,
        actor1=m.actor1, actor2=m.actor2, weapon=m.weapon, fatalities=fatalities,
        injuries=m.injuries.best if m.injuries else None, captured=m.captured.best if m.captured else None,
        munitions=m.munitions.best if m.munitions else None, confidence=round(m.confidence, 3),
        evidence=dict(m.evidence), sources=(source,),
    )
