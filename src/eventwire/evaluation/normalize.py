"""Name normalisation for scoring: countries to ISO alpha-2, admin1 keys, actor token agreement."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import pycountry
from rapidfuzz.distance import Indel

# Names ACLED (and news) use that pycountry does not know. Keys are folded (see `fold`).
_COUNTRY_ALIASES: dict[str, str] = {
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "dr congo": "CD",
    "drc": "CD",
    "congo kinshasa": "CD",
    "republic of congo": "CG",
    "republic of the congo": "CG",
    "congo brazzaville": "CG",
    "palestine": "PS",
    "state of palestine": "PS",
    "palestinian territories": "PS",
    "occupied palestinian territory": "PS",
    "gaza": "PS",
    "gaza strip": "PS",
    "west bank": "PS",
    "russia": "RU",
    "ivory coast": "CI",
    "turkey": "TR",
    "micronesia": "FM",
    "kosovo": "XK",
    "cape verde": "CV",
    "east timor": "TL",
    "vatican city": "VA",
    "vatican": "VA",
    "macedonia": "MK",
    "brunei": "BN",
    "caribbean netherlands": "BQ",
    "saint martin": "MF",
    "swaziland": "SZ",
    "burma": "MM",
    "macau": "MO",
    "usa": "US",
    "us": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "uae": "AE",
    "emirates": "AE",
    "czech republic": "CZ",
    "bailiwick of guernsey": "GG",
    "bailiwick of jersey": "JE",
    "british virgin islands": "VG",
    "us virgin islands": "VI",
    "united states virgin islands": "VI",
    "falklands": "FK",
    "south korea": "KR",
    "north korea": "KP",
    "syria": "SY",
    "iran": "IR",
    "laos": "LA",
    "vietnam": "VN",
    "gambia": "GM",
    "bahamas": "BS",
    "netherlands": "NL",
    "holland": "NL",
}

_ADMIN_SUFFIXES = frozenset({
    "governorate", "province", "provincia", "oblast", "region", "state", "department", "departamento",
    "prefecture", "county", "division", "territory", "krai", "wilayah", "vilayet", "muhafazah", "city",
    "autonomous", "municipality", "area", "republic", "nct",
})
_ADMIN_PREFIXES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "la"})

_STOPWORDS = frozenset({
    "the", "of", "and", "a", "an", "in", "on", "at", "for", "from", "by", "to", "with", "its", "their", "de",
    "del", "la", "le", "les", "des",
    # pronouns: an argument such as "their" or "he" names nobody
    "he", "she", "it", "they", "them", "his", "her", "we", "our", "who", "which", "this", "that",
})

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Lower-case ASCII-ish form: accents removed, punctuation and hyphens to single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_ALNUM.sub(" ", stripped.casefold()).strip()


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        code = str(country.alpha_2)
        for attr in ("name", "official_name", "common_name", "alpha_2", "alpha_3"):
            value = getattr(country, attr, None)
            if isinstance(value, str):
                index.setdefault(fold(value), code)
    index.update(_COUNTRY_ALIASES)
    return index


@lru_cache(maxsize=4096)
def country_code(name: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code for a country name, alpha-2 or alpha-3 code; None if unknown.

    Tolerant of case, accents, punctuation and a leading "the"; knows ACLED's own names
    ("Democratic Republic of Congo", "Palestine", "Russia", "Ivory Coast", ...).
    """
    if not name:
        return None
    key = fold(name)
    if key.startswith("the "):
        key = key[4:]
    return _country_index().get(key)


def same_country(a: str | None, b: str | None) -> bool | None:
    """True/False when both names are given (by ISO code, else by folded name); None if either is missing."""
    if not a or not b:
        return None
    code_a, code_b = country_code(a), country_code(b)
    if code_a and code_b:
        return code_a == code_b
    return fold(a) == fold(b)


def admin1_key(name: str | None) -> str | None:
    """Comparable key for an admin1 name: folded, without "al-"/"el-" prefixes and "Province"-like
    suffixes, spaces and hyphens removed ("Deir ez-Zor Governorate" -> "deirezzor")."""
    if not name:
        return None
    tokens = fold(name).split()
    while len(tokens) > 1 and tokens[-1] in _ADMIN_SUFFIXES:
        tokens.pop()
    if len(tokens) > 1 and tokens[0] in _ADMIN_SUFFIXES and tokens[1] == "of":
        tokens = tokens[2:]
    if len(tokens) > 1 and tokens[0] in _ADMIN_PREFIXES:
        tokens = tokens[1:]
    return "".join(tokens) or None


def same_admin1(a: str | None, b: str | None) -> bool:
    """Same region name, up to administrative affixes and transliteration: "Idleb" ~ "Idlib", "Taizz" ~
    "Taiz", "Sirt" ~ "Surt": the consonant skeletons of the folded names must be equal, and short skeletons need
    the spellings to be close too ("Kano" is not "Kaina"). Different names for one region ("Tripoli" /
    "Tarabulus") still differ."""
    key_a, key_b = admin1_key(a), admin1_key(b)
    if key_a is None or key_b is None:
        return False
    if key_a == key_b:
        return True
    skel_a, skel_b = _skeleton(key_a), _skeleton(key_b)
    if skel_a != skel_b or len(skel_a) < 2:
        return False
    return len(skel_a) >= 3 or Indel.normalized_similarity(key_a, key_b) >= 0.75


def _skeleton(key: str) -> str:
    """Consonants of a name, with common transliteration pairs merged and doubled letters collapsed."""
    out = re.sub(r"(?<=[aei])h$", "", key)  # the Arabic ta marbuta, written or not: "Misratah" ~ "Misrata"
    out = out.replace("dh", "d").replace("th", "t").replace("kh", "k").replace("q", "k").replace("ph", "f")
    out = re.sub(r"[aeiouyw'\- ]", "", out)
    return re.sub(r"(.)\1+", r"\1", out)


def actor_tokens(name: str | None) -> frozenset[str]:
    """Content tokens of an actor name: folded words without stop words or numbers, plural -s removed."""
    if not name:
        return frozenset()
    return frozenset(_stem(tok) for tok in fold(name).split() if tok not in _STOPWORDS and not tok.isdigit())


def _stem(token: str) -> str:
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


def actors_agree(predicted: str | None, gold: str | None, threshold: float = 0.5) -> bool:
    """Two actor names agree when one's content tokens contain the other's ("Taliban" vs "Taliban
    militants") or their Jaccard overlap is above `threshold`. Strictly above: "Military Forces of Mali"
    and "Military Forces of Niger" share exactly half their tokens and must not agree."""
    tokens_p, tokens_g = actor_tokens(predicted), actor_tokens(gold)
    if not tokens_p or not tokens_g:
        return False
    if tokens_p <= tokens_g or tokens_g <= tokens_p:
        return True
    return len(tokens_p & tokens_g) / len(tokens_p | tokens_g) > threshold


def actor_matches_any(predicted: str | None, alternatives: Iterable[str]) -> bool:
    return any(actors_agree(predicted, alt) for alt in alternatives)


def named_actors(alternatives: Iterable[str]) -> tuple[str, ...]:
    """The alternatives that name someone (have content tokens): "38", "their" or "\\" do not."""
    return tuple(alt for alt in alternatives if actor_tokens(alt))
