"""What the stages of one article share: its text and parse, and what each stage assigns for the next."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc, Span

from eventwire.gazetteer.index import Gazetteer
from eventwire.model import Article, Event, Place, header_length
from eventwire.pipeline.clauses import where_clauses
from eventwire.pipeline.draft import Draft
from eventwire.pipeline.places import Resolved
from eventwire.pipeline.sentences import bounded_sentences
from eventwire.pipeline.toponyms import Toponym
from eventwire.pipeline.triggers import Trigger


@dataclass(eq=False)
class ArticleContext:
    """One article as it goes through the stages. Each stage reads the attributes it `requires` and sets the
    ones it `assigns` (see `stages.STAGES`)."""

    article: Article
    nlp: Language
    gazetteer: Gazetteer
    explain: bool = False  # record every field's candidates (`Draft.decisions`) for `eventwire explain`
    doc: Doc | None = None  # parse
    toponyms: list[Toponym] = field(default_factory=list)  # toponyms: place mentions after the header
    resolved: list[Resolved] = field(default_factory=list)  # geocode: one reading per mention, no continents
    main_country: Place | None = None  # geocode: the country most mentions lie in
    triggers: list[Trigger] = field(default_factory=list)  # triggers: every trigger word, with why it was dropped
    sentence_triggers: dict[int, list[Trigger]] = field(default_factory=dict)  # mentions: reporting triggers
    drafts: list[Draft] = field(default_factory=list)  # mentions, then every per-field stage
    merged: list[Draft] = field(default_factory=list)  # grouping: one draft per incident
    events: list[Event] = field(default_factory=list)  # events, links
    _paragraph_matches: dict[tuple[str, int, int], bool] = field(default_factory=dict, repr=False)

    # -- the layout of the text, computed once when a stage first asks ----------------------------------------
    @property
    def text(self) -> str:
        return self.article.text

    @property
    def parsed(self) -> Doc:
        if self.doc is None:
            raise RuntimeError("the article is not parsed yet (the parse stage runs first)")
        return self.doc

    @cached_property
    def header_end(self) -> int:
        """Where the text proper begins (after a ` date YYYY-MM-DD` header)."""
        return header_length(self.text)

    @cached_property
    def sents(self) -> list[Span]:
        return list(bounded_sentences(self.parsed))

    @cached_property
    def recalled_clauses(self) -> list[list[tuple[int, int]]]:
        """Per sentence, the character ranges of its clauses that recall another incident (clauses.py)."""
        return [where_clauses(sent) for sent in self.sents]

    @cached_property
    def date_ents(self) -> dict[int, list[Span]]:
        """DATE/TIME entities by sentence index (grouped once: a scan per sentence is quadratic)."""
        starts = [s.start for s in self.sents]
        grouped: dict[int, list[Span]] = {}
        for ent in self.parsed.ents:
            if ent.label_ in ("DATE", "TIME"):
                grouped.setdefault(bisect.bisect_right(starts, ent.start) - 1, []).append(ent)
        return grouped

    @cached_property
    def paragraph_starts(self) -> list[int]:
        """Character offsets where paragraphs begin: after a blank line, or a line break before a capital."""
        starts = [0]
        for match in re.finditer(r"\n\s*\n|\n(?=\s*[A-Z“\"])", self.text):
            starts.append(match.end())
        return starts

    def paragraph_of(self, offset: int) -> int:
        """The paragraph (index into `paragraph_starts`) that holds a character offset."""
        return max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)

    def paragraph_text(self, index: int) -> str:
        """The text of a paragraph (an index into `paragraph_starts`)."""
        starts = self.paragraph_starts
        return self.text[starts[index]: starts[index + 1] if index + 1 < len(starts) else len(self.text)]

    def paragraph_has(self, pattern: re.Pattern[str], offset: int) -> bool:
        """Whether the paragraph holding a character offset matches `pattern`; searched once per paragraph and
        pattern (a paragraph may hold thousands of mentions, each asking)."""
        key = (pattern.pattern, int(pattern.flags), self.paragraph_of(offset))
        found = self._paragraph_matches.get(key)
        if found is None:
            found = self._paragraph_matches[key] = bool(pattern.search(self.paragraph_text(key[2])))
        return found

    def drafts_by_sentence(self) -> dict[int, list[Draft]]:
        grouped: dict[int, list[Draft]] = {}
        for d in self.drafts:
            grouped.setdefault(d.trigger.sentence_index, []).append(d)
        return grouped
