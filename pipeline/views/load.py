"""A document's rows and text, ready to draw: from the tables on disk (`load_doc`, DuckDB reads only this
document's rows) or from tables in memory (`doc_view`).

Offsets index the article text as ingested, which is re-read from the document's `path` with the ingest readers
and finished by `ingest.finish`, so it is cleaned exactly as the run cleaned it.
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..schema import ACTOR_ID_COLUMNS, SCHEMAS


class DocNotFound(LookupError):
    """The document is not in the tables, or its text cannot be read any more."""


@dataclass
class DocView:
    """One document's rows and text, ready to draw."""
    doc_id: str
    text: str
    document: dict = field(default_factory=dict)
    mentions: pd.DataFrame = field(default_factory=pd.DataFrame)
    quotes: pd.DataFrame = field(default_factory=pd.DataFrame)
    incidents: pd.DataFrame = field(default_factory=pd.DataFrame)
    actors: pd.DataFrame = field(default_factory=pd.DataFrame)
    # other documents reporting this document's events: event_id, doc_id, title, published, source
    other_reports: pd.DataFrame = field(default_factory=pd.DataFrame)


# ---- table cells as plain Python ---------------------------------------------------------------------------

def _val(v):
    """Table cells as plain Python: NaN/NA/None → None."""
    if v is None or v is pd.NA:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def as_list(v) -> list:
    """A list cell (list, numpy array from Parquet or DuckDB, or null) as a list."""
    v = _val(v)
    return [] if v is None else list(v)


def _int(v) -> int | None:
    v = _val(v)
    return None if v is None else int(v)


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: _val(v) for k, v in r.items()} for r in df.to_dict("records")] if len(df) else []


# ---- the article text ----------------------------------------------------------------------------------------

def _resolve(path: str, out: Path) -> Path | None:
    p = Path(path)
    if p.exists():
        return p
    if not p.is_absolute():
        # The path is relative to where `sitrep run` was started: usually the folder above data/processed, or above
        # the working directory (a notebook in notebooks/).
        for base in (*out.resolve().parents, *Path.cwd().parents):
            if (base / p).exists():
                return base / p
    return None


def article_text(document: dict, out: str | Path = "data/processed") -> str:
    """The cleaned text of a document, re-read from its source file (for jsonl/csv, its record).

    Records are read raw and only the one with this doc_id is finished (cleaned) as the run did: the records
    before it cost a JSON/CSV parse, not cleaning and date finding."""
    from ..ingest import Article, IngestError, _read_file, finish, iter_files

    doc_id, path = document.get("doc_id"), _val(document.get("path"))
    if not path:
        raise DocNotFound(f"document {doc_id!r} has no source path to read its text from")
    src = _resolve(path, Path(out))
    if src is None:
        raise DocNotFound(f"the source of {doc_id!r} is gone: {path} does not exist (run from the folder "
                          "`sitrep run` was started in)")
    for f in iter_files([src]):
        if isinstance(f, IngestError):
            continue
        for item in _read_file(f):
            art = item if isinstance(item, Article) else item.article
            if art is not None and art.doc_id == doc_id:  # the first record with this id is the one the run did
                if isinstance(item, Article):
                    item = finish(item, None, 10**12, set())
                return (item if isinstance(item, Article) else item.article).text or ""
    raise DocNotFound(f"{src} no longer holds document {doc_id!r}")


# ---- a document's rows -----------------------------------------------------------------------------------------

def load_doc(out: str | Path, doc_id: str, text: str | None = None) -> DocView:
    """One document's rows from the tables under `out` (read with DuckDB: only this document's rows) and its
    text (re-read from the source unless given)."""
    from ..sql import connect

    con = connect(out)
    try:
        def rows(table: str, where: str = "doc_id = ?", params: Iterable = (doc_id,)) -> pd.DataFrame:
            return con.execute(f'SELECT * FROM "{table}" WHERE {where}', list(params)).df()

        docs = _records(rows("documents"))
        if not docs:
            raise DocNotFound(f"no document {doc_id!r} in {out}")
        # The rows are this document's already: the view is built here, not filtered again by doc_view.
        view = DocView(doc_id=doc_id, text="", document=docs[0], mentions=rows("mentions"), quotes=rows("quotes"),
                       incidents=rows("incidents"))
        ids = _actor_ids(view)
        view.actors = (rows("actors", "list_contains(?, actor_id)", [sorted(ids)]) if ids
                       else pd.DataFrame(columns=SCHEMAS["actors"].names))
        events = sorted({e for e in view.incidents.get("event_id", pd.Series(dtype=object)) if isinstance(e, str)})
        if events:
            view.other_reports = con.execute(
                "SELECT DISTINCT i.event_id, i.doc_id, d.title, d.published, d.source FROM incidents i "
                "JOIN documents d USING (doc_id) WHERE list_contains(?, i.event_id) AND i.doc_id <> ? "
                "ORDER BY i.event_id, d.published, i.doc_id", [events, doc_id]).df()
    finally:
        con.close()
    if text is None:
        if view.document.get("status") not in (None, "ok"):
            raise DocNotFound(f"document {doc_id!r} failed in the run: {view.document.get('error')}")
        text = article_text(view.document, out)
    view.text = text
    return view


def _actor_ids(view: DocView) -> set[str]:
    """The actors a document's mentions, quotes and incidents point at."""
    ids: set[str] = set()
    for table, cols in ACTOR_ID_COLUMNS.items():
        df = getattr(view, table)
        for c in cols:
            if c in df:
                ids.update(v for v in df[c] if isinstance(v, str))
    return ids


def doc_view(tables: dict[str, pd.DataFrame], doc_id: str, text: str) -> DocView:
    """A DocView from in-memory tables (`load_tables` or `extract` output) and the document's text."""
    def pick(name: str) -> pd.DataFrame:
        df = tables.get(name)
        if df is None:
            return pd.DataFrame(columns=SCHEMAS[name].names)
        return df[df["doc_id"] == doc_id].reset_index(drop=True) if "doc_id" in df else df

    docs = pick("documents")
    actors = tables.get("actors", pd.DataFrame(columns=SCHEMAS["actors"].names))
    view = DocView(doc_id=doc_id, text=text, document=_records(docs)[0] if len(docs) else {"doc_id": doc_id},
                   mentions=pick("mentions"), quotes=pick("quotes"), incidents=pick("incidents"))
    ids = _actor_ids(view)
    view.actors = actors[actors["actor_id"].isin(ids)].reset_index(drop=True)
    return view
