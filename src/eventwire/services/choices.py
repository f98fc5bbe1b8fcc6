"""Filter values as the store writes them: a country, event type or sub-event type given by a user is resolved to
ACLED's spelling ("iraq", "DRC" -> "Iraq", "Democratic Republic of Congo"), and an unknown one is refused with the
closest valid values, so that a typo never silently returns nothing."""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz, process

from eventwire.gazetteer.countries import all_country_codes, country_code, country_name, country_names
from eventwire.model import EVENT_TAXONOMY, SUB_EVENT_TO_TYPE

SUGGESTIONS = 3
# below this similarity (rapidfuzz WRatio, 0-100) a valid value is no suggestion for what was typed
SUGGESTION_SCORE = 60


class UnknownValue(ValueError):
    """A filter value that names nothing the store can hold; the message lists the closest valid values."""


def _suggest(what: str, value: str, names: dict[str, str]) -> UnknownValue:
    """`names` maps every accepted spelling to the value it stands for."""
    found = process.extract(value, list(names), scorer=fuzz.WRatio, limit=SUGGESTIONS * 4,
                            score_cutoff=SUGGESTION_SCORE)
    closest: list[str] = []
    for spelling, _score, _index in found:
        if names[spelling] not in closest:
            closest.append(names[spelling])
    hint = f"; did you mean {', '.join(repr(c) for c in closest[:SUGGESTIONS])}?" if closest else ""
    return UnknownValue(f"unknown {what} {value!r}{hint}")


@lru_cache(maxsize=1)
def _country_spellings() -> dict[str, str]:
    spellings: dict[str, str] = {}
    for code in all_country_codes():
        acled = country_name(code)
        if acled:
            for name in country_names(code):
                spellings.setdefault(name, acled)
    return spellings


def resolve_country(value: str) -> str:
    """ACLED's name of the country `value` names (any case, ISO or common name, alias)."""
    code = country_code(value)
    acled = country_name(code) if code else None
    if acled is None:
        raise _suggest("country", value, _country_spellings())
    return acled


def resolve_event_type(value: str) -> str:
    """The ACLED event type `value` names (any case)."""
    return _resolve("event type", value, {t: t for t in EVENT_TAXONOMY})


def resolve_sub_event_type(value: str) -> str:
    """The ACLED sub-event type `value` names (any case)."""
    return _resolve("sub-event type", value, {s: s for s in SUB_EVENT_TO_TYPE})


def _resolve(what: str, value: str, names: dict[str, str]) -> str:
    folded = {k.casefold(): v for k, v in names.items()}
    found = folded.get(value.strip().casefold())
    if found is None:
        raise _suggest(what, value, names)
    return found
