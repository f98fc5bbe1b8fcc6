"""Commands that read articles: extract, explain, ingest, profile."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from eventwire import services
from eventwire.cli.common import DB_HELP, main, parse_date, store_errors, table


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", callback=parse_date, help="Publication date (YYYY-MM-DD) for plain-text files.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per event per line.")
@click.option("--min-confidence", type=click.FloatRange(0.0, 1.0),
              help="Only events at least this likely to be right (their confidence, 0-1).")
def extract(paths: tuple[Path, ...], published: dt.date | None, as_json: bool, min_confidence: float | None) -> None:
    """Extract events from files or directories without storing them."""
    errors: list[services.ReadError] = []
    articles = services.split_errors(services.read_inputs(list(paths), published), errors)
    rows: list[dict[str, Any]] = []
    articles_read = 0
    failures: list[str] = []
    for _article, events in services.extract_articles(articles, failures):
        articles_read += 1
        for event in events:
            if min_confidence is not None and event.confidence < min_confidence:
                continue
            record = services.event_to_json(event)
            if as_json:
                click.echo(json.dumps(record, ensure_ascii=False))
            else:
                rows.append(record)
    if not as_json:
        table(rows)
    if errors or failures:
        click.echo(f"{len(errors) + len(failures)} record(s) could not be read or extracted (see the messages "
                   "above)", err=True)
        sys.exit(0 if articles_read else 1)  # some input was processed: the bad records are reported, not fatal


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--published", callback=parse_date, help="Publication date (YYYY-MM-DD) for plain-text files.")
@click.option("--event", "event_number", type=click.IntRange(min=1), help="Only the Nth event of each article.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per event per line.")
def explain(path: Path, published: dt.date | None, event_number: int | None, as_json: bool) -> None:
    """Why eventwire decided each field of the events of PATH: per field, the stage that set it, the rules that
    fired for the value (with their weights), the candidates considered and why the winner won."""
    from eventwire.services import rules as rule_services  # (loads the pipeline: only this command needs it)

    try:
        explained = rule_services.explain_file(path, published)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    shown = 0
    for article, events in explained:
        for item in events:
            if event_number is not None and item["event"] != event_number:
                continue
            shown += 1
            if as_json:
                click.echo(json.dumps({"article_id": article.id, **item}, ensure_ascii=False))
            else:
                _print_explained(article.id, item)
    if not shown:
        what = f"no event {event_number}" if event_number is not None else "no event"
        raise click.ClickException(f"{what} in {path}")


def _number(rule: dict[str, Any]) -> str:
    """" [+1.5]" for a weight, " [threshold 25]" for a threshold."""
    if rule["weight"] is not None:
        return f" [{rule['weight']:+g}]"
    return "" if rule["threshold"] is None else f" [threshold {rule['threshold']:g}]"


def _print_explained(article_id: str, item: dict[str, Any]) -> None:
    record = item["record"]
    click.echo(f"event {item['event']} of {article_id}: {record['event_type']} / {record['sub_event_type']}, "
               f"{record['event_date']}, {record['location']} ({record['country']})  [{record['id']}]")
    for entry in item["fields"]:
        click.echo(f"  {entry['field']}: {entry['value']}")
        click.echo(f"    set by stage {entry['stage']} from \"{' '.join(entry['text'].split())}\" "
                   f"(confidence {entry['confidence']}): {entry['reason']}")
        for found in entry["rules"]:
            click.echo(f"    - {found['id']}{_number(found)}: {found['reason']}")
        decision = entry["decision"]
        if decision and decision["options"]:
            click.echo(f"    candidates ({decision['stage']}):")
            for i, option in enumerate(decision["options"]):
                mark = "*" if i == decision["chosen"] else " "
                score = "" if option["score"] is None else f" score {option['score']:.2f}"
                fired = ", ".join(r["id"] + _number(r) for r in option["rules"])
                click.echo(f"     {mark} {option['value']} \"{' '.join(option['text'].split())}\"{score}"
                           + (f" <- {fired}" if fired else ""))
            click.echo(f"    why: {decision['why']}")
        for reading in entry["readings"]:
            mark = "*" if reading["chosen"] else " "
            fired = ", ".join(r["id"] + _number(r) for r in reading["rules"])
            click.echo(f"    reading {mark} {reading['reading']} score {reading['score']:.2f} <- {fired}")
    click.echo("")


PARTIAL_FAILURE = 3  # ingest's exit status when some inputs failed and the others were stored


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", default=None, help=DB_HELP)
@click.option("--published", callback=parse_date, help="Publication date (YYYY-MM-DD) for plain-text files.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Extraction processes (default: the number of cores); 1 extracts in this process.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: worker processes on this machine; dask: Dask distributed (see docs/scaling.md).")
@click.option("--scheduler", default=None,
              help="With --engine dask: the scheduler's address (tcp://host:8786); default: a LocalCluster.")
@click.option("--batch-size", type=click.IntRange(min=1), default=32, show_default=True,
              help="Articles per task and per nlp.pipe batch.")
@click.option("--on-existing", type=click.Choice(services.ON_EXISTING), default="update", show_default=True,
              help="A new text for an article already stored (same id or URL): replace it and say what changed "
                   "(update), keep the stored one (skip), or count it as a failure (error).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def ingest(paths: tuple[Path, ...], db: str | None, published: dt.date | None, workers: int | None, engine: str,
           scheduler: str | None, batch_size: int, on_existing: str, as_json: bool) -> None:
    """Extract events from files or directories and store them (re-running is a no-op).

    Extraction runs on every core (or on Dask); this process writes the store, one transaction per article,
    so the result is the same whatever the number of workers.

    Exit status: 0 when every input was read and stored; 1 when nothing could be stored (every input failed,
    or no article was found); 3 when some inputs failed and the others were stored."""
    from tqdm import tqdm

    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask")
    n_workers = workers or services.default_workers()
    # a quick count for the ETA when the bar is shown; the articles themselves stream
    total = services.count_inputs(list(paths)) if sys.stderr.isatty() else None
    bar = tqdm(desc="articles", unit="art", file=sys.stderr, disable=None, dynamic_ncols=True, total=total)
    target = db or services.default_target()
    new_file = None if services.is_url(target) or Path(target).exists() else Path(target)
    with store_errors():
        try:
            summary = services.ingest_paths(list(paths), target, published,
                                            on_article=lambda: _tick(bar), workers=n_workers, engine=engine,
                                            scheduler=scheduler, batch_size=batch_size, on_existing=on_existing)
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
        if s.kept:
            click.echo(f"  {s.kept} article(s) stored with another text were kept as stored (--on-existing skip)",
                       err=True)
        for note in s.replaced[:20]:
            click.echo(f"  updated: {note}", err=True)
        for failure in s.failures[:20]:
            click.echo(f"  failed: {failure}", err=True)
        if len(s.failures) > 20:
            click.echo(f"  ... and {len(s.failures) - 20} more (--json lists them all)", err=True)
    stored = summary.stored + summary.updated + summary.unchanged + summary.duplicates + summary.kept
    if not stored:
        what = f"all {len(summary.failures)} inputs failed" if summary.failures else "no article was found"
        if new_file is not None:  # leave no empty store behind that later commands would take for a real one
            for leftover in (new_file, *(new_file.with_name(new_file.name + s) for s in ("-wal", "-shm"))):
                leftover.unlink(missing_ok=True)
        raise click.ClickException(f"nothing was stored: {what}")
    if summary.failures:
        click.echo(f"{len(summary.failures)} inputs failed; the others were stored", err=True)
        sys.exit(PARTIAL_FAILURE)


def _tick(bar: Any) -> None:
    bar.update()


@main.command("profile")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--db", default=None, help="Store to save into (default: a throwaway SQLite file).")
@click.option("--published", callback=parse_date, help="Publication date (YYYY-MM-DD) for plain-text files.")
@click.option("--limit", type=click.IntRange(min=1), help="Profile at most this many articles.")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Articles per nlp.pipe batch.")
@click.option("--json", "as_json", is_flag=True, help="Print the profile as JSON.")
def profile_command(paths: tuple[Path, ...], db: str | None, published: dt.date | None, limit: int | None,
                    batch_size: int, as_json: bool) -> None:
    """Time each registered pipeline stage (parse, toponyms, geocode, ..., links) and the store on some
    articles ('eventwire rules --stages' lists the stages)."""
    from eventwire.services import tools

    with store_errors():
        result = tools.profile(list(paths), db, limit=limit, batch_size=batch_size, published=published)
    if as_json:
        click.echo(json.dumps(result.to_json()))
    else:
        click.echo(result.table())
