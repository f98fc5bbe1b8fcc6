"""SOURCES.toml: the example parses; mistakes are reported with the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.watch.config import ConfigError, Feed, Rule, Settings, load_config

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sources.toml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_sources_file_parses() -> None:
    config = load_config(EXAMPLE)
    assert [f.kind for f in config.feeds] == ["rss", "atom", "sitemap"]
    assert config.interval(config.feeds[0]) == 60 and config.interval(config.feeds[1]) == 300
    kirkuk = config.rules[0]
    assert kirkuk.point == (35.47, 44.39) and kirkuk.radius_km == 75
    assert config.rules[1] == Rule("Deadly violence in Borno", countries=("Nigeria",), admin1=("Borno",),
                                   min_fatalities=1)
    assert config.settings.state == EXAMPLE.parent / "watch-state.sqlite"  # relative to the file
    assert config.settings.db == str(EXAMPLE.parent / "eventwire.db")
    assert config.alerts.jsonl == EXAMPLE.parent / "alerts.jsonl" and config.alerts.webhook is None


def test_defaults(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[[feeds]]\nurl = "https://example.org/feed"\n'))
    assert config.feeds == (Feed("https://example.org/feed"),)
    assert config.settings.poll_interval == Settings().poll_interval
    assert config.settings.state == tmp_path / "watch-state.sqlite"
    assert config.rules == () and config.alerts.stdout is True and config.settings.db is None


def test_robots_txt_is_obeyed_unless_turned_off(tmp_path: Path) -> None:
    assert load_config(EXAMPLE).settings.robots is True and Settings().robots is True
    assert load_config(write(tmp_path, "[settings]\nrobots = false\n")).settings.robots is False


def test_postgres_url_is_kept(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[settings]\ndb = "postgresql://u:p@db/events"\n'))
    assert config.settings.db == "postgresql://u:p@db/events"


@pytest.mark.parametrize(("text", "key", "message"), [
    ('[[feeds]]\nurl = "ftp://example.org/feed"\n', "feeds[0].url", "http:// or https://"),
    ('[[feeds]]\nkind = "rss"\n', "feeds[0].url", "missing"),
    ('[[feeds]]\nurl = "https://a.org/f"\nkind = "json"\n', "feeds[0].kind", "rss"),
    ('[[feeds]]\nurl = "https://a.org/f"\ninterval = 0\n', "feeds[0].interval", "greater than 0"),
    ('[[feeds]]\nurl = "https://a.org/f"\n[[feeds]]\nurl = "https://a.org/f"\n', "feeds[1].url", "twice"),
    ('[[feeds]]\nurl = "https://a.org/f"\nintervall = 5\n', "feeds[0].intervall", "unknown key"),
    ("[settings]\nhost_delay = -1\n", "settings.host_delay", "at least 0"),
    ('[settings]\npoll_interval = "5m"\n', "settings.poll_interval", "expected a number"),
    ("[settings]\nretries = 1.5\n", "settings.retries", "whole number"),
    ("[settings]\nretry_backoff = 10\nmax_backoff = 5\n", "settings.max_backoff", "at least"),
    ('[[rules]]\ncountries = ["Iraq"]\n', "rules[0].name", "missing"),
    ('[[rules]]\nname = "r"\nevent_types = ["Bombings"]\n', "rules[0].event_types", "not an ACLED event type"),
    ('[[rules]]\nname = "r"\nsub_event_types = ["Drone"]\n', "rules[0].sub_event_types", "sub-event type"),
    ('[[rules]]\nname = "r"\npoint = [35.4, 44.3]\n', "rules[0].radius_km", "go together"),
    ('[[rules]]\nname = "r"\nradius_km = 10\n', "rules[0].point", "go together"),
    ('[[rules]]\nname = "r"\npoint = [95, 44]\nradius_km = 1\n', "rules[0].point", "latitude"),
    ('[[rules]]\nname = "r"\npoint = "Kirkuk"\nradius_km = 1\n', "rules[0].point", "[latitude, longitude]"),
    ('[[rules]]\nname = "r"\nmin_fatalities = -1\n', "rules[0].min_fatalities", "whole number"),
    ('[[rules]]\nname = "r"\nactors = [1]\n', "rules[0].actors", "list of non-empty strings"),
    ('[[rules]]\nname = "r"\n[[rules]]\nname = "r"\n', "rules[1].name", "another rule"),
    ('[alerts]\nwebhook = "not a url"\n', "alerts.webhook", "http:// or https://"),
    ('[alerts]\nstdout = "yes"\n', "alerts.stdout", "true or false"),
    ("[settings]\nrobots = 0\n", "settings.robots", "true or false"),
    ('[alert]\nstdout = true\n', "alert", "unknown key"),
    ('feeds = "https://a.org/f"\n', "feeds", "array of tables"),
])
def test_errors_name_the_file_and_the_key(tmp_path: Path, text: str, key: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value).startswith(f"{path}: {key}: ")
    assert message in str(info.value)


def test_unreadable_and_invalid_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(tmp_path / "missing.toml")
    with pytest.raises(ConfigError, match=r"sources\.toml: not valid TOML"):
        load_config(write(tmp_path, "[[feeds]\nurl = 1\n"))
