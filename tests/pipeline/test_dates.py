"""Date expressions resolved against a publication date (2021-07-07 is a Wednesday)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.model import DateValue
from eventwire.pipeline.date_offsets import is_future, parse_relative_offset, shift_date
from eventwire.pipeline.dates import resolve_date

PUB = dt.date(2021, 7, 7)  # a Wednesday
D = dt.date


def _day(expr: str, before: str = "", pub: dt.date | None = PUB) -> tuple[dt.date, dt.date, int]:
    value = resolve_date(expr, pub, before=before)
    assert value is not None, (before, expr)
    return value.start, value.end, value.time_precision


# ----------------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    ("before", "expr", "expected"),
    [
        ("troops entered the town on ", "Wednesday", D(2021, 7, 7)),
        ("the convoy was ambushed on ", "Monday", D(2021, 7, 5)),
        ("gunmen struck ", "late Tuesday", D(2021, 7, 6)),
        ("gunmen struck late ", "Tuesday", D(2021, 7, 6)),
        ("", "Monday night", D(2021, 7, 5)),
        ("", "Tuesday evening", D(2021, 7, 6)),
        ("", "early on Monday", D(2021, 7, 5)),
        ("the raid began early on ", "Monday", D(2021, 7, 5)),
        ("", "Saturday night", D(2021, 7, 3)),
        ("shots were heard on the night of ", "Friday", D(2021, 7, 2)),
        ("", "this Saturday", D(2021, 7, 3)),
        ("", "Sunday", D(2021, 7, 4)),
        ("", "Thursday", D(2021, 7, 1)),
        ("", "last Friday", D(2021, 7, 2)),
        ("", "last Wednesday", D(2021, 6, 30)),
        ("a market was shelled ", "last Monday", D(2021, 7, 5)),
        ("the mayor resigned the previous ", "Tuesday", D(2021, 7, 6)),
        ("", "Wednesday's", D(2021, 7, 7)),
        ("", "Tuesday last week", D(2021, 6, 29)),
        ("", "Fri", D(2021, 7, 2)),
    ],
)
def test_weekdays(before: str, expr: str, expected: dt.date) -> None:
    assert _day(expr, before) == (expected, expected, 1)


def test_last_friday_from_a_wednesday() -> None:
    assert _day("Friday", "was seen last ", pub=D(2019, 8, 28)) == (D(2019, 8, 23), D(2019, 8, 23), 1)


def test_weekday_raw_keeps_modifier() -> None:
    value = resolve_date("Tuesday", PUB, before="the blast happened late ")
    assert value is not None and value.raw == "late Tuesday"


@pytest.mark.parametrize(
    ("expr", "first", "last", "precision"),
    [
        ("between Monday and Tuesday", D(2021, 7, 5), D(2021, 7, 6), 1),
        ("Sunday to Tuesday", D(2021, 7, 4), D(2021, 7, 6), 2),
        ("30 June-1 July", D(2021, 6, 30), D(2021, 7, 1), 1),
        ("28-30 June", D(2021, 6, 28), D(2021, 6, 30), 2),
        ("June 28-30", D(2021, 6, 28), D(2021, 6, 30), 2),
        ("between 1 and 3 July", D(2021, 7, 1), D(2021, 7, 3), 2),
        ("30 June-12 July", D(2021, 6, 30), D(2021, 7, 12), 3),
        ("28 December-2 January", D(2020, 12, 28), D(2021, 1, 2), 2),
    ],
)
def test_spans(expr: str, first: dt.date, last: dt.date, precision: int) -> None:
    pub = D(2021, 1, 5) if "January" in expr else PUB
    assert _day(expr, pub=pub) == (first, last, precision)


# ----------------------------------------------------------------- days relative to publication


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("today", D(2021, 7, 7)),
        ("yesterday", D(2021, 7, 6)),
        ("late yesterday", D(2021, 7, 6)),
        ("yesterday morning", D(2021, 7, 6)),
        ("the day before yesterday", D(2021, 7, 5)),
        ("overnight", D(2021, 7, 7)),
        ("last night", D(2021, 7, 6)),
        ("late last night", D(2021, 7, 6)),
        ("this morning", D(2021, 7, 7)),
        ("this afternoon", D(2021, 7, 7)),
        ("tonight", D(2021, 7, 7)),
        ("earlier today", D(2021, 7, 7)),
        ("two days ago", D(2021, 7, 5)),
        ("2 days ago", D(2021, 7, 5)),
        ("three days earlier", D(2021, 7, 4)),
        ("a day earlier", D(2021, 7, 6)),
        ("hours ago", D(2021, 7, 7)),
        ("two hours ago", D(2021, 7, 7)),
        ("the past 24 hours", D(2021, 7, 7)),
        ("the last twenty-four hours", D(2021, 7, 7)),
        ("on the 28th", D(2021, 6, 28)),
        ("the 5th", D(2021, 7, 5)),
    ],
)
def test_relative_days(expr: str, expected: dt.date) -> None:
    assert _day(expr) == (expected, expected, 1)


def test_past_48_and_72_hours_are_spans() -> None:
    assert _day("the past 48 hours") == (D(2021, 7, 6), D(2021, 7, 7), 1)
    assert _day("the past 72 hours") == (D(2021, 7, 5), D(2021, 7, 7), 2)


# --------------------------------------------------------------------------- absolute dates


@pytest.mark.parametrize(
    ("expr", "expected"),
    [
        ("28 June", D(2021, 6, 28)),
        ("June 28", D(2021, 6, 28)),
        ("28th of June", D(2021, 6, 28)),
        ("June 28th", D(2021, 6, 28)),
        ("on 3 May", D(2021, 5, 3)),
        ("Jan. 25, 2013", D(2013, 1, 25)),
        ("25 JAN 90", D(1990, 1, 25)),
        ("25-Jan-90", D(1990, 1, 25)),
        ("9 May 2020", D(2020, 5, 9)),
        ("2021-07-07", D(2021, 7, 7)),
        ("Monday, June 28", D(2021, 6, 28)),
        ("Sunday 27th June", D(2021, 6, 27)),
        ("the twenty-eighth of June", D(2021, 6, 28)),
        ("June the twenty-eighth", D(2021, 6, 28)),
        ("the 28th day of June", D(2021, 6, 28)),
        ("12/06/2021", D(2021, 6, 12)),
        ("06/13/2021", D(2021, 6, 13)),
        ("10 July", D(2021, 7, 10)),  # up to a week after publication stays in the year
        ("20 July", D(2020, 7, 20)),  # further ahead: last year
        ("3 December", D(2020, 12, 3)),
        ("29 February", D(2020, 2, 29)),
    ],
)
def test_absolute_dates(expr: str, expected: dt.date) -> None:
    assert _day(expr) == (expected, expected, 1)


def test_year_right_after_the_expression_is_used() -> None:
    value = resolve_date("28 June", PUB, after=", 2019, when the")
    assert value is not None
    assert (value.start, value.raw) == (D(2019, 6, 28), "28 June, 2019")


def test_dates_with_a_year_resolve_without_publication_date() -> None:
    assert _day("9 May 2020", pub=None) == (D(2020, 5, 9), D(2020, 5, 9), 1)
    assert _day("March 2020", pub=None) == (D(2020, 3, 15), D(2020, 3, 15), 3)


@pytest.mark.parametrize("expr", ["28 June", "Monday", "yesterday", "last week", "in March"])
def test_relative_forms_need_a_publication_date(expr: str) -> None:
    assert resolve_date(expr, None) is None


# ------------------------------------------------------------------------ weeks and months


@pytest.mark.parametrize(
    ("before", "expr", "expected", "precision"),
    [
        ("", "last week", D(2021, 6, 30), 2),
        ("", "the previous week", D(2021, 6, 30), 2),
        ("", "this week", D(2021, 7, 6), 2),
        ("", "earlier this week", D(2021, 7, 5), 2),
        ("", "the past week", D(2021, 7, 4), 2),
        ("", "this past week", D(2021, 7, 4), 2),
        ("clashes erupted ", "over the weekend", D(2021, 7, 3), 2),
        ("clashes erupted over ", "the weekend", D(2021, 7, 3), 2),
        ("", "at the weekend", D(2021, 7, 3), 2),
        ("", "last weekend", D(2021, 7, 3), 2),
        ("", "the first week of June", D(2021, 6, 4), 2),
        ("", "the last week of June", D(2021, 6, 27), 2),
        ("", "recently", D(2021, 7, 4), 2),
        ("", "in recent days", D(2021, 7, 4), 2),
        ("", "days ago", D(2021, 7, 4), 2),
        ("", "a few days ago", D(2021, 7, 4), 2),
        ("", "a week ago", D(2021, 6, 30), 2),
        ("", "two weeks ago", D(2021, 6, 23), 2),
        ("", "in recent weeks", D(2021, 6, 30), 3),
        ("", "the past month", D(2021, 6, 22), 3),
        ("", "last month", D(2021, 6, 15), 3),
        ("", "late last month", D(2021, 6, 25), 3),
        ("", "earlier this month", D(2021, 7, 4), 3),
        ("", "this month", D(2021, 7, 4), 3),
        ("", "a month ago", D(2021, 6, 7), 3),
        ("fighting broke out ", "in March", D(2021, 3, 15), 3),
        ("", "March", D(2021, 3, 15), 3),
        ("", "March 2020", D(2020, 3, 15), 3),
        ("", "late June", D(2021, 6, 25), 3),
        ("", "mid-June", D(2021, 6, 15), 3),
        ("", "early July", D(2021, 7, 5), 3),
        ("", "August", D(2020, 8, 15), 3),
        ("", "March last year", D(2020, 3, 15), 3),
        ("", "last March", D(2021, 3, 15), 3),
    ],
)
def test_weeks_and_months(before: str, expr: str, expected: dt.date, precision: int) -> None:
    assert _day(expr, before) == (expected, expected, precision)


def test_weekend_seen_from_a_weekend() -> None:
    sunday = D(2021, 7, 11)
    assert _day("over the weekend", pub=sunday)[0] == D(2021, 7, 10)
    assert _day("last weekend", pub=sunday)[0] == D(2021, 7, 3)


def test_earlier_this_week_on_a_monday_is_the_publication_day() -> None:
    assert _day("earlier this week", pub=D(2021, 7, 5)) == (D(2021, 7, 5), D(2021, 7, 5), 2)


# --------------------------------------------------------------------------------- not dates


@pytest.mark.parametrize(
    ("before", "expr"),
    [
        ("the group has fought ", "since 2014"),
        ("fighting has continued ", "since Monday"),
        ("elections were held ", "in 2015"),
        ("", "2015"),
        ("", "last year"),
        ("", "this year"),
        ("the dispute has lasted ", "for years"),
        ("", "over the past decade"),
        ("", "ten years ago"),
        ("", "two years ago in March"),
        ("", "three hours"),
        ("", "10 years old"),
        ("", "shortly after noon"),
        ("", "5 a.m."),
        ("", "at dawn"),
        ("", "midnight"),
        ("", "31 June"),
        ("", "31 June 2021"),
        ("", ""),
        ("", "   "),
        ("", "the next day"),
    ],
)
def test_not_incident_dates(before: str, expr: str) -> None:
    assert resolve_date(expr, PUB, before=before) is None


# --------------------------------------------------------------------------- future cues


@pytest.mark.parametrize(
    ("before", "expr", "future"),
    [
        ("", "next week", True),
        ("talks will resume on ", "Friday", True),
        ("", "tomorrow", True),
        ("", "the coming days", True),
        ("an upcoming vote on ", "Sunday", True),
        ("the rally is scheduled for ", "Monday", True),
        ("", "later this month", True),
        ("troops withdrew ", "the next day", False),
        ("the attack happened on ", "Monday", False),
        ("", "last week", False),
    ],
)
def test_is_future(before: str, expr: str, future: bool) -> None:
    assert is_future(expr, before) is future


def test_future_forms_resolve_forward() -> None:
    assert _day("tomorrow") == (D(2021, 7, 8), D(2021, 7, 8), 1)
    assert _day("next Friday") == (D(2021, 7, 9), D(2021, 7, 9), 1)
    assert _day("next week") == (D(2021, 7, 14), D(2021, 7, 14), 2)


# ------------------------------------------------------------------------ relative offsets


ANCHOR = DateValue(D(2021, 6, 28), D(2021, 6, 28), 1, "28 June")


@pytest.mark.parametrize(
    ("expr", "expected", "precision"),
    [
        ("nine days after", D(2021, 7, 7), 1),
        ("Nine days after", D(2021, 7, 7), 1),
        ("9 days after", D(2021, 7, 7), 1),
        ("two days before", D(2021, 6, 26), 1),
        ("a day after", D(2021, 6, 29), 1),
        ("one day later", D(2021, 6, 29), 1),
        ("the next day", D(2021, 6, 29), 1),
        ("the following day", D(2021, 6, 29), 1),
        ("the next morning", D(2021, 6, 29), 1),
        ("the previous day", D(2021, 6, 27), 1),
        ("the day before", D(2021, 6, 27), 1),
        ("the day after", D(2021, 6, 29), 1),
        ("later that day", D(2021, 6, 28), 1),
        ("hours later", D(2021, 6, 28), 1),
        ("a week later", D(2021, 7, 5), 2),
        ("two weeks before", D(2021, 6, 14), 2),
        ("a few days later", D(2021, 7, 1), 2),
        ("two months later", D(2021, 8, 28), 3),
    ],
)
def test_shift_date(expr: str, expected: dt.date, precision: int) -> None:
    value = shift_date(ANCHOR, expr)
    assert value is not None
    assert (value.start, value.end, value.time_precision, value.raw) == (expected, expected, precision, expr)


def test_shift_date_keeps_a_coarser_anchor_precision() -> None:
    anchor = DateValue(D(2021, 6, 15), D(2021, 6, 15), 3)
    value = shift_date(anchor, "two days after")
    assert value is not None and value.time_precision == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nine days after", (9, "after")),
        ("a day after", (1, "after")),
        ("two weeks before", (-14, "before")),
        ("three days earlier", (-3, "earlier")),
        ("twenty-one days later", (21, "later")),
        ("the previous day", (-1, "previous")),
        ("the following week", (7, "following")),
        ("the same day", (0, "same")),
        ("a month after", (30, "after")),
        ("killed in the attack", None),
        ("three days", None),
    ],
)
def test_parse_relative_offset(text: str, expected: tuple[int, str] | None) -> None:
    assert parse_relative_offset(text) == expected


@pytest.mark.parametrize("expr", ["in the attack", "", "three days"])
def test_shift_date_without_an_offset(expr: str) -> None:
    assert shift_date(ANCHOR, expr) is None


# ------------------------------------------------------------------------------ properties

_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_PUBS = st.dates(min_value=D(1950, 1, 1), max_value=D(2100, 12, 31))


@settings(max_examples=300)
@given(text=st.text(max_size=80), before=st.text(max_size=50), after=st.text(max_size=50),
       pub=st.one_of(st.none(), st.dates()))
def test_resolve_date_never_raises(text: str, before: str, after: str, pub: dt.date | None) -> None:
    value = resolve_date(text, pub, before=before, after=after)
    assert value is None or (value.start <= value.end and value.time_precision in (1, 2, 3))


_PAST_FORMS = st.one_of(
    st.sampled_from(_WEEKDAY_NAMES).map(lambda d: f"on {d}"),
    st.tuples(st.sampled_from(["late", "early", "this", "last", "the previous", "on the night of"]),
              st.sampled_from(_WEEKDAY_NAMES)).map(" ".join),
    st.tuples(st.sampled_from(_WEEKDAY_NAMES), st.sampled_from(["night", "evening", "morning"]))
    .map(" ".join),
    st.sampled_from([
        "today", "yesterday", "the day before yesterday", "overnight", "last night", "this morning",
        "earlier today", "last week", "this week", "earlier this week", "the past week", "over the weekend",
        "last weekend", "last month", "earlier this month", "this month", "recently", "in recent days",
        "days ago", "a week ago", "the past 24 hours", "the past 72 hours", "in recent weeks", "in March",
    ]),
    st.integers(min_value=1, max_value=60).map(lambda n: f"{n} days ago"),
    st.integers(min_value=1, max_value=20).map(lambda n: f"{n} weeks ago"),
)


@settings(max_examples=400)
@given(expr=_PAST_FORMS, pub=_PUBS)
def test_past_forms_never_land_after_publication(expr: str, pub: dt.date) -> None:
    value = resolve_date(expr, pub)
    assert value is not None
    assert value.end <= pub + dt.timedelta(days=1)


@settings(max_examples=300)
@given(
    name=st.sampled_from(_WEEKDAY_NAMES),
    modifier=st.sampled_from(["", "on ", "late ", "early ", "this "]),
    pub=_PUBS,
)
def test_weekday_lands_in_the_week_ending_on_publication(name: str, modifier: str, pub: dt.date) -> None:
    value = resolve_date(name, pub, before=f"the attack came {modifier}")
    assert value is not None
    assert pub - dt.timedelta(days=6) <= value.start <= pub
    assert value.start.strftime("%A") == name


@settings(max_examples=200)
@given(name=st.sampled_from(_WEEKDAY_NAMES), pub=_PUBS)
def test_last_weekday_is_strictly_before_publication(name: str, pub: dt.date) -> None:
    value = resolve_date(f"last {name}", pub)
    assert value is not None
    assert pub - dt.timedelta(days=7) <= value.start < pub


@settings(max_examples=200)
@given(day=st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31)), style=st.integers(0, 2))
def test_absolute_dates_with_year_round_trip(day: dt.date, style: int) -> None:
    month = day.strftime("%B")
    text = [f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}", day.isoformat()][style]
    assert _day(text, pub=None) == (day, day, 1)


@settings(max_examples=200)
@given(anchor=st.dates(min_value=D(1950, 1, 1), max_value=D(2100, 1, 1)), n=st.integers(0, 400))
def test_shift_date_by_days(anchor: dt.date, n: int) -> None:
    value = DateValue(anchor, anchor, 1)
    after, before = shift_date(value, f"{n} days after"), shift_date(value, f"{n} days before")
    assert after is not None and after.start == anchor + dt.timedelta(days=n)
    assert before is not None and before.start == anchor - dt.timedelta(days=n)
