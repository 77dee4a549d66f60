"""The Dask engine gives exactly the local engine's tables, through a real `dask scheduler` and `dask worker`."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("distributed")

from distributed import Client  # noqa: E402

from pipeline.api import load_tables, run  # noqa: E402
from pipeline.engines import dask as dask_engine  # noqa: E402
from pipeline.engines.local import merge, split  # noqa: E402
from pipeline.ingest import Article  # noqa: E402
from pipeline.schema import TABLES  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SITREP = [sys.executable, "-c", "from pipeline.cli import entry; entry()"]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
       "SITREP_DASK_TIMEOUT": "3s"}

ARTICLES = [
    ("daraa", "DARAA, July 28 (Reuters) - Syrian regime forces shelled the Daraa al-Balad neighborhood on Wednesday, "
              "killing one resident and injuring at least four, activists said. \"The shelling has not stopped "
              "since dawn,\" said Ahmad Abazeid, an activist with the Freedom for Daraa Campaign."),
    ("idlib", "Two civilians were killed on Monday when an air strike hit a market in Maarat al-Numan in Idlib "
              "province, the Syrian Observatory for Human Rights said. Rescue workers from the White Helmets "
              "pulled three wounded people from the rubble."),
    ("aleppo", "Rebel fighters of the Free Syrian Army clashed with Kurdish YPG forces near Azaz on Friday. Abu "
               "Mohammad, a local commander, told reporters that his men had repelled the attack."),
    ("homs", "Residents of Homs protested on Saturday against the siege of the old city. \"We want food for our "
             "children,\" one woman told the crowd, according to the local coordination committee."),
    ("geneva", "UN envoy Staffan de Mistura met delegations in Geneva on Thursday. He said that talks would resume "
               "next week."),
]


def _write_corpus(path: Path) -> Path:
    """Five articles, a line that is not JSON, a record without text, and one article longer than spaCy's
    `max_length` (it passes ingest with --max-chars 2000000 and fails inside nlp.pipe, on the worker)."""
    lines = [json.dumps({"id": i, "text": t, "published": "2021-07-28"}) for i, t in ARTICLES[:3]]
    lines.append("{not json")
    lines.append(json.dumps({"id": "empty", "title": "no text here"}))
    lines.append(json.dumps({"id": "huge", "text": "word " * 200_010}))
    lines += [json.dumps({"id": i, "text": t}) for i, t in ARTICLES[3:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def scheduler():
    """`dask scheduler` and a `dask worker` with two single-threaded processes on 127.0.0.1."""
    port = _free_port()
    addr = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                               "--port", str(port), "--no-dashboard"], env=ENV, stderr=subprocess.DEVNULL)]
    procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", addr, "--nworkers", "2",
                                   "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard"], env=ENV,
                                  stderr=subprocess.DEVNULL))
    try:
        with Client(addr, timeout="30s") as c:
            c.wait_for_workers(2, timeout=60)
        yield addr
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return _write_corpus(tmp_path_factory.mktemp("corpus") / "corpus.jsonl")


@pytest.fixture(scope="module")
def local_tables(corpus, tmp_path_factory) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("local")
    run([corpus], out=out, batch_size=3, max_chars=2_000_000)
    return load_tables(out)


def _assert_same(a: dict[str, pd.DataFrame], b: dict[str, pd.DataFrame]) -> None:
    for name in TABLES:
        pd.testing.assert_frame_equal(a[name], b[name], obj=name)


def test_local_tables_hold_the_bad_inputs(local_tables):
    docs = local_tables["documents"]
    assert list(docs["doc_id"]) == ["daraa", "idlib", "aleppo", "corpus:4", "empty", "huge", "homs", "geneva"]
    assert list(docs["status"]) == ["ok", "ok", "ok", "error", "error", "error", "ok", "ok"]
    errs = local_tables["errors"].set_index("doc_id")
    assert errs.loc[["corpus:4", "empty", "huge"], "stage"].tolist() == ["ingest", "ingest", "nlp"]
    assert errs.loc["huge", "message"].startswith("processing failed: [E088]")
    assert len(local_tables["mentions"]) > 10


def test_two_local_processes_equal_one(corpus, local_tables, tmp_path):
    """Batches are cut into pieces for the workers (`local.split`) and put back together exactly."""
    run([corpus], out=tmp_path, batch_size=20, max_chars=2_000_000, n_process=2)
    _assert_same(local_tables, load_tables(tmp_path))


def test_split_and_merge_cover_the_batch_in_order():
    batch = [(i, Article(doc_id=f"d{i}", text="x")) for i in range(64)]
    pieces = split(batch, 2)
    assert [len(p) for p in pieces] == [16, 16, 16, 16]
    assert [len(p) for p in split(batch[:20], 2)] == [8, 8, 4]
    assert [x for p in pieces for x in p] == batch
    parts = [(p[0][0], [], {"documents": [{"doc_id": a.doc_id} for _, a in p]}) for p in pieces]
    seq0, keys, rows = merge(batch, parts)
    assert (seq0, len(keys)) == (0, 64)
    assert [r["doc_id"] for r in rows["documents"]] == [f"d{i}" for i in range(64)]


def test_local_cluster_equals_local(corpus, local_tables, tmp_path):
    """Runs before the module's scheduler starts, so the two clusters do not compete for the cores."""
    run([corpus], out=tmp_path, batch_size=3, max_chars=2_000_000, engine="dask")
    _assert_same(local_tables, load_tables(tmp_path))


