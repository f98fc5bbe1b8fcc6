"""The actors ACLED codes when no mention names one, and actors read from the roles of a clause."""

from __future__ import annotations

import datetime as dt

from eventwire.model import Article, Event
from eventwire.pipeline.runner import Pipeline

PUBLISHED = dt.date(2024, 5, 1)


def _event(extractor: Pipeline, text: str) -> Event:
    events = extractor.run(Article(id="t", text=text, published=PUBLISHED)).events
    assert len(events) == 1, events
    return events[0]


def _names(event: Event) -> tuple[str | None, str | None]:
    return (event.actor1.name if event.actor1 else None, event.actor2.name if event.actor2 else None)


def test_an_unnamed_perpetrator_and_unnamed_victims_get_acleds_default_actors(extractor: Pipeline) -> None:
    event = _event(extractor, "Two farmers were shot dead in Gwoza on Monday, police said.")
    assert event.actor1 is not None and event.actor1.name == "Unidentified Armed Group (Nigeria)"
    assert event.actor1.inter == 3
    assert event.evidence["actor1"].stage == "actor_defaults"
    assert event.actor1_basis is None  # nobody is named as the perpetrator


def test_a_named_perpetrator_is_kept_and_a_claim_replaces_the_default(extractor: Pipeline) -> None:
    named = _event(extractor, "Boko Haram fighters shot dead two farmers in Gwoza on Monday.")
    assert named.actor1 is not None and "Unidentified" not in named.actor1.name
    claimed = _event(extractor, "A bomb killed three soldiers near Kandahar on Monday. "
                                "The Taliban claimed responsibility.")
    assert claimed.actor1 is not None and claimed.actor1.name == "Taliban"


def test_air_strikes_get_no_guessed_perpetrator(extractor: Pipeline) -> None:
    assert _event(extractor, "An air strike hit a market in Gwoza on Monday.").actor1 is None


def test_the_sides_of_a_fight_come_from_with_between_and_repelled(extractor: Pipeline) -> None:
    assert _names(_event(extractor, "Soldiers clashed with rebels near Beni on Monday.")) == \
        ("Military Forces of Democratic Republic of Congo", "Unidentified Armed Group (Democratic Republic of Congo)")
    repelled = _event(extractor, "Nigerian troops repelled an attack by Boko Haram on a base in Dikwa on Monday.")
    assert repelled.actor1 is not None and repelled.actor1.name.startswith("Boko Haram")
    assert repelled.actor2 is not None and repelled.actor2.name == "Military Forces of Nigeria"


def test_forces_of_an_authority_that_is_no_country_and_the_positions_of_a_side(extractor: Pipeline) -> None:
    event = _event(extractor, "The military forces of Somaliland shelled a hilltop post of the military forces of "
                              "Puntland near Erigavo on Monday.")
    assert _names(event) == ("Military Forces of Somaliland", "Military Forces of Puntland")
