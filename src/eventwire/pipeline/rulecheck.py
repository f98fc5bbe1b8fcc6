"""Running the rules' own examples: each `fires` example must make its rule fire, each `not_fires` example
must not. An example is run through the whole pipeline (events and place mentions) as an article of its own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from eventwire.model import Article
from eventwire.pipeline import rules
from eventwire.pipeline.rules import Example, Rule
from eventwire.pipeline.runner import Pipeline
from eventwire.serialize import event_to_json, without_trace


@dataclass(frozen=True, slots=True)
class ExampleFailure:
    rule_id: str
    expected: bool  # True: the rule should have fired
    text: str

    def __str__(self) -> str:
        what = "did not fire on" if self.expected else "fired on"
        return f"{self.rule_id} {what}: {self.text!r}"


def fired_on(pipeline: Pipeline, example: Example) -> set[str]:
    """The ids of every rule that fires on an example text."""
    article = Article(id="rule-example", text=example.text, published=example.published)
    doc = pipeline.nlp(example.text)
    pipeline.run(article, doc)
    found = set(rules.fired())
    pipeline.places(article, doc)
    found.update(rules.fired())
    return found


def check_examples(pipeline: Pipeline, chosen: Iterable[Rule] | None = None) -> list[ExampleFailure]:
    """Every example of the chosen rules (all rules by default) that does not behave as stated."""
    cache: dict[tuple[str, object], set[str]] = {}
    failures: list[ExampleFailure] = []
    for item in (chosen if chosen is not None else rules.RULES.values()):
        for expected, examples in ((True, item.fires), (False, item.not_fires)):
            for example in examples:
                key = (example.text, example.published)
                if key not in cache:
                    cache[key] = fired_on(pipeline, example)
                if (item.id in cache[key]) != expected:
                    failures.append(ExampleFailure(item.id, expected, example.text))
    return failures


def _output(pipeline: Pipeline, example: Example) -> tuple[object, ...]:
    """What an example text gives: its events (as JSON, without the trace) and its place mentions."""
    article = Article(id="rule-example", text=example.text, published=example.published)
    doc = pipeline.nlp(example.text)
    events = [without_trace(event_to_json(e, with_sources=True)) for e in pipeline.run(article, doc).events]
    places = [(t.start, t.end, p.place_id) for t, p in pipeline.places(article, doc)]
    return repr(events), repr(places)


def needed_by_examples(pipeline: Pipeline, item: Rule) -> bool:
    """Whether switching the rule off changes what one of its own `fires` examples gives."""
    if item.default:
        return True
    for example in item.fires:
        with_rule = _output(pipeline, example)
        with rules.disabled([item.id]):
            without = _output(pipeline, example)
        if with_rule != without:
            return True
    return False
