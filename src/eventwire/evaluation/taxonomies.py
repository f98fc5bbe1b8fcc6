"""The one place that maps each gold taxonomy to ACLED event types, and turns gold documents into
ACLED-style `GoldEvent`s (or document-level expectations where a set has only document labels).

Taxonomies, named by a document's `taxonomy` or an event's `event_type_taxonomy`:

- acled (also "acled(seen)", or none given): ACLED's own types; every field the gold gives is scored.
- case2021-unseen: CASE 2021 task 2 snippets. The task codes map one-to-one to ACLED sub-event types
  (`CASE2021_LABELS`); codes outside ACLED (disasters, organised crime, diplomacy, attribution) mean the
  snippet should yield no event. Places and actors were replaced in the texts, and there are no dates, so
  only the type and sub-type are scored.
- isafpr: ISAF press releases. airstrike -> Explosions/Remote violence: Air/drone strike; exchangeoffire,
  insurgentskilled, captureandkill -> Battles: Armed clash; detention -> Strategic developments: Arrests;
  civiliancasualty -> any of Battles / Explosions/Remote violence / Violence against civilians (how the
  civilians were hurt decides the ACLED type, so the sub-type is not scored). Combined labels
  ("airstrike;detention") give one required event per label. Counts follow the news gold convention
  (null unless stated): minimum killed goes on kill labels, minimum captured on capture labels; deaths or
  captures without a label of their kind add an optional companion event (Armed clash / Arrests).
- muc4: MUC-3/4 templates. BOMBING -> Explosions/Remote violence, sub-type from the instrument;
  ATTACK -> Battles: Armed clash when every human target is armed (military, police, guards), Violence
  against civilians: Attack when none is, either type when mixed, any violent type (or Strategic
  developments) when only property was hit or the targets are unknown, plus Explosions/Remote violence
  when an explosive, mortar or aerial bomb was used; KIDNAPPING -> Violence against civilians:
  Abduction/forced disappearance; ARSON and ROBBERY -> Strategic developments: Looting/property
  destruction; FORCED WORK STOPPAGE (an imposed strike, no ACLED equivalent) -> optional Strategic
  developments. Optional templates and
  threatened or attempted incidents are optional events (attempted bombings also match Strategic
  developments: Disrupted weapons use). Dates before a dateline ("- 08 JAN 90") or between two days are
  ranges. Fatalities and injuries were derived from the templates: approximate.
- kairos (WikiEvents): mentions, not incidents, with no dates or places. Per document, each ACLED family
  that has a mention gives one required event (actors = all of the family's arguments) plus optional
  events for its other mentions, so several incidents of one kind are not penalised. Attack.DetonateExplode
  -> Explosions/Remote violence (sub-type from the instrument); Attack.Unspecified -> any violent type
  (optional when the document already has explosions); Demonstrate -> Protests / Riots;
  ArrestJailDetain -> Arrests; DisableDefuse -> Disrupted weapons use; Damage/Destroy and Life.Die/Injure
  -> optional (they are usually consequences of an attack); other types are not ACLED events.
- indiapoliceevents-questions: document labels only (police KILL, ARREST, FORCE, FAIL), so the set is
  scored as document-level detection (see `DocExpectation`, `label_satisfied`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from eventwire.evaluation.gold import GoldDoc, GoldEvent, GoldFormatError, parse_date
from eventwire.model import EVENT_TAXONOMY, SUB_EVENT_TO_TYPE

BATTLES = "Battles"
EXPLOSIONS = "Explosions/Remote violence"
VAC = "Violence against civilians"
PROTESTS = "Protests"
RIOTS = "Riots"
STRATEGIC = "Strategic developments"

ALL_TYPES: frozenset[str] = frozenset(EVENT_TAXONOMY)
VIOLENT_TYPES: frozenset[str] = frozenset({BATTLES, EXPLOSIONS, VAC})

# Sub-type spellings seen in hand-coded gold that are not ACLED's own names.
SUB_TYPE_ALIASES: dict[str, str] = {
    "destruction of property": "Looting/property destruction",
    "property destruction": "Looting/property destruction",
    "looting": "Looting/property destruction",
    "airstrike": "Air/drone strike",
    "air strike": "Air/drone strike",
    "drone strike": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "ied": "Remote explosive/landmine/IED",
    "suicide bombing": "Suicide bomb",
    "arrest": "Arrests",
}

# CASE 2021 task 2 codes -> ACLED sub-event types; codes missing here are not ACLED events.
CASE2021_LABELS: dict[str, str] = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}
CASE2021_NON_ACLED: frozenset[str] = frozenset(
    {"ATTRIB", "DIPLO", "MAN_MADE_DISASTER", "NATURAL_DISASTER", "ORG_CRIME"}
)

# ISAF press-release labels -> (event type, sub-event type).
ISAF_TYPES: dict[str, tuple[str, str]] = {
    "airstrike": (EXPLOSIONS, "Air/drone strike"),
    "exchangeoffire": (BATTLES, "Armed clash"),
    "insurgentskilled": (BATTLES, "Armed clash"),
    "captureandkill": (BATTLES, "Armed clash"),
    "detention": (STRATEGIC, "Arrests"),
}
ISAF_ANY_VIOLENT: frozenset[str] = frozenset({"civiliancasualty"})
ISAF_KILL_LABELS: frozenset[str] = frozenset(
    {"airstrike", "exchangeoffire", "insurgentskilled", "captureandkill", "civiliancasualty"}
)
ISAF_CAPTURE_LABELS: frozenset[str] = frozenset({"detention", "captureandkill"})

# MUC-4 incident types with a fixed ACLED type; ATTACK and BOMBING are decided per template.
MUC4_FIXED: dict[str, tuple[str, str | None]] = {
    "KIDNAPPING": (VAC, "Abduction/forced disappearance"),
    "ARSON": (STRATEGIC, "Looting/property destruction"),
    "ROBBERY": (STRATEGIC, "Looting/property destruction"),
    "FORCED WORK STOPPAGE": (STRATEGIC, None),
}
MUC4_ALWAYS_OPTIONAL: frozenset[str] = frozenset({"FORCED WORK STOPPAGE"})
MUC4_ARMED_TARGETS: frozenset[str] = frozenset({"ACTIVE MILITARY", "LAW ENFORCEMENT", "SECURITY GUARD"})
# MUC-4 instrument types -> ACLED Explosions/Remote violence sub-type (guns, knives etc. have none).
MUC4_INSTRUMENT_SUBTYPES: dict[str, str] = {
    "AERIAL BOMB": "Air/drone strike",
    "GRENADE": "Grenade",
    "MORTAR": "Shelling/artillery/missile attack",
    "ROCKET": "Shelling/artillery/missile attack",
    "MISSILE": "Shelling/artillery/missile attack",
    "CANNON": "Shelling/artillery/missile attack",
    "BOMB": "Remote explosive/landmine/IED",
    "VEHICLE BOMB": "Remote explosive/landmine/IED",
    "DYNAMITE": "Remote explosive/landmine/IED",
    "EXPLOSIVE": "Remote explosive/landmine/IED",
    "MINE": "Remote explosive/landmine/IED",
}
MUC4_INSTRUMENT_WEAPONS: dict[str, str] = {
    "GUN": "firearm", "MACHINE GUN": "firearm", "RIFLE": "firearm", "AERIAL BOMB": "aircraft",
    "GRENADE": "grenade", "MORTAR": "mortar", "ROCKET": "rocket", "MISSILE": "missile", "CANNON": "artillery",
    "BOMB": "ied", "VEHICLE BOMB": "ied", "DYNAMITE": "ied", "EXPLOSIVE": "ied", "MINE": "ied",
    "CUTTING DEVICE": "knife", "MOLOTOV COCKTAIL": "other", "FIRE": "other", "TORTURE": "other",
}

# Words of a free-text instrument -> Explosions/Remote violence sub-type (first hit wins).
INSTRUMENT_WORDS: tuple[tuple[str, str], ...] = (
    ("suicide", "Suicide bomb"),
    ("grenade", "Grenade"),
    ("drone", "Air/drone strike"),
    ("airstrike", "Air/drone strike"),
    ("air strike", "Air/drone strike"),
    ("aircraft", "Air/drone strike"),
    ("missile", "Shelling/artillery/missile attack"),
    ("rocket", "Shelling/artillery/missile attack"),
    ("mortar", "Shelling/artillery/missile attack"),
    ("shell", "Shelling/artillery/missile attack"),
    ("artillery", "Shelling/artillery/missile attack"),
    ("ied", "Remote explosive/landmine/IED"),
    ("mine", "Remote explosive/landmine/IED"),
    ("bomb", "Remote explosive/landmine/IED"),
    ("explosive", "Remote explosive/landmine/IED"),
)


@dataclass(frozen=True, slots=True)
class KairosRule:
    """How one KAIROS event type counts: which ACLED types match it, the sub-type, whether it is required."""

    group: str
    accept: frozenset[str]
    sub_event_type: str | None = None
    required: bool = True


KAIROS_RULES: dict[str, KairosRule] = {
    "Conflict.Attack.DetonateExplode": KairosRule("explosion", frozenset({EXPLOSIONS})),
    "Conflict.Attack.Unspecified": KairosRule("attack", VIOLENT_TYPES),
    "Conflict.Demonstrate.Unspecified": KairosRule("protest", frozenset({PROTESTS, RIOTS})),
    "Conflict.Demonstrate.DemonstrateWithViolence": KairosRule(
        "riot", frozenset({RIOTS, PROTESTS}), "Violent demonstration"
    ),
    "Justice.ArrestJailDetain.Unspecified": KairosRule("arrest", frozenset({STRATEGIC}), "Arrests"),
    "ArtifactExistence.DamageDestroyDisableDismantle.DisableDefuse": KairosRule(
        "defuse", frozenset({STRATEGIC}), "Disrupted weapons use"
    ),
    "ArtifactExistence.DamageDestroyDisableDismantle.Damage": KairosRule(
        "damage", VIOLENT_TYPES | {STRATEGIC, RIOTS}, required=False
    ),
    "ArtifactExistence.DamageDestroyDisableDismantle.Destroy": KairosRule(
        "damage", VIOLENT_TYPES | {STRATEGIC, RIOTS}, required=False
    ),
    "ArtifactExistence.DamageDestroyDisableDismantle.Dismantle": KairosRule(
        "damage", VIOLENT_TYPES | {STRATEGIC, RIOTS}, required=False
    ),
    "Life.Die.Unspecified": KairosRule("casualty", VIOLENT_TYPES | {RIOTS, PROTESTS}, required=False),
    "Life.Injure.Unspecified": KairosRule("casualty", VIOLENT_TYPES | {RIOTS, PROTESTS}, required=False),
}

INDIA_POLICE_LABELS: tuple[str, ...] = ("KILL", "ARREST", "FORCE", "FAIL")

# What each taxonomy's gold lets us measure; the runner copies these into results and reports.
MEASURES: dict[str, str] = {
    "acled": "ACLED-coded gold: event detection and every field the gold gives.",
    "case2021": (
        "CASE 2021: one label per snippet, no dates; place and actor names were replaced in the texts, so "
        "only event type and sub-event type are scored; non-ACLED labels expect no event (false positives)."
    ),
    "isafpr": (
        "ISAF: detection by type family, date, country, admin1 (province), fatalities (minimum killed) and "
        "captured (minimum captured); no coordinates, target group as actor2."
    ),
    "muc4": (
        "MUC-4: detection with true negatives, type by template rules, date (ranges where the template gives "
        "bounds), country, location; fatalities/injuries are approximate (derived from template slots)."
    ),
    "kairos": (
        "WikiEvents: per-document detection of ACLED families from event mentions (one required event per "
        "family, extra mentions optional); actors from mention arguments; no dates or places."
    ),
    "indiapoliceevents-questions": (
        "IndiaPoliceEvents: document-level detection only (tp/fp/fn count documents): a document with a "
        "KILL/ARREST/FORCE/FAIL label must yield an event satisfying one of them; a document with no label "
        "must yield none; ANY_ACTION-only documents are not scored. Field metrics are not measurable."
    ),
    "places": (
        "Place-name gold: toponym recognition by character overlap and resolution (km error, accuracy within "
        "161 km, country) over gold places with coordinates."
    ),
}

TAXONOMY_NAMES: dict[str, str] = {
    "acled": "acled",
    "acled(seen)": "acled",
    "case2021-unseen": "case2021",
    "case2021": "case2021",
    "isafpr": "isafpr",
    "muc4": "muc4",
    "kairos": "kairos",
    "indiapoliceevents-questions": "indiapoliceevents-questions",
}

Converter = Callable[[GoldDoc, Sequence[Mapping[str, Any]]], list[GoldEvent]]


def canonical_taxonomy(name: str | None) -> str:
    """Canonical taxonomy name; None means ACLED. Raises ValueError for an unknown name."""
    if name is None:
        return "acled"
    try:
        return TAXONOMY_NAMES[name.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown taxonomy {name!r}") from None


def canonical_sub_type(name: Any) -> str | None:
    """ACLED's spelling of a sub-event type; None when it is none ("Air/drone strike or unspecified")."""
    if not isinstance(name, str) or not name.strip():
        return None
    if name in SUB_EVENT_TO_TYPE:
        return name
    key = name.strip().lower()
    for sub in SUB_EVENT_TO_TYPE:
        if sub.lower() == key:
            return sub
    return SUB_TYPE_ALIASES.get(key)


