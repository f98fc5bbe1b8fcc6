"""The trace: every field of every event names the stage that set it and the rules behind its value, and
`explain` lists the candidates of each field and why the winner won."""

from __future__ import annotations

import datetime as dt

import pytest

from devdata import SEED, needs_shared
from eventwire.ingest.readers import read_articles
from eventwire.model import Article
from eventwire.pipeline import rules
from eventwire.pipeline.stages import STAGE_NAMES
from eventwire.serialize import event_to_json
from eventwire.services.rules import explain_article

TEXTS = (
    "Gunmen killed four villagers and wounded two others near Gusau in Zamfara state on Tuesday, police said.",
    "Rebels fired 12 rockets at the airport in Goma on Monday. No group claimed responsibility for the attack.",
    "Police arrested 30 protesters who blocked a highway outside Lagos on Wednesday to demand lower fuel prices.",
    "Troops clashed with militants near Kidal last week; at least nine fighters died, the army said on Monday.",
)


@pytest.mark.parametrize("text", TEXTS)
def test_every_field_names_its_stage_and_rules(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    events = extractor.extract(Article("trace", text, dt.date(2024, 5, 16)))
    assert events
    for event in events:
        record = event_to_json(event)
        for field, ev in record["evidence"].items():
            assert ev["stage"] in STAGE_NAMES, (field, ev)
            assert ev["rules"], (field, ev)
            assert all(r in rules.RULES for r in ev["rules"]), (field, ev["rules"])


def test_explain_lists_candidates_with_their_rules_and_the_winner() -> None:
    article = Article("explain", TEXTS[1], dt.date(2024, 5, 16))
    explained = explain_article(article)
    assert explained
    fields = {f["field"]: f for f in explained[0]["fields"]}
    assert {"event_type", "event_date", "location", "munitions"} <= set(fields)
    location = fields["location"]
    assert location["decision"]["options"] and location["decision"]["chosen"] is not None
    chosen = location["decision"]["options"][location["decision"]["chosen"]]
    assert "Goma" in chosen["value"]
    assert any(r["id"] == "location.locative" and r["weight"] == 1.0 for r in chosen["rules"])
    assert location["readings"] and any(r["chosen"] for r in location["readings"])
    assert [r["id"] for r in fields["munitions"]["rules"]][-1] == "counts.sentence_count"


@needs_shared
def test_explain_on_the_seed_shows_the_rules_behind_the_air_base_event() -> None:
    article = next(a for a in read_articles([SEED], None) if isinstance(a, Article))
    explained = explain_article(article)
    base = next(e for e in explained if e["record"]["location"] and "Asad" in e["record"]["location"])
    fields = {f["field"]: f for f in base["fields"]}
    for name in ("event_date", "location", "munitions", "injuries"):
        assert fields[name]["rules"], name
        assert fields[name]["stage"] in STAGE_NAMES
    assert any(r["id"] == "location.specific_kind" for r in fields["location"]["rules"])
    assert any(r["id"].startswith("counts.") for r in fields["munitions"]["rules"])
