"""The Python API a notebook calls; the CLI is a thin layer over it."""
from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from . import actors as actor_linking
from . import events as event_grouping
from .engines.local import item_key, process_batch, run_local
from .ingest import DEFAULT_MAX_CHARS, Article, IngestError, Item, iter_articles
from .nlp import get_nlp
from .schema import ACTOR_ID_COLUMNS, DOC_ACTORS, TABLES, table_from_rows
from .sql import read_table
from .store import Store, StoreError

__all__ = ["RunSummary", "extract", "run", "load_tables", "StoreError"]


@dataclass
class RunSummary:
    out: Path
    fmt: str
    n_inputs: int = 0
    n_skipped: int = 0
    n_ok: int = 0
    n_failed: int = 0
    n_words: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def tables(self) -> dict[str, Path]:
        return {t: self.out / f"{t}.{self.fmt}" for t in TABLES}


class NoInputs(RuntimeError):
    """Nothing to read: the run cannot do anything."""


def _numbered(items: Iterable[Item], skip: set[str], summary: RunSummary) -> Iterator[tuple[int, Item]]:
    for seq, it in enumerate(items):
        summary.n_inputs += 1
        if item_key(it) in skip:
            summary.n_skipped += 1
            continue
        yield seq, it


def run(inputs: Iterable[str | Path] = ("data/raw",), out: str | Path = "data/processed", fmt: str = "parquet",
        model: str | None = None, n_process: int = 1, batch_size: int = 64, published: str | None = None,
        engine: str = "local", scheduler: str | None = None, max_chars: int = DEFAULT_MAX_CHARS,
        progress: Callable[[int, int], None] | None = None) -> RunSummary:
    """Process every input into the tables under `out`; documents already stored there are skipped.

    `progress(n_docs_done, n_words_done)` is called after each batch.
    """
    t0 = time.perf_counter()
    inputs = [str(p) for p in inputs]
    if not inputs:
        raise NoInputs("no inputs given")
    missing = [p for p in inputs if not Path(p).exists()]
    if len(missing) == len(inputs):
        raise NoInputs(f"no inputs found: {', '.join(missing)} does not exist")
    if published is not None:
        from .datefields import parse_date_field
        published = parse_date_field(published).isoformat()
    store = Store(out, fmt)
    summary = RunSummary(out=Path(out), fmt=fmt)
    items = _numbered(iter_articles(inputs, published=published, max_chars=max_chars), store.done_keys(), summary)
    if engine == "dask":
        from .engines.dask import run_dask
        results = run_dask(items, model=model, batch_size=batch_size, scheduler=scheduler)
    elif engine == "local":
        results = run_local(get_nlp(model), items, batch_size=batch_size, n_process=n_process)
    else:
        raise ValueError(f"unknown engine {engine!r}; choose local or dask")
    done = words = 0
    for seq0, keys, rows in results:
        store.write_batch(seq0, keys, rows)
        done += len(rows["documents"])
        words += sum(r["n_words"] for r in rows["documents"] if r["status"] == "ok")
        if progress:
            progress(done, words)
    finalize(store, summary)
    summary.seconds = time.perf_counter() - t0
    return summary


def remap_actor_ids(t: pa.Table, name: str, key_map: actor_linking.ActorIds) -> pa.Table:
    """Per-document actor keys in a table's id columns -> the corpus-level actor ids (a key means one actor within
    its document, so the document is part of the lookup)."""
    cols = ACTOR_ID_COLUMNS.get(name, ())
    docs = t.column("doc_id").to_pylist() if cols else []
    for c in cols:
        vals = [key_map.get(d, v) if v is not None else None for d, v in zip(docs, t.column(c).to_pylist())]
        t = t.set_column(t.column_names.index(c), c, pa.array(vals, pa.string()))
    return t


def _final_rows(t: pa.Table, name: str, key_map: dict[str, str], event_map: dict[str, str]) -> pa.Table:
    """A part as final rows: corpus-level actor ids, and for incidents the event each belongs to."""
    t = remap_actor_ids(t, name, key_map)
    return event_grouping.add_event_ids(t, event_map) if name == "incidents" else t


def finalize(store: Store, summary: RunSummary | None = None) -> dict[str, int]:
    """Link actors across the corpus, then write every final table from the parts."""
    committed = store.committed_stems()
    actors_table, key_map = actor_linking.link(store.iter_parts("doc_actors", committed=committed))
    # events: over the incidents' summary columns with the linked actor ids, never the documents
    inc = (remap_actor_ids(t, "incidents", key_map)
           for t in store.iter_parts("incidents", list(event_grouping.SUMMARY_COLUMNS), committed=committed))
    events_table, event_map = event_grouping.build(
        inc, store.iter_parts("documents", ["doc_id", "source", "published"], committed=committed))
    rows = {}
    for name in TABLES:
        if name == "actors":
            rows[name] = store.write_table(name, iter([actors_table]))
        elif name == "events":
            rows[name] = store.write_table(name, iter([events_table]))
        else:
            rows[name] = store.write_table(name, store.iter_parts(name, committed=committed),
                                           functools.partial(_final_rows, name=name, key_map=key_map,
                                                             event_map=event_map))
    store.remove_other_formats()
    if summary is not None:
        summary.rows = rows
        summary.n_ok = summary.n_failed = summary.n_words = 0  # counted from two columns of the parts
        for t in store.iter_parts("documents", ["status", "n_words"], committed=committed):
            ok = pc.equal(t["status"], "ok")
            n_ok = pc.sum(ok).as_py() or 0
            summary.n_ok += n_ok
            summary.n_failed += t.num_rows - n_ok
            summary.n_words += pc.sum(pc.filter(t["n_words"], ok)).as_py() or 0
    return rows


def load_tables(out: str | Path = "data/processed") -> dict[str, pd.DataFrame]:
    """Every table of an output folder as a DataFrame: `tables["incidents"]`."""
    return {name: read_table(out, name) for name in TABLES}


def extract(text: str, published: str | None = None, title: str | None = None, doc_id: str = "doc",
            model: str | None = None) -> dict[str, pd.DataFrame]:
    """The tables of one article, in memory; actors are linked and events grouped within the article only."""
    from .ingest import finish

    art = Article(doc_id=doc_id, text=text, title=title, published=published)
    item = finish(art, None, DEFAULT_MAX_CHARS, set())
    if isinstance(item, IngestError):
        from .rows import error_rows
        rows = error_rows(item)
    else:
        rows = process_batch(get_nlp(model), [(0, item)])[2]
    actors_table, key_map = actor_linking.link([table_from_rows("doc_actors", rows["doc_actors"], DOC_ACTORS)])
    inc = remap_actor_ids(table_from_rows("incidents", rows["incidents"]), "incidents", key_map)
    events_table, event_map = event_grouping.build([inc], [table_from_rows("documents", rows["documents"])])
    out = {}
    for name in TABLES:
        if name == "actors":
            out[name] = actors_table.to_pandas()
        elif name == "events":
            out[name] = events_table.to_pandas()
        else:
            out[name] = _final_rows(table_from_rows(name, rows[name]), name, key_map, event_map).to_pandas()
    return out