def event_taxonomy(doc: GoldDoc, event: Mapping[str, Any]) -> str:
    """The canonical taxonomy of one gold event (its own field first, then the document's)."""
    return canonical_taxonomy(event.get("event_type_taxonomy") or doc.taxonomy)


def doc_taxonomies(doc: GoldDoc) -> set[str]:
    names = {event_taxonomy(doc, ev) for ev in doc.events}
    if doc.taxonomy is not None:
        names.add(canonical_taxonomy(doc.taxonomy))
    return names


def scoring_level(docs: Iterable[GoldDoc]) -> str:
    """"places" for place-name gold, "document" for sets with document labels only, else "event"."""
    docs = list(docs)
    if any(doc.places is not None for doc in docs):
        return "places"
    if any("indiapoliceevents-questions" in doc_taxonomies(doc) for doc in docs):
        return "document"
    return "event"


def measures(taxonomies: Iterable[str]) -> list[str]:
    """Notes on what can be measured, one per taxonomy present (in a stable order)."""
    return [MEASURES[name] for name in sorted(set(taxonomies)) if name in MEASURES]


def gold_events(doc: GoldDoc) -> list[GoldEvent]:
    """The ACLED-style gold events of a document, whatever its taxonomy."""
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for event in doc.events:
        try:
            name = event_taxonomy(doc, event)
        except ValueError as exc:
            raise GoldFormatError(f"{doc.origin}: {exc}") from exc
        groups.setdefault(name, []).append(event)
    converted: list[GoldEvent] = []
    for name, events in groups.items():
        converted.extend(_CONVERTERS[name](doc, events))
    return converted


