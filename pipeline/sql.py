"""SQL over an output folder: one DuckDB VIEW per table, reading the files where they are (no copy).

`connect("data/processed").sql("SELECT ... FROM incidents JOIN actors ON actor1_id = actor_id")` works the same
whichever format `sitrep run --format` wrote; CSV list columns (joined with `|`) come back as lists.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

from .schema import SCHEMAS, TABLES

__all__ = ["connect", "query", "fetch_df", "read_table", "NoTables"]


class NoTables(FileNotFoundError):
    """The folder holds no table of a run."""


def _sql_str(s: str | Path) -> str:
    return "'" + str(s).replace("'", "''") + "'"


def _duck_type(t: pa.DataType) -> str:
    if pa.types.is_integer(t):
        return "BIGINT"
    if pa.types.is_floating(t):
        return "DOUBLE"
    return "VARCHAR"  # strings, and CSV's `|`-joined lists (split below)


def _columns_struct(schema: pa.Schema) -> str:
    return "{" + ", ".join(f"{_sql_str(f.name)}: {_sql_str(_duck_type(f.type))}" for f in schema) + "}"


def _empty_select(schema: pa.Schema) -> str:
    cols = ", ".join(f"CAST(NULL AS {'VARCHAR[]' if pa.types.is_list(f.type) else _duck_type(f.type)}) "
                     f"AS \"{f.name}\"" for f in schema)
    return f"SELECT {cols} WHERE false"


def _table_source(out: Path, name: str) -> str | None:
    """The SELECT a table's view runs, or None when the folder has no such table."""
    schema = SCHEMAS[name]
    pq_path = out / f"{name}.parquet"
    if pq_path.is_dir():
        return f"SELECT * FROM read_parquet({_sql_str(pq_path / '**' / '*.parquet')}, union_by_name = true)"
    if pq_path.is_file():
        return f"SELECT * FROM read_parquet({_sql_str(pq_path)})"
    csv_path, jsonl_path = out / f"{name}.csv", out / f"{name}.jsonl"
    if csv_path.is_file():
        lists = [f.name for f in schema if pa.types.is_list(f.type)]
        src = (f"read_csv_auto({_sql_str(csv_path)}, header = true, delim = ',', columns = {_columns_struct(schema)}, "
               "quote = '\"', escape = '\"')")
        if not lists:
            return f"SELECT * FROM {src}"
        fixed = ", ".join(f"CASE WHEN \"{c}\" IS NULL OR \"{c}\" = '' THEN CAST([] AS VARCHAR[]) "
                          f"ELSE string_split(\"{c}\", '|') END AS \"{c}\"" for c in lists)
        return f"SELECT * REPLACE ({fixed}) FROM {src}"
    if jsonl_path.is_file():
        if jsonl_path.stat().st_size == 0:
            return _empty_select(schema)
        types = {f.name: "VARCHAR[]" if pa.types.is_list(f.type) else _duck_type(f.type) for f in schema}
        cols = "{" + ", ".join(f"{_sql_str(k)}: {_sql_str(v)}" for k, v in types.items()) + "}"
        return f"SELECT * FROM read_json_auto({_sql_str(jsonl_path)}, format = 'newline_delimited', columns = {cols})"
    return None


def read_table(out: str | Path, name: str) -> pd.DataFrame:
    """One table of an output folder as a DataFrame, decoded by the same SELECT as its view, so every format
    reads the same: lists as arrays, integer columns as nullable Int64 whether or not they hold a null."""
    import duckdb

    out = Path(out).resolve()
    src = _table_source(out, name)
    if src is None:
        raise FileNotFoundError(f"no {name} table in {out} (run `sitrep run ... --out {out}` first)")
    con = duckdb.connect()
    try:
        t = con.sql(src).arrow()
        t = t.read_all() if isinstance(t, pa.RecordBatchReader) else t  # a reader since DuckDB 1.4, a table before
    finally:
        con.close()
    return t.to_pandas(types_mapper=lambda typ: pd.Int64Dtype() if pa.types.is_integer(typ) else None)


def connect(out: str | Path = "data/processed", database: str = ":memory:"):
    """A DuckDB connection with one VIEW per table of `out` (documents, mentions, actors, quotes, incidents, events,
    errors). The views read the Parquet/CSV/JSONL files on every query, so they always show the latest run."""
    import duckdb

    out = Path(out).resolve()
    sources = {name: _table_source(out, name) for name in TABLES}
    if not any(sources.values()):
        raise NoTables(f"no tables in {out} (run `sitrep run ... --out {out}` first)")
    con = duckdb.connect(database)
    for name, src in sources.items():
        # A table missing from a partial folder is an empty view, so joins still run.
        con.execute(f'CREATE OR REPLACE VIEW "{name}" AS {src or _empty_select(SCHEMAS[name])}')
    return con


def fetch_df(con, sql: str, params: list | None = None) -> pd.DataFrame:
    """A statement's result as a DataFrame; sums of integers (DuckDB's HUGEINT, which pandas would make float)
    stay integers, so `sum(killed)` reads 14, not 14.0."""
    res = con.execute(sql, params or [])
    types = [str(d[1]) for d in res.description or []]
    df = res.df()
    for col, t in zip(df.columns, types):
        if t in ("HUGEINT", "UHUGEINT") and df[col].dtype.kind == "f":
            df[col] = df[col].round().astype("Int64")
    return df


def query(sql: str, out: str | Path = "data/processed", params: list | None = None) -> pd.DataFrame:
    """Run one SQL statement over the tables of `out` and return the result as a DataFrame."""
    con = connect(out)
    try:
        return fetch_df(con, sql, params)
    finally:
        con.close()
