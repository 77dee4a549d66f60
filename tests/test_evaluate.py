"""`sitrep eval`: scores against gold, and the baseline gate fails on a planted regression."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.evaluate import compare, evaluate

ROOT = Path(__file__).resolve().parents[1]
SEED = "daraa-al-balad-2021-07-28"


@pytest.fixture(scope="module")
def seed_gold(tmp_path_factory):
    d = tmp_path_factory.mktemp("gold")
    for ext in ("json", "txt"):
        shutil.copy(ROOT / "data" / "gold" / f"{SEED}.{ext}", d / f"{SEED}.{ext}")
    return d


@pytest.fixture(scope="module")
def seed_pred(tmp_path_factory, seed_gold):
    from pipeline.evaluate import load_gold, predict

    return predict(load_gold(seed_gold), tmp_path_factory.mktemp("pred"))


def sitrep_eval(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline.cli", "eval", *args], capture_output=True, text=True)


def test_metrics_shape_and_counts(seed_gold, seed_pred):
    r = evaluate(seed_gold, pred=seed_pred)
    m = r["metrics"]
    assert r["n_docs"] == 1
    assert r["counts"]["actors_req"] == 11 and r["counts"]["quotes_req"] == 7 and r["counts"]["incidents_req"] == 3
    for k in ("actors.f1", "quotes.f1", "quotes.speaker_acc", "incidents.f1", "incidents.killed_acc", "not_hits"):
        assert k in m
    assert 0 <= m["actors.recall"] <= 1
    assert all(x.startswith(f"{SEED}|") for x in r["found"])


def test_gate_passes_on_itself_and_fails_on_planted_item(tmp_path, seed_gold, seed_pred):
    base = tmp_path / "metrics.json"
    first = sitrep_eval(str(seed_gold), "--pred", str(seed_pred), "--baseline", str(base))
    assert first.returncode == 0, first.stdout + first.stderr
    assert base.exists()
    again = sitrep_eval(str(seed_gold), "--pred", str(seed_pred), "--baseline", str(base))
    assert again.returncode == 0
    assert "no metric dropped" in again.stdout
    planted = tmp_path / "planted"
    shutil.copytree(seed_gold, planted)
    g = json.loads((planted / f"{SEED}.json").read_text())
    g["actors"].append({"name": "Zorblax Quintavius", "type": "person", "aliases": [], "required": True})
    (planted / f"{SEED}.json").write_text(json.dumps(g))
    bad = sitrep_eval(str(planted), "--pred", str(seed_pred), "--baseline", str(base), "--json",
                      str(tmp_path / "m.json"))
    assert bad.returncode == 1
    assert "actors.recall" in bad.stdout
    assert json.loads((tmp_path / "m.json").read_text())["counts"]["actors_req"] == 12


def test_lost_required_item_is_a_regression():
    base = {"metrics": {"actors.recall": 0.5, "not_hits": 2}, "found": ["d|actor|A", "d|actor|B"]}
    now = {"metrics": {"actors.recall": 0.5, "not_hits": 2}, "found": ["d|actor|A", "d|actor|C"]}
    assert compare(now, base, 0.0) == ["required item no longer found: d|actor|B"]
    worse = {"metrics": {"actors.recall": 0.45, "not_hits": 3}, "found": base["found"]}
    assert compare(worse, base, 0.0) == ["actors.recall: 0.5 -> 0.45", "not_hits: 2 -> 3"]
    assert compare(worse, base, 0.1) == ["not_hits: 2 -> 3"]


def test_an_actor_split_under_two_ids_is_one_right_row_and_one_wrong():
    from pipeline.evaluate import _score_actors, _Tally

    gold = {"actors": [{"name": "Syrian Observatory for Human Rights", "type": "org", "aliases": ["Observatory"],
                        "required": True}]}
    split = [{"type": "org", "names": ["Syrian Observatory for Human Rights"]},
             {"type": "org", "names": ["Observatory"]}]
    counts = {"actors_req": 0, "actors_found": 0, "actors_pred": 0, "actors_pred_ok": 0, "actors_split": 0}
    _score_actors(_Tally("d", counts), gold, split)
    c = counts
    assert (c["actors_found"], c["actors_pred"], c["actors_pred_ok"], c["actors_split"]) == (1, 2, 1, 1)
    counts = dict.fromkeys(counts, 0)
    _score_actors(_Tally("d", counts), gold, [{"type": "org", "names": ["Syrian Observatory for Human Rights",
                                                                        "Observatory"]}])
    assert (counts["actors_pred"], counts["actors_pred_ok"], counts["actors_split"]) == (1, 1, 0)