# --- ACLED ---------------------------------------------------------------------------------------------


def _acled_events(doc: GoldDoc, events: Sequence[Mapping[str, Any]]) -> list[GoldEvent]:
    return [_acled_event(doc, rec, index) for index, rec in enumerate(events)]


def _acled_event(doc: GoldDoc, rec: Mapping[str, Any], index: int) -> GoldEvent:
    where = f"{doc.origin}: events[{index}]"
    event_type, sub = _acled_types(rec, where)
    try:
        return GoldEvent(
            accept_types=frozenset({event_type}),
            event_type=event_type,
            sub_event_type=sub,
            event_date=parse_date(rec.get("event_date")),
            time_precision=_opt_int(rec.get("time_precision")),
            country=_opt_str(rec.get("country")),
            admin1=_opt_str(rec.get("admin1")),
            admin2=_opt_str(rec.get("admin2")),
            location=_opt_str(rec.get("location")),
            latitude=_opt_float(rec.get("latitude")),
            longitude=_opt_float(rec.get("longitude")),
            geo_precision=_opt_int(rec.get("geo_precision")),
            # ACLED's associated actors are named in the text as often as the main ones: both count.
            actor1=_names(rec.get("actor1"), rec.get("assoc_actor_1")),
            actor2=_names(rec.get("actor2"), rec.get("assoc_actor_2")),
            weapon=_opt_str(rec.get("weapon")),
            fatalities=_opt_int(rec.get("fatalities")),
            injuries=_opt_int(rec.get("injuries")),
            captured=_opt_int(rec.get("captured")),
            munitions=_opt_int(rec.get("munitions")),
            required=rec.get("required", True) is not False,
            evidence=str(rec.get("evidence") or ""),
            label=f"acled:{sub or event_type}",
        )
    except (TypeError, ValueError) as exc:
        raise GoldFormatError(f"{where}: {exc}") from exc


