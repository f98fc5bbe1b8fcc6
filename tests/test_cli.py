"""Tests for the `eventwire` command line (click.testing.CliRunner; the sample article is real)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from eventwire.cli import main
from eventwire.export import ACLED_COLUMNS
from eventwire.serialize import CONTRACT_KEYS

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "sample_article.txt"
SAMPLE_TEXT = SAMPLE.read_text(encoding="utf-8")


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("args", "marker"),
    [
        ([], "news reports in, evidence-linked ACLED-style conflict events out"),
        (["extract"], "Extract events from files or directories without storing them."),
        (["ingest"], "Extract events from files or directories and store them"),
        (["events"], "List stored events, newest first."),
        (["export"], "Export stored events: JSONL, ACLED-layout CSV, GeoJSON, Parquet, PLOVER, or"),
        (["eval"], "Run the pipeline on a gold file"),
        (["gate"], "Check (or pin) the quality floors"),
        (["gazetteer"], "Build, inspect and extend the local gazetteer index."),
        (["gazetteer", "build"], "(Re)build the gazetteer index from the packaged data."),
        (["gazetteer", "lookup"], "Show the candidate places for a name"),
        (["gazetteer", "import"], "Add a downloaded GeoNames dump"),
    ],
)
def test_help(args: list[str], marker: str) -> None:
    for flag in ("--help", "-h"):
        result = invoke(*args, flag)
        assert result.exit_code == 0, result.output
        assert result.output.startswith("Usage: ")
        assert marker in result.output


def test_main_lists_commands() -> None:
    result = invoke("--help")
    for name in ("extract", "ingest", "events", "export", "eval", "gate", "gazetteer"):
        assert f"  {name} " in result.output


@pytest.fixture(scope="module")
def extracted() -> list[dict]:
    result = CliRunner().invoke(main, ["extract", str(SAMPLE), "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json_lines(result.stdout)


def test_extract_json_contract_keys(extracted: list[dict]) -> None:
    assert len(extracted) >= 1
    for record in extracted:
        assert list(record) == list(CONTRACT_KEYS)
        assert record["id"].startswith("ew-")
        assert record["article_ids"] == [extracted[0]["article_ids"][0]]
        assert record["article_ids"][0].startswith("sha1-")


def test_extract_evidence_spans_match_article_text(extracted: list[dict]) -> None:
    spans = 0
    for record in extracted:
        assert record["evidence"], record
        for name, ev in record["evidence"].items():
            assert SAMPLE_TEXT[ev["start"]:ev["end"]] == ev["text"], (name, ev)
            assert ev["article_id"] == record["article_ids"][0]
            spans += 1
    assert spans >= len(extracted)


def test_extract_sample_first_event(extracted: list[dict]) -> None:
    first = extracted[0]
    assert first["event_type"] == "Explosions/Remote violence"
    assert first["country"] == "Iraq"
    assert first["location"] == "K-1 Military Base"  # the air base near Kirkuk, from the curated sites
    assert first["event_date"] == "2023-03-14"
    assert first["injuries"] == 2


def test_extract_table_output() -> None:
    result = invoke("extract", str(SAMPLE))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "event_date", "event_type", "sub_event_type", "location", "country",
                                "fatalities", "injuries", "actor1", "actor2"]
    assert set(lines[1]) == {"─"}  # the rule under the heading
    assert "K-1 Military Base" in lines[2]
    assert all(line.startswith("ew-") for line in lines[2:])  # every event with its id
    assert "…" not in lines[2].split()[1]  # dates are never cut


def test_extract_keeps_only_the_events_confident_enough(extracted: list[dict]) -> None:
    confidences = sorted(r["confidence"] for r in extracted)
    assert all(0.0 < c < 1.0 for c in confidences)
    cut = confidences[len(confidences) // 2]
    result = invoke("extract", str(SAMPLE), "--json", "--min-confidence", str(cut))
    assert result.exit_code == 0
    kept = [json.loads(line) for line in result.stdout.splitlines()]
    assert kept and len(kept) == sum(c >= cut for c in confidences)
    assert all(r["confidence"] >= cut for r in kept)
    refused = invoke("extract", str(SAMPLE), "--min-confidence", "1.5")
    assert refused.exit_code == 2 and "min-confidence" in refused.output


def test_ingest_twice_is_a_no_op(tmp_path: Path) -> None:
    db = tmp_path / "ew.db"
    first = invoke("ingest", str(SAMPLE), "--db", str(db), "--json")
    assert first.exit_code == 0, first.output
    summary1 = json.loads(first.stdout)
    assert summary1["articles"] == 1
    assert summary1["stored"] == 1
    assert summary1["unchanged"] == 0
    assert summary1["failures"] == []
    assert summary1["events"] >= 1
    events1 = invoke("events", "--db", str(db), "--json")
    assert events1.exit_code == 0
    rows1 = json_lines(events1.stdout)
    assert len(rows1) == summary1["events"]

    second = invoke("ingest", str(SAMPLE), "--db", str(db), "--json")
    assert second.exit_code == 0, second.output
    summary2 = json.loads(second.stdout)
    assert (summary2["articles"], summary2["stored"], summary2["unchanged"], summary2["updated"],
            summary2["duplicate_texts"], summary2["events"]) == (1, 0, 1, 0, 0, 0)
    events2 = invoke("events", "--db", str(db), "--json")
    assert json_lines(events2.stdout) == rows1


def test_events_filters_via_cli(tmp_path: Path) -> None:
    db = tmp_path / "ew.db"
    invoke("ingest", str(SAMPLE), "--db", str(db), "--json")
    all_rows = json_lines(invoke("events", "--db", str(db), "--json").stdout)
    iraq = json_lines(invoke("events", "--db", str(db), "--json", "--country", "iraq").stdout)
    assert [r["id"] for r in iraq] == [r["id"] for r in all_rows if r["country"] == "Iraq"]
    assert json_lines(invoke("events", "--db", str(db), "--json", "--country", "Peru").stdout) == []
    assert len(json_lines(invoke("events", "--db", str(db), "--json", "--limit", "1").stdout)) == 1
    bad = CliRunner().invoke(main, ["events", "--db", str(db), "--from", "15/03/2023"])
    assert bad.exit_code == 2
    assert "'15/03/2023' is not a date in YYYY-MM-DD form" in bad.stderr


def test_export_csv_writes_acled_header(tmp_path: Path) -> None:
    db = tmp_path / "ew.db"
    invoke("ingest", str(SAMPLE), "--db", str(db), "--json")
    n_events = len(json_lines(invoke("events", "--db", str(db), "--json").stdout))
    out = tmp_path / "out.csv"
    result = invoke("export", "--db", str(db), "--format", "csv", "-o", str(out))
    assert result.exit_code == 0
    assert f"wrote {n_events} events to {out}" in result.stderr
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert len(rows) == n_events + 1
    assert all(r[0].startswith("IRQ") for r in rows[1:] if r[ACLED_COLUMNS.index("country")] == "Iraq")


def test_export_geojson_and_jsonl(tmp_path: Path) -> None:
    db = tmp_path / "ew.db"
    invoke("ingest", str(SAMPLE), "--db", str(db), "--json")
    rows = json_lines(invoke("events", "--db", str(db), "--json").stdout)
    jsonl = tmp_path / "out.jsonl"
    assert invoke("export", "--db", str(db), "-o", str(jsonl)).exit_code == 0
    assert json_lines(jsonl.read_text(encoding="utf-8")) == rows
    geo = tmp_path / "out.geojson"
    assert invoke("export", "--db", str(db), "--format", "geojson", "-o", str(geo)).exit_code == 0
    data = json.loads(geo.read_text(encoding="utf-8"))
    assert [f["properties"]["id"] for f in data["features"]] == [r["id"] for r in rows]  # features = events
    assert all((f["geometry"] is None) == (r["latitude"] is None) for f, r in zip(data["features"], rows, strict=True))


def test_export_plover(tmp_path: Path) -> None:
    db = tmp_path / "ew.db"
    invoke("ingest", str(SAMPLE), "--db", str(db), "--json")
    rows = json_lines(invoke("events", "--db", str(db), "--json").stdout)
    out = tmp_path / "out.plover.jsonl"
    result = invoke("export", "--db", str(db), "--format", "plover", "-o", str(out))
    assert result.exit_code == 0, result.output
    records = json_lines(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == [r["id"] for r in rows]
    text = SAMPLE.read_text(encoding="utf-8")
    for record, row in zip(records, rows, strict=True):
        assert record["date"] == row["event_date"]
        assert record["event"] and record["quad_code"] in (1, 2, 3, 4)
        assert record["event_text"] and all(" ".join(t.split())[:40] in " ".join(text.split())
                                            for t in record["event_text"])  # sentences of the article


@pytest.mark.parametrize("command", ["events", "export"])
def test_missing_db_is_an_error(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "none" / "missing.db"
    args = [command, "--db", str(missing)] + (["-o", str(tmp_path / "o.csv")] if command == "export" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert f"no database at {missing}" in result.stderr
    assert not missing.exists()


def _jsonl_with_bad_line(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    good = json.dumps({"id": "good", "text": SAMPLE_TEXT, "published": "2023-03-15"})
    path.write_text('{"id": "bad", "text": "Broken\n' + good + "\n", encoding="utf-8")
    return path


def test_extract_jsonl_with_bad_line_table(tmp_path: Path) -> None:
    path = _jsonl_with_bad_line(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0
    assert "K-1 Military Base" in result.stdout
    assert "1 record(s) could not be read" in result.stderr


def test_extract_jsonl_with_bad_line_json(tmp_path: Path) -> None:
    path = _jsonl_with_bad_line(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(path), "--json"])
    records = json_lines(result.stdout)
    assert len(records) >= 1
    assert all(r["article_ids"] == ["good"] for r in records)
    assert "1 record(s) could not be read" in result.stderr


def test_extract_jsonl_with_bad_line_json_exit_code(tmp_path: Path) -> None:
    path = _jsonl_with_bad_line(tmp_path)
    result = CliRunner().invoke(main, ["extract", str(path), "--json"])
    assert json_lines(result.stdout)
    assert result.exit_code == 0


def test_extract_bad_line_located_on_stderr_of_real_process(tmp_path: Path) -> None:
    path = _jsonl_with_bad_line(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-m", "eventwire.cli", "extract", str(path)],
        capture_output=True, text=True, timeout=300, cwd=ROOT, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"{path}:1: invalid JSON" in proc.stderr
    assert "1 record(s) could not be read" in proc.stderr
    assert "K-1 Military Base" in proc.stdout


def test_extract_only_bad_records_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("not json\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 1
    assert "1 record(s) could not be read" in result.stderr


def test_extract_plain_text_needs_published(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(SAMPLE_TEXT.split(" ", 3)[3], encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    ok = CliRunner().invoke(main, ["extract", str(path), "--json", "--published", "2023-03-15"])
    assert ok.exit_code == 0
    assert len(json_lines(ok.stdout)) >= 1


def test_ingest_summary_names_engine_and_workers(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    summary = json.loads(invoke("ingest", str(SAMPLE), "--db", str(db), "--workers", "2", "--json").stdout)
    assert summary["stored"] == 1 and summary["failures"] == []
    assert summary["engine"] == "local" and summary["workers"] == 1  # one article: no worker processes
    assert summary["articles_per_second"] > 0


def test_ingest_scheduler_needs_dask_engine(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(SAMPLE), "--db", str(tmp_path / "x.db"),
                                       "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.output


def test_profile_prints_every_stage(tmp_path: Path) -> None:
    result = invoke("profile", str(SAMPLE), "--json")
    profile = json.loads(result.stdout)
    assert profile["articles"] == 1 and profile["events"] >= 1
    from eventwire.pipeline.stages import STAGE_NAMES

    assert set(profile["stages"]) == {*STAGE_NAMES, "store"}
    assert profile["stages"]["parse"]["seconds"] > 0 and profile["stages"]["store"]["seconds"] > 0
    assert profile["stages"]["toponyms"]["seconds"] > 0


def test_gazetteer_lookup_by_country_and_by_spelling() -> None:
    result = invoke("gazetteer", "lookup", "Vesele", "--country", "UA", "--json")
    assert result.exit_code == 0, result.output
    rows = json_lines(result.stdout)
    assert len(rows) > 3 and {r["country_code"] for r in rows} == {"UA"} and {r["match"] for r in rows} == {"exact"}
    by_name = json_lines(invoke("gazetteer", "lookup", "Vesele", "--country", "Ukraine", "--json").stdout)
    assert by_name == rows
    # a spelling the index does not hold is answered by the places spelled like it
    rows = json_lines(invoke("gazetteer", "lookup", "Ras Al Ain", "--country", "SY", "--json").stdout)
    assert rows and rows[0]["match"] == "spelling" and rows[0]["country_code"] == "SY"
    bad = invoke("gazetteer", "lookup", "Kut", "--country", "XX")
    assert bad.exit_code != 0 and "unknown country 'XX'" in bad.output
    none = invoke("gazetteer", "lookup", "Zzzzqx", "--country", "IQ")
    assert none.exit_code != 0 and "no place named 'Zzzzqx' in Iraq" in none.output


def test_rules_lists_every_rule_as_json() -> None:
    result = invoke("rules", "--json")
    assert result.exit_code == 0, result.output
    records = json_lines(result.stdout)
    assert len(records) >= 100
    for record in records:
        assert record["id"] and record["field"] and record["reason"] and record["examples"] >= 1
        assert record["fires"], record["id"]


def test_rules_by_field_prefix_and_stages() -> None:
    listed = invoke("rules", "location.").stdout.splitlines()
    assert listed and all(line.startswith("location.") for line in listed)
    assert "location.dateline [-3]" in "\n".join(listed)
    stages = invoke("rules", "--stages", "--json").stdout
    assert [s["stage"] for s in json_lines(stages)][:3] == ["parse", "toponyms", "geocode"]
    unknown = invoke("rules", "location.datelin")
    assert unknown.exit_code != 0 and "did you mean location.dateline" in unknown.output


def test_measuring_the_rules_without_development_sets_is_a_clear_error(tmp_path: Path) -> None:
    for flag in ("--reliability-cv", "--reliability"):
        args = [flag] if flag == "--reliability-cv" else [flag, str(tmp_path / "table.csv")]
        result = invoke("rules", *args, "--dev-dir", str(tmp_path / "nowhere"))
        assert result.exit_code != 0 and "no development sets at" in result.output


def test_explain_prints_the_rules_and_candidates_of_each_field(tmp_path: Path) -> None:
    article = tmp_path / "report.txt"
    article.write_text(" date 2024-05-16 Rebels fired 12 rockets at the airport in Goma on Monday.", encoding="utf-8")
    text = invoke("explain", str(article)).stdout
    assert "set by stage places" in text and "location.locative [+1]" in text
    assert "candidates (places):" in text and "* Goma" in text
    assert "counts.munitions_noun" in text and "event_date.weekday" in text
    records = json_lines(invoke("explain", str(article), "--json", "--event", "1").stdout)
    assert len(records) == 1 and records[0]["event"] == 1
    missing = invoke("explain", str(article), "--event", "9")
    assert missing.exit_code != 0 and "no event 9" in missing.output


def _gold(tmp_path: Path) -> Path:
    docs = [{"id": "g1", "published": "2024-05-16", "taxonomy": "acled",
             "text": "ZARIA, Nigeria (Reuters) - Gunmen attacked a checkpoint on the outskirts of the state capital "
                     "Kaduna on Monday.",
             "events": [{"event_type": "Battles", "sub_event_type": "Armed clash", "event_date": "2024-05-13",
                         "country": "Nigeria", "location": "Kaduna", "latitude": 10.52, "longitude": 7.44,
                         "required": True}]}]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def test_eval_with_rules_switched_off(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    base = json.loads(invoke("eval", str(gold), "--json").stdout)
    off = invoke("eval", str(gold), "--json", "--disable", "location.dateline")
    assert off.exit_code == 0 and "rules switched off: location.dateline" in off.stderr
    assert json.loads(off.stdout)["within_25km"] < base["within_25km"] == 1.0
    refused = invoke("eval", str(gold), "--disable", "toponym.proper_or_located")
    assert refused.exit_code != 0 and "default rules cannot be switched off" in refused.output


def test_eval_pools_several_gold_files(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    one = json.loads(invoke("eval", str(gold), "--json").stdout)
    both = json.loads(invoke("eval", str(gold), str(gold), "--json").stdout)
    assert (both["docs"], both["tp"], both["fp"]) == (2 * one["docs"], 2 * one["tp"], 2 * one["fp"])
    assert both["precision"] == one["precision"]
    refused = invoke("eval", str(gold), str(gold), "--ablation")
    assert refused.exit_code != 0 and "one gold file at a time" in refused.output


def test_eval_ablation_reports_each_rule_that_fired(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    records = json_lines(invoke("eval", str(gold), "--ablation", "--json").stdout)
    by_rule = {r["rule"]: r for r in records}
    assert "location.dateline" in by_rule
    dateline = by_rule["location.dateline"]
    assert dateline["docs"] == 1 and dateline["changed"] == 1 and dateline["better_with"] == 1
    assert dateline["deltas"]["within_25km"] == 1.0
    assert all(not r["rule"].startswith(("toponym.proper_or_located", "location.name_quality")) for r in records)
