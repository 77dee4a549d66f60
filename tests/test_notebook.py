"""notebooks/explore.ipynb runs top to bottom: on the sample output as the pipeline makes it, and with quotes and
incidents added by hand (so the cells that draw them run on data, whatever the extraction finds today)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline import api
from pipeline.schema import table_from_rows

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"
SEED_ID = "daraa-al-balad-2021-07-28"


@pytest.fixture(scope="module")
def sample_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nb") / "processed"
    api.run([ROOT / "data" / "raw"], out=out)
    return out


def execute(out: Path, monkeypatch) -> list[str]:
    """Run the notebook against `out` with the Agg backend; returns the text of every code cell's outputs."""
    monkeypatch.setenv("SITREP_OUT", str(out))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=300,
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError when a cell fails
    texts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        assert not [o for o in cell.outputs if o.get("output_type") == "error"]
        texts.append("\n".join(str(o.get("text") or o.get("data", {}).get("text/plain", "")) for o in cell.outputs))
    return texts


def test_notebook_runs_on_sample_output(tmp_path: Path, sample_out: Path, monkeypatch):
    out = tmp_path / "processed"
    shutil.copytree(sample_out, out)
    texts = execute(out, monkeypatch)
    tables = api.load_tables(out)
    first = texts[0]
    for name, df in tables.items():
        assert any(line.split() == [name, str(len(df))] for line in first.splitlines()), (name, first)


def test_notebook_with_quotes_and_incidents(tmp_path: Path, sample_out: Path, monkeypatch):
    out = tmp_path / "processed"
    shutil.copytree(sample_out, out)
    text = (ROOT / "data" / "raw" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    q = "The regime broke the deal"
    s = text.index(q)
    sp = text.index("Ahmad Abazeid")
    quotes = [{"quote_id": f"{SEED_ID}:q{i}", "doc_id": SEED_ID, "start_char": s, "end_char": s + len(q), "text": q,
               "kind": "direct", "cue": "told", "speaker": "Ahmad Abazeid", "speaker_actor_id": "person:ahmad-abazeid",
               "speaker_start_char": sp, "speaker_end_char": sp + 13, "confidence": 0.9} for i in range(2)]
    incidents = [
        {"incident_id": f"{SEED_ID}:e0", "doc_id": SEED_ID, "event_type": "Battles", "sub_event_type": "Armed clash",
         "date": "2021-07-27", "date_precision": "day", "location": "Daraa al-Balad", "actor1": "Syrian regime forces",
         "actor1_id": "faction:syrian-regime-forces", "killed": 1, "injured": 4},
        {"incident_id": f"{SEED_ID}:e1", "doc_id": SEED_ID, "event_type": "Explosions/Remote violence",
         "date": "2021-07", "date_precision": "month", "location": "Karak", "killed": None, "injured": 2},
        {"incident_id": f"{SEED_ID}:e2", "doc_id": SEED_ID, "event_type": "Battles", "date": "2018",
         "date_precision": "year", "location": "Daraa al-Balad", "killed": 3, "injured": None},
    ]
    pq.write_table(table_from_rows("quotes", quotes), out / "quotes.parquet")
    pq.write_table(table_from_rows("incidents", incidents), out / "incidents.parquet")
    texts = execute(out, monkeypatch)
    casualties = next(t for t in texts if "injured" in t and "Karak" in t)
    rows = {line.split()[0] if not line.startswith("Daraa") else "Daraa al-Balad": line.split()[-3:]
            for line in casualties.splitlines()[2:]}
    assert rows == {"Daraa al-Balad": ["2", "4", "4"], "Karak": ["1", "<NA>", "2"]}
    speakers = next(t for t in texts if "person:ahmad-abazeid" in t and "quotes" in t)
    assert "Ahmad Abazeid" in speakers and " 2 " in speakers
    assert any("actor: person:ahmad-abazeid" in t and "The regime broke the deal" in t for t in texts)