def _acled_types(rec: Mapping[str, Any], where: str) -> tuple[str, str | None]:
    event_type = rec.get("event_type")
    sub = canonical_sub_type(rec.get("sub_event_type"))
    if event_type is None and sub is not None:
        event_type = SUB_EVENT_TO_TYPE[sub]
    if event_type not in EVENT_TAXONOMY:
        raise GoldFormatError(f"{where}: unknown ACLED event_type {event_type!r}")
    if sub is not None and SUB_EVENT_TO_TYPE[sub] != event_type:
        sub = None  # a sub-type of another family: keep the family, do not score the sub-type
    return str(event_type), sub


# --- CASE 2021 -----------------------------------------------------------------------------------------


def _case2021_events(doc: GoldDoc, events: Sequence[Mapping[str, Any]]) -> list[GoldEvent]:
    converted = []
    for rec in events:
        sub = canonical_sub_type(rec.get("sub_event_type")) or CASE2021_LABELS.get(str(rec.get("case_label")))
        if sub is None:
            continue  # disaster, crime, diplomacy, attribution: the snippet should yield no event
        event_type = SUB_EVENT_TO_TYPE[sub]
        converted.append(GoldEvent(
            accept_types=frozenset({event_type}), event_type=event_type, sub_event_type=sub,
            label=f"case2021:{rec.get('case_label') or sub}",
        ))
    return converted


