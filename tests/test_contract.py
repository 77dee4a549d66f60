"""The seven tables exist with exactly the contract's columns, in every format, through the CLI and the API."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline import extract, load_tables
from pipeline.schema import SCHEMAS, TABLES

ROOT = Path(__file__).resolve().parents[1]

CONTRACT = {
    "documents": "doc_id path title published source url n_chars n_words status error",
    "mentions": "doc_id mention_id start_char end_char text label actor_id sentence",
    "actors": "actor_id name type aliases n_mentions n_docs role country admin1 lat lon geonames_id",
    "quotes": "quote_id doc_id start_char end_char text kind cue speaker speaker_actor_id speaker_start_char "
              "speaker_end_char confidence",
    "incidents": "incident_id doc_id event_type sub_event_type date date_text date_precision location "
                 "location_actor_id country admin1 lat lon actor1 actor1_id inter1 actor2 actor2_id inter2 killed "
                 "injured evidence start_char end_char event_id",
    "events": "event_id event_type sub_event_type date date_precision location location_actor_id country admin1 lat "
              "lon actor1 actor1_id inter1 actor2 actor2_id inter2 killed injured killed_min killed_max n_reports "
              "n_sources first_report last_report",
    "errors": "path doc_id line stage error message",
}


def test_schema_matches_design_contract():
    for name, cols in CONTRACT.items():
        got = [f.name for f in SCHEMAS[name]]
        assert got[: len(cols.split())] == cols.split(), name
    # documents carries two documented extras: the resume hash and unknown input fields
    assert [f.name for f in SCHEMAS["documents"]][10:] == ["content_hash", "extra"]


def test_sample_run_writes_every_table(sample_out):
    tables = load_tables(sample_out)
    assert set(tables) == set(TABLES)
    for name in TABLES:
        assert (sample_out / f"{name}.parquet").is_file()
        assert list(tables[name].columns) == [f.name for f in SCHEMAS[name]]
    docs = tables["documents"]
    assert docs.loc[0, "doc_id"] == "daraa-al-balad-2021-07-28"
    assert docs.loc[0, "published"] == "2021-07-28"
    assert docs.loc[0, "status"] == "ok"
    assert docs.loc[0, "n_words"] == 881
    text = (ROOT / "data/raw/daraa-al-balad-2021-07-28.txt").read_text(encoding="utf-8")
    m = tables["mentions"]
    assert len(m) > 10
    for r in m.itertuples():
        assert text[r.start_char:r.end_char] == r.text
    assert set(m.label) <= {"PERSON", "PLACE", "FACTION", "ORG"}
    assert set(m.actor_id.dropna()) <= set(tables["actors"].actor_id)  # descriptions ("a hospital") have none
    assert m[m.actor_id.isna()].text.str.contains(r"^[a-z]|^(?:The|A|An) ", regex=True).all()
    assert m.mention_id.is_unique and tables["actors"].actor_id.is_unique
    # every incident belongs to exactly one event, and every event to at least one incident
    inc, ev = tables["incidents"], tables["events"]
    assert inc.event_id.notna().all() and set(inc.event_id) == set(ev.event_id) and ev.event_id.is_unique


def test_rerun_is_identical_and_skips(tmp_path, sample_out):
    from pipeline import run

    out = tmp_path / "o"
    first = run([ROOT / "data/raw"], out=out)
    again = run([ROOT / "data/raw"], out=out)
    assert (first.n_ok, again.n_skipped) == (1, 1)
    for name in TABLES:
        pd.testing.assert_frame_equal(load_tables(out)[name], load_tables(sample_out)[name])


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_cli_formats(tmp_path, fmt):
    out = tmp_path / fmt
    sitrep = [sys.executable, "-m", "pipeline.cli"]
    p = subprocess.run([*sitrep, "run", str(ROOT / "data/raw"), "--out", str(out), "--format", fmt, "--quiet"],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    for name in TABLES:
        assert (out / f"{name}.{fmt}").is_file()
    t = load_tables(out)
    assert list(t["actors"].columns) == [f.name for f in SCHEMAS["actors"]]
    assert t["documents"].loc[0, "doc_id"] == "daraa-al-balad-2021-07-28"
    if fmt == "csv":
        header = (out / "mentions.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header == ",".join(f'"{c}"' for c in CONTRACT["mentions"].split())
    else:
        row = json.loads((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
        assert row["status"] == "ok"


def test_cli_version_and_exit_codes(tmp_path):
    sitrep = [sys.executable, "-m", "pipeline.cli"]
    v = subprocess.run([*sitrep, "--version"], capture_output=True, text=True)
    assert v.returncode == 0 and v.stdout.startswith("sitrep ")
    missing = subprocess.run([*sitrep, "run", str(tmp_path / "nope"), "--out", str(tmp_path / "o")],
                             capture_output=True, text=True)
    assert missing.returncode == 2
    assert "no inputs found" in missing.stderr
    blocker = tmp_path / "file"
    blocker.write_text("x")
    unwritable = subprocess.run([*sitrep, "run", str(ROOT / "data/raw"), "--out", str(blocker / "sub")],
                                capture_output=True, text=True)
    assert unwritable.returncode == 2
    assert "cannot write to the output folder" in unwritable.stderr


def test_extract_api_returns_contract_frames(nlp):
    t = extract("Ahmad Abazeid, an activist in Daraa, spoke on Monday. Abazeid left Syria.", published="2021-07-28")
    assert set(t) == set(TABLES)
    for name in TABLES:
        assert list(t[name].columns) == [f.name for f in SCHEMAS[name]]
    m = t["mentions"]
    person = m[m.label == "PERSON"]
    assert set(person.text) == {"Ahmad Abazeid", "Abazeid"}
    assert person.actor_id.nunique() == 1
    empty = extract("   ")
    assert empty["errors"].loc[0, "error"] == "EmptyDocument"
    assert empty["documents"].loc[0, "status"] == "error"
