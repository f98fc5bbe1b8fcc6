"""The vocabulary of the extraction core, read once from data: `data/vocabulary.toml` (every word list, phrase
list and word pattern the stages use, each with what it is for) and `data/triggers.csv` (the trigger words).

Triggers are keyed by lemma (lower case). Each maps to a `TriggerSense`: the event family it signals and,
where the word alone decides it, the weapon. Rules (`data/rules/*.toml`, applied in the stages) refine the
sense in context; this module only names the words.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

_DATA = resources.files("eventwire.pipeline") / "data"
_VOCABULARY: dict[str, Any] = tomllib.loads((_DATA / "vocabulary.toml").read_text(encoding="utf-8"))


def _section(name: str) -> dict[str, Any]:
    try:
        found: dict[str, Any] = _VOCABULARY[name]
    except KeyError:
        raise KeyError(f"no list {name!r} in pipeline/data/vocabulary.toml") from None
    return found


def words(name: str) -> frozenset[str]:
    """A word list of the vocabulary, as a set."""
    return frozenset(_section(name)["words"])


def phrases(name: str) -> tuple[str, ...]:
    """A list of the vocabulary in its written order (where the first match wins)."""
    return tuple(_section(name)["words"])


def mapping(name: str) -> dict[str, str]:
    return dict(_section(name)["map"])


def pattern(name: str, flags: int = 0) -> re.Pattern[str]:
    """A word pattern of the vocabulary (a regular expression, for inflected or multi-word forms)."""
    return re.compile(_section(name)["pattern"].strip(), flags)


def pattern_text(name: str) -> str:
    return str(_section(name)["pattern"]).strip()


@dataclass(frozen=True, slots=True)
class TriggerSense:
    family: str  # "violence", "protest", "riot", "arrest", "abduction", "interception", "looting",
    #              "territory_lost", "territory_regained", "agreement", "base", "sexual", "clash", "casualty"
    weapon: str | None = None
    strength: float = 0.7  # prior confidence that the word reports an incident


def _triggers() -> tuple[dict[str, TriggerSense], dict[str, TriggerSense]]:
    verbs: dict[str, TriggerSense] = {}
    nouns: dict[str, TriggerSense] = {}
    text = (_DATA / "triggers.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO("".join(line for line in text.splitlines(keepends=True)
                                              if not line.startswith("#"))))
    for row in rows:
        table = verbs if row["pos"] == "verb" else nouns
        table[row["lemma"]] = TriggerSense(row["family"], row["weapon"] or None, float(row["strength"]))
    return verbs, nouns


# Verbs and nouns (by lemma) that report an incident.
VERB_TRIGGERS, NOUN_TRIGGERS = _triggers()

WEAPON_WORDS: dict[str, str] = mapping("weapon_words")
MUNITION_NOUNS = words("munition_nouns")
KILLED_WORDS = words("killed_words")
INJURED_WORDS = words("injured_words")
CAPTURED_WORDS = words("captured_words")
NEGATION_WORDS = words("negation_words")
DENIAL_LEMMAS = words("denial_lemmas")
HYPOTHETICAL_LEMMAS = words("hypothetical_lemmas")
ABSTRACT_SUBJECTS = words("abstract_subjects")
TREND_LEMMAS = words("trend_lemmas")
REFERENCE_HEADS = words("reference_heads")
BACKGROUND_PHRASES = phrases("background_phrases")