# --- ISAF ----------------------------------------------------------------------------------------------


def _isaf_events(doc: GoldDoc, events: Sequence[Mapping[str, Any]]) -> list[GoldEvent]:
    converted: list[GoldEvent] = []
    for index, rec in enumerate(events):
        try:
            converted.extend(_isaf_record(rec))
        except (TypeError, ValueError) as exc:
            raise GoldFormatError(f"{doc.origin}: events[{index}]: {exc}") from exc
    return converted


def isaf_labels(value: Any) -> list[str]:
    """ISAF labels of a record: a list or string, entries possibly joined by ';'."""
    return [part.strip().lower() for item in _str_items(value) for part in item.split(";") if part.strip()]


def _isaf_record(rec: Mapping[str, Any]) -> list[GoldEvent]:
    labels = isaf_labels(rec.get("event_type"))
    killed = _opt_int(rec.get("fatalities")) or 0
    captured = _opt_int(rec.get("captured")) or 0
    provinces = _str_items(rec.get("admin1"))
    base = GoldEvent(
        accept_types=ALL_TYPES,
        event_date=parse_date(rec.get("event_date")),
        country=_opt_str(rec.get("country")),
        admin1=provinces[0].title() if len(provinces) == 1 else None,
        actor2=tuple(name for name in _str_items(rec.get("actor2")) if name),
    )
    events = [_isaf_label_event(base, label, killed, captured) for label in labels]
    if killed and not ISAF_KILL_LABELS.intersection(labels):
        events.append(replace(base, accept_types=frozenset({BATTLES}), event_type=BATTLES,
                              sub_event_type="Armed clash", fatalities=killed, required=False,
                              label="isafpr:killed (companion)"))
    if captured and "detention" not in labels:
        events.append(replace(base, accept_types=frozenset({STRATEGIC}), event_type=STRATEGIC,
                              sub_event_type="Arrests", captured=captured, required=False,
                              label="isafpr:captured (companion)"))
    return events


def _isaf_label_event(base: GoldEvent, label: str, killed: int, captured: int) -> GoldEvent:
    fatalities = killed if label in ISAF_KILL_LABELS and killed else None
    captives = captured if label in ISAF_CAPTURE_LABELS and captured else None
    if label in ISAF_TYPES:
        event_type, sub = ISAF_TYPES[label]
        return replace(base, accept_types=frozenset({event_type}), event_type=event_type, sub_event_type=sub,
                       fatalities=fatalities, captured=captives, label=f"isafpr:{label}")
    if label in ISAF_ANY_VIOLENT:
        return replace(base, accept_types=VIOLENT_TYPES, fatalities=fatalities, label=f"isafpr:{label}")
    # A label this mapping does not know: optional, any type, so it neither rewards nor penalises.
    return replace(base, required=False, label=f"isafpr:{label} (unmapped)")


# --- MUC-4 ---------------------------------------------------------------------------------------------


