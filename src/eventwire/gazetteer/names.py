"""Name rules of the gazetteer builder: region display and English names, administrative suffix stripping,
Latin names, the town a region is named after (its seat) and its spellings, the Arabic article, and the lookup
keys of a place's names."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

from rapidfuzz.distance import Indel

from eventwire.gazetteer.normalize import ARTICLE_PREFIX, fold, is_latin, norm, skeleton
from eventwire.gazetteer.place import IndexPlace
from eventwire.gazetteer.schema import SEAT_NAME_QUALITY

REGION_SUFFIXES = (
    " governorate", " province", " oblast", " region", " state", " district", " county", " prefecture",
    " department", " municipality", " division", " raion", " rayon", " krai", " territory", " lga",
    " local government area", " muhafazah", " wilayah", " velayat", " regional state", " cercle",
)
# "Département de ...", "Municipio de ...": only with the article, so "District of Columbia" stays whole.
_REGION_PREFIX = re.compile(
    r"^(?:d[ée]partement|province|pr[ée]fecture|r[ée]gion|cercle|commune|arrondissement|district|distrito|"
    r"departamento|provincia|municipio|municipalit[ée]|wilaya|gouvernorat)\s+"
    r"(?:de la |de l'|de l’|du |des |de |d'|d’|del |do |da |dos |das )(?=\w)",
    re.IGNORECASE,
)


def region_display_name(name: str, aliases: list[str], country_code: str | None = None) -> str:
    """ACLED writes regions in plain ASCII without the administrative suffix, and by their common English or
    short name where one exists ("Tripoli", not "Tarabulus"; "Michoacan", not "Michoacan de Ocampo").

    A GeoNames name in plain ASCII is kept (shortened only to the first part of an official "X de Y" name).
    Otherwise the short form is the shortest plain-Latin name among the GeoNames name and its aliases that
    carries no administrative word. Without one, an English alias with a suffix ("Anbar Governorate",
    "Kandahar Province") guides the English short name, else the accent-folded GeoNames name without its suffix.
    """
    name = _INVERTED_KIND.sub("", name) or name  # "Saha, Respublika" -> "Saha"
    if (country_code or "").upper() in _FRENCH_REGION_COUNTRIES:
        french = next((m.group(1) for a in aliases if (m := _FRENCH_REGION.match(a))), None)
        if french:
            return fold(french)
    english = _english_name(name, aliases, country_code)
    if english:
        return english
    current = _suffixed_english_name(name, aliases)
    names = [name, *latin_names(aliases)]
    if name.isascii() and not _ADMIN_WORD.search(name):
        # "New York", "Sud-Kivu": the aliases are other languages' names ("Nuioka"), save the short form
        # of an official "X de Y" ("Veracruz" of "Veracruz de Ignacio de la Llave")
        if " de " not in name:
            return strip_suffix(name) or name
        names = [n for n in names if set(norm(n).split()) <= set(norm(name).split())]
    words = set(norm(current).split())
    plain = [
        n for n in names
        # Latin-1 letters only (no "ə", "ō" of other transliterations), though the GeoNames name may carry
        # any accents ("Kābul", "Lōgar": their folded forms are the English ones)
        if not _ADMIN_WORD.search(fold(n)) and all(ord(ch) < 256 for ch in (fold(n) if n == name else n))
        # "x" for "kh" marks a Central Asian transliteration ("Balx"), not the English name
        and ("x" not in n.lower() or "x" in current.lower())
        # a part of the name is another name ("Kashmir" of "Jammu and Kashmir") unless the long form is an
        # official "X de Y" ("Veracruz de Ignacio de la Llave")
        and (" de " in current.lower() or not set(norm(n).split()) < words)
    ]
    if not plain:
        return current
    def rank(n: str) -> tuple[int, bool, bool, int]:
        # on a tie, a scholarly transliteration's folded form ("Parwān" -> "Parwan") beats another language's
        # spelling ("Parvan"), and a plain ASCII alias ("Attica") beats a Latin-1 one ("Attikí")
        scholarly = n == name and any(ord(ch) > 255 for ch in n)
        return len(fold(n)), not scholarly, not n.isascii(), names.index(n)

    best = min(plain, key=rank)
    return strip_suffix(fold(best)) or fold(best)


# ISO-style inverted names: "Saha, Respublika", "wallonne, Région"
_INVERTED_KIND = re.compile(r",\s*(?:respublika|r[ée]gion|oblast'?|kraj|province)$", re.IGNORECASE)
_ENGLISH_SUFFIXES = (" governorate", " province", " oblast", " region", " state", " district", " county")
# Countries whose region names are already English or in a Romance language, which ACLED and the English press
# keep ("Sud-Kivu", "Extreme-Nord", "Michoacan"): their GeoNames names stand.
_LOCAL_NAME_COUNTRIES = frozenset({
    "US", "GB", "CA", "AU", "NZ", "IE", "ZA", "NG", "GH", "KE", "UG", "TZ", "ZM", "ZW", "MW", "LR", "SL", "GM",
    "JM", "TT", "BS", "BZ", "GY", "PH", "IN", "PK", "BD", "LK", "SG", "MY", "FR", "BE", "LU", "CH", "MC", "CM",
    "CD", "CG", "CF", "GA", "TD", "NE", "ML", "BF", "SN", "GN", "CI", "TG", "BJ", "MR", "DJ", "KM", "MG", "HT",
    "RW", "BI", "SC", "ES", "MX", "GT", "HN", "SV", "NI", "CR", "PA", "CU", "DO", "CO", "VE", "EC", "PE", "BO",
    "CL", "AR", "UY", "PY", "GQ", "PT", "BR", "AO", "MZ", "GW", "CV", "ST", "TL", "IT", "SM", "RO", "MD",
})
# Bilingual Cameroon, where GeoNames writes the regions in English: they go by their official French names
# ("Extreme-Nord", "Nord-Ouest"), as in ACLED and Cameroon's own administration.
_FRENCH_REGION_COUNTRIES = frozenset({"CM"})
_FRENCH_REGION = re.compile(r"^R[ée]gion (?:de l['’]|du |de la |des |de )(.+)$")
# Compass and position words, English and Romance: a local name with one is not translated ("Sud-Kivu").
_DIRECTION_WORD = re.compile(
    r"\b(?:north|south|east|west|northern|southern|eastern|western|upper|lower|middle|central|centre|"
    r"nord|sud|est|ouest|norte|sur|sul|este|oeste|centro|haut|bas|alto|bajo|oriental|occidental)\b",
    re.IGNORECASE,
)
_ENGLISH_POSITION = re.compile(
    r"^(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west|upper|lower|middle|central)"
    r"\s+\w", re.IGNORECASE,
)
# What is left of an English name when the suffix goes but a qualifier stays ("Oromia Regional State").
_QUALIFIER_TAIL = re.compile(r"\s+(?:regional|autonomous|special capital|metropolitan|aimak|aymag)$", re.IGNORECASE)
# Stems that are no region's name ("Federal District", "Capital Region", "Golden State")
_GENERIC_STEMS = frozenset({"federal", "capital", "national", "autonomous", "special", "golden", "central"})


def _letters(name: str) -> str:
    return re.sub(r"[^a-z]", "", fold(name).lower())


def _translates(positional: str, local: str) -> bool:
    """Whether a positional English name renders the local one ("North Sumatra" for "Sumatera Utara"): what
    follows the position word begins like some part of the local name ("Middle Najd" is not "Al Qasim")."""
    rest = positional.split(maxsplit=1)[-1]
    head = _letters(rest).replace("q", "k")[:3]
    return len(head) == 3 and head in local.replace("q", "k")


def _english_name(name: str, aliases: list[str], country_code: str | None = None) -> str | None:
    """The region's English name where the aliases show one that differs from a local name in another
    language: an alias opening with an English position word ("North Sumatra" for "Sumatera Utara", "Lower
    Shabeelle" for "Shabeellaha Hoose"), else the stem of an English-suffixed alias ("Aleppo Governorate" for
    "Halab", "Raqqa Governorate" for "Ar Raqqah"). None where the local name is itself the English or
    Romance-language one ("Sud-Kivu"; "Parwan" beside "Parwan Province"), or the English one is only another
    spelling of it ("Malanje" for "Malange")."""
    if (country_code or "").upper() in _LOCAL_NAME_COUNTRIES or _DIRECTION_WORD.search(fold(name)):
        return None
    local = _letters(strip_suffix(fold(name)) or fold(name))
    english = [alias.strip() for alias in aliases if alias.isascii()]
    candidates = [a for a in english if _ENGLISH_POSITION.match(a) and not _ADMIN_WORD.search(a)
                  and _translates(a, local)]
    if not candidates:
        for alias in english:
            if not alias.lower().endswith(_ENGLISH_SUFFIXES):
                continue
            stem = _QUALIFIER_TAIL.sub("", strip_suffix(alias) or "").strip()
            letters = _letters(stem)
            if not letters or letters in local or local in letters:
                return None  # English calls the region by its local name ("Salah ad Din Governorate")
            if stem.lower() not in _GENERIC_STEMS and not _ADMIN_WORD.search(stem):
                candidates.append(stem)
    if not candidates:
        return None
    best = min(candidates, key=lambda a: (len(a), a))
    if Indel.normalized_similarity(_letters(best), local) >= 0.75 or skeleton(best) == skeleton(name):
        return None  # another spelling of the same name: the GeoNames one stands
    return best


def _suffixed_english_name(name: str, aliases: list[str]) -> str:
    for alias in aliases:
        lowered = alias.lower()
        if alias.isascii() and lowered.endswith(_ENGLISH_SUFFIXES):
            stripped = strip_suffix(alias)
            if stripped:
                return stripped
    return strip_suffix(fold(name)) or fold(name)


# Words of official region names ("Estado de ...", "... Oblast", "Provinsi ..."): such a name is no short form.
_ADMIN_WORD = re.compile(
    r"\b(?:estado|province|provincia|provinsi|propinsi|provense|region|regi[oó]n|r[ée]gion|governorate|oblast|"
    r"oblys[y]?|district|state|departamento|d[ée]partement|department|municipality|municipio|prefecture|"
    r"pr[ée]fecture|county|voblasts|voblas[cć]|daerah|tingkat|wilayah|kilil|viloyati|rayonu|zupanija|"
    r"županija|muhafazat|welayat[y]?|wilayat|velayat|ostan|division|territory|du|des)\b|\bde l['’]",
    re.IGNORECASE,
)


def strip_suffix(name: str) -> str | None:
    """The name without an administrative suffix ("Anbar Governorate" -> "Anbar") or a Romance-language
    prefix ("Municipio de Esquipulas" -> "Esquipulas", "Département de Ouallam" -> "Ouallam"); None when
    it has neither."""
    lowered = name.lower()
    for suffix in REGION_SUFFIXES:
        if lowered.endswith(suffix) and len(name) > len(suffix) + 2:
            return name[: -len(suffix)].strip()
    match = _REGION_PREFIX.match(name)
    if match and len(name) - match.end() >= 3:
        return name[match.end():].strip()
    return None


def latin_names(names: Iterable[str]) -> Iterator[str]:
    for raw in names:
        name = raw.strip()
        if len(name) < 3 or not is_latin(name):
            continue
        if name.isupper() and len(name) <= 4:  # airport / ISO codes: too ambiguous in running text
            continue
        yield name


def towns_by_key(places: Iterable[IndexPlace]) -> dict[tuple[str, str, str], list[IndexPlace]]:
    """Populated places by (country, admin1 code, normalized primary name)."""
    towns: dict[tuple[str, str, str], list[IndexPlace]] = defaultdict(list)
    for p in places:
        if p.kind == "populated place" and p.admin1_code:
            towns[(p.country_code, p.admin1_code, norm(p.name))].append(p)
    return towns


def region_seat(names: list[tuple[str, float]], country_code: str, admin1_code: str,
                towns: Mapping[tuple[str, str, str], list[IndexPlace]], admin2: str | None = None) -> IndexPlace | None:
    """The town a region is named after (the largest of that name in its admin1, and for a district one that
    lies in it), or None: "Barwani district" is seated in Barwani, not in its larger town Sendhwa."""
    seats = [t for name, _q in names for t in towns.get((country_code, admin1_code, norm(name)), [])
             if admin2 is None or t.admin2 == admin2]
    return max(seats, key=lambda t: t.population) if seats else None


def seat_names(names: list[tuple[str, float]], seat: IndexPlace) -> list[tuple[str, float]]:
    """The other spellings of the town a region is named after, as names of the region too.

    News spell a governorate as they spell its seat ("Al-Hasakeh countryside", "rural Deir Ezzor"), while
    GeoNames records those spellings for the town only; without them such a mention could only be the town."""
    own = {norm(n) for n, _q in names}
    return [(n, SEAT_NAME_QUALITY) for n, _q in seat.names if norm(n) not in own]


# Countries where place names carry the Arabic article, which the press often drops ("Qamishli" for "Al
# Qamishli", "Najaf" for "An Najaf"); elsewhere "El Paso" or "Al Khor"-like names keep it.
ARABIC_ARTICLE_COUNTRIES = frozenset({
    "DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW", "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA", "SO", "SD",
    "SY", "TN", "AE", "YE", "TD", "IL", "EH",
})


def without_article(names: list[tuple[str, float]], country_code: str) -> list[tuple[str, float]]:
    """The names of a place in an Arabic-speaking country without their leading article, a little below the
    name they come from."""
    if country_code not in ARABIC_ARTICLE_COUNTRIES:
        return []
    out = []
    for name, quality in names:
        key = norm(name)
        rest = ARTICLE_PREFIX.sub("", key)
        if rest != key and len(rest) >= 4:
            out.append((rest, min(quality, 0.85)))
    return out


def place_keys(names: Iterable[tuple[str, float]]) -> dict[str, float]:
    """Lookup key -> best quality among a place's names (keys shorter than 2 characters are dropped)."""
    seen: dict[str, float] = {}
    for name, quality in names:
        key = norm(name)
        if len(key) >= 2 and seen.get(key, -1.0) < quality:
            seen[key] = quality
    return seen
