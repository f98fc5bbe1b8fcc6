"""Count expressions: conservative (low, best, high) readings and their spans in a sentence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.pipeline.numbers import (
    WORD_NUMBERS,
    Count,
    NumberMatch,
    find_counts,
    parse_count,
    words_to_int,
)

_ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _spell(n: int) -> str:
    """English words for 1..99 ("twenty-one"), written independently of the module under test."""
    if n < 10:
        return _ONES[n]
    if n < 20:
        return _TEENS[n - 10]
    tens, ones = divmod(n, 10)
    return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,200", (1200, 1200, 1200)),
        ("14", (14, 14, 14)),
        ("fourteen", (14, 14, 14)),
        ("twenty-one", (21, 21, 21)),
        ("twenty one", (21, 21, 21)),
        ("a hundred", (100, 100, 100)),
        ("two hundred and fifty", (250, 250, 250)),
        ("one thousand two hundred", (1200, 1200, 1200)),
        ("1.5 million", (1_500_000, 1_500_000, 1_500_000)),
        ("3 million", (3_000_000, 3_000_000, 3_000_000)),
        ("at least 14", (14, 14, None)),
        ("at least fourteen", (14, 14, None)),
        ("more than 20", (20, 20, None)),
        ("over 20", (20, 20, None)),
        ("no fewer than 20", (20, 20, None)),
        ("20 or more", (20, 20, None)),
        ("20-plus", (20, 20, None)),
        ("up to 100", (None, 100, 100)),
        ("as many as 100", (None, 100, 100)),
        ("nearly 30", (None, 30, 30)),
        ("almost 30", (None, 30, 30)),
        ("about 50", (None, 50, None)),
        ("around 50", (None, 50, None)),
        ("some 50", (None, 50, None)),
        ("an estimated 50", (None, 50, None)),
        ("50 or so", (None, 50, None)),
        ("20-odd", (None, 20, None)),
        ("a dozen", (None, 12, None)),
        ("two dozen", (None, 24, None)),
        ("half a dozen", (None, 6, None)),
        ("dozens", (12, 12, None)),
        ("scores of", (20, 20, None)),
        ("tens of", (10, 10, None)),
        ("hundreds", (100, 100, None)),
        ("thousands", (1000, 1000, None)),
        ("tens of thousands", (10_000, 10_000, None)),
        ("hundreds of thousands", (100_000, 100_000, None)),
        ("several", (3, 3, None)),
        ("several hundred", (None, 300, None)),
        ("a few", (None, 3, None)),
        ("a handful of", (None, 3, None)),
        ("a couple of", (2, 2, None)),
        ("a pair", (2, 2, 2)),
        ("a pair of", (2, 2, 2)),
        ("a", (1, 1, 1)),
        ("an", (1, 1, 1)),
        ("one", (1, 1, 1)),
        ("a single", (1, 1, 1)),
        ("single", (1, 1, 1)),
        ("a soldier", (1, 1, 1)),
        ("two people", (2, 2, 2)),
        ("between 10 and 15", (10, 10, 15)),
        ("between ten and fifteen", (10, 10, 15)),
        ("10-15", (10, 10, 15)),
        ("10 to 15", (10, 10, 15)),
        ("10 or 12", (10, 10, 12)),
        ("0", (0, 0, 0)),
        ("zero", (0, 0, 0)),
        ("2000 people", (2000, 2000, 2000)),
        ("at least 2000", (2000, 2000, None)),
        ("a 200-strong crowd", (200, 200, 200)),
    ],
)
def test_parse_count(text: str, expected: tuple[int | None, int, int | None]) -> None:
    assert parse_count(text) == Count(*expected)


@pytest.mark.parametrize(
    "text",
    [
        "2019", "in 2019", "first", "the second", "1st", "50%", "50 percent", "12 per cent", "$50",
        "US$ 3 million", "5 million dollars", "25-year-old", "a 25-year-old", "aged 30", "30 years old",
        "28 June", "June 28", "28-30 June", "5 a.m.", "5:30", "17:00", "2021-07-07", "F-16", "MH17",
        "COVID-19", "Resolution 2254", "no one", "many", "numerous", "none", "", "three days", "10 km",
        "2.5", "the 1990s", "hundreds of miles",
    ],
)
def test_non_counts(text: str) -> None:
    assert parse_count(text) is None


def test_find_counts_in_a_sentence() -> None:
    text = ("At least 14 people, among them a 25-year-old, died on 28 June 2021 at 5 a.m. when two F-16 jets "
            "struck; between 10 and 15 were hurt, dozens fled and about 3% of homes burned.")
    found = [(text[m.start:m.end], m.low, m.best, m.high) for m in find_counts(text)]
    assert found == [
        ("At least 14", 14, 14, None),
        ("two", 2, 2, 2),
        ("between 10 and 15", 10, 10, 15),
        ("dozens", 12, 12, None),
    ]


def test_find_counts_offsets_are_relative_to_the_string() -> None:
    text = "Police said some 40 protesters and nearly thirty officers were injured."
    found = find_counts(text)
    assert [text[m.start:m.end] for m in found] == ["some 40", "nearly thirty"]
    assert found[0] == NumberMatch(12, 19, None, 40, None)


def test_find_counts_unpacks_as_plain_tuples() -> None:
    for start, end, low, best, high in find_counts("Rebels fired 12 rockets."):
        assert (start, end, low, best, high) == (13, 15, 12, 12, 12)


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("Officials said 5 may have died.", [5]),
        ("Two thousand troops arrived in May 2020.", [2000]),
        ("Seven were killed, not 2,300 as first claimed.", [7, 2300]),
        ("The 2019 attack killed 4.", [4]),
        ("One of the three wounded died.", [1, 3]),
        ("Flight 302 crashed with 157 people aboard.", [157]),
        ("Gunmen abducted 1,050 pupils from a school on 3 May.", [1050]),
    ],
)
def test_find_counts_figures(text: str, figures: list[int]) -> None:
    assert [m.best for m in find_counts(text)] == figures


def test_word_numbers_table() -> None:
    assert (WORD_NUMBERS["twenty"], WORD_NUMBERS["hundred"], WORD_NUMBERS["million"]) == (20, 100, 10**6)
    assert words_to_int("two hundred and fifty") == 250
    assert words_to_int("one two") is None
    assert words_to_int("dozens") is None


# ------------------------------------------------------------------------------ properties


@settings(max_examples=300)
@given(text=st.text(max_size=120))
def test_never_raises_and_offsets_slice_non_empty_text(text: str) -> None:
    parse_count(text)
    last_end = 0
    for m in find_counts(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end].strip()
        assert m.start >= last_end
        last_end = m.end


_NEWSY = st.lists(
    st.one_of(
        st.sampled_from([
            "at least", "about", "up to", "between", "and", "killed", "people", "June", "year-old", "aged",
            "dozens", "a", "few", "%", "$", "-", ",", "2019", "5 a.m.", "or so", "F-16",
        ]),
        st.integers(0, 100_000).map(str),
        st.integers(1, 99).map(_spell),
    ),
    max_size=15,
).map(" ".join)


@settings(max_examples=300)
@given(text=_NEWSY)
def test_newsy_text_offsets(text: str) -> None:
    for m in find_counts(text):
        assert text[m.start:m.end].strip()
        assert m.low is None or m.low <= m.best
        assert m.high is None or m.best <= m.high


@settings(max_examples=500)
@given(n=st.integers(0, 100_000))
def test_digits_round_trip(n: int) -> None:
    assert parse_count(f"{n:,}") == Count(n, n, n)
    assert parse_count(f"{n} people") == Count(n, n, n)
    if not 1800 <= n <= 2100:  # a bare 4-digit number in this range reads as a year
        assert parse_count(str(n)) == Count(n, n, n)


@pytest.mark.parametrize("n", range(1, 100))
def test_words_round_trip(n: int) -> None:
    assert parse_count(_spell(n)) == Count(n, n, n)
    assert parse_count(_spell(n).replace("-", " ")) == Count(n, n, n)
    assert parse_count(f"at least {_spell(n)} people") == Count(n, n, None)
