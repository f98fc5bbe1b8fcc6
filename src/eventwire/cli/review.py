"""Commands of analysts' review: correct, accept, reject, restore, split, merge, corrections, review (the queue)."""

from __future__ import annotations

import json
from typing import Any

import click

from eventwire import services
from eventwire.cli.common import DB_HELP, existing_db, filter_options, main, make_filter, store_errors, table

_CORRECTION_COLUMNS = (("id", "id"), ("created_at", "when"), ("author", "by"), ("kind", "kind"),
                       ("change", "change"), ("event_id", "event"), ("reason", "reason"))
_QUEUE_COLUMNS = (("doubt", "doubt"), ("id", "id"), ("event_date", "event_date"), ("sub_event_type", "sub_event_type"),
                  ("place", "place"), ("fatalities", "fatalities"), ("confidence", "confidence"))
_BY_HELP = "Who makes the correction (default: your login name)."
_REASON_HELP = "Why: kept with the correction (required)."


def _field_value(text: str) -> tuple[str, Any]:
    """`FIELD=VALUE`; the value is read as JSON when it is JSON (7, null, "x"), else kept as text."""
    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise click.BadParameter(f"{text!r}: write FIELD=VALUE, e.g. fatalities=7", param_hint="--set")
    try:
        value: Any = json.loads(raw)
    except ValueError:
        value = raw
    return name.strip(), value


def _apply(db: str | None, event_id: str, kind: str, by: str | None, reason: str, as_json: bool,
           **options: Any) -> None:
    path = existing_db(db)
    with store_errors():
        try:
            events = services.correct_event(path, event_id, kind, author=by or services.default_author(),
                                            reason=reason, **options)
        except services.CorrectionError as exc:
            raise click.ClickException(str(exc)) from None
    for record in events:
        if as_json:
            click.echo(json.dumps(record, ensure_ascii=False))
            continue
        conflicts = "; ".join(f"{c['field']}: the machine now says {c['machine']!r}"
                              for c in record.get("conflicts", []))
        click.echo(f"{record['id']}  {record.get('review') or 'unreviewed'}  {record['event_type']} / "
                   f"{record.get('sub_event_type')}, {record.get('event_date')}, "
                   f"{record.get('location') or record.get('country')}, fatalities {record.get('fatalities')}"
                   + (f"  (conflict: {conflicts})" if conflicts else ""))


def _common(func: Any) -> Any:
    for option in reversed([
        click.option("--db", default=None, help=DB_HELP),
        click.option("--reason", required=True, help=_REASON_HELP),
        click.option("--by", default=None, help=_BY_HELP),
        click.option("--json", "as_json", is_flag=True, help="Print the corrected events as JSON lines."),
    ]):
        func = option(func)
    return func


@main.command()
@click.argument("event_id")
@click.option("--set", "assignments", multiple=True, required=True, metavar="FIELD=VALUE",
              help="A field and its right value (repeatable): fatalities=7, event_date=2024-05-13, "
                   "sub_event_type='Armed clash', actor2=null.")
@_common
def correct(event_id: str, assignments: tuple[str, ...], db: str | None, reason: str, by: str | None,
            as_json: bool) -> None:
    """Correct fields of a stored event; the correction holds through every later ingest."""
    fields = dict(_field_value(a) for a in assignments)
    _apply(db, event_id, "set", by, reason, as_json, fields=fields)


@main.command()
@click.argument("event_id")
@_common
def accept(event_id: str, db: str | None, reason: str, by: str | None, as_json: bool) -> None:
    """Record that a stored event was checked and is right (it leaves the review queue)."""
    _apply(db, event_id, "accept", by, reason, as_json)


@main.command()
@click.argument("event_id")
@_common
def reject(event_id: str, db: str | None, reason: str, by: str | None, as_json: bool) -> None:
    """Mark a stored event as no incident: kept, but left out of listings, exports and the map."""
    _apply(db, event_id, "reject", by, reason, as_json)


@main.command()
@click.argument("event_id")
@_common
def restore(event_id: str, db: str | None, reason: str, by: str | None, as_json: bool) -> None:
    """Undo the rejection of an event."""
    _apply(db, event_id, "restore", by, reason, as_json)


@main.command()
@click.argument("event_id")
@click.option("--article", "articles", multiple=True, required=True,
              help="An article whose report leaves the event (repeatable); they form an event of their own.")
@_common
def split(event_id: str, articles: tuple[str, ...], db: str | None, reason: str, by: str | None,
          as_json: bool) -> None:
    """Split an event: the reports of the given articles tell another incident."""
    _apply(db, event_id, "split", by, reason, as_json, articles=articles)


@main.command()
@click.argument("event_id")
@click.argument("other_event_id")
@_common
def merge(event_id: str, other_event_id: str, db: str | None, reason: str, by: str | None, as_json: bool) -> None:
    """Merge two events that report one incident."""
    _apply(db, event_id, "merge", by, reason, as_json, other_event_id=other_event_id)


@main.command()
@click.argument("event_id", required=False)
@click.option("--db", default=None, help=DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per correction per line.")
def corrections(event_id: str | None, db: str | None, as_json: bool) -> None:
    """List the corrections made (the audit trail), of one event or all, oldest first."""
    path = existing_db(db)
    with store_errors():
        try:
            rows = services.list_corrections(path, event_id)
        except services.CorrectionError as exc:
            raise click.ClickException(str(exc)) from None
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    table([{**r, "change": f"{r['field']}: {r['before']!r} -> {r['after']!r}" if r["kind"] == "set" else ""}
           for r in rows], _CORRECTION_COLUMNS)


@main.command()
@filter_options
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per event per line (with `doubt`).")
def review(db: str | None, as_json: bool, **kwargs: Any) -> None:
    """The review queue: events most in doubt first (low confidence, conflicts, disagreeing reports, fields
    without evidence, large tolls)."""
    path = existing_db(db)
    flt = make_filter(kwargs)
    with store_errors():
        rows = services.review_queue(path, flt, limit=flt.limit or 50)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    table([{**r, "doubt": f"{r['doubt']:.2f}", "confidence": f"{r.get('confidence') or 0:.2f}",
            "place": r.get("location") or r.get("country")} for r in rows], _QUEUE_COLUMNS)
