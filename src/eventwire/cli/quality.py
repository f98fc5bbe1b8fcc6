"""Commands that measure: eval (with rules switched off, or the ablation of every rule), gate, rules."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from eventwire.cli.common import main

DEV_DIR = Path("../shared/eval/dev")


def _rule_names(_ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> list[str]:
    """Rule ids or field prefixes, repeated or comma-separated; an unknown one is a usage error."""
    from eventwire.services import quality  # (loads the pipeline: only when the command runs)

    names = [n for v in value for n in v.split(",") if n.strip()]
    try:
        return quality.rule_ids(names) if names else []
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@main.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as one JSON object (with --ablation: one "
                                                      "JSON object per rule per line).")
@click.option("--report", "report_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Write an error analysis (report.md, confusion.png, distance_errors.png) here.")
@click.option("--sample", type=int, help="Score a deterministic sample of this many documents.")
@click.option("--disable", "disabled", multiple=True, callback=_rule_names, metavar="RULE_ID[,RULE_ID...]",
              help="Score with these rules switched off (ids, or a field prefix such as 'location.').")
@click.option("--ablation", is_flag=True, help="For every rule that fires on the file: what switching it off alone "
                                               "changes (TP/FP/FN and each field's accuracy).")
@click.option("--rules", "only", multiple=True, callback=_rule_names, metavar="RULE_ID[,RULE_ID...]",
              help="With --ablation: only these rules (ids or field prefixes).")
@click.option("--predictions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Score the events of this file (in the gold format: another system's output, a reviewed export) "
                   "instead of running the pipeline.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="With --ablation: processes sharing the rules.")
def eval_command(gold: tuple[Path, ...], as_json: bool, report_dir: Path | None, sample: int | None,
                 disabled: list[str], ablation: bool, only: list[str], predictions: Path | None, workers: int) -> None:
    """Run the pipeline on a gold file (../shared/eval/FORMAT.md) and score it. Several files are scored as one
    set (pooled: `eventwire eval news.jsonl news_world.jsonl`)."""
    from eventwire.services import quality  # (loads the pipeline: only when the command runs)

    if ablation:
        if len(gold) > 1:
            raise click.UsageError("--ablation scores one gold file at a time")
        _ablation(gold[0], as_json, only, workers)
        return
    try:
        result, written = quality.evaluate_gold(list(gold), sample=sample, disabled=disabled, report_dir=report_dir,
                                                predictions=predictions)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    for problem in result.extra.get("skipped_records", []):
        click.echo(f"skipped a gold record: {problem}", err=True)
    if written is not None:
        click.echo(f"report written to {written}", err=True)
    if disabled:
        click.echo(f"rules switched off: {', '.join(disabled)}", err=True)
    if as_json:
        click.echo(json.dumps(result.metrics))
    else:
        for key, value in result.metrics.items():
            click.echo(f"{key:22} {value}")


def _ablation(gold: Path, as_json: bool, only: list[str], workers: int) -> None:
    from eventwire.services import quality  # (loads the pipeline: only when the command runs)

    try:
        found, baselines, _levels = quality.ablation_of([gold], names=only, workers=workers)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    found.sort(key=lambda a: (-a.deltas.get("f1", a.deltas.get("toponym_f1", 0.0)), a.rule_id))
    if as_json:
        for item in found:
            click.echo(json.dumps(item.to_json()))
        return
    baseline = next(iter(baselines.values()))
    click.echo(f"baseline: f1 {baseline.get('f1', baseline.get('toponym_f1'))}; {len(found)} rules fired")
    click.echo(f"{'rule':48} {'docs':>5} {'better':>6} {'worse':>6}  with minus without")
    for item in found:
        moved = ", ".join(f"{k} {v:+.3f}" for k, v in list(item.deltas.items())[:6])
        click.echo(f"{item.rule_id:48} {item.docs:5} {item.better_with:6} {item.worse_with:6}  {moved or '-'}")


@main.command("rules")
@click.argument("names", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per rule per line.")
@click.option("--stages", is_flag=True, help="List the registered stages instead, in order.")
@click.option("--check", is_flag=True, help="Run the rules' own examples; exits 1 when one misbehaves.")
@click.option("--doc", "doc_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the catalogue with the ablation of every development set as a Markdown page "
                   "(docs/rules.md); takes a while.")
@click.option("--dev-dir", type=click.Path(file_okay=False, path_type=Path), default=DEV_DIR, show_default=True,
              help="With --doc: folder of the development gold sets.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="With --doc: processes sharing the rules.")
@click.option("--ablation-json", "raw_path", type=click.Path(dir_okay=False, path_type=Path),
              help="With --doc: also write every rule's ablation as JSON lines to this file.")
@click.option("--reliability", "reliability_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Measure how often the events and fields behind each rule are right on the development sets "
                   "and write the table confidence is read from (src/eventwire/pipeline/data/rule_reliability.csv).")
@click.option("--reliability-cv", "reliability_cv", is_flag=True,
              help="Print (JSON) the calibration error of the news sets' events on documents the reliability table "
                   "was counted without (5-fold cross-validation): what --reliability is to be judged by.")
def rules_command(names: tuple[str, ...], as_json: bool, stages: bool, check: bool, doc_path: Path | None,
                  dev_dir: Path, workers: int, raw_path: Path | None, reliability_path: Path | None,
                  reliability_cv: bool) -> None:
    """List the registered stages and rules (id, field, reason, weight, examples). NAMES: rule ids or field
    prefixes ('location.', 'event_date.*') to list only those."""
    from eventwire.services import quality  # (these load the pipeline: only when the command runs)
    from eventwire.services import rules as rule_services

    if stages:
        for stage in rule_services.stage_list():
            if as_json:
                click.echo(json.dumps(stage))
            else:
                click.echo(f"{stage['stage']:14} {stage['job']}")
        return
    try:
        chosen = rule_services.select_rules(names)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if reliability_path is not None:
        if not dev_dir.is_dir():
            raise click.ClickException(f"no development sets at {dev_dir}")
        rows = quality.write_reliability(dev_dir, reliability_path)
        click.echo(f"wrote {reliability_path} ({rows} rows)", err=True)
        return
    if reliability_cv:
        if not dev_dir.is_dir():
            raise click.ClickException(f"no development sets at {dev_dir}")
        click.echo(json.dumps(quality.cross_validate_reliability(dev_dir)))
        return
    if doc_path is not None:
        if not dev_dir.is_dir():
            raise click.ClickException(f"no development sets at {dev_dir}")
        count = quality.write_rules_doc(dev_dir, doc_path, workers=workers, raw=raw_path)
        click.echo(f"wrote {doc_path} ({count} rules)", err=True)
        return
    if check:
        failures = rule_services.check_rule_examples(chosen)
        for failure in failures:
            click.echo(f"FAIL {failure}", err=True)
        click.echo(f"{len(failures)} of the examples of {len(chosen)} rules misbehave", err=True)
        sys.exit(1 if failures else 0)
    for entry in rule_services.catalogue(chosen):
        if as_json:
            click.echo(json.dumps(entry, ensure_ascii=False))
            continue
        value = entry["weight"] if entry["weight"] is not None else entry["threshold"]
        number = "" if value is None else f" [{value:+g}]" if entry["weight"] is not None else f" [<= {value:g}]"
        default = " (default)" if entry["default"] else ""
        click.echo(f"{entry['id']}{number}{default}: {entry['reason']} ({entry['examples']} examples)")


@main.command("gate")
@click.option("--dev-dir", type=click.Path(file_okay=False, path_type=Path), default=DEV_DIR, show_default=True,
              help="Folder of the development gold sets.")
@click.option("--floors", "floors_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("quality/floors.json"), show_default=True, help="Pinned floors file.")
@click.option("--pin", is_flag=True, help="Write the measured values as the new floors (raising only).")
@click.option("--allow-lower", is_flag=True, help="With --pin: let floors go down too.")
@click.option("--json", "as_json", is_flag=True, help="Print the measured metrics per set as JSON.")
@click.option("--doc", "doc_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the numbers as a Markdown page (docs/quality.md).")
@click.option("--golden", "golden_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("quality/golden.json.gz"), show_default=True,
              help="The pinned golden contract of every development article.")
@click.option("--pin-golden", is_flag=True, help="Pin the current output of every development article as the "
                                                 "golden contract (after a deliberate change of behaviour).")
def gate_command(dev_dir: Path, floors_path: Path, pin: bool, allow_lower: bool, as_json: bool,
                 doc_path: Path | None, golden_path: Path, pin_golden: bool) -> None:
    """Check (or pin) the quality floors on the development sets; exits 1 on a regression."""
    from eventwire.services import quality  # (loads the pipeline: only when the command runs)

    if not dev_dir.is_dir():
        raise click.ClickException(f"no development sets at {dev_dir}")
    if pin_golden:
        count = quality.pin_golden(dev_dir, golden_path)
        click.echo(f"pinned the golden contract of {count} documents in {golden_path}", err=True)
        return
    measured = quality.gate_measure(dev_dir)
    if as_json:
        click.echo(json.dumps({k: v["metrics"] for k, v in measured.items()}, indent=1))
    if doc_path is not None:
        quality.write_quality_doc(measured, doc_path)
        click.echo(f"wrote {doc_path}", err=True)
    if pin:
        refused = quality.gate_pin(floors_path, measured, allow_lower=allow_lower)
        for message in refused:
            click.echo(f"not lowered: {message}", err=True)
        click.echo(f"pinned {len(measured)} sets in {floors_path}", err=True)
        return
    problems = quality.gate_check(floors_path, measured)
    for problem in problems:
        click.echo(f"FAIL {problem}", err=True)
    if problems:
        sys.exit(1)
    click.echo(f"quality gate passed on {len(measured)} sets", err=True)
