"""Where tables live: part files written atomically per batch (the resume state), then the final tables.

Layout under OUT:
  .sitrep/parts/<table>/<seq>-<digest>.parquet   one part per processed batch, per table
  <table>.parquet | <table>.csv | <table>.jsonl   the final tables, rebuilt from the parts at the end of a run
A batch's parts are written before its `done` part, so a run killed at any moment either has a batch
completely or not at all, and the previous final tables stay readable until the new ones replace them.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .schema import CORPUS_COLUMNS, CORPUS_TABLES, DOC_ACTORS, SCHEMAS, table_from_rows

FORMATS = ("parquet", "csv", "jsonl")


def _part_schema(name: str) -> pa.Schema:
    """A table's schema in the parts: without the columns only the corpus-level steps fill in, so parts written
    before such a column existed still resume."""
    schema = SCHEMAS[name]
    for c in CORPUS_COLUMNS.get(name, ()):
        schema = schema.remove(schema.get_field_index(c))
    return schema


PART_SCHEMAS = {**{n: _part_schema(n) for n in SCHEMAS if n not in CORPUS_TABLES},
                "doc_actors": DOC_ACTORS, "done": pa.schema([("item_key", pa.string())])}


class StoreError(RuntimeError):
    """The output folder cannot be used; the run cannot complete."""


def atomic_path(final: Path) -> Path:
    fd, tmp = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".tmp")
    os.close(fd)
    return Path(tmp)


def replace(tmp: Path, final: Path) -> None:
    """Atomic rename; a folder-shaped old table (part files) is swapped out first."""
    if final.is_dir():
        old = final.with_name(f".{final.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        final.rename(old)
        tmp.replace(final)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, final)


class Store:
    def __init__(self, out: str | Path, fmt: str = "parquet"):
        if fmt not in FORMATS:
            raise StoreError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        self.out = Path(out)
        self.fmt = fmt
        self.parts = self.out / ".sitrep" / "parts"
        try:
            for name in PART_SCHEMAS:
                (self.parts / name).mkdir(parents=True, exist_ok=True)
            probe = atomic_path(self.parts / "done" / "probe")
            probe.unlink()
        except OSError as e:
            raise StoreError(f"cannot write to the output folder {self.out}: {e.strerror or e}") from e

    # ---- resume state -------------------------------------------------------------------------------
    def done_keys(self) -> set[str]:
        """Keys of every input item already stored by earlier runs into this folder."""
        keys: set[str] = set()
        for f in sorted((self.parts / "done").glob("*.parquet")):
            keys.update(pq.read_table(f, columns=["item_key"]).column(0).to_pylist())
        return keys

    def write_batch(self, seq0: int, keys: list[str], rows: dict[str, list[dict]]) -> None:
        """One batch's rows as one part per table; the `done` part last, so it commits the batch."""
        digest = hashlib.sha1("\x00".join(keys).encode("utf-8", "surrogatepass")).hexdigest()[:10]
        stem = f"{seq0:010d}-{digest}"
        for name, schema in PART_SCHEMAS.items():
            if name == "done":
                continue
            if rows.get(name):
                self._write_part(name, stem, table_from_rows(name, rows[name], schema))
        self._write_part("done", stem, table_from_rows("done", [{"item_key": k} for k in keys],
                                                      PART_SCHEMAS["done"]))

    def _write_part(self, name: str, stem: str, table: pa.Table) -> None:
        final = self.parts / name / f"{stem}.parquet"
        tmp = atomic_path(final)
        pq.write_table(table, tmp)
        os.replace(tmp, final)

    def committed_stems(self) -> set[str]:
        return {f.stem for f in (self.parts / "done").glob("*.parquet")}

    def iter_parts(self, name: str, columns: list[str] | None = None,
                   committed: set[str] | None = None) -> Iterator[pa.Table]:
        """A table's parts in input order; parts of batches that never committed are ignored (`committed`: the
        stems of `committed_stems()`, when the caller reads several tables of a finished run)."""
        if committed is None:
            committed = self.committed_stems()
        schema = PART_SCHEMAS[name]
        for f in sorted((self.parts / name).glob("*.parquet")):
            if f.stem in committed:
                names = columns or schema.names
                present = set(pq.read_schema(f).names)
                yield _part_columns(pq.read_table(f, columns=[n for n in names if n in present]), names, schema)

    # ---- final tables -------------------------------------------------------------------------------
    def table_path(self, name: str) -> Path:
        return self.out / f"{name}.{self.fmt}"

    def write_table(self, name: str, batches: Iterator[pa.Table],
                    transform: Callable[[pa.Table], pa.Table] | None = None) -> int:
        """Stream tables into `<out>/<name>.<fmt>` atomically; returns the number of rows."""
        schema = SCHEMAS[name]
        final = self.table_path(name)
        tmp = atomic_path(final)
        n = 0

        def conformed() -> Iterator[pa.Table]:
            nonlocal n
            for t in batches:
                t = _conform(transform(t) if transform else t, schema)
                n += t.num_rows
                yield t

        try:
            if self.fmt == "parquet":
                with pq.ParquetWriter(tmp, schema) as w:
                    for t in conformed():
                        w.write_table(t)
                    if n == 0:
                        w.write_table(schema.empty_table())
            elif self.fmt == "csv":
                with open(tmp, "wb") as fh:
                    header = True
                    for t in conformed():
                        pacsv.write_csv(_flatten_lists(t), fh, pacsv.WriteOptions(include_header=header))
                        header = False
                    if header:
                        pacsv.write_csv(_flatten_lists(schema.empty_table()), fh)
            else:
                with open(tmp, "w", encoding="utf-8") as fh:
                    for t in conformed():
                        for row in t.to_pylist():
                            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            replace(tmp, final)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return n

    def remove_other_formats(self) -> None:
        """A table written in another format by an earlier run would be stale now."""
        for name in SCHEMAS:
            for fmt in FORMATS:
                p = self.out / f"{name}.{fmt}"
                if fmt != self.fmt and p.exists():
                    shutil.rmtree(p) if p.is_dir() else p.unlink()


def _conform(t: pa.Table, schema: pa.Schema) -> pa.Table:
    cols = [t.column(f.name).cast(f.type) if f.name in t.column_names else pa.nulls(t.num_rows, f.type)
            for f in schema]
    return pa.Table.from_arrays(cols, schema=schema)


def join_list(v) -> str | None:
    """CSV has no lists: a list cell is written as its items joined with `|` (DESIGN.md)."""
    return None if v is None else "|".join(map(str, v))


def _flatten_lists(t: pa.Table) -> pa.Table:
    """A table's list columns as `|`-joined strings, for CSV."""
    cols = []
    for f, col in zip(t.schema, t.columns):
        if pa.types.is_list(f.type):
            cols.append(pa.array([join_list(v) for v in col.to_pylist()], pa.string()))
        else:
            cols.append(col)
    return pa.Table.from_arrays(cols, names=t.column_names)


def _part_columns(t: pa.Table, names: list[str], schema: pa.Schema) -> pa.Table:
    """A part in the columns asked for, in the contract's types; a column a part written by an earlier version
    lacks (a contract addition such as incidents.inter1) reads as nulls, so such a run still resumes."""
    cols = []
    for n in names:
        typ = schema.field(n).type if n in schema.names else (t.schema.field(n).type if n in t.column_names
                                                              else pa.string())
        cols.append(t.column(n).cast(typ) if n in t.column_names else pa.nulls(t.num_rows, typ))
    return pa.table(cols, names=list(names))
