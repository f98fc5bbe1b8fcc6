"""Commands over a store: events, event, export, plot, escalation, serve, watch."""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Any

import click

from eventwire import services
from eventwire.cli.common import (
    DB_HELP,
    existing_db,
    filter_options,
    main,
    make_filter,
    store_errors,
    table,
    writable_output,
)
from eventwire.services import tools


@main.command()
@filter_options
@click.option("--sort", type=click.Choice(list(services.SORTS)), default=None,
              help="Order (ties by id) and page by --limit (default 100) with --cursor.")
@click.option("--cursor", help="Continue after the page that printed this cursor (with --sort).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per event per line (with sources).")
def events(db: str | None, as_json: bool, sort: str | None, cursor: str | None, **kwargs: Any) -> None:
    """List stored events, newest first."""
    target = existing_db(db)
    with store_errors():
        if sort is not None or cursor is not None:
            try:
                page = services.query_events_page(target, make_filter(kwargs), sort=sort or services.DEFAULT_SORT,
                                                  limit=kwargs.get("limit") or 100, cursor=cursor)
            except ValueError as exc:
                raise click.ClickException(str(exc)) from None
            rows = page.events
            if page.next_cursor:
                click.echo(f"next page: --cursor {page.next_cursor}", err=True)
        else:
            rows = services.query_events(target, make_filter(kwargs))
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    else:
        table(rows)


@main.command("event")
@click.argument("event_id")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the event (with sources and notes) as one JSON object.")
def event_command(event_id: str, db: str | None, as_json: bool) -> None:
    """Show one stored event: its fields, every source with its evidence, and why its reports were merged."""
    path = existing_db(db)
    with store_errors():
        found = services.get_event(path, event_id)
    if found is None:
        raise click.ClickException(f"no event {event_id!r} in {path}")
    record, reports = found
    if as_json:
        click.echo(json.dumps({**record, "reports": reports}, ensure_ascii=False))
        return
    _print_event(record, reports)


def _print_event(record: dict[str, Any], reports: list[dict[str, Any]]) -> None:
    click.echo(f"event {record['id']}")
    for key in ("event_type", "sub_event_type", "event_date", "time_precision", "location", "admin1", "country",
                "latitude", "longitude", "geo_precision", "actor1", "actor2", "weapon", "fatalities", "injuries",
                "captured", "munitions", "confidence"):
        if record.get(key) is not None:
            click.echo(f"  {key:15} {record[key]}")
    by_article = {r["article_ids"][0]: r for r in reports if r.get("article_ids")}
    sources = record.get("sources", [])
    click.echo(f"sources ({len(sources)}):")
    for src in sources:
        click.echo(f"  {src['article_id']}  published {src.get('published') or '?'}  {src.get('url') or ''}".rstrip())
        said = by_article.get(src["article_id"])
        if said is not None:
            click.echo(f"    reported: {said['event_type']} / {said['sub_event_type']}, {said['event_date']}, "
                       f"{said['location']}, fatalities {said['fatalities']}")
        for name, ev in sorted(src.get("evidence", {}).items()):
            text = " ".join(str(ev.get("text", "")).split())
            click.echo(f"    {name:12} \"{text}\" [{ev.get('start')}:{ev.get('end')}] {ev.get('reason', '')}".rstrip())
    notes = record.get("notes", [])
    if notes:
        click.echo("notes:")
        for note in notes:
            click.echo(f"  - {note}")
    corrections = record.get("corrections") or []
    if corrections:
        click.echo(f"review: {record.get('review')}")
        for c in corrections:
            change = f"{c['field']}: {c['before']!r} -> {c['after']!r}" if c["kind"] == "set" else c["kind"]
            click.echo(f"  - {c['created_at']} {c['author']}: {change} ({c['reason']})")
        for conflict in record.get("conflicts") or []:
            click.echo(f"  ! {conflict['field']}: the analyst says {conflict['analyst']!r}, the machine now says "
                       f"{conflict['machine']!r}")


@main.command()
@filter_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "parquet", "plover", "gold"]),
              default="jsonl", show_default=True,
              help="csv: ACLED's columns; geojson: every event, those without coordinates with geometry null "
                   "(RFC 7946); plover: PLOVER event records, one JSON object per line; gold: the articles "
                   "analysts reviewed, with their events as corrected, in the evaluation gold format.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="File to write ('-' for stdout).")
def export(db: str | None, fmt: str, output: Path, **kwargs: Any) -> None:
    """Export stored events: JSONL, ACLED-layout CSV, GeoJSON, Parquet, PLOVER, or reviewed articles as gold."""
    path = existing_db(db)
    writable_output(output)
    with store_errors():
        if fmt == "gold":
            with (contextlib.nullcontext(sys.stdout) if str(output) == "-"
                  else output.open("w", encoding="utf-8")) as handle:
                n = services.write_gold(path, handle)
            click.echo(f"wrote {n} reviewed articles to {output}", err=True)
            return
        if fmt == "parquet":
            if str(output) == "-":
                raise click.UsageError("Parquet is a binary format: give a file with -o, not '-'")
            n = services.export_parquet(path, output, make_filter(kwargs))
        elif str(output) == "-":
            n = services.export_events(path, fmt, sys.stdout, make_filter(kwargs))
        else:
            with output.open("w", encoding="utf-8", newline="") as handle:
                n = services.export_events(path, fmt, handle, make_filter(kwargs))
    click.echo(f"wrote {n} events to {output}", err=True)


