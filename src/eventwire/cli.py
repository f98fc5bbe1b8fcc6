"""The `eventwire` command line: a thin layer over `services`."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from eventwire import services
from eventwire.ingest.readers import ReadError, read_articles
from eventwire.serialize import event_to_json
from eventwire.store import DEFAULT_SORT, SORTS, EventFilter, StoreUnavailable, default_target, is_url, redact

log = logging.getLogger("eventwire")

DB_HELP = "SQLite file or postgresql:// URL (default: $EVENTWIRE_DB or ./eventwire.db)."


def _existing_db(db: str | None) -> str:
    """The store to read: --db, $EVENTWIRE_DB or ./eventwire.db; a SQLite file must exist."""
    target = db or default_target()
    if not is_url(target) and not Path(target).exists():
        raise click.ClickException(f"no database at {target}; run 'eventwire ingest' first or pass --db")
    return target


@contextlib.contextmanager
def _store_errors() -> Iterator[None]:
    """A store that cannot be opened (unreachable server, missing driver) is a usage error, not a traceback."""
    try:
        yield
    except StoreUnavailable as exc:
        raise click.ClickException(str(exc)) from None


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output on stderr (-v info, -vv debug).")
@click.version_option(package_name="eventwire")
def main(verbose: int) -> None:
    """eventwire: news reports in, evidence-linked ACLED-style conflict events out."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def _table(rows: list[dict[str, Any]]) -> None:
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


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for plain-text files.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per event per line.")
def extract(paths: tuple[Path, ...], published: dt.date | None, as_json: bool) -> None:
    """Extract events from files or directories without storing them."""
    errors: list[ReadError] = []
    articles = services.split_errors(read_articles(list(paths), published), errors)
    rows: list[dict[str, Any]] = []
    articles_read = 0
    failures: list[str] = []
    for _article, events in services.extract_articles(articles, failures):
        articles_read += 1
        for event in events:
            record = event_to_json(event)
            if as_json:
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                rows.append(record)
    if not as_json:
        _table(rows)
    if errors or failures:
        click.echo(f"{len(errors) + len(failures)} record(s) could not be read or extracted (see the messages "
                   "above)", err=True)
        sys.exit(0 if articles_read else 1)  # some input was processed: the bad records are reported, not fatal


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", default=None, help=DB_HELP)
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for plain-text files.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Extraction processes (default: the number of cores); 1 extracts in this process.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: worker processes on this machine; dask: Dask distributed (see docs/scaling.md).")
@click.option("--scheduler", default=None,
              help="With --engine dask: the scheduler's address (tcp://host:8786); default: a LocalCluster.")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Articles per task and per nlp.pipe batch.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def ingest(paths: tuple[Path, ...], db: str | None, published: dt.date | None, workers: int | None, engine: str,
           scheduler: str | None, batch_size: int, as_json: bool) -> None:
    """Extract events from files or directories and store them (re-running is a no-op).

    Extraction runs on every core (or on Dask); this process writes the store, one transaction per article,
    so the result is the same whatever the number of workers."""
    from tqdm import tqdm

    from eventwire.ingest.readers import count_records

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    n_workers = workers or services.default_workers()
    # a quick count for the ETA when the bar is shown; the articles themselves stream
    total = count_records(list(paths)) if sys.stderr.isatty() else None
    bar = tqdm(desc="articles", unit="art", file=sys.stderr, disable=None, dynamic_ncols=True, total=total)
    with _store_errors():
        try:
            summary = services.ingest_paths(list(paths), db or default_target(), published,
                                            on_article=lambda: _tick(bar), workers=n_workers, engine=engine,
                                            scheduler=scheduler, batch_size=batch_size)
        except (ValueError, RuntimeError, OSError) as exc:
            bar.close()
            raise click.ClickException(str(exc)) from None
    bar.close()
    if as_json:
        click.echo(json.dumps(summary.to_json()))
    else:
        s = summary
        click.echo(f"{s.articles} articles read: {s.stored} stored, {s.updated} updated, {s.unchanged} unchanged, "
                   f"{s.duplicates} duplicate texts; {s.events} events; {len(s.failures)} failures; "
                   f"{s.seconds:.1f} s ({s.articles_per_second:.1f} articles/s, {s.engine} engine, "
                   f"{s.workers} worker{'s' if s.workers != 1 else ''})", err=True)
        for failure in s.failures[:20]:
            click.echo(f"  failed: {failure}", err=True)
        if len(s.failures) > 20:
            click.echo(f"  ... and {len(s.failures) - 20} more (--json lists them all)", err=True)


