"""Find and read count expressions ("at least 14", "two hundred and fifty", "dozens") in news text.

Every count is returned as ``(low, best, high)``: ``best`` is the conservative figure eventwire
reports, ``low``/``high`` are the bounds the wording supports (``None`` when the text gives none).
ACLED's practice is to take the most conservative figure the text supports; where wording is vague
we follow the fixed conversions below, so the same phrase always yields the same number.

Conservative rules
==================

=====================================  ==========  =======  ==========  ===================================
Wording                                low         best     high        why
=====================================  ==========  =======  ==========  ===================================
"14", "fourteen", "1,200", "a pair"    14          14       14          exact figure
"at least / more than / over 20",      20          20       None        the stated bound is the smallest
"no fewer than 20", "20 or more",                                       figure the text supports
"20-plus", "20+"
"up to / as many as 100"               None        100      100         project coding notes take the
                                                                        stated maximum as the figure
"nearly / almost / close to / under    None        30       30          we report the stated number, not
/ fewer than 30", "30 or fewer"                                         an invented one below it
"about / around / some / roughly /     None        50       None        approximate, no bound stated
an estimated 50", "50 or so", "50-odd"
"between 10 and 15", "10-15",          10          10       15          lowest figure of a range
"10 to 15", "10 or 15"
"a dozen" / "two dozen" /              None        12/24/6  None        approximate multiples of 12
"half a dozen"
"dozens"                               12          12       None        ACLED: 12 for "dozens"
"scores of"                            20          20       None        one score
"tens of"                              10          10       None        ACLED: 10 for "tens"
"hundreds" / "thousands" / "millions"  100/1000/.. same     None        ACLED: 100 for "hundreds", etc.
"tens/hundreds of thousands"           10000/...   same     None        smallest multiple named
"several", "multiple"                  3           3        None        smallest plural that is not "a
                                                                        couple"
"a few", "a handful of"                None        3        None        conservative project convention
"several/a few hundred (dozen, ...)"   None        300      None        3 x the multiple
"a couple (of)"                        2           2        None        two, possibly a little more
"a single", "a"/"an"/"one" (as count)  1           1        1           a lone counted item
=====================================  ==========  =======  ==========  ===================================

``many``, ``numerous`` and ``no``/``none`` are not counts: they return ``None``.

`find_counts` skips numbers that are not counts of people or things: years (``2019``, unless a
count word such as "at least" precedes or a count noun such as "people" follows), dates
(``28 June``, ``June 28``, ``28-30 June``), times (``5 a.m.``, ``17:30``), ages (``a 25-year-old``,
``aged 30``), money (``$5``, ``5 million dollars``), percentages, measures and durations
(``10 km``, ``three days``), ordinals (``1st``, ``first``), and numbers inside words or ids
(``F-16``, ``MH17``, ``COVID-19``, ``Resolution 2254``).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

__all__ = ["WORD_NUMBERS", "Count", "NumberMatch", "find_counts", "parse_count", "words_to_int"]


class Count(NamedTuple):
    """A count read from text: `best` is the conservative figure, `low`/`high` the stated bounds."""

    low: int | None
    best: int
    high: int | None


class NumberMatch(NamedTuple):
    """A count found in a string; ``text[start:end]`` is the whole expression with its modifiers."""

    start: int
    end: int
    low: int | None
    best: int
    high: int | None

    @property
    def quantity(self) -> Count:
        return Count(self.low, self.best, self.high)


_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
}
_TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
_SCALES: dict[str, int] = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

#: Every number word eventwire reads, with its value.
WORD_NUMBERS: dict[str, int] = {**_UNITS, **_TEENS, **_TENS, "hundred": 100, **_SCALES}

# Vague quantities: (low, best, high) for the whole phrase, see the module table.
_VAGUE: dict[str, Count] = {
    "half a dozen": Count(None, 6, None),
    "dozens": Count(12, 12, None),
    "scores of": Count(20, 20, None),
    "tens of thousands": Count(10_000, 10_000, None),
    "hundreds of thousands": Count(100_000, 100_000, None),
    "tens of": Count(10, 10, None),
    "hundreds": Count(100, 100, None),
    "thousands": Count(1_000, 1_000, None),
    "millions": Count(1_000_000, 1_000_000, None),
    "several": Count(3, 3, None),
    "multiple": Count(3, 3, None),
    "a few": Count(None, 3, None),
    "a handful of": Count(None, 3, None),
    "a couple of": Count(2, 2, None),
    "a couple": Count(2, 2, None),
    "a pair of": Count(2, 2, 2),
    "a pair": Count(2, 2, 2),
    "a single": Count(1, 1, 1),
}
_VAGUE_FACTOR: dict[str, int] = {"several": 3, "a few": 3, "a couple of": 2}
_MULTIPLE: dict[str, int] = {"dozen": 12, "hundred": 100, "thousand": 1_000}


def _alt(words: list[str]) -> str:
    """A regex alternation, longest first so that prefixes never shadow longer phrases."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_WORD_TOKEN = _alt([*WORD_NUMBERS, "dozen"])
