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

from eventwire.pipeline import rules
from eventwire.pipeline.number_context import (
    MOD_KIND,
    NUMERIC_MASK_RE,
    PREFIX_RE,
    alternation,
    is_date_or_year,
    is_excluded,
)
from eventwire.pipeline.rules import rule

__all__ = ["WORD_NUMBERS", "Count", "NumberMatch", "find_counts", "find_counts_traced", "parse_count", "words_to_int"]

R_VAGUE = rule("counts.vague_quantity")
R_MULTIPLE = rule("counts.vague_multiple")
R_DOZEN = rule("counts.dozen")
R_RANGE = rule("counts.range_lowest")
R_LOWER = rule("counts.lower_bound")
R_UPPER = rule("counts.upper_bound")
R_APPROX = rule("counts.approximate")
R_MASKED = rule("counts.numeric_date_or_time")
R_ARTICLE = rule("counts.article_is_one")
_READING_RULES = {"vague": R_VAGUE, "multiple": R_MULTIPLE, "dozen": R_DOZEN}
_MODIFIER_RULES = {"lower": R_LOWER, "upper": R_UPPER, "approx": R_APPROX}


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


_WORD_TOKEN = alternation([*WORD_NUMBERS, "dozen"])
_ATOM_RE = re.compile(
    rf"""
    (?P<mult>\b(?:{alternation(list(_VAGUE_FACTOR))})\s+(?:{alternation(list(_MULTIPLE))})\b)
    |(?P<vague>\b(?:{alternation(list(_VAGUE))})\b)
    |(?P<digits>(?<![\w.,:/])(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?
        (?:\s+(?P<dscale>million|billion|thousand)\b)?)(?![\w])
    |(?P<words>\b(?:a\s+(?=(?:hundred|thousand|million|billion|dozen)\b))?(?:{_WORD_TOKEN})
        (?:(?:\s+and\s+|\s*-\s*|\s+)(?:{_WORD_TOKEN}))*\b)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_TOKEN_RE = re.compile(r"[a-z]+", re.IGNORECASE)

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
    reading: str = ""  # "vague", "multiple", "dozen", "range" where a convention read it


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
        return _Atom(m.start(), m.end(), Count(None, best, None), False, False, "multiple"), m.end()
    if m.group("vague"):
        count = _VAGUE[" ".join(m.group("vague").lower().split())]
        return _Atom(m.start(), m.end(), count, False, False, "vague"), m.end()
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
    return _Atom(m.start(), end, count, False, exact, "" if exact else "dozen"), end


def _scan_atoms(text: str) -> list[_Atom]:
    masks = [(m.start(), m.end()) for m in NUMERIC_MASK_RE.finditer(text)]
    atoms: list[_Atom] = []
    pos = 0
    while (m := _ATOM_RE.search(text, pos)) is not None:
        atom, pos = _atom_from_match(text, m)
        if atom is None:
            continue
        masked = any(s < atom.end and atom.start < e for s, e in masks) and R_MASKED.applies()
        single_one = text[atom.start : atom.end].lower() == "one"
        bad = masked or is_excluded(text, atom.start, atom.end, single_one)
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
            if (_RANGE_SEP_RE.match(gap) or (between and _BETWEEN_SEP_RE.match(gap))) and R_RANGE.applies():
                start = a.start - (len(between.group(0)) if between else 0)
                count = Count(a.value.best, a.value.best, b.value.best)
                merged.append(_Atom(start, b.end, count, a.bad or b.bad, False, "range"))
                i += 2
                continue
        merged.append(a)
        i += 1
    return merged


def _apply_modifiers(text: str, atom: _Atom, floor: int) -> NumberMatch:
    """Extend the span over "at least", "or so", ... and turn the wording into bounds."""
    start, end, (low, best, high) = atom.start, atom.end, atom.value
    kind = ""
    prefix = PREFIX_RE.search(text[max(floor, start - 30) : start])
    if prefix is not None and _MODIFIER_RULES[MOD_KIND[" ".join(prefix.group("mod").lower().split())]].applies():
        kind = MOD_KIND[" ".join(prefix.group("mod").lower().split())]
        start -= len(prefix.group(0))
    suffix = _SUFFIX_RE.match(text[end : end + 20])
    if suffix is not None:
        suffix_kind = _SUFFIX_KIND[re.sub(r"\s+", " ", suffix.group("suf").strip().lower()).replace("- ", "-")]
        if _MODIFIER_RULES[suffix_kind].applies():
            kind = suffix_kind
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
    return [match for match, _rules in find_counts_traced(sentence_text)]


def find_counts_traced(sentence_text: str) -> list[tuple[NumberMatch, tuple[str, ...]]]:
    """`find_counts`, each match with the ids of the rules that read it."""
    atoms = _merge_ranges(sentence_text, _scan_atoms(sentence_text))
    found: list[tuple[NumberMatch, tuple[str, ...]]] = []
    floor = 0
    for atom in atoms:
        if atom.bad or is_date_or_year(sentence_text, atom.start, atom.end):
            continue
        mark = rules.mark()
        reading = _READING_RULES.get(atom.reading)
        if reading is not None and not reading.applies():
            continue  # the convention that reads it is switched off: not a count
        match = _apply_modifiers(sentence_text, atom, floor)
        read_by = (R_RANGE.id,) if atom.reading == "range" else ()  # (the range rule fired when merging)
        found.append((match, (*read_by, *rules.since(mark))))
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
    if _ARTICLE_RE.match(text) and R_ARTICLE.applies():
        return Count(1, 1, 1)
    return None
