"""`Toponym`: a place mention of the text - its span, the gazetteer readings it may have and what the words
around it say of it."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from eventwire.gazetteer.index import Candidate


@dataclass
class Toponym:
    """A place mention: its span, the names it may refer to and how it was found."""

    start: int  # character offsets in the article text
    end: int
    text: str
    sentence_index: int
    candidates: tuple[Candidate, ...]
    source: str  # "gazetteer", "ner", "pattern", "skeleton", "demonym"
    ner_label: str | None = None
    locative: bool = False  # introduced by in / at / near ...
    near: bool = False  # "near X", "outside X", "north of X": geo_precision 2
    token_start: int = 0
    token_end: int = 0
    demonym_only: bool = False
    origin: bool = False  # "from Lebanon": where something came from, not where it happened
    region_word: bool = False  # followed by "province", "region", "oblast" ...: an admin region is meant
    # "rural Idlib", "Aleppo countryside", "the northern countryside of Raqqa": the land around a town, which
    # such reports mean as the province named after it
    countryside: bool = False
    modifier: bool = False  # "US dollar", "US forces": names whose country, not where something happened
    outlet: bool = False  # "Radio Free Asia", "the Kyiv Post": part of a news outlet's name, never an event's place
    listed: bool = False  # "(Biu LGA, Borno)": part of an administrative listing
    qualifier: str | None = None  # "Parkland, Florida": the normalized name of the region or country that follows
    qualifies: bool = False  # "Florida" of "Parkland, Florida": says which town another name is, so a region
    rules: tuple[str, ...] = ()  # the rules that made it a place mention


def make_toponym(span: Span, sent_index: dict[int, int], cands: tuple[Candidate, ...], source: str,
                 label: str | None, offset: int, rules: tuple[str, ...] = ()) -> Toponym:
    return Toponym(
        start=span.start_char + offset, end=span.end_char + offset, text=span.text,
        sentence_index=sent_index.get(span.start, 0), candidates=cands, source=source, ner_label=label,
        token_start=span.start, token_end=span.end, rules=rules,
    )
