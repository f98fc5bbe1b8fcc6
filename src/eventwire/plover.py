"""PLOVER event records from eventwire's ACLED-style events.

PLOVER (Political Language Ontology for Verifiable Event Records, Open Event Data Alliance; the ontology of the
POLECAT data set) names its JSON fields: `id`, `date`, `source` and `recipient` (lists of actor objects with
`code`, `sector`, `actor_text`, `identifier_text`), `event` (a list of categories), `mode` and `context` (lists),
`quad_code`, `event_scale`, `event_loc` (a GeoNames-style location object), `event_text`, `cite_info`, `coder`,
and, for ASSAULT, `dead` and `injured`. Providers may add fields of their own; eventwire adds `time_precision`,
`confidence`, `acled` (the original event type and sub-event type) and `evidence` (field -> span, as in the JSON
contract). Full article texts are never included (PLOVER's `text` is for providers who hold the rights).

How an ACLED sub-event type becomes a PLOVER category, mode and context (`SUB_EVENT_MAP`):

| ACLED sub-event type                  | PLOVER event | mode                                   | context  |
|---------------------------------------|--------------|----------------------------------------|----------|
| Armed clash                           | ASSAULT      | sideAB + weapon mode                   | military |
| Government regains territory          | ASSAULT      | sideAB + weapon mode                   | military, resource |
| Non-state actor overtakes territory   | ASSAULT      | sideAB + weapon mode                   | military, resource |
| Chemical weapon                       | ASSAULT      | unconventional                         | cbrn     |
| Air/drone strike                      | ASSAULT      | heavy-weapons                          | military |
| Suicide bomb                          | ASSAULT      | suicide-attack                         |          |
| Shelling/artillery/missile attack     | ASSAULT      | heavy-weapons                          | military |
| Remote explosive/landmine/IED         | ASSAULT      | explosives                             |          |
| Grenade                               | ASSAULT      | explosives                             |          |
| Sexual violence                       | ASSAULT      | sexual                                 |          |
| Attack                                | ASSAULT      | weapon mode                            |          |
| Abduction/forced disappearance        | ASSAULT      | abduct                                 |          |
| Peaceful protest                      | PROTEST      | demo                                   |          |
| Protest with intervention             | PROTEST      | demo                                   |          |
| Excessive force against protesters    | ASSAULT      | weapon mode (actors swapped)           | rights_freedoms |
| Violent demonstration                 | PROTEST      | riot                                   |          |
| Mob violence                          | PROTEST      | riot                                   |          |
| Agreement                             | SUPPORT      |                                        | diplomatic |
| Arrests                               | COERCE       | arrest                                 |          |
| Change to group/activity              | MOBILIZE     |                                        |          |
| Disrupted weapons use                 | COERCE       | confiscate                             | military |
| Headquarters or base established      | MOBILIZE     | troops                                 | military |
| Looting/property destruction          | ASSAULT      | destroy                                |          |
| Non-violent transfer of territory     | RETREAT      | withdraw                               | resource |
| Other                                 | (none: `has_event` false)                     |          |

The weapon mode comes from the event's weapon: firearm -> firearms, knife -> primitive, rocket, missile, mortar,
artillery, aircraft, drone, air strike -> heavy-weapons, IED and grenade -> explosives, suicide -> suicide-attack,
chemical -> unconventional. An ACLED event type without a sub-event type takes the first row of its type.

Actors: `actor1` is the source and `actor2` the recipient (for "Excessive force against protesters", whose
ACLED actor1 is the protesters, the other way round), as PLOVER codes one-sided violence (perpetrator ->
victim); two-sided fighting is marked with the `sideAB` mode. An actor's `code` is the ISO 3166 alpha-3 code of
the country its ACLED name gives ("Civilians (Iraq)", "Military Forces of Iraq (2022-)"), else of the event's
country (but not for external forces, ACLED inter code 8, whose country is then left out); `sector` comes from
the ACLED name and inter code: police -> COP, state forces and external forces -> MIL, rebels -> REB, political
and identity militias -> PRM (an unidentified armed group -> UAF), rioters, protesters and civilians -> CVL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from eventwire.gazetteer.countries import country_iso
from eventwire.model import EVENT_TAXONOMY

PLOVER_CATEGORIES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "DEMAND", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
# Quad categories: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
QUAD_CODES: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "DEMAND": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
# The PLOVER manual's conflict-cooperation scores.
EVENT_SCALE: dict[str, float] = {
    "ASSAULT": -9.3, "COERCE": -7.2, "PROTEST": -6.6, "MOBILIZE": -5.3, "SANCTION": -5.2, "THREATEN": -5.1,
    "DEMAND": -5.0, "REJECT": -4.2, "ACCUSE": -2.0, "CONSULT": 2.1, "AGREE": 4.2, "SUPPORT": 4.6, "CONCEDE": 5.0,
    "COOPERATE": 6.8, "AID": 7.4, "RETREAT": 7.6,
}

WEAPON = "<weapon>"  # a mode taken from the event's weapon


@dataclass(frozen=True, slots=True)
class Mapping:
    """How one ACLED sub-event type is written in PLOVER (`swap`: actor2 is the source)."""

    event: str | None
    modes: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    swap: bool = False


SUB_EVENT_MAP: dict[str, Mapping] = {
    "Armed clash": Mapping("ASSAULT", ("sideAB", WEAPON), ("military",)),
    "Government regains territory": Mapping("ASSAULT", ("sideAB", WEAPON), ("military", "resource")),
    "Non-state actor overtakes territory": Mapping("ASSAULT", ("sideAB", WEAPON), ("military", "resource")),
    "Chemical weapon": Mapping("ASSAULT", ("unconventional",), ("cbrn",)),
    "Air/drone strike": Mapping("ASSAULT", ("heavy-weapons",), ("military",)),
    "Suicide bomb": Mapping("ASSAULT", ("suicide-attack",)),
    "Shelling/artillery/missile attack": Mapping("ASSAULT", ("heavy-weapons",), ("military",)),
    "Remote explosive/landmine/IED": Mapping("ASSAULT", ("explosives",)),
    "Grenade": Mapping("ASSAULT", ("explosives",)),
    "Sexual violence": Mapping("ASSAULT", ("sexual",)),
    "Attack": Mapping("ASSAULT", (WEAPON,)),
    "Abduction/forced disappearance": Mapping("ASSAULT", ("abduct",)),
    "Peaceful protest": Mapping("PROTEST", ("demo",)),
    "Protest with intervention": Mapping("PROTEST", ("demo",)),
    "Excessive force against protesters": Mapping("ASSAULT", (WEAPON,), ("rights_freedoms",), swap=True),
    "Violent demonstration": Mapping("PROTEST", ("riot",)),
    "Mob violence": Mapping("PROTEST", ("riot",)),
    "Agreement": Mapping("SUPPORT", (), ("diplomatic",)),
    "Arrests": Mapping("COERCE", ("arrest",)),
    "Change to group/activity": Mapping("MOBILIZE"),
    "Disrupted weapons use": Mapping("COERCE", ("confiscate",), ("military",)),
    "Headquarters or base established": Mapping("MOBILIZE", ("troops",), ("military",)),
    "Looting/property destruction": Mapping("ASSAULT", ("destroy",)),
    "Non-violent transfer of territory": Mapping("RETREAT", ("withdraw",), ("resource",)),
    "Other": Mapping(None),
}

WEAPON_MODES: dict[str, str] = {
    "firearm": "firearms", "knife": "primitive", "rocket": "heavy-weapons", "missile": "heavy-weapons",
    "mortar": "heavy-weapons", "artillery": "heavy-weapons", "aircraft": "heavy-weapons",
    "drone": "heavy-weapons", "air strike": "heavy-weapons", "ied": "explosives", "grenade": "explosives",
    "suicide": "suicide-attack", "chemical": "unconventional",
}

INTER_SECTORS: dict[int, str] = {1: "MIL", 2: "REB", 3: "PRM", 4: "PRM", 5: "CVL", 6: "CVL", 7: "CVL", 8: "MIL"}


def mapping_for(event_type: str | None, sub_event_type: str | None) -> Mapping:
    """The PLOVER mapping of an ACLED (event type, sub-event type); see the module's table."""
    if sub_event_type in SUB_EVENT_MAP:
        return SUB_EVENT_MAP[sub_event_type]
    subs = EVENT_TAXONOMY.get(event_type or "")
    return SUB_EVENT_MAP[subs[0]] if subs else Mapping(None)


