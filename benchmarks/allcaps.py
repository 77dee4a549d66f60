"""Entity F1 on text as written, upper-cased, and upper-cased then truecased (pipeline/truecase.py).

    .venv/bin/python benchmarks/allcaps.py [--re3d ../shared/data/re3d] [--gold data/gold]

re3d: the entity F1 of ../shared/eval/re3d.py (same gold units, same overlap rule), computed in this process so
that truecasing can be switched off; reported for the whole dev set and for its two halves (documents by sorted
id parity: half 0 is the one the truecaser's thresholds were chosen on). Gold set: `sitrep eval`'s actors F1 on
the texts upper-cased. Upper-casing keeps each character's place (a character whose capital is longer, "ß", is
left as it is), so gold offsets stay valid. Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from contextlib import nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def upper(text: str) -> str:
    """Upper case, one character for one character."""
    return "".join(u if len(u := c.upper()) == 1 else c for c in text)


def _switch(nlp, truecase: bool):
    return nullcontext() if truecase else nlp.select_pipes(disable=["sitrep_truecase"])


def re3d_scores(root: Path, nlp) -> dict:
    sys.path.insert(0, str(ROOT.parent / "shared" / "eval"))
    import re3d  # the shared scorer: load(), units(), overlaps(), PRED

    from pipeline.ingest import Article
    from pipeline.rows import doc_rows

    docs, ents, _syn = re3d.load(root)
    units = re3d.units(ents)
    ids = sorted(docs)
    halves = {0: set(ids[0::2]), 1: set(ids[1::2])}

    def f1(pred: list, keep: set) -> float:
        us = [u for u in units if u[0] in keep]
        ps = [p for p in pred if p[0] in keep]
        by_doc: dict = {}
        for p in ps:
            by_doc.setdefault(p[0], []).append(p)
        ubd: dict = {}
        for u in us:
            ubd.setdefault(u[0], []).append(u)
        found = sum(any(re3d.overlaps(u, p) for p in by_doc.get(u[0], [])) for u in us)
        right = sum(any(re3d.overlaps(p, u) for u in ubd.get(p[0], [])) for p in ps)
        p_, r_ = right / max(1, len(ps)), found / max(1, len(us))
        return round(2 * p_ * r_ / max(1e-9, p_ + r_), 3)

    out = {}
    for variant, fn, truecase in (("as_written", str, True), ("upper", upper, False),
                                  ("upper_truecased", upper, True)):
        pred = []
        with _switch(nlp, truecase):
            texts = [(fn(docs[i]), i) for i in ids]
            for doc, i in nlp.pipe(texts, as_tuples=True):
                for m in doc_rows(doc, Article(doc_id=i, text=docs[i]))["mentions"]:
                    if m["label"] in re3d.PRED:
                        pred.append((i, m["start_char"], m["end_char"], re3d.PRED[m["label"]]))
        out[variant] = {"f1": f1(pred, set(ids)), "half0": f1(pred, halves[0]), "half1": f1(pred, halves[1])}
    return out


def gold_scores(gold: Path, nlp) -> dict:
    from pipeline.evaluate import evaluate, load_gold

    out = {}
    work = Path(tempfile.mkdtemp(prefix="allcaps-gold-"))
    try:
        for variant, fn, truecase in (("as_written", str, True), ("upper", upper, False),
                                      ("upper_truecased", upper, True)):
            d = work / variant
            d.mkdir()
            for p, g in load_gold(gold):
                (d / g["text_file"]).write_text(fn((p.parent / g["text_file"]).read_text(encoding="utf-8")),
                                                encoding="utf-8")
                shutil.copy(p, d / p.name)
            with _switch(nlp, truecase):
                m = evaluate(d)["metrics"]
            out[variant] = {k: m[k] for k in ("actors.f1", "quotes.f1", "incidents.f1") if k in m}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--re3d", default=str(ROOT.parent / "shared" / "data" / "re3d"))
    ap.add_argument("--gold", default=str(ROOT / "data" / "gold"))
    a = ap.parse_args()
    from pipeline.nlp import get_nlp

    nlp = get_nlp()
    res = {}
    if Path(a.re3d).exists():
        res["re3d"] = re3d_scores(Path(a.re3d), nlp)
    if Path(a.gold).exists():
        res["gold"] = gold_scores(Path(a.gold), nlp)
    for name, r in res.items():
        if "as_written" in r:
            key = "f1" if name == "re3d" else "actors.f1"
            base = r["as_written"][key]
            for v in ("upper", "upper_truecased"):
                r[v]["ratio_to_as_written"] = round(r[v][key] / base, 3) if base else None
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
