"""Commands of the local gazetteer index: build, lookup, import."""

from __future__ import annotations

import json
from pathlib import Path

import click

from eventwire.cli.common import main
from eventwire.services import tools


@main.group()
def gazetteer() -> None:
    """Build, inspect and extend the local gazetteer index."""


@gazetteer.command("build")
@click.option("--path", type=click.Path(path_type=Path), default=None, help="Index file (default: user cache).")
def gazetteer_build(path: Path | None) -> None:
    """(Re)build the gazetteer index from the packaged data."""
    click.echo(str(tools.build_gazetteer(path)))


@gazetteer.command("lookup")
@click.argument("name")
@click.option("--country", "country", metavar="CC", default=None,
              help="Only places in this country (ISO code such as SY, or a name such as Syria).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line on stdout.")
def gazetteer_lookup(name: str, country: str | None, as_json: bool) -> None:
    """Show the candidate places for a name, or failing that the places spelled like it."""
    code = None
    if country:
        code = tools.resolve_country(country)
        if code is None:
            raise click.ClickException(f"unknown country {country!r}: give an ISO code (SY) or a name (Syria)")
    found = tools.lookup_place(name, code)
    for row in found:
        click.echo(json.dumps(row, ensure_ascii=False) if as_json else
                   f"{row['name']:30} {row['kind']:16} {row['country']:20} {row['admin1'] or '':20} "
                   f"{row['latitude']:8.3f} {row['longitude']:8.3f}"
                   + ("  (spelled alike)" if row["match"] == "spelling" else ""))
    if not found:
        where = f" in {tools.country_label(code)}" if code else ""
        raise click.ClickException(f"no place named {name!r}{where} in the gazetteer")


@gazetteer.command("import")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--admin1-codes", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="GeoNames admin1CodesASCII.txt for region names.")
def gazetteer_import(dump: Path, admin1_codes: Path | None) -> None:
    """Add a downloaded GeoNames dump (allCountries.txt or CC.txt) for village-level coverage."""
    try:
        added = tools.import_geonames(dump, admin1_codes)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"added {added} places from {dump}", err=True)
