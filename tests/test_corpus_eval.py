"""Corpus gold scoring: B-cubed on hand examples, alignment, and `sitrep eval` reporting and gating corpus.*"""
from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

from pipeline.corpus_eval import align, bcubed, score
from pipeline.evaluate import compare, load_gold

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "data" / "gold"


def approx(x: Fraction):
    return pytest.approx(float(x), abs=1e-12)


def test_bcubed_false_merge():
    # gold {a,b} {c}; all three predicted in one cluster
    p, r, f = bcubed({"a": 1, "b": 1, "c": 2}, {"a": "X", "b": "X", "c": "X"})
    assert p == approx(Fraction(5, 9))  # a, b: 2/3; c: 1/3
    assert r == 1.0
    assert f == approx(Fraction(5, 7))


def test_bcubed_split():
    p, r, f = bcubed({"a": 1, "b": 1, "c": 1}, {"a": "X", "b": "Y", "c": "Y"})
    assert p == 1.0
    assert r == approx(Fraction(5, 9))  # a: 1/3; b, c: 2/3
    assert f == approx(Fraction(5, 7))


def test_bcubed_unmatched_gold_is_a_singleton():
    # b has no predicted mention: its own cluster, so recall drops and precision does not
    assert bcubed({"a": 1, "b": 1}, {"a": "X"}) == (1.0, 0.5, pytest.approx(2 / 3))
    # two unmatched gold mentions are two singletons, not one cluster
    assert bcubed({"a": 1, "b": 1}, {}) == (1.0, 0.5, pytest.approx(2 / 3))
    # an unmatched singleton gold actor costs nothing
    assert bcubed({"a": 1, "b": 2}, {"a": "X"}) == (1.0, 1.0, 1.0)
    # a predicted label on an item that is not gold (an unmatched prediction) is ignored
    assert bcubed({"a": 1}, {"a": "X", "zz": "X"}) == (1.0, 1.0, 1.0)
    assert bcubed({}, {}) == (1.0, 1.0, 1.0)


def test_align_largest_overlap_first_one_to_one():
    gold = [(0, 10), (12, 20)]
    pred = [(0, 5), (3, 15), (30, 40)]
    # g0-p1 overlaps 7 > g0-p0 5 > g1-p1 3: g0 takes p1, g1 is then left without a partner
    assert align(gold, pred) == {0: 1}
    assert align([(0, 4), (5, 9)], [(0, 9)]) == {0: 0}  # tie on overlap: the earlier gold mention wins
    assert align([(0, 4)], [(4, 8)]) == {}  # touching is not overlapping


def _corpus():
    text = "Syrian army shelled Aleppo . The regime and the rebels clashed in Aleppo ."
    spans = [("Syrian army", "state:syria"), ("Aleppo", "place:aleppo"), ("regime", "state:syria"),
             ("rebels", "generic:rebels"), ("Aleppo", "place:aleppo")]
    ments, pos = [], 0
    for s, a in spans:
        i = text.index(s, pos)
        ments.append({"doc_id": "d1", "start_char": i, "end_char": i + len(s), "text": s, "actor": a})
        pos = i + len(s)
    return text, {"documents": [{"doc_id": "d1", "text": text}], "mentions": ments,
                  "actors": [{"actor": "generic:rebels", "generic": True}]}


def _pred(text, rows):
    out = []
    for k, (s, occ, aid) in enumerate(rows):
        i = -1
        for _ in range(occ):
            i = text.index(s, i + 1)
        out.append({"doc_id": "d1", "mention_id": f"m{k}", "start_char": i, "end_char": i + len(s), "text": s,
                    "actor_id": aid})
    return pd.DataFrame(out)


