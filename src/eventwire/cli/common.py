"""The `eventwire` command group and what its commands share: option callbacks, filters, tables, errors."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from eventwire import services

DB_HELP = "SQLite file or postgresql:// URL (default: $EVENTWIRE_DB or ./eventwire.db)."


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-v info, -vv debug).")
@click.version_option(package_name="eventwire")
def main(verbose: int) -> None:
    """eventwire: news reports in, evidence-linked ACLED-style conflict events out."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def existing_db(db: str | None) -> str:
    """The store to read: --db, $EVENTWIRE_DB or ./eventwire.db; a SQLite file must exist."""
    target = db or services.default_target()
    if not services.is_url(target) and not Path(target).exists():
        raise click.ClickException(f"no database at {target}; run 'eventwire ingest' first or pass --db")
    return target


@contextlib.contextmanager
def store_errors() -> Iterator[None]:
    """A store that cannot be opened (unreachable server, missing driver) is a usage error, not a traceback."""
    try:
        yield
    except services.StoreUnavailable as exc:
        raise click.ClickException(str(exc)) from None


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def table(rows: list[dict[str, Any]]) -> None:
    cols = ("event_date", "event_type", "sub_event_type", "location", "country", "fatalities", "injuries",
            "munitions", "actor1")
    widths = {c: max([len(c)] + [len(str(r.get(c) if r.get(c) is not None else "")) for r in rows]) for c in cols}
    widths = {c: min(w, 34) for c, w in widths.items()}
    click.echo("  ".join(c.ljust(widths[c]) for c in cols))
    for r in rows:
        cells = []
        for c in cols:
            value = "" if r.get(c) is None else str(r.get(c))
            cells.append(value[: widths[c]].ljust(widths[c]))
        click.echo("  ".join(cells))


def filter_options(func: Any) -> Any:
    options = [
        click.option("--db", default=None, help=DB_HELP),
        click.option("--from", "date_from", callback=parse_date, help="Earliest event date (YYYY-MM-DD)."),
        click.option("--to", "date_to", callback=parse_date, help="Latest event date (YYYY-MM-DD)."),
        click.option("--country", help="Country name as ACLED writes it."),
        click.option("--type", "event_type", help="ACLED event type."),
        click.option("--sub-type", "sub_event_type", help="ACLED sub-event type."),
        click.option("--actor", help="Substring of actor1 or actor2."),
        click.option("--min-fatalities", type=int, help="Only events with at least this many deaths."),
        click.option("--admin1", help="First-level region."),
        click.option("--weapon", help="Weapon, e.g. firearm."),
        click.option("--bbox", callback=_bbox, help="Bounding box minlon,minlat,maxlon,maxlat."),
        click.option("--q", "q", help="Words that must all occur in the evidence text."),
        click.option("--geo-precision", type=click.IntRange(1, 3), help="ACLED geo precision (1-3)."),
        click.option("--time-precision", type=click.IntRange(1, 3), help="ACLED time precision (1-3)."),
        click.option("--min-confidence", type=click.FloatRange(0.0, 1.0),
                     help="Only events at least this likely to be right (their confidence, 0-1)."),
        click.option("--limit", type=int, help="At most this many events."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _bbox(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[float, ...] | None:
    if value is None:
        return None
    try:
        return services.parse_bbox(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def make_filter(kwargs: dict[str, Any]) -> services.EventFilter:
    return services.EventFilter(
        date_from=kwargs.get("date_from"), date_to=kwargs.get("date_to"), country=kwargs.get("country"),
        event_type=kwargs.get("event_type"), sub_event_type=kwargs.get("sub_event_type"),
        actor=kwargs.get("actor"), min_fatalities=kwargs.get("min_fatalities"), limit=kwargs.get("limit"),
        admin1=kwargs.get("admin1"), weapon=kwargs.get("weapon"), bbox=kwargs.get("bbox"), q=kwargs.get("q"),
        geo_precision=kwargs.get("geo_precision"), time_precision=kwargs.get("time_precision"),
        min_confidence=kwargs.get("min_confidence"),
    )