_ATOM_RE = re.compile(
    rf"""
    (?P<mult>\b(?:{_alt(list(_VAGUE_FACTOR))})\s+(?:{_alt(list(_MULTIPLE))})\b)
    |(?P<vague>\b(?:{_alt(list(_VAGUE))})\b)
    |(?P<digits>(?<![\w.,:/])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?
        (?:\s+(?P<dscale>million|billion|thousand)\b)?)(?![\w])
    |(?P<words>\b(?:a\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?(?:{_WORD_TOKEN})
        (?:(?:\s+and\s+|\s*-\s*|\s+)(?:{_WORD_TOKEN}))*\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_TOKEN_RE = re.compile(r"[a-z]+", re.IGNORECASE)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# "May" is only a month when no verb follows ("5 may have died").
_MONTH_AFTER = rf"(?:{_MONTH}\b|may(?=\s*(?:[,.;:)]|$|\d)|\s+(?:and|to|in|at|on|last|this|when|of|the)\b))"
_DATE_BEFORE_RE = re.compile(rf"\b(?:{_MONTH}|may)\.?\s+(?:the\s+)?$", re.IGNORECASE)
_DATE_AFTER_RE = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?{_MONTH_AFTER}", re.IGNORECASE)

_UNIT_WORDS = (
    r"km|kms|kilomet(?:er|re)s?|miles?|m|metres?|meters?|feet|ft|foot|yards?|inch(?:es)?|cm|mm|kg|kgs|"
    r"kilos?|kilograms?|grams?|tons?|tonnes?|lbs?|pounds?|litres?|liters?|gallons?|barrels?|acres?|"
    r"hectares?|sq|square|degrees?|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|nights?|weeks?|"
    r"months?|years?|yrs?|decades?|centur(?:y|ies)|percent|per\s*cent|pc|%|a\.\s*m\.?|p\.\s*m\.?|am|pm|"
    r"o'clock|gmt|utc|bst|cet|eat|wat|local\s+time|dollars?|euros?|naira|shillings?|rupees?|yuan|yen|"
    r"francs?|dinars?|riyals?|rials?|birr|cedis?|rand|usd|eur|gbp|pesos?|bolivars?|liras?|rubles?|"
    r"roubles?|hryvnias?|afghanis?|kwacha|leones?|dirhams?|cfa|ksh|kes|ngn|inr|pkr|bn"
)
_UNIT_AFTER_RE = re.compile(rf"^\s*(?:of\s+)?(?:{_UNIT_WORDS})(?![a-z])", re.IGNORECASE)
_MONEY_BEFORE_RE = re.compile(
    r"(?:[$£€¥₦₹₱]\s*|\b(?:usd|eur|gbp|rs\.?|inr|ngn|kes|ksh|pkr|cfa)\s*)$", re.IGNORECASE
)
_AGE_BEFORE_RE = re.compile(r"\b(?:aged|ages?(?:\s+of)?)\s+$", re.IGNORECASE)
_ID_BEFORE_RE = re.compile(
    r"(?:#\s*|\b(?:no|nos|number|resolution|article|route|highway|road|flight|page|chapter|section|"
    r"room|gate|level|phase|platform|block|sector|zone|ward|unit|battalion|brigade|division|regiment|"
    r"squadron|corps|apartment|building|plot|code|version|channel|line|bus|grade|vol|volume|issue|item|"
    r"case|file|law|act|decree|order|exit|pier|terminal|camp|checkpoint|km|kilometre|kilometer|mile)"
    r"\.?\s+)$",
    re.IGNORECASE,
)
_YEAR_BEFORE_RE = re.compile(
    rf"\b(?:in|since|of|by|until|till|before|after|from|during|early|late|mid|year|summer|spring|"
    rf"autumn|fall|winter|through|{_MONTH}|may)[\s,.-]*$",
    re.IGNORECASE,
)
_COUNT_NOUN_AFTER_RE = re.compile(
    r"^\s+(?:[a-z]+\s+)?(?:people|persons|civilians|soldiers|troops|fighters|militants|rebels|insurgents|"
    r"protesters|protestors|demonstrators|students|residents|villagers|families|refugees|migrants|"
    r"children|women|men|police|policemen|officers|workers|prisoners|detainees|hostages|houses|homes|"
    r"buildings|rockets|missiles|shells|bombs|mortars|drones|vehicles|casualties|deaths|bodies|members|"
    r"supporters|others)\b|^\s+(?:were|have|had|died|killed)\b",
    re.IGNORECASE,
)
_PRONOUN_ONE_RE = re.compile(r"\b(?:no|any|every|some|the|this|that|each|which)\s+$", re.IGNORECASE)
_COMPOUND_OK_RE = re.compile(r"^-\s*(?:odd|plus|strong)\b", re.IGNORECASE)
_COMPOUND_RE = re.compile(r"^-\s*[a-z]", re.IGNORECASE)
# Parts of dates, times and codes written with digits ("2021-07-07", "5:30", "12/06/2021").
_NUMERIC_MASK_RE = re.compile(r"\d+(?:[-/.]\d+){2,}|\d{1,2}:\d{2}")

_LOWER_MODS = (
    "at least", "more than", "over", "above", "in excess of", "upwards of", "no fewer than",
    "no less than", "not less than", "a minimum of", "at a minimum",
)
_UPPER_MODS = (
    "up to", "as many as", "nearly", "almost", "close to", "just under", "fewer than", "less than",
    "under", "no more than", "not more than", "at most", "a maximum of", "just shy of",
)
_APPROX_MODS = (
    "about", "around", "some", "approximately", "roughly", "an estimated", "estimated", "approx.",
    "approx", "circa", "an approximate", "more or less", "perhaps", "possibly",
)
_MOD_KIND: dict[str, str] = {
    **dict.fromkeys(_LOWER_MODS, "lower"),
    **dict.fromkeys(_UPPER_MODS, "upper"),
    **dict.fromkeys(_APPROX_MODS, "approx"),
}
_PREFIX_RE = re.compile(rf"\b(?P<mod>{_alt(list(_MOD_KIND))})\s+$", re.IGNORECASE)
_SUFFIX_KIND: dict[str, str] = {
    "or more": "lower", "plus": "lower", "+": "lower", "-plus": "lower",
    "or fewer": "upper", "or less": "upper",
    "or so": "approx", "-odd": "approx", "odd": "approx",
}
_SUFFIX_RE = re.compile(
    r"^(?P<suf>\s*-\s*(?:plus|odd)\b|\+|\s+(?:or\s+more|or\s+fewer|or\s+less|or\s+so|plus|odd)\b)",
    re.IGNORECASE,
)
_RANGE_SEP_RE = re.compile("^\\s*(?:-|\u2013|\u2014|to|or)\\s*$", re.IGNORECASE)
_BETWEEN_SEP_RE = re.compile(r"^\s+(?:and|&)\s+$", re.IGNORECASE)
_BETWEEN_BEFORE_RE = re.compile(r"\bbetween\s+$", re.IGNORECASE)
# "a soldier" counts one; "a 25-year-old" is an age, not a count.
_ARTICLE_RE = re.compile(r"^\s*(?:a\s+single|a\s+lone|single|lone|an?)\b(?!\s*\d)", re.IGNORECASE)


class _Atom(NamedTuple):
    start: int
    end: int
    value: Count
    bad: bool  # excluded by its context (date, money, unit, ...), kept only to merge ranges
    exact: bool  # a plain figure that can form a range with another


def words_to_int(text: str) -> int | None:
    """Read a whole phrase of number words ("two hundred and fifty", "twenty-one"); None otherwise."""
    tokens = [t.lower() for t in _TOKEN_RE.findall(text)]
    parsed = _parse_words(tokens)
    if parsed is None or parsed[1] != len(tokens):
        return None
    return parsed[0]


def _parse_words(tokens: list[str]) -> tuple[int, int] | None:
    """Value of the longest valid prefix of number-word tokens and how many tokens it used."""
    total, current, last, used, smallest_scale = 0, 0, "", 0, 10**12
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        if tok == "a" and i == 0 and (nxt in _SCALES or nxt in ("hundred", "dozen")):
            current, last = 1, "unit"
        elif tok in _UNITS and last in ("", "tens", "hundred", "scale", "and"):
            current += _UNITS[tok]
            last = "unit"
        elif tok in _TEENS and last in ("", "hundred", "scale", "and"):
            current += _TEENS[tok]
            last = "teen"
        elif tok in _TENS and last in ("", "hundred", "scale", "and"):
            current += _TENS[tok]
            last = "tens"
        elif tok in ("hundred", "dozen") and last in ("unit", "teen", "tens") and 0 < current < 100:
            current *= 100 if tok == "hundred" else 12
            last = "hundred" if tok == "hundred" else "dozen"
        elif tok in _SCALES and last in ("unit", "teen", "tens", "hundred") and _SCALES[tok] < smallest_scale:
            total += current * _SCALES[tok]
            current, last, smallest_scale = 0, "scale", _SCALES[tok]
        elif tok == "and" and last in ("hundred", "scale") and nxt in {**_UNITS, **_TEENS, **_TENS}:
            last = "and"
            continue  # "and" is only kept when a number follows it
        else:
            break
        used = i + 1
    return (total + current, used) if used else None


def _digits_value(text: str, scale: str | None) -> int | None:
    """Integer value of "1,200", "45" or "1.5 million"; None for a bare decimal such as "2.5"."""
    number = text.split()[0].replace(",", "")
    if "." in number and not scale:
        return None
    try:
        value = Decimal(number) * (_SCALES[scale.lower()] if scale else 1)
    except (InvalidOperation, KeyError):
        return None
    return int(value) if value == value.to_integral_value() else None


def _atom_from_match(text: str, m: re.Match[str]) -> tuple[_Atom | None, int]:
    """Read one regex match; returns the atom (or None) and where scanning goes on."""
    if m.group("mult"):
        factor, multiple = m.group("mult").lower().rsplit(None, 1)
        best = _VAGUE_FACTOR[" ".join(factor.split())] * _MULTIPLE[multiple]
        return _Atom(m.start(), m.end(), Count(None, best, None), False, False), m.end()
    if m.group("vague"):
        count = _VAGUE[" ".join(m.group("vague").lower().split())]
        return _Atom(m.start(), m.end(), count, False, False), m.end()
    if m.group("digits"):
        value = _digits_value(m.group("digits"), m.group("dscale"))
        if value is None:
            return None, m.end()
        return _Atom(m.start(), m.end(), Count(value, value, value), False, True), m.end()
    return _words_atom(m)


def _words_atom(m: re.Match[str]) -> tuple[_Atom | None, int]:
    tokens = list(_TOKEN_RE.finditer(m.group(0)))
    parsed = _parse_words([t.group(0).lower() for t in tokens])
    if parsed is None:
        return None, m.start() + tokens[0].end()
    value, used = parsed
    end = m.start() + tokens[used - 1].end()
    words = {t.group(0).lower() for t in tokens[:used]}
    exact = "dozen" not in words
    count = Count(value, value, value) if exact else Count(None, value, None)
    return _Atom(m.start(), end, count, False, exact), end


def _is_excluded(text: str, start: int, end: int, single_one: bool) -> bool:
    """Context that makes a number something other than a count."""
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    if _COMPOUND_RE.match(after) and not _COMPOUND_OK_RE.match(after):
        return True  # "25-year-old", "10-day", "three-storey"
    if re.search(r"[a-z]-\s*$", before, re.IGNORECASE) or re.match(r"^[.,:/]\d", after):
        return True  # "F-16", "Su-25", "5.30pm"
    if single_one and _PRONOUN_ONE_RE.search(before):
        return True  # "no one", "the one who"
    return bool(
        _UNIT_AFTER_RE.match(after)
        or _MONEY_BEFORE_RE.search(before)
        or _AGE_BEFORE_RE.search(before)
        or _ID_BEFORE_RE.search(before)
    )


def _scan_atoms(text: str) -> list[_Atom]:
    masks = [(m.start(), m.end()) for m in _NUMERIC_MASK_RE.finditer(text)]
    atoms: list[_Atom] = []
    pos = 0
    while (m := _ATOM_RE.search(text, pos)) is not None:
        atom, pos = _atom_from_match(text, m)
        if atom is None:
            continue
        masked = any(s < atom.end and atom.start < e for s, e in masks)
        single_one = text[atom.start : atom.end].lower() == "one"
        bad = masked or _is_excluded(text, atom.start, atom.end, single_one)
        atoms.append(atom._replace(bad=bad))
    return atoms


def _merge_ranges(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """Join "10-15", "10 to 15", "10 or 15" and "between 10 and 15" into one range atom."""
    merged: list[_Atom] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        if b is not None and a.exact and b.exact and b.value.best > a.value.best:
            gap = text[a.end : b.start]
            between = _BETWEEN_BEFORE_RE.search(text[max(0, a.start - 20) : a.start])
            if _RANGE_SEP_RE.match(gap) or (between and _BETWEEN_SEP_RE.match(gap)):
                start = a.start - (len(between.group(0)) if between else 0)
                count = Count(a.value.best, a.value.best, b.value.best)
                merged.append(_Atom(start, b.end, count, a.bad or b.bad, False))
                i += 2
                continue
        merged.append(a)
        i += 1
    return merged


def _is_date_or_year(text: str, atom: _Atom) -> bool:
    before, after = text[max(0, atom.start - 40) : atom.start], text[atom.end : atom.end + 60]
    if _DATE_BEFORE_RE.search(before) or _DATE_AFTER_RE.match(after):
        return True
    figure = text[atom.start : atom.end]
    first = re.match(r"(?:between\s+)?(\d+)", figure, re.IGNORECASE)
    if first is None or len(first.group(1)) != 4 or not 1800 <= int(first.group(1)) <= 2100:
        return False
    if _PREFIX_RE.search(before):
        return False  # "at least 2000"
    return bool(_YEAR_BEFORE_RE.search(before)) or not _COUNT_NOUN_AFTER_RE.match(after)


def _apply_modifiers(text: str, atom: _Atom, floor: int) -> NumberMatch:
    """Extend the span over "at least", "or so", ... and turn the wording into bounds."""
    start, end, (low, best, high) = atom.start, atom.end, atom.value
    kind = ""
    prefix = _PREFIX_RE.search(text[max(floor, start - 30) : start])
    if prefix is not None:
        kind = _MOD_KIND[" ".join(prefix.group("mod").lower().split())]
        start -= len(prefix.group(0))
    suffix = _SUFFIX_RE.match(text[end : end + 20])
    if suffix is not None:
        kind = _SUFFIX_KIND[re.sub(r"\s+", " ", suffix.group("suf").strip().lower()).replace("- ", "-")]
        end += len(suffix.group(0))
    if kind == "lower":
        low, high = best, None
    elif kind == "upper":
        low, high = None, best
    elif kind == "approx" and low == high:
        low = high = None
    return NumberMatch(start, end, low, best, high)


def find_counts(sentence_text: str) -> list[NumberMatch]:
    """All count expressions in `sentence_text`, left to right, with offsets into that string.

    Each match's ``sentence_text[start:end]`` covers the modifiers read ("at least 14", "between
    10 and 15", "50 or so"); years, dates, times, ages, money, percentages, measures, ordinals and
    numbers inside ids are skipped (see the module docstring).
    """
    atoms = _merge_ranges(sentence_text, _scan_atoms(sentence_text))
    found: list[NumberMatch] = []
    floor = 0
    for atom in atoms:
        if atom.bad or _is_date_or_year(sentence_text, atom):
            continue
        match = _apply_modifiers(sentence_text, atom, floor)
        found.append(match)
        floor = match.end
    return found


def parse_count(text: str) -> Count | None:
    """Read a count expression ("at least 14", "a dozen", "two people") as ``(low, best, high)``.

    The first count in `text` wins; a leading "a"/"an"/"single"/"lone" counts as one. Years, ages,
    ordinals, percentages, money and other non-counts give None.
    """
    matches = find_counts(text)
    if matches:
        return matches[0].quantity
    if _ARTICLE_RE.match(text):
        return Count(1, 1, 1)
    return None
