"""The specificity tests: a trigger that tells a habit, a period's total, a court's view, a purpose, an
expectation, a kind, a tally or an announcement reports no incident; the same words about one incident do."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.model import Article
from eventwire.pipeline.runner import Pipeline

PUBLISHED = dt.date(2024, 5, 1)


def _reasons(extractor: Pipeline, text: str) -> dict[str, str | None]:
    ctx = extractor.run(Article(id="t", text=text, published=PUBLISHED))
    return {t.text: t.dropped for t in ctx.triggers}


@pytest.mark.parametrize(("text", "word", "reason"), [
    ("Bandits have repeatedly attacked farms around Gusau, residents said.", "attacked", "habitual"),
    ("More than 300 people were killed in Borno in 2019, the report said.", "killed", "period statement"),
    ("In 2016 gunmen kidnapped twenty girls in Dapchi, killing a guard.", "killing", "period statement"),
    ("The rebels took the town of Paletwa after months of fighting.", "fighting", "period statement"),
    ("A court in Ankara jailed three men over the bombing of a bus station.", "bombing", "judicial"),
    ("The army deployed more troops to Sittwe to repel rebel attacks.", "repel", "hypothetical or future"),
    ("Police closed the roads in Kano ahead of expected attacks.", "attacks", "hypothetical or future"),
    ("The group's tactics include ambushes on convoys, the report said.", "ambushes", "generic"),
    ("The monitor counted 450 attacks on schools across the country.", "attacks", "period statement"),
    ("The union announced a nationwide demonstration against the fuel price rise.", "demonstration",
     "hypothetical or future"),
])
def test_statements_that_tell_no_single_incident_are_dropped(extractor: Pipeline, text: str, word: str,
                                                            reason: str) -> None:
    assert _reasons(extractor, text)[word] == reason


@pytest.mark.parametrize(("text", "word"), [
    ("Bandits attacked a farm near Gusau on Monday, residents said.", "attacked"),
    ("Troops shelled the market in Kharkiv for a third consecutive day.", "shelled"),
    ("Two attacks hit schools in Gao on Monday, officials said.", "attacks"),
    ("Monitors observed 36 explosions near Avdiivka on Monday.", "explosions"),
    ("Students held a demonstration in Harare on Monday.", "demonstration"),
])
def test_the_same_words_about_one_incident_are_kept(extractor: Pipeline, text: str, word: str) -> None:
    assert _reasons(extractor, text)[word] is None


def test_a_trigger_noun_that_names_a_unit_or_its_gear_is_no_trigger(extractor: Pipeline) -> None:
    reasons = _reasons(extractor, "Riot police in riot gear stood outside the ministry in Lima on Monday.")
    assert "Riot" not in reasons and "riot" not in reasons


def test_a_day_of_the_month_is_no_count_of_incidents(extractor: Pipeline) -> None:
    reasons = _reasons(extractor, "Militia attacks grew after the 28 June air strikes on the border posts near Qaim.")
    assert reasons["strikes"] is None


@pytest.mark.parametrize(("text", "word"), [
    ("Police have arrested at least 40 activists in Dhaka since Wednesday evening.", "arrested"),
    ("Inspectors said sarin was likely used in an attack near Douma in 2018.", "attack"),
])
def test_a_recent_start_or_one_incident_told_with_its_year_is_no_period(extractor: Pipeline, text: str,
                                                                       word: str) -> None:
    assert _reasons(extractor, text)[word] is None
