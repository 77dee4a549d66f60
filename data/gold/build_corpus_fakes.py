"""Lay out character offsets for the FA-KES corpus gold from the hand annotation `corpus-fakes.ann`.

The actor decisions are in the .ann file (made by reading the texts, see CORPUS.md); this script only finds where
each annotated surface form occurs, so that the gold's offsets are exact and reproducible. It reads the texts from
`../shared/data/fakes/fakes.jsonl` (FA-KES, CC BY 4.0, may ship) and writes `corpus-fakes.json` with the texts in
it, so the scorer never needs ../shared. Without the dataset it says so and exits 0.

    python data/gold/build_corpus_fakes.py [--fakes PATH] [--review]
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_FAKES = HERE.parents[2] / "shared" / "data" / "fakes" / "fakes.jsonl"
N_ARTICLES = 40
MIN_CHARS, MAX_CHARS = 300, 900
SELECTION = (f"FA-KES articles whose id occurs once in fakes.jsonl and whose text has {MIN_CHARS}-{MAX_CHARS} "
             f"characters; sources in alphabetical order, each source's articles in id order; taken round-robin "
             f"(the 1st of every source, then the 2nd, ...) until {N_ARTICLES}")
LINE = re.compile(r"^(?P<surface>.+?)(?:\s+#(?P<nth>\d+))?\s+=>\s+(?P<actor>\S+)$")


def select(rows: list[dict]) -> list[dict]:
    """The deterministic selection rule (SELECTION): short articles, spread over outlets."""
    count = collections.Counter(r["id"] for r in rows)
    by_source: dict[str, list[dict]] = collections.defaultdict(list)
    for r in sorted(rows, key=lambda r: r["id"]):
        if count[r["id"]] == 1 and MIN_CHARS <= len(r["text"]) <= MAX_CHARS:
            by_source[r["source"]].append(r)
    out: list[dict] = []
    i = 0
    while len(out) < N_ARTICLES and any(i < len(v) for v in by_source.values()):
        for s in sorted(by_source):
            if i < len(by_source[s]) and len(out) < N_ARTICLES:
                out.append(by_source[s][i])
        i += 1
    return out


def parse_ann(path: Path) -> tuple[dict[str, dict], dict[str, list[tuple[str, int | None, str]]]]:
    """Actors ("@actor KEY | TYPE | NAME") and, per article, (surface, nth or None, actor key or '-')."""
    actors: dict[str, dict] = {}
    docs: dict[str, list] = {}
    cur = None
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@actor "):
            key, typ, name = (x.strip() for x in line[len("@actor "):].split("|"))
            actors[key] = {"type": typ, "name": name, "generic": key.startswith("generic:")}
        elif line.startswith("== "):
            cur = line[3:].strip()
            docs[cur] = []
        else:
            m = LINE.match(line)
            if not m or cur is None:
                raise ValueError(f"{path.name}:{n}: cannot read {raw!r}")
            if m["actor"] != "-" and m["actor"] not in actors:
                raise ValueError(f"{path.name}:{n}: undeclared actor {m['actor']}")
            docs[cur].append((m["surface"], int(m["nth"]) if m["nth"] else None, m["actor"]))
    return actors, docs


def occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Whole-word, case-sensitive occurrences (a hyphen is not a word character: "SANA-Terrorist" has SANA)."""
    pat = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pat.finditer(text)]


def layout(text: str, entries: list[tuple[str, int | None, str]], doc: str) -> list[tuple[int, int, str]]:
    """Spans for one article: N-th-occurrence entries first, then longer surfaces before shorter ones; a
    character is claimed once. Every entry must claim something, so a typo in the .ann fails loudly."""
    claimed = [False] * len(text)
    spans: list[tuple[int, int, str]] = []
    order = sorted(range(len(entries)), key=lambda i: (entries[i][1] is None, -len(entries[i][0]), i))
    for i in order:
        surface, nth, actor = entries[i]
        occ = occurrences(text, surface)
        if nth is not None:
            if nth > len(occ):
                raise ValueError(f"{doc}: {surface!r} #{nth}: only {len(occ)} occurrences")
            occ = [occ[nth - 1]]
        free = [(s, e) for s, e in occ if not any(claimed[s:e])]
        if not free:
            raise ValueError(f"{doc}: {surface!r} claims nothing")
        for s, e in free:
            claimed[s:e] = [True] * (e - s)
            if actor != "-":
                spans.append((s, e, actor))
    return sorted(spans)


