"""Texts built to be slow: the stages stay linear in the text and an article over its time budget is reported and
skipped, never a hang.

Time is not asserted (tests never time things: `benchmarks/bench_hostile.py` measures seconds per character);
the number of Python and built-in function calls the stages make is, which is deterministic and grows as the
work does: for a text four times as long it must grow about four times, not sixteen."""

from __future__ import annotations

import cProfile
import datetime as dt
import pstats
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from eventwire import services
from eventwire.model import Article
from eventwire.pipeline import runner
from eventwire.pipeline.nlp import MAX_UNBROKEN_CHARS

TOWNS = ["Kano", "Zaria", "Gusau", "Sokoto", "Katsina", "Bauchi", "Jos", "Yola", "Mopti", "Gao"]
NAMES = ["Amina Bello", "Musa Danjuma", "Ibrahim Sani", "Fatima Yusuf", "Abdul Kareem", "Grace Okafor"]
MONTHS = ["January", "March", "May", "July", "September", "November"]

# Each shape: one unit of text for item number i, repeated to make a text of any length.
SHAPES: dict[str, Callable[[int], str]] = {
    "run-on clauses": lambda i: f"gunmen killed {i % 9 + 1} civilians in {TOWNS[i % 10]} and ",
    "numbers": lambda i: f"{(i * 37) % 1000}, ",
    "names": lambda i: f"{NAMES[i % 6]} of {TOWNS[(i + 3) % 10]}, ",
    "dates": lambda i: f"on {i % 28 + 1} {MONTHS[i % 6]} 2021 an attack in {TOWNS[i % 10]}, ",
    "quotes": lambda i: f'"the militants attacked {TOWNS[i % 10]}," he said, ',
    "parentheses": lambda i: "(",
}
OPENERS = {"numbers": "Officials counted the dead as ", "names": "Those killed in the raids were "}


def hostile_text(shape: str, units: int, offset: int) -> str:
    body = "".join(SHAPES[shape](offset + i) for i in range(units))
    if shape == "parentheses":
        body = "Rebels attacked a convoy " + body + "near Gao" + ")" * units
    return OPENERS.get(shape, "Reports said ") + body + "police said."


def stage_calls(extractor: Any, text: str) -> int:
    """Function calls made by the stages on `text` (the parse not counted)."""
    article = Article(id="hostile", text=text, published=dt.date(2024, 3, 1))
    doc = extractor.nlp(text)
    profile = cProfile.Profile()
    profile.enable()
    extractor.run(article, doc)
    profile.disable()
    return int(pstats.Stats(profile).total_calls)  # type: ignore[attr-defined]


# (no shrinking: a failing example is already small, and shrinking one costs minutes of extraction)
@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(shape=st.sampled_from(sorted(SHAPES)), units=st.integers(min_value=150, max_value=250),
       offset=st.integers(min_value=0, max_value=50))
def test_the_stages_grow_linearly_with_hostile_text(extractor: Any, shape: str, units: int, offset: int) -> None:
    small, large = hostile_text(shape, units, offset), hostile_text(shape, 4 * units, offset)
    stage_calls(extractor, small), stage_calls(extractor, large)  # caches filled alike for both
    ratio = stage_calls(extractor, large) / stage_calls(extractor, small)
    assert ratio < 4 * 1.5, f"{shape}: {ratio:.1f}x the calls for 4x the text"


def test_an_article_over_its_budget_is_reported_and_skipped(extractor: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    articles = [Article(id=f"a{i}", text="Gunmen killed two farmers in Gusau on Monday.",
                        published=dt.date(2024, 3, 1)) for i in range(2)]
    failures: list[str] = []
    monkeypatch.setattr(runner, "ARTICLE_TIME_BUDGET_S", -1.0)  # every article is over it
    assert list(services.extract_articles(articles, failures)) == []
    assert len(failures) == 2 and all("too complex" in f and "budget" in f for f in failures)
    monkeypatch.setattr(runner, "ARTICLE_TIME_BUDGET_S", 120.0)
    assert [len(events) for _a, events in services.extract_articles(articles, [])] == [1, 1]


def test_the_tokenizer_never_gets_a_long_unbroken_stretch(extractor: Any) -> None:
    # spaCy's tokenizer is quadratic in a whitespace-free stretch: the model's tokenizer breaks one up, in place
    text = hostile_text("parentheses", 3000, 0) + " Gunmen killed two farmers in Gusau."
    doc = extractor.nlp(text)
    assert len(doc.text) == len(text) and max(len(word) for word in doc.text.split()) <= MAX_UNBROKEN_CHARS
    assert all(text[t.idx: t.idx + len(t.text)] == t.text for t in doc if not t.is_space)
    article = Article(id="brackets", text=text, published=dt.date(2024, 3, 1))
    assert any(e.place is not None and e.place.name == "Gusau" for e in extractor.extract_doc(article, doc))


def test_a_figure_beyond_any_toll_is_capped_and_says_so(extractor: Any, tmp_path: Any) -> None:
    from eventwire.pipeline.quantities import MAX_COUNT
    from eventwire.store import open_store

    text = "Gunmen killed 99999999999999999999999 villagers in Gusau on Monday, police said."
    [event] = extractor.extract(Article(id="nines", text=text, published=dt.date(2024, 3, 4)))
    assert event.fatalities == MAX_COUNT
    assert "capped" in event.evidence["fatalities"].reason
    source = tmp_path / "nines.txt"
    source.write_text(text, encoding="utf-8")
    summary = services.ingest_paths([source], tmp_path / "nines.db", published=dt.date(2024, 3, 4))
    assert (summary.stored, summary.failures) == (1, [])  # stored, not dropped with its article
    with open_store(tmp_path / "nines.db") as store:
        assert [e["fatalities"] for e in store.events()] == [MAX_COUNT]
