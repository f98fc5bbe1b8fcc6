"""Tests for eventwire.plover: the ACLED -> PLOVER mapping table and the PLOVER event records."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from eventwire.export import attach_articles, write_plover
from eventwire.model import EVENT_TAXONOMY, SUB_EVENT_TO_TYPE
from eventwire.plover import (
    EVENT_SCALE,
    PLOVER_CATEGORIES,
    QUAD_CODES,
    SUB_EVENT_MAP,
    actor_country_code,
    mapping_for,
    plover_record,
)
from test_export import record, stored_articles, two_source_record

# The PLOVER manual's required fields and the optional ones eventwire fills.
REQUIRED = {"id", "date", "source", "event"}
OPTIONAL = {"has_event", "recipient", "mode", "context", "quad_code", "event_scale", "event_loc", "event_text",
            "cite_info", "coder"}


def test_every_acled_sub_event_type_is_mapped_to_a_plover_category() -> None:
    assert set(SUB_EVENT_MAP) == set(SUB_EVENT_TO_TYPE)
    for sub, mapping in SUB_EVENT_MAP.items():
        if sub == "Other":
            assert mapping.event is None
            continue
        assert mapping.event in PLOVER_CATEGORIES, sub
        assert mapping.event in QUAD_CODES and mapping.event in EVENT_SCALE
    assert set(QUAD_CODES) == set(PLOVER_CATEGORIES) == set(EVENT_SCALE)


def test_event_type_without_sub_type_takes_its_first_row() -> None:
    for event_type, subs in EVENT_TAXONOMY.items():
        assert mapping_for(event_type, None) == SUB_EVENT_MAP[subs[0]]
    assert mapping_for("Unknown", None).event is None


def test_assault_record_has_the_plover_fields() -> None:
    enriched = next(attach_articles([two_source_record()], stored_articles))
    out = plover_record({**enriched, "sub_event_type": "Attack", "event_type": "Violence against civilians",
                         "weapon": "firearm", "fatalities": 2, "injuries": 3})
    assert set(out) >= REQUIRED | OPTIONAL
    assert out["id"] == "ew-abc" and out["date"] == "2023-03-14" and out["has_event"] is True
    assert out["event"] == ["ASSAULT"] and out["mode"] == ["firearms"] and out["context"] == []
    assert out["quad_code"] == 4 and out["event_scale"] == -9.3
    assert out["dead"] == 2 and out["injured"] == 3
    assert out["source"] == [{"code": "IRQ", "sector": "UAF", "actor_text": "Unidentified Armed Group (Iraq)",
                              "identifier_text": "Unidentified Armed Group (Iraq)", "inter": 3}]
    assert out["recipient"][0]["identifier_text"] == "Military Forces of Iraq"
    assert out["recipient"][0]["code"] == "IRQ" and out["recipient"][0]["sector"] == "MIL"
    assert out["event_loc"] == {"name": "Kirkuk", "latitude": 35.4681, "longitude": 44.3922, "country": "Iraq",
                                "cc3": "IRQ", "admin1": "Kirkuk", "admin2": None, "geo_precision": 1}
    assert out["event_text"] == ["Militants fired three rockets at a base near Kirkuk on Tuesday, wounding two "
                                 "soldiers.", "Three rockets hit the base."]
    assert [c["publication"] for c in out["cite_info"]] == ["Kirkuk Now", None]
    assert out["cite_info"][1]["url"] == "http://other/a2"
    assert out["acled"] == {"event_type": "Violence against civilians", "sub_event_type": "Attack"}
    assert "text" not in out  # never the article text


@pytest.mark.parametrize(("sub_event_type", "weapon", "event", "modes", "context"), [
    ("Armed clash", "artillery", "ASSAULT", ["sideAB", "heavy-weapons"], ["military"]),
    ("Armed clash", None, "ASSAULT", ["sideAB"], ["military"]),
    ("Air/drone strike", "drone", "ASSAULT", ["heavy-weapons"], ["military"]),
    ("Remote explosive/landmine/IED", "IED", "ASSAULT", ["explosives"], []),
    ("Chemical weapon", None, "ASSAULT", ["unconventional"], ["cbrn"]),
    ("Abduction/forced disappearance", None, "ASSAULT", ["abduct"], []),
    ("Peaceful protest", None, "PROTEST", ["demo"], []),
    ("Mob violence", None, "PROTEST", ["riot"], []),
    ("Arrests", None, "COERCE", ["arrest"], []),
    ("Agreement", None, "SUPPORT", [], ["diplomatic"]),
    ("Non-violent transfer of territory", None, "RETREAT", ["withdraw"], ["resource"]),
])
def test_mapping_rows(sub_event_type: str, weapon: str | None, event: str, modes: list[str],
                      context: list[str]) -> None:
    out = plover_record(record("ew-1", event_type=SUB_EVENT_TO_TYPE[sub_event_type], sub_event_type=sub_event_type,
                               weapon=weapon))
    assert (out["event"], out["mode"], out["context"]) == ([event], modes, context)
    assert out["quad_code"] == QUAD_CODES[event]
    assert ("dead" in out) == (event == "ASSAULT")


def test_excessive_force_puts_the_force_first() -> None:
    out = plover_record(record("ew-1", event_type="Protests", sub_event_type="Excessive force against protesters",
                               actor1="Protesters (Iraq)", inter1=6, actor2="Police Forces of Iraq (2018-)",
                               inter2=1, weapon="firearm"))
    assert out["event"] == ["ASSAULT"] and out["mode"] == ["firearms"]
    assert out["source"][0]["identifier_text"] == "Police Forces of Iraq (2018-)"
    assert out["source"][0]["sector"] == "COP"
    assert out["recipient"][0]["sector"] == "CVL"


def test_other_strategic_development_is_not_coded() -> None:
    out = plover_record(record("ew-1", event_type="Strategic developments", sub_event_type="Other"))
    assert out["has_event"] is False and out["event"] == [] and out["quad_code"] is None


@pytest.mark.parametrize(("name", "code"), [
    ("Civilians (Iraq)", "IRQ"), ("Military Forces of Iraq (2022-)", "IRQ"), ("Islamic State (Syria)", "SYR"),
    ("Military Forces of Russia (2000-) Wagner Group", "RUS"), ("Unidentified Armed Group", None),
])
def test_actor_country_from_the_acled_name(name: str, code: str | None) -> None:
    assert actor_country_code(name) == code


def test_external_forces_without_a_country_get_no_code() -> None:
    out = plover_record(record("ew-1", actor2="Coalition Forces", inter2=8))
    assert out["recipient"][0]["code"] is None
    out = plover_record(record("ew-1", actor2="Unidentified Armed Group", inter2=3))
    assert out["recipient"][0]["code"] == "IRQ"  # a local actor: the event's country


def test_write_plover_is_one_record_per_line() -> None:
    out = io.StringIO()
    records: list[dict[str, Any]] = [record("ew-1"), record("ew-2", country="Nigeria")]
    assert write_plover(records, out) == 2
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == ["ew-1", "ew-2"]
    assert lines[1]["event_loc"]["cc3"] == "NGA"
