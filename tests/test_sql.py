"""SQL over the tables: `pipeline.connect` views on every output format, and `sitrep query`."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import pipeline
from pipeline.cli import app
from pipeline.schema import SCHEMAS, table_from_rows
from pipeline.sql import NoTables, connect, query, read_table
from pipeline.store import Store

# Seven actors, 14 incidents: killed totals with nulls ("not stated") and ties in the incident counts.
ACTORS = [("faction:syrian-regime-forces", "Syrian regime forces", "faction", ["regime forces", "the regime"]),
          ("faction:isis", "Islamic State", "faction", ["ISIS", "IS"]),
          ("faction:sdf", "Syrian Democratic Forces", "faction", ["SDF"]),
          ("faction:hts", "Hayat Tahrir al-Sham", "faction", ["HTS"]),
          ("faction:russia", "Russia", "faction", []),
          ("faction:residents", "Residents of Daraa al-Balad", "faction", ["residents"]),
          ("person:ahmad-abazeid", "Ahmad Abazeid", "person", ["Abazeid"])]
INCIDENTS = [  # actor1 index, actor2 index, killed, injured, date, event type
    (0, 5, 1, 4, "2021-07-27", "Battles"), (0, 5, None, None, "2021-07-28", "Battles"),
    (0, None, 3, 2, "2021-08-01", "Explosions/Remote violence"), (0, 3, 10, None, "2021-08", "Battles"),
    (1, 2, 7, 1, "2021-06-01", "Battles"), (1, None, 12, 30, "2021-05-02", "Explosions/Remote violence"),
    (1, None, None, 2, "2020", "Violence against civilians"), (2, 1, 4, 0, "2021-06-02", "Battles"),
    (2, None, 0, 0, "2021-01-09", "Strategic developments"), (3, 0, 2, 5, "2021-02-03", "Battles"),
    (4, None, 6, None, "2021-03-04", "Explosions/Remote violence"), (4, None, 1, 1, "2021-03-05",
                                                                     "Explosions/Remote violence"),
    (5, 0, 0, 3, "2021-07-29", "Protests"), (None, None, 5, 5, "2021-07-30", "Battles"),
]


def rows() -> dict[str, list[dict]]:
    actors = [{"actor_id": a, "name": n, "type": t, "aliases": al, "n_mentions": 10 - i, "n_docs": 1 + i % 3}
              for i, (a, n, t, al) in enumerate(ACTORS)]
    incidents = []
    for i, (a1, a2, k, inj, date, et) in enumerate(INCIDENTS):
        incidents.append({"incident_id": f"doc{i % 3}:e{i}", "doc_id": f"doc{i % 3}", "event_type": et, "date": date,
                          "location": "Daraa", "actor1": ACTORS[a1][1] if a1 is not None else None,
                          "actor1_id": ACTORS[a1][0] if a1 is not None else None,
                          "actor2": ACTORS[a2][1] if a2 is not None else None,
                          "actor2_id": ACTORS[a2][0] if a2 is not None else None, "killed": k, "injured": inj,
                          "evidence": f"Evidence, with a comma and \"quotes\" | pipe {i}.", "start_char": 10 * i,
                          "end_char": 10 * i + 5})
    quotes = [{"quote_id": f"doc0:q{i}", "doc_id": "doc0", "start_char": i, "end_char": i + 3, "text": f"q{i}",
               "kind": "direct", "cue": "said", "speaker": "Ahmad Abazeid", "speaker_actor_id": "person:ahmad-abazeid",
               "confidence": 0.5} for i in range(3)]
    docs = [{"doc_id": f"doc{i}", "path": f"doc{i}.txt", "title": f"Doc {i}", "status": "ok", "n_chars": 100,
             "n_words": 20} for i in range(3)]
    return {"documents": docs, "actors": actors, "incidents": incidents, "quotes": quotes}


def write(out: Path, fmt: str) -> Path:
    store = Store(out, fmt)
    r = rows()
    for name in SCHEMAS:
        store.write_table(name, iter([table_from_rows(name, r.get(name, []))]))
    return out


TOP5 = """
SELECT a.actor_id, a.name, count(*) AS n_incidents, coalesce(sum(i.killed), 0) AS killed
FROM incidents i JOIN actors a ON i.actor1_id = a.actor_id
GROUP BY a.actor_id, a.name
ORDER BY n_incidents DESC, killed DESC, a.actor_id
LIMIT 5
"""


def top5_pandas(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    inc = tables["incidents"].merge(tables["actors"], left_on="actor1_id", right_on="actor_id")
    g = inc.groupby(["actor_id", "name"]).agg(n_incidents=("incident_id", "size"),
                                              killed=("killed", lambda s: int(s.fillna(0).sum()))).reset_index()
    g = g.sort_values(["n_incidents", "killed", "actor_id"], ascending=[False, False, True]).head(5)
    return g.reset_index(drop=True)


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_top_actors_by_incidents_matches_pandas(tmp_path: Path, fmt: str):
    out = write(tmp_path / fmt, fmt)
    got = query(TOP5, out)
    want = top5_pandas(pipeline.load_tables(out))
    assert got["actor_id"].tolist() == want["actor_id"].tolist()
    assert got["n_incidents"].tolist() == want["n_incidents"].tolist()
    assert got["killed"].tolist() == want["killed"].tolist()
    # And the numbers themselves, counted by hand from INCIDENTS.
    assert list(zip(got["actor_id"], got["n_incidents"], got["killed"])) == [
        ("faction:syrian-regime-forces", 4, 14), ("faction:isis", 3, 19), ("faction:russia", 2, 7),
        ("faction:sdf", 2, 4), ("faction:hts", 1, 2)]


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_views_agree_across_formats(tmp_path: Path, fmt: str):
    ref = connect(write(tmp_path / "parquet", "parquet"))
    con = connect(write(tmp_path / fmt, fmt))
    for name in SCHEMAS:
        sql = f"SELECT * FROM {name} ORDER BY ALL"
        a, b = ref.execute(sql).fetchall(), con.execute(sql).fetchall()
        assert a == b, name
        assert [c[0] for c in con.execute(f"SELECT * FROM {name} LIMIT 0").description] == SCHEMAS[name].names
    # Lists come back as lists, from the `|`-joined CSV too.
    assert con.execute("SELECT aliases FROM actors WHERE actor_id = 'faction:isis'").fetchone()[0] == ["ISIS", "IS"]
    assert con.execute("SELECT aliases FROM actors WHERE actor_id = 'faction:russia'").fetchone()[0] == []


def test_views_read_files_in_place(tmp_path: Path):
    out = write(tmp_path / "out", "parquet")
    con = pipeline.connect(out)
    kinds = dict(con.execute("SELECT table_name, table_type FROM information_schema.tables").fetchall())
    assert kinds == {name: "VIEW" for name in SCHEMAS}
    assert con.execute("SELECT count(*) FROM incidents").fetchone()[0] == len(INCIDENTS)
    # A later run's table shows through the same connection: nothing was copied.
    pq.write_table(table_from_rows("incidents", rows()["incidents"][:2]), out / "incidents.parquet")
    assert con.execute("SELECT count(*) FROM incidents").fetchone()[0] == 2


def test_folder_of_part_files_and_missing_tables(tmp_path: Path):
    out = tmp_path / "out"
    (out / "incidents.parquet").mkdir(parents=True)
    inc = rows()["incidents"]
    pq.write_table(table_from_rows("incidents", inc[:5]), out / "incidents.parquet" / "part-0.parquet")
    pq.write_table(table_from_rows("incidents", inc[5:]), out / "incidents.parquet" / "part-1.parquet")
    con = connect(out)
    assert con.execute("SELECT count(*), sum(killed) FROM incidents").fetchone() == (len(INCIDENTS), 51)
    assert con.execute("SELECT count(*) FROM quotes").fetchone() == (0,)  # missing: an empty view with the columns
    assert [c[0] for c in con.execute("SELECT * FROM quotes").description] == SCHEMAS["quotes"].names
    with pytest.raises(NoTables, match="no tables in"):
        connect(tmp_path / "empty")


def test_load_tables_reads_every_format_alike(tmp_path: Path):
    """`load_tables` decodes through the views: the same frames, dtypes included, from parquet, csv and jsonl."""
    ref = pipeline.load_tables(write(tmp_path / "parquet", "parquet"))
    for fmt in ("csv", "jsonl"):
        got = pipeline.load_tables(write(tmp_path / fmt, fmt))
        for name in SCHEMAS:
            pd.testing.assert_frame_equal(ref[name], got[name], obj=f"{fmt} {name}")
    inc = ref["incidents"]
    assert str(inc["killed"].dtype) == str(inc["start_char"].dtype) == "Int64"  # with and without nulls
    assert inc["killed"].isna().sum() == 2 and list(ref["actors"]["aliases"][1]) == ["ISIS", "IS"]
    out = tmp_path / "partial"
    out.mkdir()
    (tmp_path / "parquet" / "actors.parquet").rename(out / "actors.parquet")
    assert len(read_table(out, "actors")) == len(ACTORS)
    with pytest.raises(FileNotFoundError, match="no quotes table"):
        read_table(out, "quotes")


def test_cli_query(tmp_path: Path):
    out = write(tmp_path / "out", "parquet")
    runner = CliRunner()
    r = runner.invoke(app, ["query", TOP5, "--out", str(out), "--csv"])
    assert r.exit_code == 0, r.output
    got = list(csv.DictReader(io.StringIO(r.output)))
    assert [(g["actor_id"], g["n_incidents"], g["killed"]) for g in got][:2] == [
        ("faction:syrian-regime-forces", "4", "14"), ("faction:isis", "3", "19")]
    r = runner.invoke(app, ["query", "SELECT name, aliases FROM actors WHERE actor_id = 'faction:isis'", "--out",
                            str(out), "--csv"])
    assert r.output == "name,aliases\nIslamic State,ISIS|IS\n"
    r = runner.invoke(app, ["query", "SELECT evidence FROM incidents ORDER BY start_char LIMIT 1", "--out", str(out)],
                      env={"COLUMNS": "150"})
    assert r.exit_code == 0 and '1 rows' in r.output and 'Evidence, with a comma and "quotes" | pipe 0.' in r.output
    r = runner.invoke(app, ["query", "SELECT nope FROM actors", "--out", str(out)])
    assert r.exit_code == 2 and "query failed" in r.output
    r = runner.invoke(app, ["query", "SELECT 1", "--out", str(tmp_path / "nothing")])
    assert r.exit_code == 2 and "no tables in" in r.output