def _alpha3(country: str | None) -> str | None:
    found = country_iso(country)
    return found[0] if found else None


def actor_country_code(name: str) -> str | None:
    """The alpha-3 code of the country an ACLED actor name gives: "(Iraq)" or "... of Iraq (2022-)"."""
    for part in re.findall(r"\(([^()]*)\)", name):
        code = _alpha3(part)
        if code:
            return code
    found = re.search(r"\bof ([A-Z][^()]*?)\s*(?:\(|$)", name)
    return _alpha3(found.group(1)) if found else None


def actor_sector(name: str, inter: int | None) -> str | None:
    lowered = name.lower()
    if "police" in lowered:
        return "COP"
    if "unidentified armed group" in lowered:
        return "UAF"
    return INTER_SECTORS.get(inter) if inter is not None else None


def plover_actor(name: str | None, inter: int | None, text: str | None, event_country: str | None
                 ) -> dict[str, Any] | None:
    """A PLOVER actor object, or None when there is no actor."""
    if not name:
        return None
    code = actor_country_code(name) or (None if inter == 8 else _alpha3(event_country))
    return {"code": code, "sector": actor_sector(name, inter), "actor_text": text or name,
            "identifier_text": name, "inter": inter}


def weapon_mode(weapon: str | None) -> str | None:
    return WEAPON_MODES.get((weapon or "").strip().lower())


