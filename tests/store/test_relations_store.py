"""Relations across articles: an article that says its attack came "nine days after" strikes another article
reported links to the stored event of those strikes, on both backends and in either ingest order."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from backends import Backend

from eventwire.model import Article
from eventwire.store import open_store

STRIKES = Article(
    id="strikes", published=dt.date(2021, 6, 29), url="https://example.org/strikes",
    text="US aircraft struck weapons depots of Iran-backed militias near Al-Qaim on Monday, killing four "
         "militiamen, the Pentagon said.")
ROCKETS = Article(
    id="rockets", published=dt.date(2021, 7, 7), url="https://example.org/rockets",
    text="Insurgents launched 14 rockets at the Ain al-Asad airfield in Anbar on Wednesday, injuring two people, "
         "only nine days after deadly American airstrikes on militia arms stores close to Al-Qaim. Four fighters "
         "died in the 28 June air strikes. Nobody has claimed responsibility for the barrage.")


@pytest.mark.parametrize("order", [(STRIKES, ROCKETS), (ROCKETS, STRIKES)], ids=["strikes-first", "rockets-first"])
def test_follows_resolves_to_the_event_another_article_reported(backend: Backend, extractor: Any,
                                                                order: tuple[Article, Article]) -> None:
    with open_store(backend.fresh()) as store:
        for article in order:
            store.save_article(article, extractor.extract(article))
        events = list(store.events())
        (strikes,) = [e for e in events if "strikes" in e["article_ids"]]
        (rockets,) = [e for e in events if e["article_ids"] == ["rockets"]]
        assert strikes["event_date"] == "2021-06-28"
        (follows,) = [r for r in rockets["relations"] if r["kind"] == "follows"]
        assert follows["event_id"] == strikes["id"] and follows["interval_days"] == 9
        assert store.event(rockets["id"])["relations"] == rockets["relations"]  # type: ignore[index]
        assert [c["kind"] for c in rockets["claims"]] == ["unclaimed"]
