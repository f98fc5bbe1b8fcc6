"""Where a mention stands in the article's layout: a headline or a caption is a short line of its own that
ends without a full stop ("Gunmen kill 12 in raid on market", "A man walks past a burnt-out car in the square").
Such a line restates an incident the body reports (`grouping.display_line_joins`), unless it comes after the
body, where a page lists the headlines of other stories (`grouping.trailing_teaser`).
"""

from __future__ import annotations

import re

# A line this long is a paragraph, not a headline or a caption.
MAX_DISPLAY_WORDS = 25
_CLOSING = frozenset('.!?,;:"”’\'')
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’]?\s+[A-Z]")  # a line that holds two sentences is a paragraph


def on_display_line(text: str, offset: int, header_end: int = 0) -> bool:
    """The character at `offset` lies on a headline or caption line: a text of several lines, a line of at most
    MAX_DISPLAY_WORDS words that starts as a sentence does and ends without closing punctuation, and is not
    hard-wrapped running text (the next line would then go on in lower case). A date header before the line
    (up to `header_end`) is not part of it."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    if line_end < 0:
        line_end = len(text)
    if line_start == 0 and line_end == len(text):
        return False  # one line: a note or a paragraph, no layout to read
    line = text[max(line_start, header_end):line_end].strip()
    if not line or not (line[0].isupper() or line[0].isdigit()) or line[-1] in _CLOSING:
        return False
    if len(line.split()) > MAX_DISPLAY_WORDS or _SENTENCE_BREAK.search(line):
        return False
    following = text[line_end + 1:line_end + 200].lstrip(" \t\r")
    if not following.startswith("\n"):  # no blank line after it: wrapped text goes on in lower case
        following = following.strip()
        if following and following[0].islower():
            return False
    # (last, as the dearest test) an all-capitals wire: every line starts as a sentence does, wrapped or not
    return not _shouting(text)


def _shouting(text: str, sample: int = 2000) -> bool:
    """The text is set in capitals (old wire copy): its case tells nothing of its layout."""
    letters = [c for c in text[:sample] if c.isalpha()]
    return bool(letters) and sum(c.islower() for c in letters) < 0.1 * len(letters)


def after_the_body(text: str, offset: int, header_end: int = 0) -> bool:
    """The line at `offset` comes after the article's running text: a paragraph (a line ending with closing
    punctuation) stands before it, and none after it: what follows, if anything, is more short lines ("Read
    more", the headlines of other stories)."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    if line_end < 0:
        line_end = len(text)
    before = [line.strip() for line in text[header_end:line_start].splitlines() if line.strip()]
    after = [line.strip() for line in text[line_end:].splitlines() if line.strip()]
    return any(_paragraph(line) for line in before) and not any(_paragraph(line) for line in after)


def _paragraph(line: str) -> bool:
    return line[-1] in _CLOSING or len(line.split()) > MAX_DISPLAY_WORDS