def _muc4_events(doc: GoldDoc, events: Sequence[Mapping[str, Any]]) -> list[GoldEvent]:
    templates = _muc4_templates(doc)
    converted = []
    for index, rec in enumerate(events):
        template = templates[index] if len(templates) == len(events) else {}
        try:
            converted.append(_muc4_event(rec, template))
        except (TypeError, ValueError) as exc:
            raise GoldFormatError(f"{doc.origin}: events[{index}]: {exc}") from exc
    return converted


def _muc4_templates(doc: GoldDoc) -> list[Mapping[str, Any]]:
    """The raw templates that describe an incident, in file order (they align with the events)."""
    gold_raw = doc.raw.get("gold_raw")
    templates = gold_raw.get("templates") if isinstance(gold_raw, Mapping) else None
    if not isinstance(templates, list):
        return []
    return [t for t in templates if isinstance(t, Mapping) and t.get("INCIDENT: TYPE") not in (None, ["*"])]


def _muc4_event(rec: Mapping[str, Any], template: Mapping[str, Any]) -> GoldEvent:
    incident = str(rec.get("event_type") or "").strip().upper()
    stage = str(rec.get("stage_of_execution") or "").upper()
    instruments = muc4_instruments(rec.get("weapon_type"))
    accept, event_type, sub = _muc4_types(incident, instruments, muc4_target_kinds(template), stage)
    date, earliest, latest = _muc4_dates(rec)
    required = (
        rec.get("template_optional") is not True
        and "ACCOMPLISHED" in stage
        and incident not in MUC4_ALWAYS_OPTIONAL
    )
    return GoldEvent(
        accept_types=accept, event_type=event_type, sub_event_type=sub,
        event_date=date, date_earliest=earliest, date_latest=latest,
        country=_opt_str(rec.get("country")), admin1=_opt_str(rec.get("admin1")),
        location=_opt_str(rec.get("location")),
        actor1=_names(rec.get("actor1"), rec.get("actor1_individual")),
        actor2=_names(rec.get("actor2"), rec.get("victim_names")),
        weapon=_muc4_weapon(instruments),
        fatalities=_opt_int(rec.get("fatalities_derived")),
        injuries=_opt_int(rec.get("injuries_derived")),
        required=required, label=f"muc4:{incident}",
    )


def muc4_instruments(value: Any) -> list[str]:
    """Instrument categories of a template ('VEHICLE BOMB: "CAR BOMB"' -> VEHICLE BOMB), '?' dropped."""
    kinds = []
    for item in _str_items(value):
        for part in item.split(":", 1)[0].split("/"):
            kind = part.strip(" ?()\"").upper()
            if kind and kind != "-":
                kinds.append(kind)
    return kinds


def muc4_target_kinds(template: Mapping[str, Any]) -> set[str]:
    """Human target types of a raw template ('CIVILIAN: "PEASANTS"' -> CIVILIAN), '-' dropped."""
    kinds = set()
    for item in _str_items(template.get("HUM TGT: TYPE")):
        for part in item.split(":", 1)[0].split("/"):
            kind = part.strip(" ?()\"").upper()
            if kind and kind not in {"-", "*"}:
                kinds.add(kind)
    return kinds


def _muc4_types(
    incident: str, instruments: list[str], targets: set[str], stage: str
) -> tuple[frozenset[str], str | None, str | None]:
    """(accepted ACLED types, single type or None, sub-type or None) of one MUC-4 template."""
    explosive_subs = {MUC4_INSTRUMENT_SUBTYPES[k] for k in instruments if k in MUC4_INSTRUMENT_SUBTYPES}
    if incident == "BOMBING":
        if "ATTEMPTED" in stage:  # a bomb found or defused is coded as Disrupted weapons use
            return frozenset({EXPLOSIONS, STRATEGIC}), None, None
        sub = next(iter(explosive_subs)) if len(explosive_subs) == 1 else None
        return frozenset({EXPLOSIONS}), EXPLOSIONS, sub
    if incident == "ATTACK":
        return _muc4_attack(targets, uses_explosives=bool(explosive_subs))
    if incident in MUC4_FIXED:
        event_type, fixed_sub = MUC4_FIXED[incident]
        return frozenset({event_type}), event_type, fixed_sub
    return ALL_TYPES, None, None


