"""The `eventwire` command group and what its commands share: option callbacks, filters, tables, errors."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from eventwire import services
from eventwire.services.choices import UnknownValue, resolve_country, resolve_event_type, resolve_sub_event_type
from eventwire.store.base import MAX_STORED_INT, REVIEW_STATES

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


def writable_output(path: Path) -> Path:
    """A file path the command can write: its folder exists and it is not itself a folder."""
    if str(path) == "-":
        return path
    if path.is_dir():
        raise click.ClickException(f"cannot write {path}: it is a folder; give a file name")
    if not path.parent.exists():
        raise click.ClickException(f"cannot write {path}: the folder {path.parent} does not exist")
    return path


@contextlib.contextmanager
def store_errors() -> Iterator[None]:
    """A store that cannot be opened (unreachable server, missing driver) is a usage error, not a traceback."""
    try:
        yield
    except services.StoreUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    except sqlite3.DatabaseError as exc:  # "file is not a database", a damaged file
        raise click.ClickException(f"the store cannot be read ({exc}): is --db an eventwire database?") from None


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


# (field, heading) of the events table; cells that do not fit end in an ellipsis
TABLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "id"), ("event_date", "event_date"), ("event_type", "event_type"), ("sub_event_type", "sub_event_type"),
    ("location", "location"), ("country", "country"), ("fatalities", "fatalities"), ("injuries", "injuries"),
    ("actor1", "actor1"), ("actor2", "actor2"),
)


def table(rows: list[dict[str, Any]], columns: tuple[tuple[str, str], ...] = TABLE_COLUMNS) -> None:
    """Events (or other rows) as a table as wide as the terminal (rich): long cells end in an ellipsis, never
    wrap."""
    from rich import box
    from rich.console import Console
    from rich.table import Table

    cells = [["" if r.get(field) is None else str(r.get(field)) for field, _heading in columns] for r in rows]
    widths = [max([len(heading)] + [len(row[i]) for row in cells]) for i, (_f, heading) in enumerate(columns)]
    natural = sum(w + 2 for w in widths)
    # on a terminal as wide as it is; into a file or a pipe whole
    width = shutil.get_terminal_size((natural, 24)).columns if sys.stdout.isatty() else natural
    grid = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), collapse_padding=True,
                 header_style="bold")
    for (field, heading), widest in zip(columns, widths, strict=True):
        numeric = field in ("fatalities", "injuries")
        # ids, dates and counts are never cut; names and types give way to the terminal's width
        whole = widest if field in ("id", "event_date", "fatalities", "injuries") else None
        grid.add_column(heading, no_wrap=True, overflow="ellipsis", justify="right" if numeric else "left",
                        min_width=whole)
    for row in cells:
        grid.add_row(*row)
    Console(width=width, soft_wrap=False, highlight=False).print(grid)


def filter_options(func: Any) -> Any:
    options = [
        click.option("--db", default=None, help=DB_HELP),
        click.option("--from", "date_from", callback=parse_date, help="Earliest event date (YYYY-MM-DD)."),
        click.option("--to", "date_to", callback=parse_date, help="Latest event date (YYYY-MM-DD)."),
        click.option("--country", help="Country name as ACLED writes it."),
        click.option("--type", "event_type", help="ACLED event type."),
        click.option("--sub-type", "sub_event_type", help="ACLED sub-event type."),
        click.option("--actor", help="Substring of actor1 or actor2."),
        click.option("--min-fatalities", type=click.IntRange(0, MAX_STORED_INT),
                     help="Only events with at least this many deaths."),
        click.option("--admin1", help="First-level region."),
        click.option("--weapon", help="Weapon, e.g. firearm."),
        click.option("--bbox", callback=_bbox, help="Bounding box minlon,minlat,maxlon,maxlat."),
        click.option("--q", "q", help="Words that must all occur in the evidence text."),
        click.option("--geo-precision", type=click.IntRange(1, 3), help="ACLED geo precision (1-3)."),
        click.option("--time-precision", type=click.IntRange(1, 3), help="ACLED time precision (1-3)."),
        click.option("--min-confidence", type=click.FloatRange(0.0, 1.0),
                     help="Only events at least this likely to be right (their confidence, 0-1)."),
        click.option("--review", type=click.Choice(REVIEW_STATES),
                     help="Only events in this review state (default: all but the rejected)."),
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


def _resolved(value: str | None, resolve: Callable[[str], str], option: str) -> str | None:
    if value is None:
        return None
    try:
        return resolve(value)
    except UnknownValue as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None


def make_filter(kwargs: dict[str, Any]) -> services.EventFilter:
    """The filter the options name; a country or type is resolved to ACLED's spelling, an unknown one refused
    with the closest valid values ("--country Irak": did you mean 'Iraq'?)."""
    return services.EventFilter(
        date_from=kwargs.get("date_from"), date_to=kwargs.get("date_to"),
        country=_resolved(kwargs.get("country"), resolve_country, "--country"),
        event_type=_resolved(kwargs.get("event_type"), resolve_event_type, "--type"),
        sub_event_type=_resolved(kwargs.get("sub_event_type"), resolve_sub_event_type, "--sub-type"),
        actor=kwargs.get("actor"), min_fatalities=kwargs.get("min_fatalities"), limit=kwargs.get("limit"),
        admin1=kwargs.get("admin1"), weapon=kwargs.get("weapon"), bbox=kwargs.get("bbox"), q=kwargs.get("q"),
        geo_precision=kwargs.get("geo_precision"), time_precision=kwargs.get("time_precision"),
        min_confidence=kwargs.get("min_confidence"), review=kwargs.get("review"),
    )