def test_cli_dask_scheduler_equals_local(scheduler, corpus, local_tables, tmp_path):
    out = tmp_path / "dask"
    r = subprocess.run([*SITREP, "run", str(corpus), "--out", str(out), "--engine", "dask", "--scheduler", scheduler,
                        "--batch-size", "3", "--max-chars", "2000000", "--quiet"], env=ENV, capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    _assert_same(local_tables, load_tables(out))


def test_batch_that_dies_on_the_cluster_is_redone_document_by_document(scheduler, corpus, local_tables, tmp_path,
                                                                       monkeypatch):
    real = dask_engine._run_batch

    def dies_on_batches(model, batch):  # a local function: pickled by value, so the workers run this one
        if len(batch) > 1:
            raise MemoryError("worker lost")
        return real(model, batch)

    monkeypatch.setattr(dask_engine, "_run_batch", dies_on_batches)
    run([corpus], out=tmp_path, batch_size=3, max_chars=2_000_000, engine="dask", scheduler=scheduler)
    _assert_same(local_tables, load_tables(tmp_path))


def test_only_twice_the_worker_threads_are_in_flight(scheduler):
    pulled = 0

    def items():
        nonlocal pulled
        for i in range(100):
            pulled += 1
            yield i, Article(doc_id=f"d{i}", text="Rebels shelled Azaz on Friday.")

    results = dask_engine.run_dask(items(), batch_size=1, scheduler=scheduler)
    seq0, keys, rows = next(results)
    results.close()
    assert (seq0, pulled) == (0, 4)  # 2 workers x 1 thread x 2 batches of 1, first result yielded in order
    assert [r["doc_id"] for r in rows["documents"]] == ["d0"]


def test_unreachable_scheduler_is_a_one_line_error(corpus, tmp_path):
    t = time.perf_counter()
    r = subprocess.run([*SITREP, "run", str(corpus), "--out", str(tmp_path), "--engine", "dask", "--scheduler",
                        f"tcp://127.0.0.1:{_free_port()}", "--quiet"], env={**ENV, "SITREP_DASK_TIMEOUT": "1s"},
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    msg = " ".join(r.stderr.split())
    assert "error: cannot reach the Dask scheduler at tcp://127.0.0.1:" in msg
    assert "Traceback" not in r.stderr
    assert time.perf_counter() - t < 30
