"""The other operations of the command line: plots, profiling, the HTTP server, live monitoring and the
gazetteer index."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from eventwire.services.stores import query_events
from eventwire.store import EventFilter

__all__ = [
    "build_gazetteer", "country_label", "import_geonames", "lookup_place", "plot_events", "profile",
    "resolve_country", "serve", "watch_feeds",
]


def plot_events(kind: str, db: str | Path, flt: EventFilter, output: Path) -> int:
    """Plot the matching events to a PNG: per day by type (`timeline`) or on a map (`map`); returns how many."""
    from eventwire import plots

    records = query_events(db, flt)
    return plots.plot_timeline(records, output) if kind == "timeline" else plots.plot_map(records, output)


def profile(paths: list[Path], db: str | None, *, limit: int | None = None, batch_size: int = 16,
            published: dt.date | None = None) -> Any:
    """Time each registered pipeline stage (and the store) on the articles read from `paths`."""
    from eventwire.profiling import profile_paths

    return profile_paths(paths, db, limit=limit, batch_size=batch_size, published=published)


def serve(db: str, host: str, port: int, *, rate_limit: float | None, cors_origins: Sequence[str],
          review_token_file: Path | None = None) -> None:
    """Serve the API and the dashboard (blocks until stopped); server logs go to stderr. Read-only unless a
    review token file names who may correct events (`TokenFileError` when it cannot be used)."""
    import copy

    import uvicorn
    from uvicorn.config import LOGGING_CONFIG

    from eventwire.api import create_app
    from eventwire.api.review_auth import Reviewers

    reviewers = Reviewers.from_file(review_token_file) if review_token_file is not None else None
    app = create_app(db, rate_limit=rate_limit, cors_origins=tuple(cors_origins), reviewers=reviewers)
    log_config = copy.deepcopy(LOGGING_CONFIG)
    for handler in log_config["handlers"].values():
        handler["stream"] = "ext://sys.stderr"
    uvicorn.run(app, host=host, port=port, log_config=log_config)


def watch_feeds(sources: Path, db: str | None, state_path: Path | None, *, once: bool, rounds: int | None,
                on_start: Callable[[int, int, str], None], on_round: Callable[[Any], None]) -> Any:
    """Follow the feeds of a SOURCES.toml (see `eventwire.watch`); returns the total `RoundSummary`.
    Raises `ConfigError` (a ValueError) for a bad or empty configuration."""
    from eventwire.pipeline.runner import shared_pipeline
    from eventwire.store import default_target, open_store
    from eventwire.watch import ConfigError, Watcher, load_config
    from eventwire.watch.state import WatchState

    config = load_config(sources)
    if not config.feeds:
        raise ConfigError(f"{sources}: no [[feeds]] to watch")
    target = db or config.settings.db or default_target()
    on_start(len(config.feeds), len(config.rules), target)
    with open_store(target) as store:
        state = WatchState(state_path or config.settings.state)
        with Watcher(config, store, shared_pipeline(), state=state) as watcher:
            return watcher.poll_once() if once else watcher.run(max_rounds=rounds, on_round=on_round)


def build_gazetteer(path: Path | None) -> Path:
    """(Re)build the gazetteer index from the packaged data, with a progress bar on stderr."""
    from eventwire.gazetteer.build import build_index
    from eventwire.gazetteer.index import StderrProgress

    return build_index(path, progress=StderrProgress())


def resolve_country(country: str) -> str | None:
    """An ISO code for a code ("SY") or a name ("Syria"), or None."""
    from eventwire.gazetteer.countries import country_code, country_name

    if len(country) == 2 and country_name(country.upper()):
        return country.upper()
    return country_code(country)


def lookup_place(name: str, country_code: str | None = None) -> list[dict[str, Any]]:
    """The gazetteer's places for a name (exact matches, else places spelled alike: `match` says which)."""
    from eventwire.gazetteer.index import open_gazetteer

    return [{"place_id": c.place_id, "name": c.name, "kind": c.kind, "country": c.country,
             "country_code": c.country_code, "admin1": c.admin1, "admin2": c.admin2, "latitude": c.latitude,
             "longitude": c.longitude, "population": c.population, "match": match}
            for c, match in open_gazetteer().find(name, country_code)]


def country_label(code: str) -> str:
    from eventwire.gazetteer.countries import country_name

    return country_name(code) or code


def import_geonames(dump: Path, admin1_codes: Path | None) -> int:
    """Add a GeoNames dump to the index; returns the number of places added. ValueError for a bad dump."""
    from eventwire.gazetteer.geonames_dump import import_geonames_dump
    from eventwire.gazetteer.index import open_gazetteer

    gaz = open_gazetteer()
    path = gaz.path
    gaz.close()
    return import_geonames_dump(dump, path, admin1_codes)
