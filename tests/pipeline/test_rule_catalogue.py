"""The rule catalogue: well-formed, checked against the list of rule ids pinned beside this test, every rule
used by the code, every rule's own examples behaving as stated, and switching rules off."""

from __future__ import annotations

from pathlib import Path

import pytest

import eventwire.pipeline.stages  # noqa: F401  (imports every stage: every rule the code applies is asked for)
from eventwire.model import Article
from eventwire.pipeline import rules
from eventwire.pipeline.rulecheck import check_examples, fired_on
from eventwire.pipeline.rules import FIELDS, Example, Rule
from eventwire.pipeline.stage import Stage, check_order
from eventwire.pipeline.stages import STAGES
from eventwire.serialize import event_to_json

PINNED_IDS = Path(__file__).with_name("rule_ids.txt")


def test_every_rule_is_well_formed() -> None:
    assert len(rules.RULES) >= 100
    stage_names = {s.name for s in STAGES}
    for item in rules.RULES.values():
        assert item.field in FIELDS, item.id
        assert item.reason.strip(), item.id
        assert item.stage in stage_names, f"{item.id}: unknown stage {item.stage!r}"
        assert item.fires, f"{item.id} has no example it fires on"
        assert item.default or item.not_fires, f"{item.id} has no example it must not fire on"
        for number in (item.weight, item.threshold):
            assert number is None or isinstance(number, int | float), item.id


def test_the_catalogue_matches_the_pinned_list_of_ids() -> None:
    """Adding, renaming or deleting a rule is deliberate: update tests/pipeline/rule_ids.txt with it."""
    pinned = [line.strip() for line in PINNED_IDS.read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    assert pinned == sorted(pinned), "keep rule_ids.txt sorted"
    assert sorted(rules.RULES) == pinned


def test_every_rule_of_the_catalogue_is_applied_by_some_code() -> None:
    assert rules.unused() == []


def test_rule_ids_say_their_field() -> None:
    with pytest.raises(ValueError, match="field"):
        Rule("nofield", "mentions", "a rule without a field")
    with pytest.raises(ValueError, match="field"):
        Rule("colour.red", "mentions", "a field that does not exist")


def test_every_rule_behaves_on_its_own_examples(extractor) -> None:  # type: ignore[no-untyped-def]
    failures = check_examples(extractor)
    assert not failures, "\n".join(str(f) for f in failures)


def test_a_switched_off_rule_does_not_fire_and_is_restored(extractor) -> None:  # type: ignore[no-untyped-def]
    dateline = rules.RULES["location.dateline"]
    example = dateline.fires[0]
    assert "location.dateline" in fired_on(extractor, example)
    with rules.disabled(["location.dateline"]):
        assert not dateline.enabled
        assert "location.dateline" not in fired_on(extractor, example)
    assert dateline.enabled and "location.dateline" in fired_on(extractor, example)


def test_switching_a_rule_off_changes_what_its_example_gives(extractor) -> None:  # type: ignore[no-untyped-def]
    """Where rockets were fired from is not where they hit: with the origin rules one event, at the target."""
    text = "Rockets fired from Gaza City hit Sderot on Monday."
    assert text in [e.text for e in rules.RULES["location.origin"].fires]
    article = Article("origin", text, rules.EXAMPLE_PUBLISHED)
    with_rule = [event_to_json(e)["location"] for e in extractor.extract(article)]
    with rules.disabled(["location.origin", "toponym.origin"]):
        without = [event_to_json(e)["location"] for e in extractor.extract(article)]
    assert with_rule == ["Sderot"]
    assert without == ["Gaza", "Sderot"]


def test_default_rules_cannot_be_switched_off() -> None:
    default = next(r.id for r in rules.RULES.values() if r.default)
    with pytest.raises(ValueError, match="default"), rules.disabled([default]):
        pass


def test_names_select_rules_by_id_or_field_prefix() -> None:
    assert rules.ids_matching(["location.dateline"]) == ["location.dateline"]
    by_field = rules.ids_matching(["event_date."])
    assert by_field and all(i.startswith("event_date.") for i in by_field)
    assert rules.ids_matching(["event_date.*"]) == by_field
    with pytest.raises(ValueError, match=r"did you mean location\.dateline"):
        rules.ids_matching(["location.datelin"])


def test_examples_without_a_publication_date() -> None:
    undated = [r for r in rules.RULES.values() if any(e.published is None for e in (*r.fires, *r.not_fires))]
    assert all(isinstance(e, Example) for r in undated for e in r.fires)


def test_stages_are_ordered_by_what_they_require() -> None:
    check_order(STAGES)
    assert [s.name for s in STAGES][:2] == ["parse", "toponyms"]
    late = Stage("late", "needs what nobody assigns", requires=("nothing_assigns_this",), assigns=(), run=print)
    with pytest.raises(ValueError, match="requires nothing_assigns_this"):
        check_order([*STAGES, late])
    with pytest.raises(ValueError, match="two stages"):
        check_order([*STAGES, STAGES[0]])