def _tick(bar: Any) -> None:
    bar.update()


@main.command("profile")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", default=None, help="Store to save into (default: a throwaway SQLite file).")
@click.option("--published", callback=_date, help="Publication date (YYYY-MM-DD) for plain-text files.")
@click.option("--limit", type=click.IntRange(min=1), help="Profile at most this many articles.")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Articles per nlp.pipe batch.")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
def profile_command(paths: tuple[Path, ...], db: str | None, published: dt.date | None, limit: int | None,
                    batch_size: int, as_json: bool) -> None:
    """Time each pipeline stage (spaCy model, toponyms, places, triggers, dates, ..., store) on some articles."""
    from eventwire.profiling import profile_paths

    with _store_errors():
        result = profile_paths(list(paths), db, limit=limit, batch_size=batch_size, published=published)
    if as_json:
        click.echo(json.dumps(result.to_json()))
    else:
        click.echo(result.table())


def _filter_options(func: Any) -> Any:
    options = [
        click.option("--db", default=None, help=DB_HELP),
        click.option("--from", "date_from", callback=_date, help="Earliest event date (YYYY-MM-DD)."),
        click.option("--to", "date_to", callback=_date, help="Latest event date (YYYY-MM-DD)."),
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
        click.option("--limit", type=int, help="At most this many events."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _bbox(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[float, ...] | None:
    if value is None:
        return None
    from eventwire.store import parse_bbox

    try:
        return parse_bbox(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _make_filter(kwargs: dict[str, Any]) -> EventFilter:
    return EventFilter(
        date_from=kwargs.get("date_from"), date_to=kwargs.get("date_to"), country=kwargs.get("country"),
        event_type=kwargs.get("event_type"), sub_event_type=kwargs.get("sub_event_type"),
        actor=kwargs.get("actor"), min_fatalities=kwargs.get("min_fatalities"), limit=kwargs.get("limit"),
        admin1=kwargs.get("admin1"), weapon=kwargs.get("weapon"), bbox=kwargs.get("bbox"), q=kwargs.get("q"),
        geo_precision=kwargs.get("geo_precision"), time_precision=kwargs.get("time_precision"),
    )


@main.command()
@_filter_options
@click.option("--sort", type=click.Choice(list(SORTS)), default=None,
              help="Order (ties by id) and page by --limit (default 100) with --cursor.")
@click.option("--cursor", help="Continue after the page that printed this cursor (with --sort).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per event per line (with sources).")
def events(db: str | None, as_json: bool, sort: str | None, cursor: str | None, **kwargs: Any) -> None:
    """List stored events, newest first."""
    target = _existing_db(db)
    with _store_errors():
        if sort is not None or cursor is not None:
            try:
                page = services.query_events_page(target, _make_filter(kwargs), sort=sort or DEFAULT_SORT,
                                                  limit=kwargs.get("limit") or 100, cursor=cursor)
            except ValueError as exc:
                raise click.ClickException(str(exc)) from None
            rows = page.events
            if page.next_cursor:
                click.echo(f"next page: --cursor {page.next_cursor}", err=True)
        else:
            rows = services.query_events(target, _make_filter(kwargs))
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    else:
        _table(rows)


@main.command("event")
@click.argument("event_id")
@click.option("--db", default=None, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the event (with sources and notes) as one JSON object.")
def event_command(event_id: str, db: str | None, as_json: bool) -> None:
    """Show one stored event: its fields, every source with its evidence, and why its reports were merged."""
    path = _existing_db(db)
    with _store_errors():
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


@main.command()
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "geojson", "parquet", "plover"]), default="jsonl",
              show_default=True, help="plover: PLOVER event records, one JSON object per line.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="File to write ('-' for stdout).")
def export(db: str | None, fmt: str, output: Path, **kwargs: Any) -> None:
    """Export stored events: JSONL, ACLED-layout CSV, GeoJSON, Parquet or PLOVER."""
    path = _existing_db(db)
    with _store_errors():
        if fmt == "parquet":
            if str(output) == "-":
                raise click.UsageError("Parquet is a binary format: give a file with -o, not '-'")
            n = services.export_parquet(path, output, _make_filter(kwargs))
        elif str(output) == "-":
            n = services.export_events(path, fmt, sys.stdout, _make_filter(kwargs))
        else:
            with output.open("w", encoding="utf-8", newline="") as handle:
                n = services.export_events(path, fmt, handle, _make_filter(kwargs))
    click.echo(f"wrote {n} events to {output}", err=True)


@main.command()
@click.argument("kind", type=click.Choice(["timeline", "map"]))
@_filter_options
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="PNG file to write.")
def plot(kind: str, db: str | None, output: Path, **kwargs: Any) -> None:
    """Plot stored events to a PNG: events per day by type (timeline) or events on a map (map)."""
    from eventwire import plots

    path = _existing_db(db)
    with _store_errors():
        records = services.query_events(path, _make_filter(kwargs))
    n = plots.plot_timeline(records, output) if kind == "timeline" else plots.plot_map(records, output)
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
def serve(db: str | None, host: str, port: int, rate_limit: float, cors_origins: tuple[str, ...]) -> None:
    """Serve the read-only JSON HTTP API and the dashboard over a store (docs at /docs); logs go to stderr."""
    import copy

    import uvicorn
    from uvicorn.config import LOGGING_CONFIG

    from eventwire.api import create_app

    target = _existing_db(db)
    with _store_errors():
        app = create_app(target, rate_limit=rate_limit or None, cors_origins=cors_origins)
    log_config = copy.deepcopy(LOGGING_CONFIG)
    for handler in log_config["handlers"].values():
        handler["stream"] = "ext://sys.stderr"
    shown = redact(target) if is_url(target) else target
    click.echo(f"serving {shown} on http://{host}:{port} (docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_config=log_config)


@main.command()
@_filter_options
@click.option("--actors", nargs=2, metavar="A B", help="Two sides (substrings of actor names, claims and "
                                                        "attributions); without it, every matching event.")
@click.option("--json", "as_json", is_flag=True, help="Print the view as one JSON object.")
def escalation(db: str | None, actors: tuple[str, str] | None, as_json: bool, **kwargs: Any) -> None:
    """Escalation between two actors or in a region: events with their links, counts per week, and rates
    before and after the events others answered."""
    target = _existing_db(db)
    with _store_errors():
        view = services.escalation_view(target, _make_filter(kwargs), (actors[0], actors[1]) if actors else None)
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


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object.")
@click.option("--report", "report_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write an error analysis (report.md, confusion.png, distance_errors.png) here.")
@click.option("--sample", type=int, help="Score a deterministic sample of this many documents.")
def eval_command(gold: Path, as_json: bool, report_dir: Path | None, sample: int | None) -> None:
    """Run the pipeline on a gold file (../shared/eval/FORMAT.md) and score it."""
    from eventwire.evaluation.report import write_report
    from eventwire.evaluation.runner import evaluate_file
    from eventwire.evaluation.system import extract_events, extract_places

    try:
        result = evaluate_file(gold, extract_events, places=extract_places, sample=sample, progress=True)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if report_dir is not None:
        path = write_report(result, report_dir)
        click.echo(f"report written to {path}", err=True)
    if as_json:
        click.echo(json.dumps(result.metrics))
    else:
        for key, value in result.metrics.items():
            click.echo(f"{key:22} {value}")


@main.command("gate")
@click.option("--dev-dir", type=click.Path(file_okay=False, path_type=Path), default=Path("../shared/eval/dev"),
              show_default=True, help="Folder of the development gold sets.")
@click.option("--floors", "floors_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("quality/floors.json"), show_default=True, help="Pinned floors file.")
@click.option("--pin", is_flag=True, help="Write the measured values as the new floors (raising only).")
@click.option("--allow-lower", is_flag=True, help="With --pin: let floors go down too.")
@click.option("--json", "as_json", is_flag=True, help="Print the measured metrics per set as JSON.")
@click.option("--doc", "doc_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the numbers as a Markdown page (docs/quality.md).")
def gate_command(dev_dir: Path, floors_path: Path, pin: bool, allow_lower: bool, as_json: bool,
                 doc_path: Path | None) -> None:
    """Check (or pin) the quality floors on the development sets; exits 1 on a regression."""
    from eventwire.evaluation import gate

    if not dev_dir.is_dir():
        raise click.ClickException(f"no development sets at {dev_dir}")
    measured = gate.measure(dev_dir)
    if as_json:
        click.echo(json.dumps({k: v["metrics"] for k, v in measured.items()}, indent=1))
    if doc_path is not None:
        from eventwire.evaluation.quality_doc import render

        doc_path.parent.mkdir(parents=True, exist_ok=True)
        doc_path.write_text(render(measured), encoding="utf-8")
        click.echo(f"wrote {doc_path}", err=True)
    floors = gate.load_floors(floors_path)
    if pin:
        new, refused = gate.pin(floors, measured, allow_lower=allow_lower)
        gate.save_floors(floors_path, new)
        for message in refused:
            click.echo(f"not lowered: {message}", err=True)
        click.echo(f"pinned {len(measured)} sets in {floors_path}", err=True)
        return
    problems = gate.check(floors, measured)
    for problem in problems:
        click.echo(f"FAIL {problem}", err=True)
    if problems:
        sys.exit(1)
    click.echo(f"quality gate passed on {len(measured)} sets", err=True)


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
    from eventwire.store import open_store
    from eventwire.watch import ConfigError, RoundSummary, Watcher, load_config
    from eventwire.watch.state import WatchState

    try:
        config = load_config(sources)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    if not config.feeds:
        raise click.ClickException(f"{sources}: no [[feeds]] to watch")
    target = db or config.settings.db or default_target()
    shown = redact(target) if is_url(target) else target
    click.echo(f"watching {len(config.feeds)} feeds with {len(config.rules)} rules into {shown}", err=True)
    extractor = services.get_extractor()

    def report(summary: RoundSummary) -> None:
        if summary.feeds_polled or summary.pages_fetched or summary.errors or summary.alerts_sent:
            click.echo(summary.text().splitlines()[0].replace("1 round(s)", "round"), err=True)

    with _store_errors(), open_store(target) as store:
        state = WatchState(state_path or config.settings.state)
        with Watcher(config, store, extractor, state=state) as watcher:
            total = watcher.poll_once() if once else watcher.run(max_rounds=rounds, on_round=report)
    if as_json:
        click.echo(json.dumps({"type": "summary", **total.to_json()}, ensure_ascii=False))
    else:
        click.echo(total.text(), err=True)


@main.group()
def gazetteer() -> None:
    """Build, inspect and extend the local gazetteer index."""


@gazetteer.command("build")
@click.option("--path", type=click.Path(path_type=Path), default=None, help="Index file (default: user cache).")
def gazetteer_build(path: Path | None) -> None:
    """(Re)build the gazetteer index from the packaged data."""
    from eventwire.gazetteer.build import build_index
    from eventwire.gazetteer.index import _stderr_progress

    target = build_index(path, progress=_stderr_progress)
    click.echo(str(target))


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--country", "country", metavar="CC", default=None,
              help="Only places in this country (ISO code such as SY, or a name such as Syria).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line on stdout.")
def gazetteer_lookup(name: str, country: str | None, as_json: bool) -> None:
    """Show the candidate places for a name, or failing that the places spelled like it."""
    from eventwire.gazetteer.countries import country_code, country_name
    from eventwire.gazetteer.index import open_gazetteer

    code = None
    if country:
        code = country.upper() if len(country) == 2 and country_name(country.upper()) else country_code(country)
        if code is None:
            raise click.ClickException(f"unknown country {country!r}: give an ISO code (SY) or a name (Syria)")
    found = open_gazetteer().find(name, code)
    for c, match in found:
        row = {"place_id": c.place_id, "name": c.name, "kind": c.kind, "country": c.country,
               "country_code": c.country_code, "admin1": c.admin1, "admin2": c.admin2, "latitude": c.latitude,
               "longitude": c.longitude, "population": c.population, "match": match}
        click.echo(json.dumps(row, ensure_ascii=False) if as_json else
                   f"{c.name:30} {c.kind:16} {c.country:20} {c.admin1 or '':20} {c.latitude:8.3f} {c.longitude:8.3f}"
                   + ("  (spelled alike)" if match == "spelling" else ""))
    if not found:
        where = f" in {country_name(code) or code}" if code else ""
        raise click.ClickException(f"no place named {name!r}{where} in the gazetteer")


@gazetteer.command("import")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--admin1-codes", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="GeoNames admin1CodesASCII.txt for region names.")
def gazetteer_import(dump: Path, admin1_codes: Path | None) -> None:
    """Add a downloaded GeoNames dump (allCountries.txt or CC.txt) for village-level coverage."""
    from eventwire.gazetteer.build import import_geonames_dump
    from eventwire.gazetteer.index import open_gazetteer

    gaz = open_gazetteer()
    path = gaz.path
    gaz.close()
    try:
        added = import_geonames_dump(dump, path, admin1_codes)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"added {added} places from {dump}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
