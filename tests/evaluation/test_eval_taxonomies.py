"""Each taxonomy adapter on a tiny hand-written document."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eventwire.evaluation.gold import GoldDoc, GoldFormatError
from eventwire.evaluation.scoring import label_recall, score_labels, summarize_labels
from eventwire.evaluation.taxonomies import (
    canonical_sub_type,
    doc_expectation,
    gold_events,
    instrument_sub_type,
    label_satisfied,
    scoring_level,
)

BATTLES, ERV, VAC = "Battles", "Explosions/Remote violence", "Violence against civilians"
SD = "Strategic developments"


def doc(taxonomy: str | None, events: list[dict[str, Any]], **raw: Any) -> GoldDoc:
    return GoldDoc(id="d1", text="hand-written", published=dt.date(2020, 1, 2), taxonomy=taxonomy,
                   events=tuple(events), origin="test.jsonl:1", raw=raw)


# --- ACLED ---------------------------------------------------------------------------------------------


def test_acled_event_keeps_all_fields() -> None:
    [event] = gold_events(doc("acled", [{
        "event_type": "Protests", "sub_event_type": "Peaceful protest", "event_date": "2020-01-01",
        "time_precision": 1, "country": "Chile", "admin1": "Santiago Metropolitan", "location": "Santiago",
        "latitude": -33.45, "longitude": -70.66, "geo_precision": 1, "actor1": "Protesters (Chile)",
        "assoc_actor_1": "Students (Chile); Teachers (Chile)", "fatalities": 0, "required": True,
        "evidence": "Thousands marched.",
    }]))
    assert event.accept_types == frozenset({"Protests"})
    assert (event.event_type, event.sub_event_type) == ("Protests", "Peaceful protest")
    assert event.event_date == dt.date(2020, 1, 1)
    assert event.actor1 == ("Protesters (Chile)", "Students (Chile)", "Teachers (Chile)")
    assert (event.latitude, event.longitude, event.fatalities, event.required) == (-33.45, -70.66, 0, True)


def test_acled_sub_type_aliases_and_unclear_sub_types() -> None:
    events = gold_events(doc(None, [
        {"event_type": SD, "sub_event_type": "Destruction of property", "required": False},
        {"event_type": ERV, "sub_event_type": "Air/drone strike or unspecified"},
        {"event_type": None, "sub_event_type": "Grenade"},
        {"event_type": BATTLES, "sub_event_type": "Grenade"},  # sub-type of another family
    ]))
    assert [(e.event_type, e.sub_event_type, e.required) for e in events] == [
        (SD, "Looting/property destruction", False), (ERV, None, True), (ERV, "Grenade", True),
        (BATTLES, None, True),
    ]


def test_acled_bad_records_name_file_and_line() -> None:
    with pytest.raises(GoldFormatError, match=r"test\.jsonl:1: events\[0\]: unknown ACLED event_type"):
        gold_events(doc("acled", [{"event_type": "Fighting"}]))
    with pytest.raises(GoldFormatError, match=r"test\.jsonl:1: events\[0\]"):
        gold_events(doc("acled", [{"event_type": BATTLES, "event_date": "10 March"}]))
    with pytest.raises(GoldFormatError, match="unknown taxonomy"):
        gold_events(doc("acme", [{"event_type": BATTLES}]))


def test_canonical_sub_type() -> None:
    assert canonical_sub_type("air/drone strike") == "Air/drone strike"
    assert canonical_sub_type("Airstrike") == "Air/drone strike"
    assert canonical_sub_type("something else") is None
    assert canonical_sub_type(None) is None


# --- CASE 2021 -----------------------------------------------------------------------------------------


def test_case2021_non_acled_label_expects_no_event() -> None:
    unseen = doc("case2021-unseen", [{"event_type": None, "sub_event_type": None,
                                      "non_acled_type": "Natural disaster",
                                      "case_label": "NATURAL_DISASTER"}])
    assert gold_events(unseen) == []


def test_case2021_codes_map_to_acled_sub_types() -> None:
    [by_code] = gold_events(doc("case2021-unseen", [{"case_label": "SUIC_BOMB"}]))
    assert (by_code.event_type, by_code.sub_event_type, by_code.event_date, by_code.country) == (
        ERV, "Suicide bomb", None, None)
    seen_record = {"event_type": "Riots", "sub_event_type": "Mob violence",
                   "event_type_taxonomy": "acled(seen)", "case_label": "MOB_VIOL"}
    [seen] = gold_events(doc("acled(seen)", [seen_record]))
    assert (seen.event_type, seen.sub_event_type) == ("Riots", "Mob violence")


# --- ISAF ----------------------------------------------------------------------------------------------


def isaf(labels: list[str], killed: int, captured: int) -> list[Any]:
    return gold_events(doc("isafpr", [{
        "event_type": labels, "event_type_taxonomy": "isafpr", "event_date": "2011-05-04",
        "country": "Afghanistan", "admin1": ["kandahar"], "actor2": ["taliban"],
        "fatalities": killed, "captured": captured,
    }]))


def test_isaf_combined_labels_give_one_event_each_with_their_own_counts() -> None:
    strike, arrest = isaf(["airstrike;detention"], killed=3, captured=1)
    assert (strike.event_type, strike.sub_event_type, strike.fatalities, strike.captured) == (
        ERV, "Air/drone strike", 3, None)
    assert (arrest.event_type, arrest.sub_event_type, arrest.fatalities, arrest.captured) == (
        SD, "Arrests", None, 1)
    assert strike.required and arrest.required
    assert (strike.admin1, strike.country, strike.actor2, strike.event_date) == (
        "Kandahar", "Afghanistan", ("taliban",), dt.date(2011, 5, 4))


def test_isaf_deaths_without_kill_label_add_optional_clash() -> None:
    arrest, clash = isaf(["detention"], killed=2, captured=4)
    assert (arrest.sub_event_type, arrest.captured, arrest.fatalities) == ("Arrests", 4, None)
    assert arrest.required is True
    assert (clash.sub_event_type, clash.fatalities, clash.required) == ("Armed clash", 2, False)


def test_isaf_capture_and_kill_is_one_clash_plus_optional_arrests() -> None:
    clash, arrest = isaf(["captureandkill"], killed=1, captured=2)
    assert (clash.event_type, clash.fatalities, clash.captured, clash.required) == (BATTLES, 1, 2, True)
    assert (arrest.sub_event_type, arrest.captured, arrest.required) == ("Arrests", 2, False)


def test_isaf_zero_counts_are_unknown_and_civilian_casualty_is_family_only() -> None:
    [clash] = isaf(["insurgentskilled"], killed=0, captured=0)
    assert (clash.fatalities, clash.captured) == (None, None)
    [casualty] = isaf(["civiliancasualty"], killed=3, captured=0)
    assert casualty.event_type is None
    assert casualty.accept_types == frozenset({BATTLES, ERV, VAC})
    assert casualty.fatalities == 3
    [unknown] = isaf(["weaponscache"], killed=0, captured=0)
    assert unknown.required is False
    assert len(unknown.accept_types) == 6


# --- MUC-4 ---------------------------------------------------------------------------------------------


def muc(incident: str, targets: list[str], instruments: list[str] | None = None, **fields: Any) -> Any:
    record = {
        "event_type": incident, "event_type_taxonomy": "muc4", "template_optional": False,
        "stage_of_execution": "ACCOMPLISHED", "event_date": "1990-01-03", "country": "EL SALVADOR",
        "location": "SAN MIGUEL", "weapon_type": instruments, "actor1": ["URBAN COMMANDOS"],
        "actor2": ["PEASANTS"], "victim_names": None, "fatalities_derived": 2, "injuries_derived": 0,
    }
    record.update(fields)
    template = {"INCIDENT: TYPE": [incident], "HUM TGT: TYPE": targets}
    templates = [{"INCIDENT: TYPE": ["*"]}, template]  # templates without an incident are skipped
    [event] = gold_events(doc("muc4", [record], gold_raw={"templates": templates}))
    return event


def test_muc4_attack_type_follows_the_targets() -> None:
    on_civilians = muc("ATTACK", ['CIVILIAN: "PEASANTS"'])
    assert (on_civilians.event_type, on_civilians.sub_event_type) == (VAC, "Attack")
    on_police = muc("ATTACK", ['LAW ENFORCEMENT: "POLICEMEN"', '? ACTIVE MILITARY: "SOLDIERS"'])
    assert (on_police.event_type, on_police.sub_event_type) == (BATTLES, "Armed clash")
    mixed = muc("ATTACK", ['CIVILIAN / LAW ENFORCEMENT: "PEOPLE"'])
    assert (mixed.event_type, mixed.accept_types) == (None, frozenset({BATTLES, VAC}))
    property_only = muc("ATTACK", ["-"])
    assert property_only.accept_types == frozenset({BATTLES, ERV, VAC, SD})
    with_grenade = muc("ATTACK", ['CIVILIAN: "PEASANTS"'], ['GRENADE: "GRENADES"'])
    assert (with_grenade.event_type, with_grenade.accept_types) == (None, frozenset({VAC, ERV}))


def test_muc4_bombing_sub_type_from_instrument() -> None:
    car_bomb = muc("BOMBING", ["-"], ['VEHICLE BOMB: "CAR BOMB"', 'DYNAMITE: "DYNAMITE"'])
    assert (car_bomb.event_type, car_bomb.sub_event_type, car_bomb.weapon) == (
        ERV, "Remote explosive/landmine/IED", "ied")
    unclear = muc("BOMBING", ["-"], ['GRENADE / BOMB: "-"'])
    assert (unclear.event_type, unclear.sub_event_type) == (ERV, None)
    attempted = muc("BOMBING", ["-"], ['BOMB: "BOMB"'], stage_of_execution="ATTEMPTED")
    assert (attempted.required, attempted.accept_types) == (False, frozenset({ERV, SD}))


def test_muc4_fixed_types_and_optional_templates() -> None:
    kidnap = muc("KIDNAPPING", ['CIVILIAN: "MAYOR"'])
    assert (kidnap.event_type, kidnap.sub_event_type) == (VAC, "Abduction/forced disappearance")
    for incident in ("ARSON", "ROBBERY"):
        event = muc(incident, ["-"])
        assert (event.event_type, event.sub_event_type) == (SD, "Looting/property destruction")
    assert muc("FORCED WORK STOPPAGE", ["-"]).required is False
    assert muc("ATTACK", ["-"], template_optional=True).required is False
    assert muc("ATTACK", ["-"], stage_of_execution="THREATENED").required is False


def test_muc4_fields_and_date_ranges() -> None:
    event = muc("ATTACK", ['CIVILIAN: "PEASANTS"'])
    assert (event.country, event.location) == ("EL SALVADOR", "SAN MIGUEL")
    assert (event.fatalities, event.injuries) == (2, 0)
    assert (event.actor1, event.actor2) == (("URBAN COMMANDOS",), ("PEASANTS",))
    before = muc("ATTACK", ["-"], event_date=None, event_date_raw="- 08 JAN 90",
                 event_date_latest="1990-01-08")
    assert (before.event_date, before.date_earliest, before.date_latest) == (None, None, dt.date(1990, 1, 8))
    either = muc("ATTACK", ["-"], event_date=None, event_date_raw="19 MAR 89 / 18 MAR 89")
    assert (either.date_earliest, either.date_latest) == (dt.date(1989, 3, 18), dt.date(1989, 3, 19))


def test_muc4_document_without_incident_has_no_gold() -> None:
    assert gold_events(doc(None, [])) == []


# --- KAIROS / WikiEvents -------------------------------------------------------------------------------


def mention(event_type: str, **fields: Any) -> dict[str, Any]:
    return {"kind": "event_mention", "event_type": event_type, "event_type_taxonomy": "kairos",
            "trigger": "t", "actor1": None, "actor2": None, "weapon": None, "location": None, **fields}


def test_kairos_one_required_event_per_family_plus_optional_mentions() -> None:
    events = gold_events(doc("kairos", [
        mention("Conflict.Attack.DetonateExplode", actor1=["the bombers"], weapon=["car bomb"]),
        mention("Conflict.Attack.DetonateExplode", actor1=["Al-Shabaab"], actor2=["soldiers"]),
        mention("Conflict.Attack.Unspecified", actor1=["gunmen"]),
        mention("Justice.ArrestJailDetain.Unspecified", actor2=["two suspects"]),
        mention("Life.Die.Unspecified"),
        mention("Contact.Contact.Meet"),
    ]))
    summary = [(e.label, e.required, e.event_type, e.sub_event_type) for e in events]
    assert summary == [
        ("kairos:explosion", True, ERV, "Remote explosive/landmine/IED"),
        ("kairos:explosion (other mention)", False, ERV, "Remote explosive/landmine/IED"),
        ("kairos:attack", False, None, None),  # the document already has explosions
        ("kairos:arrest", True, SD, "Arrests"),
        ("kairos:casualty", False, None, None),
    ]
    assert events[0].actor1 == ("the bombers", "Al-Shabaab")
    assert events[0].actor2 == ("soldiers",)


def test_kairos_attack_alone_is_required_with_any_violent_type() -> None:
    [attack] = gold_events(doc("kairos", [mention("Conflict.Attack.Unspecified")]))
    assert attack.required is True
    assert attack.accept_types == frozenset({BATTLES, ERV, VAC})


def test_instrument_sub_type() -> None:
    assert instrument_sub_type("suicide vest") == "Suicide bomb"
    assert instrument_sub_type("mortar rounds") == "Shelling/artillery/missile attack"
    assert instrument_sub_type("rifles") is None


# --- IndiaPoliceEvents ---------------------------------------------------------------------------------


def india(labels: list[str] | None) -> GoldDoc:
    events = [] if labels is None else [
        {"police_action_labels": labels, "event_type_taxonomy": "indiapoliceevents-questions"}]
    return doc(None if labels is None else "indiapoliceevents-questions", events)


def test_india_police_expectations() -> None:
    assert doc_expectation(india(["KILL", "FORCE", "ANY_ACTION"])).labels == ("KILL", "FORCE")
    assert doc_expectation(india(["KILL"])).positive is True
    assert doc_expectation(india(["ANY_ACTION"])).positive is None
    assert doc_expectation(india(None)).positive is False
    assert gold_events(india(["ARREST"])) == []
    assert scoring_level([india(None), india(["ARREST"])]) == "document"


def test_india_police_label_rules() -> None:
    arrests = {"event_type": SD, "sub_event_type": "Arrests", "captured": 3}
    protest_arrests = {"event_type": "Protests", "sub_event_type": "Protest with intervention", "captured": 5}
    deadly_riot = {"event_type": "Riots", "sub_event_type": "Mob violence", "fatalities": 2}
    peaceful = {"event_type": "Protests", "sub_event_type": "Peaceful protest"}
    assert label_satisfied("ARREST", arrests) and label_satisfied("ARREST", protest_arrests)
    assert not label_satisfied("ARREST", deadly_riot)
    assert label_satisfied("KILL", deadly_riot) and not label_satisfied("KILL", arrests)
    assert label_satisfied("FORCE", protest_arrests) and not label_satisfied("FORCE", peaceful)
    assert label_satisfied("FAIL", deadly_riot) and not label_satisfied("FAIL", peaceful)


def test_india_police_document_level_scores() -> None:
    riot = {"event_type": "Riots", "sub_event_type": "Mob violence", "fatalities": 1}
    scores = [
        score_labels("a", doc_expectation(india(["KILL", "ARREST"])), [riot]),  # KILL satisfied: TP
        score_labels("b", doc_expectation(india(["ARREST"])), [riot]),  # nothing satisfies ARREST: FN
        score_labels("c", doc_expectation(india(None)), [riot]),  # unlabelled with an event: FP
        score_labels("d", doc_expectation(india(None)), []),  # TN
        score_labels("e", doc_expectation(india(["ANY_ACTION"])), [riot]),  # not scored
    ]
    assert [s.outcome for s in scores] == ["tp", "fn", "fp", "tn", "unscored"]
    metrics = summarize_labels(scores)
    assert (metrics["docs"], metrics["gold_events"], metrics["predicted_events"]) == (5, 2, 4)
    assert (metrics["tp"], metrics["fp"], metrics["fn"]) == (1, 1, 1)
    assert (metrics["precision"], metrics["recall"], metrics["f1"]) == (0.5, 0.5, 0.5)
    assert metrics["date_exact"] is None and metrics["km_median"] is None
    assert label_recall(scores) == {"ARREST": 0.0, "KILL": 1.0}


def test_scoring_level_for_events_and_places() -> None:
    assert scoring_level([doc("acled", [])]) == "event"
    places = GoldDoc(id="p", text="x", published=None, places=())
    assert scoring_level([places, doc("acled", [])]) == "places"
