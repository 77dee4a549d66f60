"""Score the `events` grouping against a same-event gold (`data/gold/events-*.json`, `"kind": "events"`).

The gold lists events, each with its reports: a document and the character span of the words that report it.
Each gold report is aligned to the predicted incident of its document whose evidence span overlaps it most;
then, over every pair of aligned gold reports, "same event" in the gold is compared with "same event_id" in the
tables: pairwise precision = pairs grouped correctly / pairs the pipeline grouped, recall = pairs grouped correctly
/ pairs the gold groups. `events.aligned` is the share of gold reports that have a predicted incident at all.
"""
from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pandas as pd

KIND = "events"


def is_events_gold(data: dict) -> bool:
    """A corpus-level same-event gold, not a per-article gold (`evaluate.load_gold` skips it)."""
    return isinstance(data, dict) and data.get("kind") == KIND


def load(gold_dir: Path) -> list[tuple[Path, dict]]:
    out = []
    for p in sorted(Path(gold_dir).glob("*.json")):
        if p.name == "metrics.json":
            continue
        data = json.loads(p.read_text(encoding="utf-8"))
        if is_events_gold(data):
            out.append((p, data))
    return out


def predict(golds: list[tuple[Path, dict]], out: Path, model: str | None = None) -> Path:
    """Run the pipeline on the gold's corpus file(s) (jsonl records as in the source dataset) into `out`."""
    from .api import run

    run([p.parent / g["corpus"] for p, g in golds], out=out, model=model)
    return out


def _aligned_rows(gold: dict, incidents: pd.DataFrame) -> list[tuple[str, str, object]]:
    """(gold event, gold report key, the predicted incident row that overlaps the report most, or None)."""
    by_doc = {d: g for d, g in incidents.groupby("doc_id")} if len(incidents) else {}
    out = []
    for ev in gold["events"]:
        for r in ev["reports"]:
            key = f"{r['doc_id']}@{r['start_char']}"
            cands = by_doc.get(r["doc_id"])
            best, best_overlap = None, 0
            if cands is not None:
                for row in cands.sort_values("incident_id").itertuples():
                    if pd.isna(row.start_char) or pd.isna(row.end_char):
                        continue
                    ov = min(int(row.end_char), r["end_char"]) - max(int(row.start_char), r["start_char"])
                    if ov > best_overlap:
                        best, best_overlap = row, ov
            out.append((ev["event"], key, best))
    return out


def _event_of(row) -> str | None:
    if row is None or pd.isna(row.event_id):
        return None
    return str(row.event_id)


def align(gold: dict, incidents: pd.DataFrame) -> list[tuple[str, str, str | None]]:
    """(gold event, gold report key, predicted event_id or None) for every gold report."""
    return [(g, k, _event_of(row)) for g, k, row in _aligned_rows(gold, incidents)]


def _summary(row) -> str:
    """What the grouping saw of an aligned report: its place, admin1 and date ("Idlib/Idlib 2017-04-04")."""
    def txt(v):
        return "-" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v)
    loc, admin1, date = (txt(getattr(row, c, None)) for c in ("location", "admin1", "date"))
    return f"{loc}/{admin1} {date}"


def pair_scores(aligned: list[tuple[str, str, str | None]]) -> dict:
    """Pairwise precision and recall of "same event" over the aligned gold reports."""
    rows = [(g, e) for g, _, e in aligned if e is not None]
    tp = pred = gold = 0
    for (g1, e1), (g2, e2) in combinations(rows, 2):
        same_g, same_p = g1 == g2, e1 == e2
        tp += same_g and same_p
        pred += same_p
        gold += same_g
    return {"events.pair_p": round(tp / pred, 4) if pred else 1.0,
            "events.pair_r": round(tp / gold, 4) if gold else 0.0,
            "events.aligned": round(len(rows) / len(aligned), 4) if aligned else 0.0,
            "counts": {"events_pairs_tp": tp, "events_pairs_pred": pred, "events_pairs_gold": gold,
                       "events_reports": len(aligned), "events_reports_aligned": len(rows)}}


def evaluate(gold_dir: Path, tmp: Path, pred: Path | None = None, model: str | None = None) -> dict:
    """Metrics (and counts, misses) of every events gold in `gold_dir`; {} when there is none."""
    golds = load(gold_dir)
    if not golds:
        return {}
    from .sql import read_table

    out = pred or predict(golds, tmp / "events-tables", model)
    incidents = read_table(out, "incidents")
    rows = [a for _, g in golds for a in _aligned_rows(g, incidents)]
    aligned = [(g, k, _event_of(row)) for g, k, row in rows]
    scores = pair_scores(aligned)
    groups: dict[str, dict] = {}
    for g, k, row in rows:
        e = _event_of(row)
        if e is not None:  # each predicted event, with the reports of the gold event in it (place, admin1, date)
            groups.setdefault(g, {}).setdefault(e, []).append(f"{k} {_summary(row)}")
    misses = [f"gold event {g} is split over {len(es)} predicted events: "
              + " | ".join("; ".join(v) for _, v in sorted(es.items())) for g, es in sorted(groups.items())
              if len(es) > 1]
    misses += [f"gold report {k} ({g}) has no predicted incident" for g, k, e in aligned if e is None]
    scores["misses"] = misses
    return scores
