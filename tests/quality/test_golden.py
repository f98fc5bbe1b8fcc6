"""The golden contract: every development article gives the events (and place mentions) pinned in
quality/golden.json.gz, the trace keys aside. A change meant to keep behaviour must keep this test green; a
change meant to alter it re-pins the snapshot (`eventwire gate --pin-golden`) and says why in its commit."""

from __future__ import annotations

from devdata import DEV, REPO, needs_shared
from eventwire.evaluation import golden
from eventwire.evaluation.system import extract_events, extract_places

SNAPSHOT = REPO / "quality" / "golden.json.gz"


def test_textless_event_keeps_values_and_hides_words() -> None:
    event = {"id": "ew-1", "event_type": "Battles", "fatalities": 2,
             "evidence": {"location": {"article_id": "a", "start": 3, "end": 9, "text": "Mosul", "confidence": 0.8,
                                       "reason": "place: 'Mosul'", "stage": "places", "rules": ["location.x"]}}}
    out = golden.textless_event(event)
    assert out["event_type"] == "Battles" and out["fatalities"] == 2
    assert out["evidence"]["location"][:3] == [3, 9, 0.8]
    assert "Mosul" not in str(out) and "places" not in str(out)
    moved = dict(event, evidence={"location": dict(event["evidence"]["location"], start=4)})  # type: ignore[arg-type]
    assert golden.differences({"f": {"fingerprint": "x", "docs": {"d": [out]}}},
                              {"f": {"fingerprint": "x", "docs": {"d": [golden.textless_event(moved)]}}})


@needs_shared
def test_every_development_article_gives_the_pinned_contract() -> None:
    pinned = golden.load(SNAPSHOT)
    current = golden.snapshot(DEV, extract_events, extract_places)
    assert set(current) == set(golden.GOLDEN_FILES) & set(pinned)
    changed = golden.differences(pinned, current)
    assert not changed, "the pipeline's output changed on development articles:\n" + "\n".join(changed)
