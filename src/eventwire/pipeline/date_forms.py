"""The forms of date expressions and the calendar arithmetic `dates` resolves them with: day-month dates
("28 June", "June 28, 2021", "28-30 June"), numeric dates, month-level expressions ("late March", "last month",
"the first week of June"), and the names of weekdays and months. The conventions (which day each form stands
for) are stated in `dates`."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from eventwire.model import DateValue
from eventwire.pipeline.numbers import parse_count

WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thur": 3, "thu": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

_DAY = dt.timedelta(days=1)
_FUTURE_SLACK = dt.timedelta(days=7)  # a yearless date this far after publication stays in its year


def _alt(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


WEEKDAY_NAMES = rf"(?:{_alt(list(WEEKDAYS))})"
_MON = rf"(?:{_alt(list(MONTHS))})"
_ORD = r"(?:st|nd|rd|th)?"
COUNT_WORDS = r"(?:\d{1,3}|a\s+few|a\s+couple(?:\s+of)?|couple\s+of|several|few|an?|[a-z]+(?:-[a-z]+)?)"
_PART = (
    r"(?:early|mid|late|the\s+end\s+of|end\s+of|the\s+beginning\s+of|beginning\s+of|"
    r"the\s+start\s+of|start\s+of)"
)

_ISO_RE = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})\b")
_NUMERIC_RE = re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})\b")
_YEAR = r"(?P<y>\d{4}|'\d{2}|\d{2})"
# A 2-digit year must not be the day of a following date ("30 June-12 July").
_DM_RE = re.compile(
    rf"\b(?P<d>\d{{1,2}}){_ORD}(?:\s+day)?(?:\s+of)?[\s-]+(?P<m>{_MON})\b\.?"
    rf"(?:[\s,-]+{_YEAR}\b(?![\s-]*{_MON}\b))?"
)
_MD_RE = re.compile(
    rf"\b(?P<m>{_MON})\b\.?,?\s*(?:the\s+)?(?P<d>\d{{1,2}}){_ORD}\b(?:,?\s*(?P<y>\d{{4}})\b)?"
)
_DDM_RE = re.compile(
    rf"\b(?P<d1>\d{{1,2}}){_ORD}\s*(?:-|to|and|&|until|through)\s*(?P<d2>\d{{1,2}}){_ORD}(?:\s+of)?\s+"
    rf"(?P<m>{_MON})\b\.?(?:,?\s*(?P<y>\d{{4}})\b)?"
)
_MDD_RE = re.compile(
    rf"\b(?P<m>{_MON})\b\.?\s*(?P<d1>\d{{1,2}}){_ORD}\s*(?:-|to|and|&|until|through)\s*"
    rf"(?P<d2>\d{{1,2}}){_ORD}\b(?!\s*{_MON}\b)(?:,?\s*(?P<y>\d{{4}})\b)?"
)
MONTH_RE = re.compile(
    rf"\b(?:(?P<part>{_PART})[\s-]*)?(?:(?P<which>last|this\s+past|past)\s+)?(?P<m>{_MON})\b\.?"
    rf"(?:,?\s+(?P<y>\d{{4}})\b|\s+(?:of\s+)?(?P<rel>this|last|next)\s+year\b)?"
)
_WEEK_OF_MONTH_RE = re.compile(
    rf"\b(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+(?P<m>{_MON})\b\.?"
    r"(?:,?\s+(?P<y>\d{4})\b)?"
)
_REL_MONTH_RE = re.compile(
    rf"\b(?:(?P<part>{_PART})[\s-]*)?"
    r"(?P<which>earlier\s+this|this|last|the\s+previous|previous|next)\s+month\b"
)
_ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}
_ORDINAL_RE = re.compile(rf"\b(?:(?P<tens>twenty|thirty)[\s-])?(?P<unit>{_alt(list(_ORDINALS))})\b")


# --------------------------------------------------------------------------------------- helpers


def day_value(start: dt.date, end: dt.date | None = None, precision: int = 1) -> DateValue:
    return DateValue(start, end or start, precision)


def span_value(first: dt.date, last: dt.date) -> DateValue:
    """A named span: precision from its length (1 day apart or less: day; a week: week; else month)."""
    first, last = min(first, last), max(first, last)
    gap = (last - first).days
    return DateValue(first, last, 1 if gap <= 1 else 2 if gap <= 7 else 3)


def on_or_before(pub: dt.date, weekday: int) -> dt.date:
    return pub - dt.timedelta(days=(pub.weekday() - weekday) % 7)


def strictly_before(pub: dt.date, weekday: int) -> dt.date:
    return pub - dt.timedelta(days=(pub.weekday() - weekday) % 7 or 7)


def strictly_after(pub: dt.date, weekday: int) -> dt.date:
    return pub + dt.timedelta(days=(weekday - pub.weekday()) % 7 or 7)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def count_in(text: str) -> tuple[int, bool] | None:
    """The figure in "two", "a", "3", "a few" and whether it is exact."""
    if text.strip() == "few":
        return 3, False
    count = parse_count(text)
    if count is None:
        return None
    return count.best, count.low == count.best == count.high


def _year(text: str, pub: dt.date | None) -> int:
    """A 4-digit year, or a 2-digit one ("'90") read as the latest year not after publication."""
    digits = text.lstrip("'")
    if len(digits) == 4:
        return int(digits)
    pivot = (pub.year if pub else dt.date.today().year) % 100 + 1
    return (1900 if int(digits) > pivot else 2000) + int(digits)


def infer_year(month: int, day: int, pub: dt.date) -> dt.date:
    """The most recent (month, day) not later than a week after publication; Feb 29 looks back."""
    for year in range(pub.year, pub.year - 9, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= pub + _FUTURE_SLACK:
            return candidate
    raise ValueError(f"no date {month}-{day}")  # "31 June": the caller returns None


def normalise(text: str) -> str:
    text = text.lower().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = re.sub(r"'s\b", "", text)
    return re.sub(r"\s+", " ", text).strip(" ,.;:()[]\"'")


# ------------------------------------------------------------------------------ absolute dates


def _point(m: re.Match[str], year_hint: int | None, pub: dt.date | None) -> tuple[int, int, int | None]:
    """(month, day, year or None) of a day-month match."""
    year = _year(m.group("y"), pub) if m.group("y") else year_hint
    return MONTHS[m.group("m")], int(m.group("d")), year


def _date_of(month: int, day: int, year: int | None, pub: dt.date | None) -> dt.date | None:
    if year is not None:
        return dt.date(year, month, day)
    return infer_year(month, day, pub) if pub is not None else None


def _day_month_points(p: str) -> list[tuple[int, re.Match[str]]]:
    """Day-month mentions ("28 June", "June 28"), left to right, without overlaps."""
    points = [(m.start(), m) for m in _DM_RE.finditer(p)]
    taken = [(m.start(), m.end()) for _, m in points]
    for m in _MD_RE.finditer(p):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            points.append((m.start(), m))
    return sorted(points, key=lambda item: item[0])


def same_month_range(p: str, year_hint: int | None, pub: dt.date | None) -> DateValue | None:
    """"28-30 June", "June 28-30"."""
    m = _DDM_RE.search(p) or _MDD_RE.search(p)
    if m is None:
        return None
    year = _year(m.group("y"), pub) if m.group("y") else year_hint
    last = _date_of(MONTHS[m.group("m")], int(m.group("d2")), year, pub)
    if last is None:
        return None
    return span_value(last.replace(day=int(m.group("d1"))), last)


def day_month(p: str, year_hint: int | None, pub: dt.date | None) -> DateValue | None:
    """One day-month mention, or a span between the first and the last ("30 June-1 July")."""
    points = _day_month_points(p)
    if not points:
        return None
    lm, ld, ly = _point(points[-1][1], year_hint, pub)
    last = _date_of(lm, ld, ly, pub)
    if last is None:
        return None
    if len(points) == 1:
        return day_value(last, precision=2 if re.search(r"\bweek\s+of\b", p) else 1)
    fm, fd, fy = _point(points[0][1], None, pub)
    first = dt.date(fy if fy is not None else last.year, fm, fd)
    if fy is None and first > last:
        first = first.replace(year=last.year - 1)
    return span_value(first, last)


def numeric_date(p: str, pub: dt.date | None) -> DateValue | None:
    """"2021-07-07"; "12/06/2021" read day first unless that cannot be a date."""
    if (m := _ISO_RE.search(p)) is not None:
        return day_value(dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d"))))
    if (m := _NUMERIC_RE.search(p)) is not None:
        a, b, year = int(m.group("a")), int(m.group("b")), _year(m.group("y"), pub)
        day, month = (b, a) if b > 12 else (a, b)
        return day_value(dt.date(year, month, day))
    return None


def ordinals_to_digits(p: str) -> str:
    """"the twenty-eighth of June" -> "the 28th of June" (dateparser does not read spelled days)."""

    def digits(m: re.Match[str]) -> str:
        value = _ORDINALS[m.group("unit")] + {"twenty": 20, "thirty": 30}.get(m.group("tens") or "", 0)
        return f"{value}th" if value <= 31 else m.group(0)

    return _ORDINAL_RE.sub(digits, p)


# -------------------------------------------------------------------------------- month level


def _month_day(year: int, month: int, part: str | None, pub: dt.date | None) -> dt.date:
    """Representative day of a month: see the module table."""
    key = (part or "").split()[-1] if part else ""
    day = {"early": 5, "beginning": 5, "start": 5, "mid": 15, "late": 25, "end": 25}.get(key, 15)
    if pub is not None and (year, month) == (pub.year, pub.month):
        return dt.date(year, month, min(day, pub.day) if part else (1 + pub.day) // 2)
    return dt.date(year, month, day)


def named_month(p: str, pub: dt.date | None) -> DateValue | None:
    """"in March", "late March", "March 2020", "March last year", "last March"."""
    m = MONTH_RE.search(p)
    if m is None:
        return None
    month = MONTHS[m.group("m")]
    if m.group("y"):
        year = int(m.group("y"))
    elif pub is None:
        return None
    elif m.group("rel"):
        year = pub.year + {"this": 0, "last": -1, "next": 1}[m.group("rel")]
    elif m.group("which"):
        year = pub.year if month < pub.month else pub.year - 1
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    return day_value(_month_day(year, month, m.group("part"), pub), precision=3)


def relative_month(p: str, pub: dt.date) -> DateValue | None:
    """"last month", "earlier this month", "late last month", "next month"."""
    m = _REL_MONTH_RE.search(p)
    if m is None:
        return None
    which = m.group("which").split()[-1]
    shift = {"this": 0, "last": -1, "previous": -1, "next": 1}[which]
    first = add_months(pub.replace(day=1), shift)
    return day_value(_month_day(first.year, first.month, m.group("part"), pub), precision=3)


def week_of_month(p: str, pub: dt.date | None) -> DateValue | None:
    """"the first week of June": the 4th; "the last week of June": three days before its end."""
    m = _WEEK_OF_MONTH_RE.search(p)
    if m is None:
        return None
    month = MONTHS[m.group("m")]
    if m.group("y"):
        year = int(m.group("y"))
    elif pub is not None:
        year = pub.year if month <= pub.month else pub.year - 1
    else:
        return None
    order = m.group("ord")
    if order in ("last", "final"):
        day = calendar.monthrange(year, month)[1] - 3
    else:
        day = {"first": 4, "second": 11, "third": 18, "fourth": 25}[order]
    return day_value(dt.date(year, month, day), precision=2)
