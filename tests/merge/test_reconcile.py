"""Combining the reports of one incident: fatalities rule, precision, notes, ids."""

from __future__ import annotations

import dataclasses
import datetime as dt

from merge_corpus import IRAQ, article, event

from eventwire.merge import Cluster, merged_event, reconcile_fatalities, report_for
from eventwire.model import DateValue

BASE = "A car bomb exploded in Kirkuk on Sunday, killing {n} people."
ROSE = "The death toll from the car bomb in Kirkuk on Sunday rose to {n}."


def rep(article_id: str, n: int | None, day: int, text: str = BASE, **kw):  # type: ignore[no-untyped-def]
    art = article(article_id, text.format(n=n), published=dt.date(2024, 3, day))
    ev = event(art, fatalities=n, toll=None if n is None else str(n), **kw)
    return report_for(art, ev)


def test_lowest_stated_toll() -> None:
    reports = [rep("a", 10, 11), rep("b", 8, 11), rep("c", 12, 12)]
    toll, source, notes = reconcile_fatalities(reports)
    assert (toll, source.article_id if source else None) == (8, "b")
    assert notes == ["fatalities reported: 8, 10, 12"]


def test_unstated_toll_does_not_count() -> None:
    toll, _, notes = reconcile_fatalities([rep("a", None, 11), rep("b", 8, 11)])
    assert toll == 8
    assert notes == []
    assert reconcile_fatalities([rep("a", None, 11)])[0] == 0


def test_later_explicit_revision_wins() -> None:
    reports = [rep("a", 10, 11), rep("b", 8, 11), rep("c", 21, 12, ROSE)]
    assert reports[2].revises_toll
    toll, source, notes = reconcile_fatalities(reports)
    assert toll == 21 and source is not None and source.article_id == "c"
    assert notes[1].startswith("fatalities revised upward to 21 by c (published 2024-03-12)")


def test_same_day_revision_does_not_supersede() -> None:
    # "rose to" on the same publication day as the lower report: no later report, the lowest figure stands
    toll, _, _ = reconcile_fatalities([rep("a", 8, 11), rep("c", 21, 11, ROSE)])
    assert toll == 8


def test_reports_after_revision_still_take_the_lowest() -> None:
    reports = [rep("a", 8, 11), rep("c", 21, 12, ROSE), rep("d", 20, 13)]
    assert reconcile_fatalities(reports)[0] == 20


def test_merged_event_precision_id_and_notes() -> None:
    a = rep("b-late", 10, 12)
    coarse = rep("a-early", 8, 11, place=IRAQ)
    week = dataclasses.replace(coarse.event, date=DateValue(dt.date(2024, 3, 9), dt.date(2024, 3, 9), 2, "last week"))
    coarse = dataclasses.replace(coarse, event=week)
    ev = merged_event(Cluster((coarse, a), ()))
    assert ev.id == coarse.event.id  # earliest published
    assert ev.place is not None and ev.place.name == "Kirkuk"  # most precise place
    assert ev.date is not None and ev.date.start == dt.date(2024, 3, 10) and ev.date.time_precision == 1
    assert ev.fatalities == 8
    assert [s.article_id for s in ev.sources] == ["a-early", "b-late"]
    assert "dates reported: 2024-03-09, 2024-03-10" in ev.notes
    assert "places reported: Iraq, Kirkuk" in ev.notes
    assert ev.evidence["location"].article_id == "b-late"
    assert ev.evidence["fatalities"].article_id == "a-early"
    assert merged_event(Cluster((a, coarse), ())) == ev  # order of the input does not matter


def test_background_report_is_a_mention_not_a_source() -> None:
    own = [rep("a", 10, 11), rep("b", 8, 11)]
    art = article("c", "Last week's car bomb in Kirkuk on Sunday killed 3 people.", published=dt.date(2024, 3, 18))
    mention = report_for(art, event(art, fatalities=3, toll="3", injuries=50), background=True)
    merged = merged_event(Cluster((*own, mention), ()))
    assert merged.article_ids == ["a", "b"]
    assert merged.fatalities == 8  # the mention's lower figure does not count
    assert merged.injuries is None
    assert merged.id == own[0].event.id
    assert "mentioned in c (ew-c-0, dated 2024-03-10) as an earlier incident; not a source" in merged.notes
    # mentions only: they are all there is
    alone = merged_event(Cluster((mention,), ()))
    assert alone.article_ids == ["c"] and alone.fatalities == 3
