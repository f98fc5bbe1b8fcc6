"""The pure parts of analysts' corrections: checking values, finding the reports an anchor points at after a
new text, applying corrections to a record, and the CSV tags that mark them."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.export import review_tags
from eventwire.merge import Report
from eventwire.model import DateValue, Event, Evidence, Span
from eventwire.store.corrections import (
    Anchor,
    Correction,
    CorrectionError,
    anchor_of,
    anchored,
    apply,
    check_value,
)


def report(article_id: str, trigger: str, start: int, suffix: str = "0", background: bool = False) -> Report:
    evidence = {"event_type": Evidence(article_id, Span(start, start + len(trigger), trigger), 0.9, "t")}
    event = Event(id=f"ew-{article_id}-{suffix}", event_type="Battles", sub_event_type="Armed clash",
                  date=DateValue(dt.date(2024, 5, 13), dt.date(2024, 5, 13), 1, "Monday"), place=None, actor1=None,
                  actor2=None, weapon=None, fatalities=3, injuries=None, captured=None, munitions=None,
                  confidence=0.6, evidence=evidence)
    return Report(article_id, dt.date(2024, 5, 14), event, background=background)


def correction(cid: int, kind: str, anchors: tuple[Anchor, ...], **kw: object) -> Correction:
    return Correction(cid, kind, anchors, "ana", "why", "2024-05-14T00:00:00+00:00", **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "value", "stored"), [
    ("fatalities", "7", 7), ("fatalities", 7.0, 7), ("event_date", " 2024-05-13 ", "2024-05-13"),
    ("latitude", "16.27", 16.27), ("actor1", "  Police Forces of Mali  ", "Police Forces of Mali"),
    ("sub_event_type", "Armed clash", "Armed clash"), ("actor2", None, None), ("geo_precision", 2, 2),
])
def test_values_are_stored_in_their_field_s_kind(name: str, value: object, stored: object) -> None:
    assert check_value(name, value) == stored


@pytest.mark.parametrize(("name", "value", "message"), [
    ("fatalities", True, "whole number"), ("fatalities", 2.5, "whole number"), ("fatalities", 10**7, "from 0"),
    ("latitude", 91, r"\[-90, 90\]"), ("latitude", "nan", r"\[-90, 90\]"), ("time_precision", 4, "1, 2 or 3"),
    ("event_type", None, "cannot be empty"), ("event_type", "Fights", "unknown event_type"),
    ("location", "x" * 501, "1 to 500"), ("location", 5, "must be text"), ("id", "x", "cannot be corrected"),
])
def test_bad_values_say_what_is_wrong(name: str, value: object, message: str) -> None:
    with pytest.raises(CorrectionError, match=message):
        check_value(name, value)


def test_an_anchor_finds_its_report_after_the_text_moved() -> None:
    before = report("a", "stormed", 10)
    anchor = anchor_of(before)
    moved = [report("a", "killed", 3, "1"), report("a", "stormed", 42, "2"), report("b", "stormed", 10)]
    assert anchored([anchor], moved) == [moved[1]]  # the same trigger in the same article, nearest
    assert anchored([anchor], [report("a", "attacked", 42)]) != []  # the article's only report
    assert anchored([anchor], [report("a", "attacked", 1, "1"), report("a", "raided", 9, "2")]) == []
    assert anchored([anchor], [report("b", "stormed", 10)]) == []


def test_corrections_apply_in_order_and_conflicts_need_a_changed_machine_value() -> None:
    r = report("a", "stormed", 10)
    record = {"id": "ew-a-0", "fatalities": 3, "event_type": "Battles", "sub_event_type": "Armed clash"}
    first = correction(1, "set", (anchor_of(r),), field="fatalities", value=5, before=3)
    second = correction(2, "set", (anchor_of(r),), field="fatalities", value=6, before=3)
    out = apply(record, [r], [second, first])
    assert (out["fatalities"], out["review"], out["conflicts"]) == (6, "corrected", [])
    changed = apply({**record, "fatalities": 4}, [r], [first])
    assert changed["conflicts"] == [{"field": "fatalities", "machine": 4, "analyst": 5, "correction_id": 1}]
    assert changed["review"] == "conflict"
    typed = apply(record, [r], [correction(3, "set", (anchor_of(r),), field="event_type", value="Riots",
                                           before="Battles")])
    assert (typed["event_type"], typed["sub_event_type"]) == ("Riots", None)
    rejected = apply(record, [r], [correction(4, "reject", (anchor_of(r),))])
    assert rejected["review"] == "rejected"
    assert apply(record, [report("b", "x", 0)], [first]) == record  # anchored elsewhere: untouched


def test_csv_tags_mark_corrected_fields() -> None:
    record = {"corrections": [{"kind": "set", "field": "fatalities"}, {"kind": "set", "field": "actor2"},
                              {"kind": "reject"}], "conflicts": [{"field": "fatalities"}], "review": "rejected"}
    assert review_tags(record) == "corrected: actor2, fatalities; conflict: fatalities; rejected"
    assert review_tags({}) == ""