def _muc4_attack(
    targets: set[str], *, uses_explosives: bool
) -> tuple[frozenset[str], str | None, str | None]:
    """ATTACK: by target (armed -> Battles, unarmed -> Violence against civilians); explosives add
    Explosions/Remote violence; with no human target any violent type or Strategic developments."""
    if not targets:
        return VIOLENT_TYPES | {STRATEGIC}, None, None
    armed = {t for t in targets if t in MUC4_ARMED_TARGETS}
    if armed and armed != targets:
        mixed = frozenset({BATTLES, VAC})
        return (mixed | {EXPLOSIONS} if uses_explosives else mixed), None, None
    event_type, sub = (BATTLES, "Armed clash") if armed else (VAC, "Attack")
    if uses_explosives:
        return frozenset({event_type, EXPLOSIONS}), None, None
    return frozenset({event_type}), event_type, sub


_MUC_DAY = re.compile(r"\b(\d{1,2}) ([A-Z]{3}) (\d{2})\b")
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def _muc4_dates(rec: Mapping[str, Any]) -> tuple[dt.date | None, dt.date | None, dt.date | None]:
    """(exact date, earliest, latest). Falls back to the days written in the raw slot ("19 MAR 89 /
    18 MAR 89" -> a range over them) when the converted fields are empty."""
    exact = parse_date(rec.get("event_date"))
    earliest = parse_date(rec.get("event_date_earliest"))
    latest = parse_date(rec.get("event_date_latest"))
    if exact or earliest or latest:
        return exact, earliest, latest
    days = sorted(_muc_days(str(rec.get("event_date_raw") or "")))
    if not days:
        return None, None, None
    if days[0] == days[-1]:
        return days[0], None, None
    return None, days[0], days[-1]


def _muc_days(raw: str) -> list[dt.date]:
    days: list[dt.date] = []
    for day, month, year in _MUC_DAY.findall(raw.upper()):
        if month in _MONTHS:
            century = 1900 if int(year) >= 50 else 2000
            try:
                days.append(dt.date(century + int(year), _MONTHS.index(month) + 1, int(day)))
            except ValueError:
                continue  # an impossible day such as 31 APR
    return days


def _muc4_weapon(instruments: list[str]) -> str | None:
    weapons = {MUC4_INSTRUMENT_WEAPONS.get(kind, "other") for kind in instruments}
    return weapons.pop() if len(weapons) == 1 else None


# --- KAIROS / WikiEvents -------------------------------------------------------------------------------


def _kairos_events(doc: GoldDoc, events: Sequence[Mapping[str, Any]]) -> list[GoldEvent]:
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for rec in events:
        rule = KAIROS_RULES.get(str(rec.get("event_type")))
        if rule is not None:
            groups.setdefault(rule.group, []).append(rec)
    converted: list[GoldEvent] = []
    for group, mentions in groups.items():
        required = KAIROS_RULES[str(mentions[0].get("event_type"))].required
        if group == "attack" and "explosion" in groups:
            required = False  # most likely the same incidents as the explosion mentions
        converted.extend(_kairos_group(group, mentions, required=required))
    return converted


def _kairos_group(group: str, mentions: list[Mapping[str, Any]], *, required: bool) -> list[GoldEvent]:
    """One event for the group (required if the group is) plus optional ones for the other mentions."""
    rules = [KAIROS_RULES[str(m.get("event_type"))] for m in mentions]
    accept = frozenset[str]().union(*(rule.accept for rule in rules))
    event_type = next(iter(accept)) if len(accept) == 1 else None
    sub = _kairos_sub_type(group, mentions, rules)
    locations = [name for m in mentions for name in _str_items(m.get("location"))]
    head = GoldEvent(
        accept_types=accept, event_type=event_type, sub_event_type=sub,
        location=locations[0] if locations else None,
        actor1=_names(*(m.get("actor1") for m in mentions)),
        actor2=_names(*(m.get("actor2") for m in mentions)),
        weapon=_kairos_weapon(mentions),
        required=required,
        evidence=" | ".join(str(m.get("trigger") or "") for m in mentions),
        label=f"kairos:{group}",
    )
    extras = [replace(head, required=False, label=f"kairos:{group} (other mention)") for _ in mentions[1:]]
    return [head, *extras]


