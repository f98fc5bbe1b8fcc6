"""Running the rules' own examples: each `fires` example must make its rule fire, each `not_fires` example
must not. An example is run through the whole pipeline (events and place mentions) as an article of its own."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from eventwire.model import Article
from eventwire.pipeline import rules
from eventwire.pipeline.rules import Example, Rule
from eventwire.pipeline.runner import Pipeline


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
