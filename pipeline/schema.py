"""The output contract: table names, column order and dtypes (DESIGN.md). Outside tools read these."""
from __future__ import annotations

import pyarrow as pa

STR = pa.string()
INT = pa.int64()
FLT = pa.float64()
LIST = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", STR), ("path", STR), ("title", STR), ("published", STR), ("source", STR), ("url", STR),
        ("n_chars", INT), ("n_words", INT), ("status", STR), ("error", STR), ("content_hash", STR),
        ("extra", STR),
    ]),
    "mentions": pa.schema([
        ("doc_id", STR), ("mention_id", STR), ("start_char", INT), ("end_char", INT), ("text", STR),
        ("label", STR), ("actor_id", STR), ("sentence", INT),
    ]),
    "actors": pa.schema([
        ("actor_id", STR), ("name", STR), ("type", STR), ("aliases", LIST), ("n_mentions", INT), ("n_docs", INT),
        ("role", STR), ("country", STR), ("admin1", STR), ("lat", FLT), ("lon", FLT), ("geonames_id", INT),
    ]),
    "quotes": pa.schema([
        ("quote_id", STR), ("doc_id", STR), ("start_char", INT), ("end_char", INT), ("text", STR), ("kind", STR),
        ("cue", STR), ("speaker", STR), ("speaker_actor_id", STR), ("speaker_start_char", INT),
        ("speaker_end_char", INT), ("confidence", FLT),
    ]),
    "incidents": pa.schema([
        ("incident_id", STR), ("doc_id", STR), ("event_type", STR), ("sub_event_type", STR), ("date", STR),
        ("date_text", STR), ("date_precision", STR), ("location", STR), ("location_actor_id", STR),
        ("country", STR), ("admin1", STR), ("lat", FLT), ("lon", FLT), ("actor1", STR), ("actor1_id", STR),
        ("inter1", INT), ("actor2", STR), ("actor2_id", STR), ("inter2", INT), ("killed", INT), ("injured", INT),
        ("evidence", STR), ("start_char", INT), ("end_char", INT), ("event_id", STR),
    ]),
    # one row per real-world event across articles (pipeline/events.py); incidents.event_id points here
    "events": pa.schema([
        ("event_id", STR), ("event_type", STR), ("sub_event_type", STR), ("date", STR), ("date_precision", STR),
        ("location", STR), ("location_actor_id", STR), ("country", STR), ("admin1", STR), ("lat", FLT),
        ("lon", FLT), ("actor1", STR), ("actor1_id", STR), ("inter1", INT), ("actor2", STR), ("actor2_id", STR),
        ("inter2", INT), ("killed", INT), ("injured", INT), ("killed_min", INT), ("killed_max", INT),
        ("n_reports", INT), ("n_sources", INT), ("first_report", STR), ("last_report", STR),
    ]),
    "errors": pa.schema([
        ("path", STR), ("doc_id", STR), ("line", INT), ("stage", STR), ("error", STR), ("message", STR),
    ]),
}

TABLES: tuple[str, ...] = tuple(SCHEMAS)

# Tables the corpus-level steps write at the end of a run, never per batch.
CORPUS_TABLES = ("actors", "events")
# Columns the corpus-level steps fill in: absent from the per-batch parts.
CORPUS_COLUMNS: dict[str, tuple[str, ...]] = {"incidents": ("event_id",)}

# Per-document actor summaries: an internal table the corpus-level linking reads; not part of the contract.
DOC_ACTORS = pa.schema([
    ("doc_id", STR), ("key", STR), ("name", STR), ("type", STR), ("aliases", LIST), ("n_mentions", INT),
    ("role", STR), ("country", STR), ("admin1", STR), ("lat", FLT), ("lon", FLT), ("geonames_id", INT),
])

# Columns holding actor ids that the corpus-level linking rewrites at the end of a run.
ACTOR_ID_COLUMNS: dict[str, tuple[str, ...]] = {
    "mentions": ("actor_id",),
    "quotes": ("speaker_actor_id",),
    "incidents": ("location_actor_id", "actor1_id", "actor2_id"),
}

LABEL_TYPE = {"PERSON": "person", "PLACE": "place", "FACTION": "faction", "ORG": "org"}


def table_from_rows(name: str, rows: list[dict], schema: pa.Schema | None = None) -> pa.Table:
    """Build a table column-wise from plain dict rows, with the contract's column order and types."""
    schema = schema or SCHEMAS[name]
    cols = {f.name: [r.get(f.name) for r in rows] for f in schema}
    return pa.Table.from_pydict(cols, schema=schema)