def build(rows: list[dict], ann: Path) -> dict:
    actors, docs = parse_ann(ann)
    chosen = select(rows)
    ids = [r["id"] for r in chosen]
    if sorted(ids) != sorted(docs):
        raise ValueError(f"annotated ids differ from the selection: missing {sorted(set(ids) - set(docs))}, "
                         f"extra {sorted(set(docs) - set(ids))}")
    documents, mentions = [], []
    gold_actors: dict[str, dict] = {}
    for r in chosen:
        doc_id = f"fakes-{r['id']}"
        documents.append({"doc_id": doc_id, "fakes_id": r["id"], "title": r["title"], "source": r["source"],
                          "date": r["date"], "label": r["label"], "text": r["text"]})
        for s, e, key in layout(r["text"], docs[r["id"]], r["id"]):
            a = actors[key]
            # a generic class is one corpus actor, like ACLED's generic sides ("Rebels (Syria)"): never the
            # same actor as a named group; the scorer can also score it per article (CORPUS.md)
            akey = key
            ga = gold_actors.setdefault(akey, {"actor": akey, "name": a["name"], "type": a["type"],
                                               "generic": a["generic"], "surface_forms": [], "docs": []})
            if r["text"][s:e] not in ga["surface_forms"]:
                ga["surface_forms"].append(r["text"][s:e])
            if doc_id not in ga["docs"]:
                ga["docs"].append(doc_id)
            mentions.append({"doc_id": doc_id, "start_char": s, "end_char": e, "text": r["text"][s:e],
                             "actor": akey})
    out_actors = []
    for ga in sorted(gold_actors.values(), key=lambda a: a["actor"]):
        ga["n_mentions"] = sum(m["actor"] == ga["actor"] for m in mentions)
        ga["n_docs"] = len(ga.pop("docs"))
        out_actors.append(ga)
    return {"kind": "corpus", "dataset": "FA-KES", "selection": SELECTION,
            "licence": "CC BY 4.0 (Abu Salem et al., ICWSM 2019; Zenodo 2607278; github fmohsen/Fake-news-res "
                       "@396124a)",
            "annotation": "corpus-fakes.ann (by hand, from the texts); conventions in CORPUS.md",
            "n_documents": len(documents), "n_mentions": len(mentions), "n_actors": len(out_actors),
            "documents": documents, "actors": out_actors, "mentions": mentions}


def review(corpus: dict) -> str:
    """Each article with its mentions bracketed, for reading the annotation back against the text."""
    out = []
    for d in corpus["documents"]:
        ms = [m for m in corpus["mentions"] if m["doc_id"] == d["doc_id"]]
        t, pos, parts = d["text"], 0, []
        for m in ms:
            parts += [t[pos:m["start_char"]], f"[{m['text']}|{m['actor'].split('@')[0]}]"]
            pos = m["end_char"]
        parts.append(t[pos:])
        out.append(f"== {d['doc_id']}\n" + "".join(parts))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fakes", type=Path, default=DEFAULT_FAKES)
    ap.add_argument("--ann", type=Path, default=HERE / "corpus-fakes.ann")
    ap.add_argument("--out", type=Path, default=HERE / "corpus-fakes.json")
    ap.add_argument("--review", action="store_true", help="print the texts with the mentions bracketed")
    a = ap.parse_args(argv)
    if not a.fakes.exists():
        print(f"FA-KES not found at {a.fakes}: nothing built", file=sys.stderr)
        return 0
    rows = [json.loads(x) for x in a.fakes.read_text(encoding="utf-8").splitlines() if x.strip()]
    corpus = build(rows, a.ann)
    if a.review:
        print(review(corpus))
        return 0
    a.out.write_text(json.dumps(corpus, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{a.out.name}: {corpus['n_documents']} articles, {corpus['n_mentions']} mentions, "
          f"{corpus['n_actors']} actors")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
