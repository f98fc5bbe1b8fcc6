"""A report a person can read: report.md, metrics.json, confusion.png and distance_errors.png."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from eventwire.evaluation.gold import GoldEvent
from eventwire.evaluation.runner import DocResult, EvalResult
from eventwire.evaluation.scoring import DocScore, MatchedPair
from eventwire.evaluation.taxonomies import canonical_sub_type
from eventwire.evaluation.toponyms import PlaceDocScore
from eventwire.model import SUB_EVENT_TO_TYPE

UNMATCHED = "(unmatched)"
WORST_DOCS = 10
MAX_ROWS = 50
CELL_CHARS = 220
PLACE_ERROR_KM = 25.0

EVENT_RULES = (
    "Matching: same ACLED event type, dates at most one day apart and the same country where both are known; "
    "one-to-one, best pairs first. Optional gold events cost nothing either way. Field metrics cover every "
    "matched pair (required and optional) where the gold has the value; actors agree on token overlap."
)

Matrix = tuple[list[str], list[str], Counter[tuple[str, str]]]


def write_report(result: EvalResult, out_dir: str | Path) -> Path:
    """Write report.md, metrics.json, confusion.png and distance_errors.png into out_dir; return report.md.

    metrics.json is `EvalResult.to_json()`: file, fingerprint, level, taxonomies, notes, sample, the metric
    dict under "metrics" and level-specific extras (label recall, optional gold count, system errors).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "metrics.json").write_text(json.dumps(result.to_json(), indent=2) + "\n", encoding="utf-8")
    matrix, title = _confusion_for(result)
    plot_matrix(matrix, title, out / "confusion.png")
    plot_distances(_distances(result), out / "distance_errors.png")
    report = out / "report.md"
    report.write_text(render_markdown(result, matrix), encoding="utf-8")
    return report


def render_markdown(result: EvalResult, matrix: Matrix) -> str:
    parts = [_header(result), _metrics_table(result.metrics)]
    if result.level == "event":
        parts += [
            _matrix_section("Sub-event types (gold rows x predicted columns)", matrix),
            _worst_event_docs(result.docs),
            _date_errors(result.docs),
            _place_errors(result.docs),
        ]
    elif result.level == "document":
        parts += [_label_section(result), _matrix_section("Labels", matrix), _worst_label_docs(result.docs)]
    else:
        parts += [_matrix_section("Toponym types", matrix), _worst_place_docs(result.docs),
                  _toponym_errors(result.docs)]
    parts.append(_system_errors(result.docs))
    return "\n\n".join(part for part in parts if part) + "\n"


# --- header and summary --------------------------------------------------------------------------------


def _header(result: EvalResult) -> str:
    sampled = f"{len(result.docs)} of {result.total_docs} documents"
    if result.sample is not None:
        sampled += f" (sample={result.sample}, seed={result.seed})"
    lines = [
        f"# Evaluation: {Path(result.path).name}",
        "",
        f"- file: `{result.path}`",
        f"- sha256: `{result.fingerprint}`",
        f"- scoring level: **{result.level}**" + (" (tp/fp/fn count documents)" if result.level == "document"
                                                  else ""),
        f"- documents: {sampled}",
        f"- taxonomies: {', '.join(result.taxonomies) or 'none'}",
    ]
    lines += [f"- {note}" for note in result.notes]
    if result.level == "event":
        lines.append(f"- {EVENT_RULES}")
    return "\n".join(lines)


def _metrics_table(metrics: Mapping[str, Any]) -> str:
    rows = [[name, "n/a" if value is None else str(value)] for name, value in metrics.items()]
    return "## Summary\n\n" + md_table(["metric", "value"], rows)


# --- tables --------------------------------------------------------------------------------------------