def test_score_end_to_end_with_merge_split_and_unmatched():
    text, corpus = _corpus()
    pred = _pred(text, [
        ("Syrian army shelled", 1, "faction:x"),   # wider span, still aligned to "Syrian army"
        ("regime", 1, "faction:x"),
        ("rebels", 1, "faction:x"),                # false merge: rebels with the regime
        ("Aleppo", 1, "place:aleppo"),
        ("Aleppo", 2, None),                       # unlinked: a singleton
        ("clashed", 1, "place:aleppo"),            # overlaps no gold mention: ignored
    ])
    r = score([corpus], pred)
    # gold: {army, regime} {rebels} {Aleppo1, Aleppo2}; pred: {army, regime, rebels} {Aleppo1} {Aleppo2}
    # P = (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15 ; R = (1 + 1 + 1 + 1/2 + 1/2) / 5 = 4/5
    m = r["metrics"]
    assert m["corpus.bcubed_p"] == round(11 / 15, 4)
    assert m["corpus.bcubed_r"] == 0.8
    assert m["corpus.bcubed_f1"] == round(2 * (11 / 15) * 0.8 / (11 / 15 + 0.8), 4)
    d = r["detail"]
    assert d["n_gold_mentions"] == 5 and d["n_matched"] == 5
    assert d["false_merges"][0]["actor_id"] == "faction:x"
    assert d["false_merges"][0]["gold_actors"] == {"state:syria": 2, "generic:rebels": 1}
    assert d["splits"] == [{"actor": "place:aleppo", "loss_r": 0.2,
                            "predicted": {"place:aleppo": 1, "(unlinked)": 1}}]
    # scoping the generic class to its article changes nothing here (one article)
    assert d["per_article_generics"]["bcubed_p"] == m["corpus.bcubed_p"]


def test_unmatched_gold_mention_in_score():
    text, corpus = _corpus()
    pred = _pred(text, [("Syrian army", 1, "s"), ("regime", 1, "s"), ("rebels", 1, "r"), ("Aleppo", 1, "a")])
    m = score([corpus], pred)["metrics"]
    # the second Aleppo has no prediction: its own cluster; R = (1 + 1 + 1 + 1/2 + 1/2) / 5
    assert m["corpus.bcubed_p"] == 1.0 and m["corpus.bcubed_r"] == 0.8


def test_load_gold_skips_the_corpus_file():
    names = [p.name for p, _ in load_gold(GOLD)]
    assert "corpus-fakes.json" not in names and "metrics.json" not in names
    assert all("doc_id" in g for _, g in load_gold(GOLD))


def test_missing_baseline_metric_is_a_drop():
    base = {"metrics": {"corpus.bcubed_p": 0.9, "actors.f1": 0.5}}
    assert compare({"metrics": {"actors.f1": 0.5}, "found": []}, base, 0.0) == ["corpus.bcubed_p: 0.9 -> not measured"]


def test_corpus_file_matches_its_texts():
    c = json.loads((GOLD / "corpus-fakes.json").read_text(encoding="utf-8"))
    texts = {d["doc_id"]: d["text"] for d in c["documents"]}
    assert len(texts) >= 40 and len(c["mentions"]) >= 300
    actors = {a["actor"] for a in c["actors"]}
    for m in c["mentions"]:
        assert texts[m["doc_id"]][m["start_char"]:m["end_char"]] == m["text"]
        assert m["actor"] in actors
    # the conventions the gold exists for
    form = {(m["text"], m["actor"]) for m in c["mentions"]}
    assert ("Syria", "place:syria") in form and ("Syrian army", "state:syria") in form
    assert ("Assad regime", "state:syria") in form and ("US-led coalition", "faction:us-led-coalition") in form
    assert {("Daesh", "faction:isis"), ("ISIL", "faction:isis"), ("ISIS", "faction:isis")} <= form
    assert ("rebels", "generic:rebels") in form


def test_sitrep_eval_reports_and_gates_corpus(tmp_path):
    """A two-article corpus gold beside no per-article gold: eval runs the pipeline on those two articles,
    reports the corpus keys, and fails against a baseline they are below."""
    full = json.loads((GOLD / "corpus-fakes.json").read_text(encoding="utf-8"))
    keep = [d["doc_id"] for d in full["documents"][:2]]
    small = {**full, "documents": [d for d in full["documents"] if d["doc_id"] in keep],
             "mentions": [m for m in full["mentions"] if m["doc_id"] in keep]}
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "corpus-test.json").write_text(json.dumps(small), encoding="utf-8")
    base = tmp_path / "metrics.json"
    base.write_text(json.dumps({"metrics": {"corpus.bcubed_p": 1.01, "corpus.bcubed_r": 0.0}, "found": []}))
    res = subprocess.run([sys.executable, "-m", "pipeline.cli", "eval", str(tmp_path / "gold"), "--baseline",
                          str(base), "--json", str(tmp_path / "m.json")], capture_output=True, text=True)
    assert res.returncode == 1, res.stdout + res.stderr
    assert "corpus.bcubed_p: 1.01 ->" in res.stdout
    out = json.loads((tmp_path / "m.json").read_text())
    assert set(out["metrics"]) == {"corpus.bcubed_p", "corpus.bcubed_r", "corpus.bcubed_f1"}
    assert out["corpus"]["n_docs"] == 2 and out["corpus"]["n_docs_predicted"] == 2
    assert out["n_docs"] == 0
