"""Background mentions: the events of an article that recall earlier incidents rather than tell its own news.

A pure function of one article and its events (no parse, no store), shared by the pipeline (claims go to the
article's recent events) and by cross-article merging (a background report does not make its article a source of
the event it mentions).
"""

from __future__ import annotations

import re

from eventwire.model import Article, Event
from eventwire.pipeline.lexicon import pattern

# A report dated at least this many days before its article's news day is a background mention ("last week's
# bombing in Kunduz", "nine days after the abduction in ..."); see `background_ids`.
BACKGROUND_DAYS = 4
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def sentence_bounds(text: str, start: int, end: int, span_text: str) -> tuple[int, int] | None:
    """The sentence of `text` around a span, or None when the span's text is not at its offsets."""
    if not 0 <= start <= end <= len(text) or text[start:end] != span_text:
        return None
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [i for i in (text.find(c, end) for c in ".!?\n") if i >= 0]
    return left, (min(rights) if rights else len(text))



def _date_line(text: str, event: Event) -> bool:
    """The event's date comes from a line that holds nothing but a date (a page's "Sunday, August 6, 2023"
    stamp): the day the page was dated, not one the article tells of."""
    date = event.evidence.get("event_date")
    if date is None:
        return False
    start, end = date.span.start, date.span.end
    if not 0 <= start <= end <= len(text) or text[start:end] != date.span.text:
        return False
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    return not _WORD.search(text[left:start] + " " + text[end:right])


# Before a trigger in its sentence: the incident is told as what an event "follows" or "came after", or as
# one of a series ("This follows a raid on a police post last Friday", "a week after a car bombing in").
RECAP_CUE = pattern("recap_cue", re.IGNORECASE)
def _recap(text: str, event: Event) -> bool:
    """The sentence of the event's trigger tells it as an earlier incident that the news follows."""
    trigger = event.evidence.get("event_type")
    if trigger is None:
        return False
    bounds = sentence_bounds(text, trigger.span.start, trigger.span.end, trigger.span.text)
    return bounds is not None and RECAP_CUE.search(text[bounds[0]:trigger.span.start]) is not None


def background_ids(article: Article, events: list[Event]) -> set[str]:
    """The ids of an article's events that are background mentions of earlier incidents, not its own news.

    The article's *news day* is the latest day-precise event date, not after publication, the article gives (a
    page's date line does not count, nor the publication day used when no date is stated). An event dated
    `BACKGROUND_DAYS` or more before the news day is background ("victims of last week's repression"), and so
    is one dated any day before it whose sentence tells it as what the news follows (`RECAP_CUE`: "it follows
    a raid on a police post last Friday", "the ambush came a week after a car bombing"). Such a report may
    join the event of the incident it mentions, but does not make its article a source of it
    (`reconcile.merged_event`). A pure function of the article and its events, so it does not depend on ingest
    order."""
    published = article.published
    days = [e.date.start for e in events if e.date is not None and e.date.time_precision == 1
            and (published is None or e.date.start <= published) and not _date_line(article.text, e)]
    if not days:
        return set()
    news_day = max(days)
    return {e.id for e in events if e.date is not None and (
        (news_day - e.date.start).days >= BACKGROUND_DAYS
        or (e.date.start < news_day and _recap(article.text, e)))}