def cell(value: Any, limit: int = CELL_CHARS) -> str:
    """Text safe for one markdown table cell."""
    text = "" if value is None else str(value)
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def md_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _section(title: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A titled table of at most MAX_ROWS rows, or "None." when there are no rows."""
    if not rows:
        return f"## {title}\n\nNone."
    more = f"\n\n({len(rows) - MAX_ROWS} more not shown)" if len(rows) > MAX_ROWS else ""
    return f"## {title}\n\n" + md_table(header, rows[:MAX_ROWS]) + more


def _by_km(rows: list[tuple[float, list[Any]]]) -> list[list[Any]]:
    """Rows sorted by distance, largest first (unknown distances, keyed -1, last)."""
    return [row for _, row in sorted(rows, key=lambda item: -item[0])]


def _matrix_section(title: str, matrix: Matrix) -> str:
    rows, cols, counts = matrix
    if not counts:
        return f"## {title}\n\nNothing to tabulate."
    body = [[r, *[counts.get((r, c), 0) or "" for c in cols]] for r in rows]
    return f"## {title}\n\n" + md_table(["gold \\ predicted", *cols], body)


# --- confusion matrices --------------------------------------------------------------------------------


def _confusion_for(result: EvalResult) -> tuple[Matrix, str]:
    if result.level == "event":
        return event_confusion(r.events for r in result.docs if r.events), "Sub-event types"
    if result.level == "document":
        return _label_confusion(result.docs), "Document labels"
    return _toponym_confusion(r.places for r in result.docs if r.places), "Toponym types"


def gold_label(event: GoldEvent) -> str:
    return event.sub_event_type or event.event_type or event.label or "(any type)"


def predicted_label(prediction: Mapping[str, Any]) -> str:
    sub = prediction.get("sub_event_type")
    if sub:
        return canonical_sub_type(sub) or str(sub)
    return str(prediction.get("event_type") or "(none)")


def event_confusion(scores: Iterable[DocScore]) -> Matrix:
    """Gold x predicted label counts over matched pairs, plus unmatched required gold (column) and
    unmatched predictions (row)."""
    counts: Counter[tuple[str, str]] = Counter()
    for score in scores:
        for pair in score.pairs:
            gold, prediction = score.gold[pair.gold_index], score.predictions[pair.pred_index]
            counts[gold_label(gold), predicted_label(prediction)] += 1
        for gi in score.unmatched_gold:
            if score.gold[gi].required:
                counts[gold_label(score.gold[gi]), UNMATCHED] += 1
        for pi in score.unmatched_pred:
            counts[UNMATCHED, predicted_label(score.predictions[pi])] += 1
    rows = [*_ordered({r for r, _ in counts} - {UNMATCHED}), UNMATCHED]
    cols = [*_ordered({c for _, c in counts} - {UNMATCHED}), UNMATCHED]
    return rows, cols, counts


def _ordered(labels: set[str]) -> list[str]:
    """ACLED sub-types in codebook order first, then other labels alphabetically."""
    order = {sub: i for i, sub in enumerate(SUB_EVENT_TO_TYPE)}
    return sorted(labels, key=lambda label: (order.get(label, len(order)), label))


def _label_confusion(docs: Sequence[DocResult]) -> Matrix:
    counts: Counter[tuple[str, str]] = Counter()
    for result in docs:
        score = result.labels
        if score is None:
            continue
        for label in score.expectation.labels:
            counts[label, "satisfied" if label in score.satisfied else "missed"] += 1
        if score.expectation.positive is False:
            counts["(no label)", "predicted event" if score.predictions else "no event"] += 1
    rows = sorted({r for r, _ in counts})
    return rows, ["satisfied", "missed", "predicted event", "no event"], counts


def _toponym_confusion(scores: Iterable[PlaceDocScore]) -> Matrix:
    counts: Counter[tuple[str, str]] = Counter()
    for score in scores:
        matched = {pair.gold_index for pair in score.pairs}
        for gi, place in enumerate(score.gold):
            kind = place.toponym_type or "(untyped)"
            if gi in matched:
                counts[kind, "recognised"] += 1
            elif gi in score.unmatched_gold:
                counts[kind, "missed"] += 1
        counts[UNMATCHED, "spurious"] += score.fp
    rows = [*sorted({r for r, _ in counts} - {UNMATCHED}), UNMATCHED]
    return rows, ["recognised", "missed", "spurious"], counts


# --- plots ---------------------------------------------------------------------------------------------


def plot_matrix(matrix: Matrix, title: str, path: Path) -> None:
    """Heatmap of a count matrix with the counts written in the cells."""
    rows, cols, counts = matrix
    values = np.array([[counts.get((r, c), 0) for c in cols] for r in rows], dtype=float).reshape(
        len(rows), len(cols)
    )
    fig, ax = _figure(max(6.0, 0.55 * len(cols) + 4), max(4.0, 0.45 * len(rows) + 3))
    if values.size:
        image = ax.imshow(values, cmap="Blues", aspect="auto")
        fig.colorbar(image, ax=ax, shrink=0.8)
        _annotate(ax, values)
    ax.set_xticks(range(len(cols)), labels=cols, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(rows)), labels=rows, fontsize=8)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    """A figure drawn by the Agg backend without pyplot, so no global backend state is touched."""
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    return fig, fig.add_subplot()


def _annotate(ax: Axes, values: np.ndarray[Any, np.dtype[np.float64]]) -> None:
    peak = values.max() if values.size else 0.0
    for (i, j), value in np.ndenumerate(values):
        if value:
            color = "white" if value > peak / 2 else "black"
            ax.text(j, i, str(int(value)), ha="center", va="center", fontsize=7, color=color)


def plot_distances(distances: Sequence[float], path: Path) -> None:
    """Histogram of distance errors on a log x-axis (errors below 0.1 km are drawn at 0.1 km)."""
    fig, ax = _figure(7.0, 4.0)
    if distances:
        clipped = np.clip(np.array(distances, dtype=float), 0.1, None)
        high = max(float(clipped.max()), 1.0)
        bins = [float(edge) for edge in np.logspace(-1, np.log10(high) + 0.01, 30)]
        ax.hist(clipped, bins=bins, color="#4878a8", edgecolor="white")
        ax.set_xscale("log")
        ax.axvline(PLACE_ERROR_KM, color="grey", linestyle="--", linewidth=1, label="25 km")
        ax.axvline(161, color="black", linestyle=":", linewidth=1, label="161 km")
        ax.legend()
    else:
        ax.text(0.5, 0.5, "no pairs with coordinates on both sides", ha="center", va="center",
                transform=ax.transAxes)
    ax.set_xlabel("distance error (km, log scale)")
    ax.set_ylabel("pairs")
    ax.set_title(f"Distance errors (n={len(distances)})")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def _distances(result: EvalResult) -> list[float]:
    kms: list[float] = []
    for doc in result.docs:
        if doc.events is not None:
            kms += [pair.km for pair in doc.events.pairs if pair.km is not None]
        if doc.places is not None:
            kms += [pair.km for pair in doc.places.pairs if pair.km is not None and pair.scored]
    return kms


# --- event documents -----------------------------------------------------------------------------------


def describe_gold(event: GoldEvent) -> str:
    when = event.event_date or _range_text(event)
    place = ", ".join(p for p in (event.location, event.admin1, event.country) if p)
    counts = _counts_text({k: getattr(event, k) for k in ("fatalities", "injuries", "captured", "munitions")})
    actors = " / ".join(a for a in (" or ".join(event.actor1[:2]), " or ".join(event.actor2[:2])) if a)
    kind = event.sub_event_type or event.event_type or "any of " + ", ".join(sorted(event.accept_types))
    optional = "" if event.required else " [optional]"
    return "; ".join(x for x in (f"{kind}{optional}", str(when or "date ?"), place, actors, counts) if x)


def describe_prediction(prediction: Mapping[str, Any]) -> str:
    place = ", ".join(str(prediction[k]) for k in ("location", "admin1", "country") if prediction.get(k))
    counts = _counts_text({k: prediction.get(k) for k in ("fatalities", "injuries", "captured", "munitions")})
    actors = " / ".join(str(prediction[k]) for k in ("actor1", "actor2") if prediction.get(k))
    kind = predicted_label(prediction)
    when = prediction.get("event_date") or "date ?"
    return "; ".join(x for x in (kind, str(when), place, actors, counts) if x)


def _range_text(event: GoldEvent) -> str | None:
    if event.date_earliest is None and event.date_latest is None:
        return None
    return f"{event.date_earliest or '…'} to {event.date_latest or '…'}"


def _counts_text(counts: Mapping[str, Any]) -> str:
    return ", ".join(f"{name} {value}" for name, value in counts.items() if value is not None)


def prediction_evidence(prediction: Mapping[str, Any], field: str | None = None) -> str:
    """Evidence text of one field of a prediction (or of its event type / first field when not given)."""
    evidence = prediction.get("evidence")
    if not isinstance(evidence, Mapping) or not evidence:
        return ""
    keys = [field] if field else ["event_type", "sub_event_type", *evidence.keys()]
    for key in keys:
        item = evidence.get(key)
        if isinstance(item, Mapping) and item.get("text"):
            return str(item["text"])
        if isinstance(item, str) and item:
            return item
    return ""


def _worst(docs: Sequence[DocResult]) -> list[DocResult]:
    worst = [d for d in docs if d.mistakes > 0]
    return sorted(worst, key=lambda d: (-d.mistakes, d.doc_id))[:WORST_DOCS]


def _worst_event_docs(docs: Sequence[DocResult]) -> str:
    sections = ["## Worst documents (most false negatives + false positives)"]
    for result in _worst(docs):
        score = result.events
        if score is None:
            continue
        sections.append(f"### {result.doc_id} (FN {score.fn}, FP {score.fp})\n\n`{result.doc.origin}`\n\n"
                        + md_table(["status", "gold", "predicted", "gold evidence", "predicted evidence"],
                                   _event_rows(score)))
    return "\n\n".join(sections) if len(sections) > 1 else sections[0] + "\n\nNo errors."


def _event_rows(score: DocScore) -> list[list[str]]:
    rows = [_pair_row(score, pair) for pair in score.pairs]
    for gi in score.unmatched_gold:
        gold = score.gold[gi]
        status = "missed (FN)" if gold.required else "missed (optional)"
        rows.append([status, describe_gold(gold), "", gold.evidence, ""])
    for pi in score.unmatched_pred:
        prediction = score.predictions[pi]
        rows.append(["spurious (FP)", "", describe_prediction(prediction), "",
                     prediction_evidence(prediction)])
    return rows


def _pair_row(score: DocScore, pair: MatchedPair) -> list[str]:
    gold, prediction = score.gold[pair.gold_index], score.predictions[pair.pred_index]
    errors = pair.field_errors
    status = "match" + (f" (wrong: {', '.join(errors)})" if errors else "")
    if pair.km is not None:
        status += f", {pair.km:.1f} km"
    return [status, describe_gold(gold), describe_prediction(prediction), gold.evidence,
            prediction_evidence(prediction)]


def _date_errors(docs: Sequence[DocResult]) -> str:
    rows = []
    for result in docs:
        score = result.events
        if score is None:
            continue
        for pair in score.pairs:
            if pair.checks.get("date_exact", True):
                continue
            gold, prediction = score.gold[pair.gold_index], score.predictions[pair.pred_index]
            rows.append([result.doc_id, gold.event_date, prediction.get("event_date") or "none",
                         "" if pair.date_gap_days is None else f"{pair.date_gap_days:+d}",
                         prediction_evidence(prediction, "event_date")])
    return _section("Date errors (matched pairs with a wrong day)",
                    ["doc", "gold", "predicted", "days", "date expression"], rows)


def _place_errors(docs: Sequence[DocResult]) -> str:
    rows: list[tuple[float, list[Any]]] = []
    for result in docs:
        score = result.events
        if score is None:
            continue
        for pair in score.pairs:
            wrong_country = not pair.checks.get("country_acc", True)
            if not wrong_country and (pair.km is None or pair.km <= PLACE_ERROR_KM):
                continue
            gold, prediction = score.gold[pair.gold_index], score.predictions[pair.pred_index]
            km = -1.0 if pair.km is None else pair.km
            rows.append((km, [result.doc_id, "?" if pair.km is None else f"{pair.km:.1f}",
                              _place_text(prediction.get("location"), prediction.get("admin1"),
                                          prediction.get("country")),
                              _place_text(gold.location, gold.admin1, gold.country)]))
    title = f"Place errors (matched pairs over {PLACE_ERROR_KM:.0f} km apart or in the wrong country)"
    return _section(title, ["doc", "km", "predicted location", "gold location"], _by_km(rows))


def _place_text(*parts: Any) -> str:
    return ", ".join(str(p) for p in parts if p) or "?"


# --- document-label and place documents ----------------------------------------------------------------


def _label_section(result: EvalResult) -> str:
    recall = result.extra.get("label_recall", {})
    rows = [[label, "n/a" if value is None else value] for label, value in recall.items()]
    unscored = result.extra.get("unscored_docs", 0)
    return ("## Per-label recall\n\n" + md_table(["label", "recall"], rows)
            + f"\n\nDocuments not scored (ANY_ACTION only): {unscored}.")


def _worst_label_docs(docs: Sequence[DocResult]) -> str:
    rows = []
    for result in docs:
        score = result.labels
        if score is None or score.outcome not in {"fn", "fp"}:
            continue
        predicted = "; ".join(describe_prediction(p) for p in score.predictions[:3])
        rows.append([result.doc_id, score.outcome.upper(), ", ".join(score.expectation.all_labels) or "none",
                     predicted or "no event"])
    return _section("Wrong documents", ["doc", "error", "gold labels", "predicted"], rows)


def _worst_place_docs(docs: Sequence[DocResult]) -> str:
    sections = ["## Worst documents (most missed + spurious place mentions)"]
    for result in _worst(docs):
        score = result.places
        if score is None:
            continue
        missed = ", ".join(score.gold[i].location for i in score.unmatched_gold)
        spurious = ", ".join(str(score.predictions[i].get("text") or "") for i in score.unmatched_pred)
        sections.append(f"### {result.doc_id} (missed {score.fn}, spurious {score.fp})\n\n"
                        + md_table(["missed", "spurious"], [[missed, spurious]]))
    return "\n\n".join(sections) if len(sections) > 1 else sections[0] + "\n\nNo errors."


def _toponym_errors(docs: Sequence[DocResult]) -> str:
    rows: list[tuple[float, list[Any]]] = []
    for result in docs:
        score = result.places
        if score is None:
            continue
        for pair in score.pairs:
            if not pair.scored or (pair.km is not None and pair.km <= 161 and pair.country_ok is not False):
                continue
            gold, prediction = score.gold[pair.gold_index], score.predictions[pair.pred_index]
            rows.append((-1.0 if pair.km is None else pair.km, [
                result.doc_id, gold.location, "?" if pair.km is None else f"{pair.km:.1f}",
                _coords(prediction.get("latitude"), prediction.get("longitude"),
                        prediction.get("country_code")),
                _coords(gold.latitude, gold.longitude, pair.gold_country),
            ]))
    return _section("Resolution errors (recognised places over 161 km off or in the wrong country)",
                    ["doc", "mention", "km", "predicted", "gold"], _by_km(rows))


def _coords(lat: Any, lon: Any, country: Any) -> str:
    if lat is None or lon is None:
        return f"no coordinates ({country or '?'})"
    return f"{float(lat):.3f}, {float(lon):.3f} ({country or '?'})"


def _system_errors(docs: Sequence[DocResult]) -> str:
    rows = [[d.doc_id, d.error] for d in docs if d.error]
    if not rows:
        return ""
    return _section("System errors (documents where extraction raised)", ["doc", "error"], rows)