def _kairos_sub_type(group: str, mentions: list[Mapping[str, Any]], rules: list[KairosRule]) -> str | None:
    subs = {rule.sub_event_type for rule in rules}
    if group == "explosion":
        subs = {instrument_sub_type(w) for m in mentions for w in _str_items(m.get("weapon"))}
    subs.discard(None)
    return subs.pop() if len(subs) == 1 else None


def _kairos_weapon(mentions: list[Mapping[str, Any]]) -> str | None:
    names = [w for m in mentions for w in _str_items(m.get("weapon"))]
    return names[0] if names else None


def instrument_sub_type(text: str) -> str | None:
    """Explosions/Remote violence sub-type suggested by an instrument's wording ("car bomb" -> IED)."""
    lowered = text.lower()
    for word, sub in INSTRUMENT_WORDS:
        if re.search(rf"\b{re.escape(word)}", lowered):
            return sub
    return None


# --- IndiaPoliceEvents (document level) ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocExpectation:
    """Document-level gold. positive: True = should yield an event that satisfies one of `labels`,
    False = should yield no event, None = not scored (e.g. only the broad ANY_ACTION label)."""

    labels: tuple[str, ...]
    positive: bool | None
    all_labels: tuple[str, ...] = ()


def doc_expectation(doc: GoldDoc) -> DocExpectation:
    found: list[str] = []
    for event in doc.events:
        for label in _str_items(event.get("police_action_labels")):
            if label.upper() not in found:
                found.append(label.upper())
    measurable = tuple(label for label in INDIA_POLICE_LABELS if label in found)
    if measurable:
        return DocExpectation(measurable, True, tuple(found))
    return DocExpectation((), None if found else False, tuple(found))


def label_satisfied(label: str, prediction: Mapping[str, Any]) -> bool:
    """Whether a predicted event (eventwire JSON) shows what a police-action label says happened.

    KILL: a violent, riot or protest event with fatalities > 0. ARREST: an Arrests event, or a protest or
    riot with people captured. FORCE: a violent or riot event, or a protest met with force. FAIL (police
    failed to stop violence): any violent or riot event.
    """
    event_type = prediction_type(prediction)
    sub = prediction.get("sub_event_type")
    if label == "KILL":
        return event_type in VIOLENT_TYPES | {RIOTS, PROTESTS} and _count(prediction, "fatalities") > 0
    if label == "ARREST":
        crowd_arrest = event_type in {PROTESTS, RIOTS} and _count(prediction, "captured") > 0
        return sub == "Arrests" or crowd_arrest
    if label == "FORCE":
        forced = sub in {"Excessive force against protesters", "Protest with intervention"}
        return event_type in VIOLENT_TYPES | {RIOTS} or forced
    if label == "FAIL":
        return event_type in VIOLENT_TYPES | {RIOTS}
    return False


def prediction_type(prediction: Mapping[str, Any]) -> str | None:
    """A prediction's ACLED event type, taken from its sub-type when the type itself is missing."""
    event_type = prediction.get("event_type")
    if isinstance(event_type, str) and event_type in EVENT_TAXONOMY:
        return event_type
    sub = canonical_sub_type(prediction.get("sub_event_type"))
    return SUB_EVENT_TO_TYPE[sub] if sub else None


def _india_events(doc: GoldDoc, events: Sequence[Mapping[str, Any]]) -> list[GoldEvent]:
    return []  # document-level only: see doc_expectation


# --- helpers -------------------------------------------------------------------------------------------


def _count(prediction: Mapping[str, Any], key: str) -> int:
    value = prediction.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _str_items(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(item) for item in value if item is not None]
    raise TypeError(f"expected a string or a list of strings, got {value!r}")


def _names(*values: Any) -> tuple[str, ...]:
    """Distinct non-empty names from strings (split on ';') and lists, in order."""
    names: list[str] = []
    for value in values:
        for item in _str_items(value):
            for part in item.split(";"):
                name = part.strip()
                if name and name not in names:
                    names.append(name)
    return tuple(names)


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _opt_int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"expected an integer, got {value!r}")
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f"expected an integer, got {value!r}")
    return int(value)


def _opt_float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    return float(value)


_CONVERTERS: dict[str, Converter] = {
    "acled": _acled_events,
    "case2021": _case2021_events,
    "isafpr": _isaf_events,
    "muc4": _muc4_events,
    "kairos": _kairos_events,
    "indiapoliceevents-questions": _india_events,
}
