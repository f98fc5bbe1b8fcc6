"""Provisional count finder (to be replaced by the full one)."""

from __future__ import annotations

import re

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15, "twenty": 20, "several": 3,
          "dozens": 12, "a dozen": 12, "hundreds": 100, "scores": 20}
_PAT = re.compile(r"\b(?:(at least|more than|over|some|about|around|up to)\s+)?(\d[\d,]*|" +
                  "|".join(sorted(_WORDS, key=len, reverse=True)) + r")\b", re.I)


def find_counts(text: str) -> list[tuple[int, int, int | None, int, int | None]]:
    out = []
    for m in _PAT.finditer(text):
        raw = m.group(2).lower()
        if raw[0].isdigit():
            value = int(raw.replace(",", ""))
            if 1900 <= value <= 2100:
                continue
        else:
            value = _WORDS[raw]
        out.append((m.start(), m.end(), value, value, None))
    return out
