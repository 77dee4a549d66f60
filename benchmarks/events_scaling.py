"""How the events step scales: time of `events.build` on a corpus's incident summaries and on 4x as many
(copies shifted by whole years and renamed, so the density of one place and week stays that of the corpus), with
the documents' publication dates (the look-back of reports dated by their article's day is timed too).
Target (issue 17): 4x rows <= 4.5x time. Run from the repository root:

    python benchmarks/events_scaling.py /tmp/ev          # an output folder of `sitrep run`
"""
from __future__ import annotations

import argparse
import datetime as dt
import time

import pyarrow as pa

from pipeline import eventplaces, events
from pipeline.sql import read_table


def _later(d: str | None, years: int) -> str | None:
    if not d:
        return d
    y = int(d[:4]) + years
    return f"{y:04d}{d[4:]}" if d[4:10] != "-02-29" else f"{y:04d}-02-28"


def shifted(rows: list[dict], k: int, span_years: int, date_cols: tuple = ("date",)) -> list[dict]:
    """Copy k of the rows: ids renamed, dates moved k*span_years later (a new stretch of the same war)."""
    out = []
    for r in rows:
        r = dict(r)
        for c in ("incident_id", "doc_id"):
            if c in r:
                r[c] = f"x{k}-{r[c]}"
        for c in date_cols:
            r[c] = _later(r.get(c), k * span_years)
        out.append(r)
    return out


def timed(rows: list[dict], docs: list[dict], rounds: int) -> float:
    t, d = pa.Table.from_pylist(rows), pa.Table.from_pylist(docs)
    best = float("inf")
    for _ in range(rounds):
        eventplaces.named_admin1.cache_clear()  # the name lookups are cached across calls: time them each round
        t0 = time.perf_counter()
        events.build([t], [d])
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", help="output folder of a sitrep run")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    inc = read_table(a.out, "incidents")
    inc = inc[[c for c in events.SUMMARY_COLUMNS]].astype(object)
    rows = inc.where(inc.notna(), None).to_dict("records")
    doc = read_table(a.out, "documents")[["doc_id", "source", "published"]].astype(object)
    docs = doc.where(doc.notna(), None).to_dict("records")
    years = [int(r["date"][:4]) for r in rows if r.get("date")]
    span = (max(years) - min(years) + 1) if years else 1
    base = timed(rows, docs, a.rounds)
    four = timed([x for k in range(4) for x in shifted(rows, k, span)],
                 [x for k in range(4) for x in shifted(docs, k, span, ("published",))], a.rounds)
    print(f"rows {len(rows)}: {base:.3f}s; rows {4 * len(rows)}: {four:.3f}s; ratio {four / base:.2f} "
          f"(target <= 4.5) at {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M}Z")


if __name__ == "__main__":
    main()
