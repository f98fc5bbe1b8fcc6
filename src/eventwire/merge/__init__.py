"""Merging reports of one incident across articles: incremental, deterministic, explained.

Vocabulary: a *report* is one article's event (what `Pipeline.extract` returns for that article, already merged
within the article); an *event* in the store is a cluster of reports from different articles.

Design
------
*Matching is a pure, symmetric function of two reports* (`matching.score`):

- Blocking (`matching.compatible`, and the indexed SQL of the stores): different articles; the same event
  type family (the three violent types Battles / Explosions/Remote violence / Violence against civilians form one
  family, Protests and Riots another, any other type is its own); event dates within +-2 days (both reports must
  have a date and a place); and places within 50 km when both are points, or the same country and admin1, or one of
  them known only to the country (or a region containing the other). The store keeps each report's family, date,
  country code, coordinates and one-degree grid cell in indexed columns; candidates come from two index range
  scans, (family, country_code, event_date) and, for points across a border, (family, cell, event_date) over the
  cells within 50 km, so the cost per article stays flat however many events are stored
  (benchmarks/bench_merge.py).
- Score in [0, 1]: a weighted sum of place (same place id / distance / same admin1), date (same day >> one day
  apart), type (same sub-event type > same type > same family), weapon, actors (token overlap of the normalized
  actor names), fatalities compatibility (ratio of the stated tolls) and a bag-of-words cosine over the content
  words of the sentences holding each report's evidence (a pair whose sentences share no content word is never
  matched). When both dates are day-precise the total is multiplied
  by 0.8 for a one-day gap and 0.5 for two days, so similar attacks in one city on consecutive days stay apart
  unless everything else agrees. Pairs at or above `matching.THRESHOLD` are *matched*.

*Background mentions* (`pipeline.background.background_ids`, a pure function of one article's events): an article about
one incident often recalls an earlier look-alike in passing ("the assault came a week after a suicide attack on
a mosque in Kunduz", "victims of last week's repression"), and the extractor reports that too. A report dated
`pipeline.background.BACKGROUND_DAYS` (4) or more days before its article's news day (the latest day-precise date the
article gives for an event, a page's date line aside), or dated any day before it in a sentence that tells it as
what the news follows ("it follows an attack on ... on Friday"), is a *background* report: it is matched like
any other, but it does not make its article a source of the event it joins, gives the event no field, and never
joins two groups that both hold an article's own report. The event's notes record it ("mentioned in ART (ID,
dated DAY) as an earlier incident; not a source"), and `reports(event_id)` lists it. A cluster of background
reports only (nothing else reports that incident) is an event with them as its sources.

*Clustering is a pure function of the set of reports* (`matching.cluster`): matched pairs are taken strongest
first (ties broken by the reports' order: publication date, article id, event id) and join their two groups when
the result still has at most one report per article and every two reports in it are `compatible`. A report that
matches several stored events therefore merges them all when they are mutually compatible. The store keeps, for
every report, its *component* (connected component of the matched-pair graph): a new article's reports are
scored against candidates from the index, the components they touch are loaded, and those components are
re-split and re-clustered from scratch. Because components of a graph and the clustering of a component do not
depend on arrival order, the same articles in any order give the same events (ids, fields, sources, notes).

*Reconciling is a pure function of a cluster* (`reconcile.merged_event`):

- every source is kept (article id, url, published, that article's evidence), earliest first;
- id: the id of the earliest report (by publication date, then article id), so an event keeps its id as later
  reports join (it changes only when an earlier-published report arrives);
- date: the most precise (lowest time_precision), then the day most reports give, then the earliest report's;
- place: the most precise (lowest geo_precision, then point over region, then most specific kind), then the place
  most reports give;
- type, sub-event type, actors and weapon: the value most reports give (ties: the earliest report's);
- fatalities: the lowest toll any report *states* (a 0 without fatality evidence is "no toll given" and does not
  count). Exception: a report published on a later day than a lower report, whose sentence stating the toll
  explicitly revises it upward ("rose to 21", "climbed to", "raising the death toll to" ...), supersedes the earlier
  reports: the toll is then the lowest among the reports published on or after the latest such revision (so a
  stale lower figure published the same day as the update does not undo it, and a later, lower figure still
  wins). Injuries, captured and munitions: the lowest figure given;
- notes record disagreements ("fatalities reported: 8, 10, 12", "dates reported: ...", "places reported: ...",
  "types reported: ...") and every merge decision with its score and its parts, which `eventwire event ID`
  prints.

*Storing* (`store.sql.SQLStore.save_article`, shared by the SQLite and PostgreSQL stores; one transaction per
article): the per-article reports are kept in the `mentions` table (lossless JSON from `codec`, with the blocking
columns, the evidence sentences' content words and the background flag of migration 4), and the `events` table
holds the merged events. Re-ingesting the same text changes nothing; a new text under a known article id or URL
removes that article's reports, re-clusters the components they were in, and adds the new reports. `eventwire
event ID` shows an event with every source, its evidence and the merge notes.

Limits: dates are compared on their start day (a month-precision date only matches within +-2 days of the 1st);
reports without a date or a place are never merged; events stored before migration 2 have no reports and are
left as they are; reports stored before migration 4 count as the article's own until the article is ingested
again.
"""

from __future__ import annotations

from eventwire.merge.matching import (
    THRESHOLD,
    Cluster,
    Decision,
    MatchScore,
    Report,
    cluster,
    compatible,
    score,
)
from eventwire.merge.reconcile import merged_event, reconcile_fatalities
from eventwire.model import Article, Event
from eventwire.pipeline.background import background_ids

__all__ = [
    "THRESHOLD", "Cluster", "Decision", "MatchScore", "Report", "background_ids", "cluster", "compatible",
    "merged_event", "reconcile_fatalities", "report_for", "reports_for", "score",
]


def reports_for(article: Article, events: list[Event]) -> list[Report]:
    """The reports of an article's events, those that only mention an earlier incident marked `background`
    (`pipeline.background.background_ids`)."""
    background = background_ids(article, events)
    return [report_for(article, event, background=event.id in background) for event in events]


def report_for(article: Article, event: Event, *, background: bool = False) -> Report:
    """The report of `event` by `article`, with the content words of the sentences its evidence lies in and
    whether the sentence stating its toll revises the toll upward."""
    from eventwire.merge.matching import sentence_words
    from eventwire.merge.reconcile import REVISION_CUE
    from eventwire.pipeline.background import sentence_bounds

    spans = [(ev.span.start, ev.span.end, ev.span.text) for ev in event.evidence.values()
             if ev.article_id == article.id]
    revises = False
    toll = event.evidence.get("fatalities")
    if toll is not None and toll.article_id == article.id:
        bounds = sentence_bounds(article.text, toll.span.start, toll.span.end, toll.span.text)
        if bounds is not None:
            revises = bool(REVISION_CUE.search(article.text[bounds[0]:bounds[1]]))
    return Report(article.id, article.published, event, sentence_words(article.text, sorted(spans)), revises,
                  background)
