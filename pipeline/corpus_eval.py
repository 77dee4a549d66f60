"""Corpus-level actor linking scored with B-cubed against a corpus gold (`data/gold/corpus-*.json`, CORPUS.md).

Why B-cubed: linking is a clustering of mentions into actors across articles. A false merge (the regime and the
rebels under one actor_id) costs precision for every mention in the merged cluster, a split (ISIS and Daesh as
two actors) costs recall, each in proportion to the mentions it touches.

Definitions (CORPUS.md "Scoring"):
- alignment: per document, gold and predicted mentions that share characters are paired one-to-one, largest
  overlap first (ties: earlier gold start, then earlier predicted start);
- an unmatched gold mention is its own predicted singleton; an unmatched predicted mention is ignored;
- a matched gold mention's predicted cluster is its partner's `actor_id` (a null `actor_id` is a singleton);
- for gold mention m: precision(m) = |G(m) ∩ P(m)| / |P(m)|, recall(m) = |G(m) ∩ P(m)| / |G(m)|, with P(m)
  restricted to gold mentions; P and R are means over gold mentions, F1 their harmonic mean.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from pathlib import Path

import pandas as pd

CORPUS_GLOB = "corpus-*.json"
METRIC_KEYS = ("corpus.bcubed_p", "corpus.bcubed_r", "corpus.bcubed_f1")


def corpus_files(gold_dir: Path) -> list[Path]:
    return sorted(Path(gold_dir).glob(CORPUS_GLOB))


def load_corpora(gold_dir: Path) -> list[dict]:
    """Every corpus gold in the folder; actor keys are prefixed with the file stem when there are several, so
    two files never share a cluster by accident."""
    files = corpus_files(gold_dir)
    out = []
    for p in files:
        c = json.loads(p.read_text(encoding="utf-8"))
        if len(files) > 1:
            for x in (*c["mentions"], *c.get("actors", [])):
                x["actor"] = f"{p.stem}/{x['actor']}"
        out.append(c)
    return out


def bcubed(gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable]) -> tuple[float, float, float]:
    """B-cubed (precision, recall, F1) of `pred` against `gold`, both item -> cluster label over the same items.

    Items missing from `pred` are singletons (an unmatched gold mention). Empty gold gives (1, 1, 1)."""
    items = list(gold)
    if not items:
        return 1.0, 1.0, 1.0
    plabel = {m: pred.get(m, ("__singleton__", m)) for m in items}
    gsize = Counter(gold[m] for m in items)
    psize = Counter(plabel[m] for m in items)
    both = Counter((gold[m], plabel[m]) for m in items)
    p = sum(both[gold[m], plabel[m]] / psize[plabel[m]] for m in items) / len(items)
    r = sum(both[gold[m], plabel[m]] / gsize[gold[m]] for m in items) / len(items)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def align(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one pairs gold index -> predicted index by character overlap, largest overlap first."""
    pairs = []
    for i, (gs, ge) in enumerate(gold):
        for j, (ps, pe) in enumerate(pred):
            ov = min(ge, pe) - max(gs, ps)
            if ov > 0:
                pairs.append((-ov, gs, ps, i, j))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, _, _, i, j in sorted(pairs):
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def predicted_clusters(gold_mentions: list[dict], mentions: pd.DataFrame) -> tuple[dict[int, Hashable], dict]:
    """Gold mention index -> predicted cluster (actor_id), for the gold mentions that align to a prediction."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(gold_mentions):
        by_doc[m["doc_id"]].append(i)
    pred: dict[int, Hashable] = {}
    partner: dict[int, dict] = {}
    for doc, idx in by_doc.items():
        pm = mentions[mentions.doc_id == doc]
        prows = list(pm.itertuples(index=False))
        spans = [(int(r.start_char), int(r.end_char)) for r in prows]
        for gi, pj in align([(gold_mentions[i]["start_char"], gold_mentions[i]["end_char"]) for i in idx],
                            spans).items():
            r = prows[pj]
            aid = r.actor_id
            null = aid is None or (isinstance(aid, float) and pd.isna(aid))
            pred[idx[gi]] = ("__unlinked__", doc, r.mention_id) if null else aid
            partner[idx[gi]] = {"text": r.text, "actor_id": None if null else aid}
    return pred, partner


def _errors(gold_mentions: list[dict], gold: dict[int, str], pred: dict[int, Hashable], n: int) -> dict:
    """The worst false merges (predicted clusters holding several gold actors) and splits (gold actors spread
    over several predicted clusters), ranked by the B-cubed mass they cost."""
    total = len(gold) or 1
    plabel = {m: pred.get(m, ("__singleton__", m)) for m in gold}
    members: dict[Hashable, list[int]] = defaultdict(list)
    for m in gold:
        members[plabel[m]].append(m)
    merges = []
    for lab, ms in members.items():
        actors = Counter(gold[m] for m in ms)
        if len(actors) > 1:
            loss = sum(1 - actors[gold[m]] / len(ms) for m in ms) / total
            merges.append({"actor_id": lab if isinstance(lab, str) else None, "loss_p": round(loss, 4),
                           "gold_actors": dict(actors.most_common()),
                           "texts": sorted({gold_mentions[m]["text"] for m in ms})})
    splits = []
    gmembers: dict[str, list[int]] = defaultdict(list)
    for m in gold:
        gmembers[gold[m]].append(m)
    for actor, ms in gmembers.items():
        parts = Counter(plabel[m] for m in ms)
        if len(parts) > 1:
            loss = sum(1 - parts[plabel[m]] / len(ms) for m in ms) / total
            named = Counter()
            for m in ms:
                lab = plabel[m]
                named[lab if isinstance(lab, str) else f"(unmatched: {gold_mentions[m]['text']})"
                      if lab[0] == "__singleton__" else "(unlinked)"] += 1
            splits.append({"actor": actor, "loss_r": round(loss, 4), "predicted": dict(named.most_common())})
    merges.sort(key=lambda x: -x["loss_p"])
    splits.sort(key=lambda x: -x["loss_r"])
    return {"false_merges": merges[:n], "splits": splits[:n]}


def score(corpora: list[dict], mentions: pd.DataFrame, n_errors: int = 10) -> dict:
    """B-cubed metrics over all corpus golds, plus coverage counts and the worst merges and splits."""
    gm = [m for c in corpora for m in c["mentions"]]
    gold = {i: m["actor"] for i, m in enumerate(gm)}
    pred, _ = predicted_clusters(gm, mentions)
    p, r, f = bcubed(gold, pred)
    metrics = dict(zip(METRIC_KEYS, (round(p, 4), round(r, 4), round(f, 4))))
    docs = {m["doc_id"] for m in gm}
    generic = {a["actor"] for c in corpora for a in c.get("actors", []) if a.get("generic")}
    # the other reading of generic sides: the "rebels" of one article are not those of another
    scoped = {i: f"{a}@{gm[i]['doc_id']}" if a in generic else a for i, a in gold.items()}
    detail = {"n_docs": len(docs), "n_gold_mentions": len(gm), "n_matched": len(pred),
              "n_docs_predicted": len(docs & set(mentions.doc_id)),
              "per_article_generics": dict(zip(("bcubed_p", "bcubed_r", "bcubed_f1"),
                                               (round(x, 4) for x in bcubed(scoped, pred)))),
              **_errors(gm, gold, pred, n_errors)}
    return {"metrics": metrics, "detail": detail}


def predict(corpora: list[dict], out: Path, model: str | None = None) -> Path:
    """Run the pipeline over exactly the corpus articles (so actor linking sees these and nothing else)."""
    from .api import run

    out.mkdir(parents=True, exist_ok=True)
    src = out / "corpus-input.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for c in corpora:
            for d in c["documents"]:
                f.write(json.dumps({"id": d["doc_id"], "text": d["text"]}, ensure_ascii=False) + "\n")
    run([src], out=out / "tables", model=model)
    return out / "tables"


def evaluate(gold_dir: Path, pred: Path | None = None, model: str | None = None,
             tmp: Path | None = None) -> dict | None:
    """Score the corpus golds of `gold_dir`; None when there are none. Without `pred` the pipeline runs over
    the corpus articles into `tmp`. With `pred`, tables missing the corpus articles give no metrics (the gate
    then reports them as missing)."""
    corpora = load_corpora(gold_dir)
    if not corpora:
        return None
    from .api import load_tables

    if pred is None:
        if tmp is None:
            raise ValueError("tmp is needed to run the pipeline")
        pred = predict(corpora, tmp, model)
    mentions = load_tables(pred)["mentions"]
    docs = {d["doc_id"] for c in corpora for d in c["documents"]}
    if not mentions.doc_id.isin(docs).any():
        return {"metrics": {}, "detail": {"missing": f"no corpus article in {pred}"}}
    return score(corpora, mentions)