def _coder() -> str:
    try:
        return f"eventwire {version('eventwire')}"
    except PackageNotFoundError:
        return "eventwire"


def plover_record(record: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER event record from an event of the JSON contract (with `sources`; their `outlet`, `title` and
    `evidence_sentence` are used when `eventwire.export.attach_articles` filled them in)."""
    mapping = mapping_for(record.get("event_type"), record.get("sub_event_type"))
    modes: list[str] = []
    for mode in mapping.modes:
        value = weapon_mode(record.get("weapon")) if mode == WEAPON else mode
        if value and value not in modes:
            modes.append(value)
    evidence = record.get("evidence") or {}
    country = record.get("country")
    first = plover_actor(record.get("actor1"), record.get("inter1"), (evidence.get("actor1") or {}).get("text"),
                         country)
    second = plover_actor(record.get("actor2"), record.get("inter2"), (evidence.get("actor2") or {}).get("text"),
                          country)
    if mapping.swap:
        first, second = second, first
    sources = record.get("sources") or []
    event_text: list[str] = []
    for source in sources:
        sentence = source.get("evidence_sentence")
        if sentence and sentence not in event_text:
            event_text.append(sentence)
    if not event_text and (evidence.get("event_type") or {}).get("text"):
        event_text.append(evidence["event_type"]["text"])
    location = None
    if record.get("location") or record.get("latitude") is not None:
        location = {"name": record.get("location"), "latitude": record.get("latitude"),
                    "longitude": record.get("longitude"), "country": country, "cc3": _alpha3(country),
                    "admin1": record.get("admin1"), "admin2": record.get("admin2"),
                    "geo_precision": record.get("geo_precision")}
    out: dict[str, Any] = {
        "id": record["id"],
        "has_event": mapping.event is not None,
        "date": record.get("event_date"),
        "time_precision": record.get("time_precision"),
        "source": [first] if first else [],
        "recipient": [second] if second else [],
        "event": [mapping.event] if mapping.event else [],
        "mode": modes,
        "context": list(mapping.context),
        "quad_code": QUAD_CODES.get(mapping.event or ""),
        "event_scale": EVENT_SCALE.get(mapping.event or ""),
        "event_loc": location,
        "event_text": event_text,
        "cite_info": [{"citation": s.get("article_id"), "url": s.get("url"), "title": s.get("title"),
                       "publication": s.get("outlet"), "date": s.get("published")} for s in sources],
        "coder": _coder(),
        "acled": {"event_type": record.get("event_type"), "sub_event_type": record.get("sub_event_type")},
        "confidence": record.get("confidence"),
        "evidence": evidence,
    }
    if mapping.event == "ASSAULT":
        out["dead"] = record.get("fatalities")
        out["injured"] = record.get("injuries")
    return out
