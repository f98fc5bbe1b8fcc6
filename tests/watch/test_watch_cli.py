"""`eventwire watch`: alerts on stdout as JSON lines, the summary last with --json, config errors as usage
errors; a second run on the same state ingests and alerts nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from newssite import BASE_TIME, Site, Story, rss

from eventwire.cli import main

STORY = Story("/news/kirkuk", "Rockets hit air base near Kirkuk",
              "Rockets struck an air base near Kirkuk on Monday, wounding two soldiers, Iraqi security officials "
              "said.", BASE_TIME)


def sources(tmp_path: Path, site: Site) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(f"""
[settings]
host_delay = 0
db = "events.db"

[[feeds]]
url = "{site.url('/rss.xml')}"

[[rules]]
name = "Iraq"
countries = ["Iraq"]
""", encoding="utf-8")
    return path


def lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_watch_once_prints_alerts_then_the_summary(site: Site, tmp_path: Path, extractor: Any) -> None:
    site.put_story(STORY)
    site.put("/rss.xml", rss(site, [STORY]), "application/rss+xml")
    path = sources(tmp_path, site)
    result = CliRunner().invoke(main, ["watch", str(path), "--once", "--json"])
    assert result.exit_code == 0, result.output
    alert, summary = lines(result.stdout)
    assert alert["type"] == "alert" and alert["rule"] == "Iraq" and alert["event"]["country"] == "Iraq"
    assert summary["type"] == "summary"
    assert (summary["articles_stored"], summary["alerts_sent"], summary["events_created"]) == (1, 1, 1)
    assert (tmp_path / "events.db").exists() and (tmp_path / "watch-state.sqlite").exists()
    assert "watching 1 feeds with 1 rules" in result.stderr

    again = CliRunner().invoke(main, ["watch", str(path), "--rounds", "1"])
    assert again.exit_code == 0, again.output
    assert again.stdout == ""  # no alert; the summary goes to stderr without --json
    assert "0 articles ingested" in again.stderr and "0 alerts sent" in again.stderr


def test_config_errors_are_usage_errors(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[[feeds]]\nurl = "https://example.org/rss"\nkind = "json"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["watch", str(path), "--once"])
    assert result.exit_code == 1
    assert f"{path}: feeds[0].kind: expected one of" in result.stderr
    path.write_text('[settings]\npoll_interval = 60\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["watch", str(path), "--once"])
    assert result.exit_code == 1 and "no [[feeds]]" in result.stderr


def test_help() -> None:
    result = CliRunner().invoke(main, ["watch", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--once", "--json", "--state", "--rounds"):
        assert option in result.output
