"""The escalation view: direction between two sides, weekly counts, the change point, and rates around the
events others answered; and its CLI and API."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.cli import main
from eventwire.escalation import (
    CHANGE_MIN_EVENTS,
    Sides,
    change_point,
    direction,
    escalation,
    p_text,
    side_matches,
)
from eventwire.services import ingest_paths

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "000_03603f846eb35a1f.txt"
SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample_article.txt"


def record(n: int, day: str, actor1: str | None, actor2: str | None, **extra: Any) -> dict[str, Any]:
    return {"id": f"e{n}", "event_date": day, "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike", "actor1": actor1, "actor2": actor2, "fatalities": 1,
            "claims": [], "relations": [], **extra}


def test_direction_uses_actors_claims_and_attributions() -> None:
    sides = Sides("militia", "United States")
    assert direction(record(1, "2021-07-01", "Iran-backed militias", "Military Forces of United States"),
                     sides) == "a>b"
    assert direction(record(2, "2021-07-01", "Military Forces of United States", "Iraqi militia"), sides) == "b>a"
    attributed = record(3, "2021-07-01", None, "Military Forces of United States",
                        claims=[{"kind": "attributed", "actor": "Iraqi resistance militias"}])
    assert direction(attributed, sides) == "a>b"
    assert direction(record(4, "2021-07-01", "Protesters (Iraq)", None), sides) is None
    assert direction(record(5, "2021-07-01", "Iran-backed militias", None), None) is None


def test_change_point_finds_the_week_the_rate_rose() -> None:
    weeks = [dt.date(2021, 5, 3) + dt.timedelta(weeks=i) for i in range(10)]
    found = change_point(weeks, [0, 1, 0, 0, 1, 4, 5, 3, 4, 6])
    assert found is not None and found["week"] == "2021-06-07"
    assert found["before_per_week"] == 0.4 and found["after_per_week"] == 4.4
    assert change_point(weeks[:3], [1, 2, 3]) is None and change_point(weeks, [0] * 10) is None
    assert found["p_value"] < 0.01 and found["splits_tested"] == 7
    assert p_text(found["p_value"]) == "p < 0.001" and p_text(0.0213) == "p = 0.021"


def test_no_change_point_without_a_significant_change_or_enough_events() -> None:
    weeks = [dt.date(2021, 5, 3) + dt.timedelta(weeks=i) for i in range(10)]
    assert change_point(weeks, [1, 0, 1, 0, 1, 1, 0, 1, 2, 1]) is None  # a steady rate: p well above 0.05
    assert change_point(weeks, [0, 0, 0, 0, 0, 1, 1, 1, 1, 0]) is None  # 4 events: too few to test
    assert CHANGE_MIN_EVENTS > 4
    few = [record(i, f"2014-0{1 + 2 * i}-01", "Iran-backed militias", "Military Forces of United States")
           for i in range(4)]
    view = escalation(few, Sides("militias", "United States"))
    assert view["change_point"] is None
    assert any(line.startswith("Too few events (4 in") for line in view["summary"])


def test_sides_are_whole_names_not_substrings() -> None:
    assert side_matches("United States", "Military Forces of United States")
    assert not side_matches("United States", "Protesters (United States)")  # a crowd's label is no side
    assert not side_matches("United States", "Civilians (United States)")
    assert side_matches("militia", "Iran-backed militias")  # a plural of the last word counts
    assert not side_matches("Iran", "Iranian Revolutionary Guard")  # words whole
    assert side_matches("Kataib Hezbollah|Islamic Resistance", "Islamic Resistance in Iraq")  # an explicit list
    sides = Sides("United States", "Islamic Resistance")
    assert direction(record(1, "2021-07-01", "Protesters (United States)", "Islamic Resistance in Iraq"),
                     sides) is None


def test_rates_before_and_after_an_event_others_answered() -> None:
    strikes = record(0, "2021-06-28", "Military Forces of United States", "Iran-backed militias")
    later = [record(i, (dt.date(2021, 6, 29) + dt.timedelta(days=2 * i)).isoformat(), "Iran-backed militias",
                    "Military Forces of United States",
                    relations=[{"kind": "follows", "event_id": "e0", "interval_days": 1 + 2 * i}])
             for i in range(1, 9)]
    earlier = [record(20, "2021-06-07", "Iran-backed militias", "Military Forces of United States")]
    view = escalation([strikes, *later, *earlier], Sides("militias", "United States"))
    (pivot,) = view["pivots"]
    assert pivot["event_id"] == "e0" and len(pivot["linked_events"]) == 8
    assert pivot["before_per_week"] == 0.25 and pivot["after_per_week"] == 2.0
    assert [w["a_to_b"] for w in view["weekly"]] == [1, 0, 0, 2, 4, 2]  # weeks start on Mondays
    assert [w["b_to_a"] for w in view["weekly"]] == [0, 0, 0, 1, 0, 0]
    assert any("in the 4 weeks after" in line for line in view["summary"])


def test_escalation_cli_and_api_on_the_seed(tmp_path: Path, extractor: Any) -> None:
    if not SEED.is_file():
        import pytest

        pytest.skip("the seed article is not available")
    db = str(tmp_path / "seed.db")
    ingest_paths([SEED, SAMPLE], db)
    result = CliRunner().invoke(main, ["escalation", "--db", db, "--country", "Iraq", "--json"])
    assert result.exit_code == 0, result.output
    view = json.loads(result.output)
    # the 28 June airstrikes, which the July attacks follow
    pivots = {p["event_date"]: p for p in view["pivots"]}
    assert set(pivots) == {"2021-06-28"}
    assert len(pivots["2021-06-28"]["linked_events"]) >= 3
    text = CliRunner().invoke(main, ["escalation", "--db", db, "--country", "Iraq"])
    assert "weeks without events" in text.output and "follows" in text.output
    with TestClient(create_app(db)) as client:
        api = client.get("/api/escalation", params={"country": "Iraq"}).json()
        assert api["pivots"] == view["pivots"]
        pair = client.get("/api/escalation", params={"actor_a": "Iraqi", "actor_b": "United States"}).json()
        assert pair["events"] and all(e["direction"] == "a>b" for e in pair["events"])
        assert client.get("/api/escalation", params={"actor_a": "militia"}).status_code == 422


def test_the_view_reads_a_bounded_number_of_events_and_says_so(tmp_path: Path, extractor: Any,
                                                                 monkeypatch: Any) -> None:
    from eventwire.services import stores

    db = str(tmp_path / "sample.db")
    ingest_paths([SAMPLE], db)
    total = len(stores.query_events(db, stores.EventFilter()))
    assert total >= 3
    monkeypatch.setattr(stores, "MAX_ESCALATION_EVENTS", 2)
    view = stores.escalation_view(db)
    assert view["truncated"] is True and view["limit"] == 2 and len(view["events"]) == 2
    monkeypatch.setattr(stores, "MAX_ESCALATION_EVENTS", total)
    assert stores.escalation_view(db)["truncated"] is False
