"""What is around a number that says whether it is a count, and of what kind of figure: modifiers ("at least",
"up to", "about"), and the contexts that make a number something else - a date or a year, a time, an age, money,
a measure or a duration, an id, part of a word (`counts.*` rules of `data/rules/counts.toml`)."""

from __future__ import annotations

import re

from eventwire.pipeline.rules import rule

R_COMPOUND = rule("counts.compound_word")
R_CODE = rule("counts.inside_code")
R_PRONOUN = rule("counts.pronoun_one")
R_UNIT = rule("counts.unit_or_duration")
R_MONEY = rule("counts.money")
R_AGE = rule("counts.age")
R_ID = rule("counts.identifier")
R_DATE = rule("counts.date_number")
R_YEAR = rule("counts.year")


def alternation(words: list[str]) -> str:
    """A regex alternation, longest first so that prefixes never shadow longer phrases."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
# "May" is only a month when no verb follows ("5 may have died").
_MONTH_AFTER = rf"(?:{_MONTH}\b|may(?=\s*(?:[,.;:)]|$|\d)|\s+(?:and|to|in|at|on|last|this|when|of|the)\b))"
_DATE_BEFORE_RE = re.compile(rf"\b(?:{_MONTH}|may)\.?\s+(?:the\s+)?$", re.IGNORECASE)
_DATE_AFTER_RE = re.compile(rf"^(?:st|nd|rd|th)?\s*(?:of\s+)?{_MONTH_AFTER}", re.IGNORECASE)

_UNIT_WORDS = (
    r"km|kms|kilomet(?:er|re)s?|miles?|m|metres?|meters?|feet|ft|foot|yards?|inch(?:es)?|cm|mm|kg|kgs|"
    r"kilos?|kilograms?|grams?|tons?|tonnes?|lbs?|pounds?|litres?|liters?|gallons?|barrels?|acres?|"
    r"hectares?|sq|square|degrees?|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|nights?|weeks?|"
    r"months?|years?|yrs?|decades?|centur(?:y|ies)|percent|per\s*cent|pc|%|a\.\s*m\.?|p\.\s*m\.?|am|pm|"
    r"o'clock|gmt|utc|bst|cet|eat|wat|local\s+time|dollars?|euros?|naira|shillings?|rupees?|yuan|yen|"
    r"francs?|dinars?|riyals?|rials?|birr|cedis?|rand|usd|eur|gbp|pesos?|bolivars?|liras?|rubles?|"
    r"roubles?|hryvnias?|afghanis?|kwacha|leones?|dirhams?|cfa|ksh|kes|ngn|inr|pkr|bn"
)
_UNIT_AFTER_RE = re.compile(rf"^\s*(?:of\s+)?(?:{_UNIT_WORDS})(?![a-z])", re.IGNORECASE)
_MONEY_BEFORE_RE = re.compile(
    r"(?:[$£€¥₦₹₱]\s*|\b(?:usd|eur|gbp|rs\.?|inr|ngn|kes|ksh|pkr|cfa)\s*)$", re.IGNORECASE
)
_AGE_BEFORE_RE = re.compile(r"\b(?:aged|ages?(?:\s+of)?)\s+$", re.IGNORECASE)
_ID_BEFORE_RE = re.compile(
    r"(?:#\s*|\b(?:no|nos|number|resolution|article|route|highway|road|flight|page|chapter|section|"
    r"room|gate|level|phase|platform|block|sector|zone|ward|unit|battalion|brigade|division|regiment|"
    r"squadron|corps|apartment|building|plot|code|version|channel|line|bus|grade|vol|volume|issue|item|"
    r"case|file|law|act|decree|order|exit|pier|terminal|camp|checkpoint|km|kilometre|kilometer|mile)"
    r"\.?\s+)$",
    re.IGNORECASE,
)
_YEAR_BEFORE_RE = re.compile(
    rf"\b(?:in|since|of|by|until|till|before|after|from|during|early|late|mid|year|summer|spring|"
    rf"autumn|fall|winter|through|{_MONTH}|may)[\s,.-]*$",
    re.IGNORECASE,
)
_COUNT_NOUN_AFTER_RE = re.compile(
    r"^\s+(?:[a-z]+\s+)?(?:people|persons|civilians|soldiers|troops|fighters|militants|rebels|insurgents|"
    r"protesters|protestors|demonstrators|students|residents|villagers|families|refugees|migrants|"
    r"children|women|men|police|policemen|officers|workers|prisoners|detainees|hostages|houses|homes|"
    r"buildings|rockets|missiles|shells|bombs|mortars|drones|vehicles|casualties|deaths|bodies|members|"
    r"supporters|others)\b|^\s+(?:were|have|had|died|killed)\b",
    re.IGNORECASE,
)
_PRONOUN_ONE_RE = re.compile(r"\b(?:no|any|every|some|the|this|that|each|which)\s+$", re.IGNORECASE)
_COMPOUND_OK_RE = re.compile(r"^-\s*(?:odd|plus|strong)\b", re.IGNORECASE)
_COMPOUND_RE = re.compile(r"^-\s*[a-z]", re.IGNORECASE)
# Parts of dates, times and codes written with digits ("2021-07-07", "5:30", "12/06/2021").
NUMERIC_MASK_RE = re.compile(r"\d+(?:[-/.]\d+){2,}|\d{1,2}:\d{2}")

_LOWER_MODS = (
    "at least", "more than", "over", "above", "in excess of", "upwards of", "no fewer than",
    "no less than", "not less than", "a minimum of", "at a minimum",
)
_UPPER_MODS = (
    "up to", "as many as", "nearly", "almost", "close to", "just under", "fewer than", "less than",
    "under", "no more than", "not more than", "at most", "a maximum of", "just shy of",
)
_APPROX_MODS = (
    "about", "around", "some", "approximately", "roughly", "an estimated", "estimated", "approx.",
    "approx", "circa", "an approximate", "more or less", "perhaps", "possibly",
)
MOD_KIND: dict[str, str] = {
    **dict.fromkeys(_LOWER_MODS, "lower"),
    **dict.fromkeys(_UPPER_MODS, "upper"),
    **dict.fromkeys(_APPROX_MODS, "approx"),
}
PREFIX_RE = re.compile(rf"\b(?P<mod>{alternation(list(MOD_KIND))})\s+$", re.IGNORECASE)


def is_excluded(text: str, start: int, end: int, single_one: bool) -> bool:
    """Context that makes a number something other than a count."""
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    if _COMPOUND_RE.match(after) and not _COMPOUND_OK_RE.match(after) and R_COMPOUND.applies():
        return True  # "25-year-old", "10-day", "three-storey"
    if (re.search(r"[a-z]-\s*$", before, re.IGNORECASE) or re.match(r"^[.,:/]\d", after)) and R_CODE.applies():
        return True  # "F-16", "Su-25", "5.30pm"
    if single_one and _PRONOUN_ONE_RE.search(before) and R_PRONOUN.applies():
        return True  # "no one", "the one who"
    if _UNIT_AFTER_RE.match(after) and R_UNIT.applies():
        return True  # "10 km", "three days"
    if _MONEY_BEFORE_RE.search(before) and R_MONEY.applies():
        return True
    if _AGE_BEFORE_RE.search(before) and R_AGE.applies():
        return True
    return bool(_ID_BEFORE_RE.search(before)) and R_ID.applies()


def is_date_or_year(text: str, start: int, end: int) -> bool:
    """Whether the number at text[start:end] is part of a date ("28 June") or a year ("in 2019")."""
    before, after = text[max(0, start - 40) : start], text[end : end + 60]
    if (_DATE_BEFORE_RE.search(before) or _DATE_AFTER_RE.match(after)) and R_DATE.applies():
        return True
    figure = text[start : end]
    first = re.match(r"(?:between\s+)?(\d+)", figure, re.IGNORECASE)
    if first is None or len(first.group(1)) != 4 or not 1800 <= int(first.group(1)) <= 2100:
        return False
    if PREFIX_RE.search(before):
        return False  # "at least 2000"
    return (bool(_YEAR_BEFORE_RE.search(before)) or not _COUNT_NOUN_AFTER_RE.match(after)) and R_YEAR.applies()
