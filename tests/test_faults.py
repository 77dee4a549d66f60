"""Bad input never loses data or crashes a batch; killed runs resume; reruns are identical."""
from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import time

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import extract, load_tables, run
from pipeline.schema import SCHEMAS, TABLES

GOOD = ("Government forces shelled the town of Kafr Nabl in Idlib on Tuesday, killing two civilians, "
        "residents said. \u201cWe have nowhere to go,\u201d said Ahmad Khaled, a teacher from the town.")


def good(i: int) -> str:
    return f"Report {i}. " + GOOD


def build_bad_folder(root):
    root.mkdir()
    (root / "good-1.txt").write_text(good(1), encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "blank.md").write_text(" \n\t \n", encoding="utf-8")
    (root / "binary.txt").write_bytes(os.urandom(4096).replace(b"\x00", b"\x01") + b"\x00\x00")
    (root / "latin1.txt").write_bytes(("Caf\u00e9 owners in Homs said the army shelled the market. " * 3)
                                      .encode("latin-1"))
    (root / "cp1252.txt").write_bytes(("\u201cThey shelled us,\u201d said Omar Hassan, a resident of Homs. "
                                       * 2).encode("cp1252"))
    (root / "utf16.txt").write_bytes(codecs.BOM_UTF16_LE + good(2).encode("utf-16-le"))
    (root / "control.txt").write_text("Clashes\x07 in Aleppo\x1b killed three.\x00 " + "\u0627\u0644\u0633\u0644"
                                      "\u0627\u0645 \u2014 \u4e2d\u6587 mixed scripts.", encoding="utf-8")
    (root / "longtoken.txt").write_text("A " + "x" * 200_000 + " token ends here.", encoding="utf-8")
    (root / "huge.txt").write_text("Fighting continued. " * 12000, encoding="utf-8")
    records = [
        json.dumps({"id": "j-good", "text": good(3)}),
        "{this is not json",
        json.dumps({"id": "j-notext", "title": "no text"}),
        json.dumps({"id": "j-null", "text": None}),
        json.dumps({"id": "j-int", "text": 42}),
        json.dumps({"id": "j-date", "text": good(4), "published": "the 45th of Smarch"}),
    ]
    (root / "feed.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    (root / "notext.csv").write_text("id,body\n1,hello\n", encoding="utf-8")
    return root


def test_bad_folder_reports_each_problem_and_keeps_the_rest(tmp_path):
    src = build_bad_folder(tmp_path / "in")
    out = tmp_path / "out"
    p = subprocess.run([sys.executable, "-m", "pipeline.cli", "run", str(src), "--out", str(out), "--quiet",
                        "--max-chars", "210000"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    t = load_tables(out)
    docs = t["documents"].set_index("doc_id")
    errs = t["errors"]
    by_doc = {r.path.rsplit("/", 1)[-1] if pd.isna(r.doc_id) else r.doc_id: (r.error, r.message)
              for r in errs.itertuples()}
    assert by_doc["empty"][0] == "EmptyDocument"
    assert by_doc["blank"][0] == "EmptyDocument"
    assert by_doc["binary"][0] == "DecodeError" and "binary" in by_doc["binary"][1]
    assert by_doc["huge"][0] == "TooLarge" and "210,000" in by_doc["huge"][1]
    assert by_doc["feed:2"][0] == "JSONDecodeError"
    assert by_doc["j-notext"][0] == "MissingText"
    assert by_doc["j-null"][0] == "MissingText"
    assert by_doc["j-int"][0] == "BadText"
    assert by_doc["j-date"][0] == "BadDate"
    assert by_doc["notext.csv"][0] == "MissingTextColumn"
    for d in ("good-1", "latin1", "cp1252", "utf16", "control", "longtoken", "j-good", "j-date"):
        assert docs.loc[d, "status"] == "ok", d
    for d in ("empty", "blank", "binary", "huge", "j-notext", "j-null", "j-int"):
        assert docs.loc[d, "status"] == "error", d
    assert "Caf\u00e9" in docs.loc["latin1", "title"]
    assert docs.loc["cp1252", "title"].startswith("\u201cThey shelled us,\u201d")
    assert docs.loc["utf16", "title"].startswith("Report 2.")
    assert all(isinstance(m, str) and len(m) > 10 for m in errs.message)


def test_two_runs_identical(tmp_path):
    src = build_bad_folder(tmp_path / "in")
    a = run([src], out=tmp_path / "a", max_chars=210_000)
    b = run([src], out=tmp_path / "b", max_chars=210_000)
    assert a.rows == b.rows
    ta, tb = load_tables(tmp_path / "a"), load_tables(tmp_path / "b")
    for name in TABLES:
        pd.testing.assert_frame_equal(ta[name], tb[name])


def test_summary_counts_the_stored_documents(tmp_path):
    """n_ok / n_failed / n_words are counted from the parts, and a resumed run counts the earlier documents too."""
    src = build_bad_folder(tmp_path / "in")
    first = run([src], out=tmp_path / "o", max_chars=210_000)
    again = run([src], out=tmp_path / "o", max_chars=210_000)
    docs = load_tables(tmp_path / "o")["documents"]
    ok = docs["status"] == "ok"
    want = (int(ok.sum()), int((~ok).sum()), int(docs.loc[ok, "n_words"].sum()))
    assert want[0] and want[1]
    for s in (first, again):
        assert (s.n_ok, s.n_failed, s.n_words) == want
    assert again.n_skipped == again.n_inputs


def test_killed_run_resumes_to_the_clean_result(tmp_path):
    src = tmp_path / "corpus.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{i:03d}", "text": good(i) * 3}) + "\n" for i in range(240)),
                   encoding="utf-8")
    clean = tmp_path / "clean"
    run([src], out=clean, batch_size=8)
    out = tmp_path / "killed"
    cmd = [sys.executable, "-m", "pipeline.cli", "run", str(src), "--out", str(out), "--batch-size", "8", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    done = out / ".sitrep" / "parts" / "done"
    deadline = time.time() + 120
    while time.time() < deadline and (not done.exists() or len(list(done.glob("*.parquet"))) < 3):
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    n_parts = len(list(done.glob("*.parquet")))
    assert 3 <= n_parts < 30, "the run was not killed midway"
    assert not (out / "documents.parquet").exists()
    resumed = run([src], out=out, batch_size=8)
    assert resumed.n_skipped == n_parts * 8
    tc, tr = load_tables(clean), load_tables(out)
    for name in TABLES:
        pd.testing.assert_frame_equal(tc[name], tr[name])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_extract_never_raises_and_offsets_index_text(text):
    from pipeline.ingest import clean_text

    t = extract(text, published="2021-07-28")
    cleaned = clean_text(text)
    for name in TABLES:
        assert list(t[name].columns) == [f.name for f in SCHEMAS[name]]
    for r in t["mentions"].itertuples():
        assert cleaned[r.start_char:r.end_char] == r.text
    for r in t["quotes"].itertuples():
        assert 0 <= r.start_char <= r.end_char <= len(cleaned)
    for r in t["incidents"].itertuples():
        assert 0 <= r.start_char <= r.end_char <= len(cleaned)


def _hide_modules(monkeypatch, missing, reimport=()):
    """Make `import name` fail for `missing` as it does when a library is not installed (None in sys.modules);
    the `reimport` modules are forgotten so that importing them runs into the missing one again."""
    for mod in list(sys.modules):
        if any(mod == n or mod.startswith(n + ".") for n in (*missing, *reimport)):
            monkeypatch.delitem(sys.modules, mod)
    for n in missing:
        monkeypatch.setitem(sys.modules, n, None)


def test_missing_html_library_is_an_error_row_and_the_run_completes(tmp_path, monkeypatch):
    """lxml.html.clean gone (pip < 24 skips justext's extra): the HTML file is an error row naming the package;
    the text and JSONL files of the same folder are processed and every table is written; exit code 0."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    src = tmp_path / "in"
    src.mkdir()
    (src / "page.html").write_text(f"<html><body><article><p>{good(1)}</p></article></body></html>",
                                   encoding="utf-8")
    (src / "story.txt").write_text(good(2), encoding="utf-8")
    (src / "feed.jsonl").write_text(json.dumps({"id": "j1", "text": good(3)}) + "\n", encoding="utf-8")
    _hide_modules(monkeypatch, ["lxml.html.clean", "lxml_html_clean"], reimport=["trafilatura", "justext"])
    res = CliRunner().invoke(app, ["run", str(src), "--out", str(tmp_path / "out"), "--quiet"])
    assert res.exit_code == 0, res.output
    t = load_tables(tmp_path / "out")
    assert set(t) >= set(TABLES)
    [err] = t["errors"].itertuples()
    assert (err.doc_id, err.error) == ("page", "MissingDependency")
    assert err.message.startswith("HTML input needs lxml_html_clean: pip install lxml_html_clean")
    docs = t["documents"].set_index("doc_id")["status"].to_dict()
    assert docs == {"page": "error", "story": "ok", "j1": "ok"}
    assert set(t["incidents"]["doc_id"]) == {"story", "j1"}


def test_reader_bug_keeps_the_records_read_before_it(tmp_path, monkeypatch):
    """A parser that raises mid-file: the records before the failure are kept, one row says what was lost."""
    from pipeline import ingest

    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps({"id": f"r{i}", "text": good(i)}) for i in range(3)),
                                         encoding="utf-8")
    real = ingest._record

    def flaky(path, line, rec):
        if line == 2:
            raise RuntimeError("parser bug")
        return real(path, line, rec)

    monkeypatch.setattr(ingest, "_record", flaky)
    items = list(ingest.iter_articles([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Article", "IngestError"]
    assert items[0].doc_id == "r0"
    assert items[1].error == "ReaderError"
    assert items[1].message == ("the JSONL reader failed: RuntimeError: parser bug; the 1 record(s) read before "
                                "the failure were kept, the rest of the file was not read")