@main.command()
@click.argument("kind", type=click.Choice(["timeline", "map"]))
@filter_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="PNG file to write.")
def plot(kind: str, db: str | None, output: Path, **kwargs: Any) -> None:
    """Plot stored events to a PNG: events per day by type (timeline) or events on a map (map)."""
    path = existing_db(db)
    writable_output(output)
    with store_errors():
        n = tools.plot_events(kind, path, make_filter(kwargs), output)
    click.echo(f"plotted {n} events to {output}", err=True)


@main.command()
@click.option("--db", default=None, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--rate-limit", type=click.FloatRange(min=0), default=50.0, show_default=True,
              help="Requests per second allowed per client address (bursts up to 4x); 0 turns the limit off.")
@click.option("--cors-origin", "cors_origins", multiple=True,
              help="An origin (e.g. https://maps.example.org) whose pages may call the API; repeatable. "
                   "Default: none (CORS off).")
@click.option("--review-token-file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="A file of 'name:token' lines: those analysts may correct events with 'Authorization: Bearer "
                   "TOKEN'. Without it the server is read-only.")
def serve(db: str | None, host: str, port: int, rate_limit: float, cors_origins: tuple[str, ...],
          review_token_file: Path | None) -> None:
    """Serve the JSON HTTP API and the dashboard over a store (docs at /docs); read-only unless
    --review-token-file names who may correct events; logs go to stderr."""
    from eventwire.api.review_auth import TokenFileError

    target = existing_db(db)
    shown = services.redact(target) if services.is_url(target) else target
    mode = "review enabled" if review_token_file else "read-only"
    click.echo(f"serving {shown} on http://{host}:{port} ({mode}; docs at /docs)", err=True)
    with store_errors():
        try:
            tools.serve(target, host, port, rate_limit=rate_limit or None, cors_origins=cors_origins,
                        review_token_file=review_token_file)
        except TokenFileError as exc:
            raise click.ClickException(str(exc)) from None


@main.command()
@filter_options
@click.option("--actors", nargs=2, metavar="A B", help="Two sides (words of actor names, claims and attributions, "
                                                        "whole and in order; 'A|B' for several names); without "
                                                        "it, every matching event.")
@click.option("--json", "as_json", is_flag=True, help="Print the view as one JSON object.")
def escalation(db: str | None, actors: tuple[str, str] | None, as_json: bool, **kwargs: Any) -> None:
    """Escalation between two actors or in a region: events with their links, counts per week, and rates
    before and after the events others answered."""
    target = existing_db(db)
    with store_errors():
        view = services.escalation_view(target, make_filter(kwargs), (actors[0], actors[1]) if actors else None)
    if as_json:
        click.echo(json.dumps(view, ensure_ascii=False))
        return
    for line in view["summary"]:
        click.echo(line)
    click.echo("")
    click.echo("week        events  a->b  b->a  fatalities")
    quiet = 0
    for week in view["weekly"]:
        if not week["events"]:
            quiet += 1
            continue
        if quiet:
            click.echo(f"  ({quiet} week{'s' if quiet > 1 else ''} without events)")
            quiet = 0
        click.echo(f"{week['week']}  {week['events']:>6}  {week['a_to_b']:>4}  {week['b_to_a']:>4}  "
                   f"{week['fatalities']:>10}")
    click.echo("")
    for event in view["events"]:
        links = ", ".join(f"{r['kind']} {r['event_id'] or '(not stored)'}" for r in event["relations"])
        claims = ", ".join(f"{c['kind']}{' ' + c['actor'] if c['actor'] else ''}" for c in event["claims"])
        click.echo(f"{event['event_date'] or '?':10}  {event['id']}  {event['sub_event_type'] or event['event_type']}"
                   f"  {event['location'] or ''}  {event['actor1'] or ''}"
                   + (f"  [{claims}]" if claims else "") + (f"  -> {links}" if links else ""))
    if view.get("truncated"):
        click.echo(f"(only the newest {services.MAX_ESCALATION_EVENTS:,} events were read)", err=True)


@main.command()
@click.argument("sources", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--db", default=None, help=DB_HELP.replace("(default:", "(default: settings.db in SOURCES, else"))
@click.option("--state", "state_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="State file (default: settings.state in SOURCES).")
@click.option("--once", is_flag=True, help="Poll once and exit.")
@click.option("--rounds", type=click.IntRange(1), default=None, help="Stop after this many rounds.")
@click.option("--json", "as_json", is_flag=True, help="End with the summary as one JSON line on stdout.")
def watch(sources: Path, db: str | None, state_path: Path | None, once: bool, rounds: int | None,
          as_json: bool) -> None:
    """Follow the feeds in SOURCES (a TOML file, see examples/sources.toml): ingest new and updated articles as
    they appear and alert on matching events. Alerts go where SOURCES' [alerts] says (by default to stdout, one
    JSON line each); logs and round summaries go to stderr. Stops cleanly on Ctrl-C or SIGTERM."""
    def started(feeds: int, rules: int, target: str) -> None:
        shown = services.redact(target) if services.is_url(target) else target
        click.echo(f"watching {feeds} feeds with {rules} rules into {shown}", err=True)

    def report(summary: Any) -> None:
        if summary.feeds_polled or summary.pages_fetched or summary.errors or summary.alerts_sent:
            click.echo(summary.text().splitlines()[0].replace("1 round(s)", "round"), err=True)

    with store_errors():
        try:
            total = tools.watch_feeds(sources, db, state_path, once=once, rounds=rounds, on_start=started,
                                      on_round=report)
        except ValueError as exc:  # a bad SOURCES file (ConfigError)
            raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps({"type": "summary", **total.to_json()}, ensure_ascii=False))
    else:
        click.echo(total.text(), err=True)
