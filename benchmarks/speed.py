"""How fast is `sitrep run` next to bare spaCy, where does its time go, and which model components can go?

usage (from the repo root):
  python benchmarks/speed.py [CORPUS.jsonl] [--rounds 2] [--n-process 1 2]   throughput + peak RSS, side by side
  python benchmarks/speed.py [CORPUS.jsonl] --components [--limit 300]     nlp.pipe words/s with components off
  python benchmarks/speed.py [CORPUS.jsonl] --profile 200 [--top 25]       cProfile of one 1-process run
CORPUS defaults to ../shared/data/fakes/fakes.jsonl (FA-KES). Every timing alternates the sides being compared
(A B A B ...) in one run and reports medians, because the machine is shared and timings drift.
"""
from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "fakes" / "fakes.jsonl"

# Bare spaCy: the model the project resolves, loaded whole (as ../shared/eval/speed.py does), over the texts.
BARE = r"""
import json, sys, spacy
from pipeline.nlp import resolve_model
nlp = spacy.load(resolve_model())
texts = (json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8") if l.strip())
for doc in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[2])):
    pass
"""
# Runs a command and reports its exit code and the peak RSS (KiB) of the largest process under it.
PEAK = ("import resource,subprocess,sys; r=subprocess.run(sys.argv[1:], capture_output=True); "
        "sys.stderr.buffer.write(r.stderr[-2000:]); "
        "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def read_texts(path: Path, limit: int | None = None) -> list[str]:
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                out.append(json.loads(line)["text"])
                if limit and len(out) >= limit:
                    break
    return out


def n_words(texts: list[str]) -> int:
    """Whitespace words, the unit of ../shared/eval/speed.py."""
    return sum(len(t.split()) for t in texts)


def timed(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (MiB) of one whole process, model load included."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", PEAK, *cmd], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t
    rc, rss = p.stdout.split()[-2:]
    if rc != "0":
        raise SystemExit(f"command failed ({rc}): {' '.join(cmd)}\n{p.stderr}")
    return wall, int(rss) // 1024


def throughput(corpus: Path, rounds: int, procs: list[int]) -> None:
    words = n_words(read_texts(corpus))
    work = Path(tempfile.mkdtemp(prefix="sitrep-bench-"))
    sides = []
    for n in procs:
        sides.append((f"bare nlp.pipe n_process={n}", lambda n=n: [sys.executable, "-c", BARE, str(corpus), str(n)]))
        sides.append((f"sitrep run --n-process {n}", lambda n=n: [sys.executable, "-c",
                      "from pipeline.cli import entry; entry()", "run", str(corpus), "--quiet", "--n-process",
                      str(n), "--out", tempfile.mkdtemp(dir=work)]))
    walls: dict[str, list[float]] = defaultdict(list)
    rss: dict[str, int] = defaultdict(int)
    try:
        for r in range(rounds):
            for name, cmd in sides:
                w, m = timed(cmd())
                walls[name].append(w)
                rss[name] = max(rss[name], m)
                print(f"  round {r + 1}: {name:<32} {w:7.1f} s  {m:5d} MiB", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"\n{corpus.name}: {words:,} words, {rounds} rounds alternating, medians (whole processes, model load "
          f"included)\n")
    print(f"{'side':<32} {'wall s':>8} {'words/s':>9} {'peak RSS MiB':>13}")
    med = {k: statistics.median(v) for k, v in walls.items()}
    for name, _ in sides:
        print(f"{name:<32} {med[name]:8.1f} {words / med[name]:9,.0f} {rss[name]:13d}")
    print()
    for n in procs:
        b, s = med[f"bare nlp.pipe n_process={n}"], med[f"sitrep run --n-process {n}"]
        print(f"ratio sitrep / bare at {n} process(es): {b / s:.3f}  (target >= 0.9)")
    if 1 in procs:
        for n in procs:
            if n > 1:
                sit = med["sitrep run --n-process 1"] / med[f"sitrep run --n-process {n}"]
                bare = med["bare nlp.pipe n_process=1"] / med[f"bare nlp.pipe n_process={n}"]
                print(f"scaling {n} vs 1 process: sitrep {sit:.3f} (target >= 1.7), bare {bare:.3f}")


def components(corpus: Path, rounds: int, limit: int) -> None:
    """nlp.pipe words/s in this process with base-model components excluded, alternating the variants."""
    import spacy

    from pipeline.nlp import UNUSED, resolve_model

    texts = read_texts(corpus, limit)
    words = n_words(texts)
    name = resolve_model()
    today = list(UNUSED)  # what pipeline/nlp.py leaves out; every other variant leaves out more
    minus = " ".join(f"- {c}" for c in today)
    variants = {
        "full model": [],
        f"{minus} (sitrep today)": today,
        f"{minus} - attribute_ruler": [*today, "attribute_ruler"],
        f"{minus} - attribute_ruler - tagger": [*today, "attribute_ruler", "tagger"],
        "- ner (not an option: for scale)": [*today, "ner"],
        "- parser (not an option: for scale)": [*today, "parser"],
    }
    models = {k: spacy.load(name, exclude=v) for k, v in variants.items()}
    for nlp in models.values():  # warm up
        list(nlp.pipe(texts[:20]))
    secs: dict[str, list[float]] = defaultdict(list)
    order = list(models.items())
    for r in range(rounds):
        for k, nlp in order[r % len(order):] + order[:r % len(order)]:  # each round starts at another variant
            t = time.perf_counter()
            for _doc in nlp.pipe(texts, batch_size=64):
                pass
            secs[k].append(time.perf_counter() - t)
    base = statistics.median(secs["full model"])
    print(f"\n{name}, {len(texts)} articles, {words:,} words, {rounds} rounds alternating (no model load)\n")
    print(f"{'variant':<42} {'words/s':>9} {'time vs full':>13}")
    for k in variants:
        m = statistics.median(secs[k])
        print(f"{k:<42} {words / m:9,.0f} {m / base:13.2f}")
    full = models["full model"]
    timing = defaultdict(float)
    docs = [full.make_doc(t) for t in texts]
    for pname, proc in full.pipeline:
        t = time.perf_counter()
        docs = list(proc.pipe(docs, batch_size=64))
        timing[pname] += time.perf_counter() - t
    total = sum(timing.values())
    print("\nshare of nlp.pipe time per component (full model, one pass):")
    for pname, s in timing.items():
        print(f"  {pname:<18} {s / total:6.1%}")


def profile(corpus: Path, n: int, top: int) -> None:
    """cProfile one 1-process `api.run` on the first n articles; time grouped by where it is spent."""
    from pipeline.api import run
    from pipeline.nlp import get_nlp

    work = Path(tempfile.mkdtemp(prefix="sitrep-prof-"))
    src = work / "in.jsonl"
    with corpus.open(encoding="utf-8") as f, src.open("w", encoding="utf-8") as g:
        for i, line in enumerate(f):
            if i >= n:
                break
            g.write(line)
    get_nlp()  # model load is not what we look for here
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    run([src], out=work / "out")
    prof.disable()
    wall = time.perf_counter() - t
    shutil.rmtree(work, ignore_errors=True)
    st = pstats.Stats(prof)
    groups: dict[str, float] = defaultdict(float)
    for (file, _line, _fn), (_cc, _nc, tt, _ct, _callers) in st.stats.items():
        groups[_group(file)] += tt
    total = sum(groups.values())
    print(f"\n{n} articles, {wall:.1f} s wall under cProfile; own time by where the code lives:\n")
    for g, s in sorted(groups.items(), key=lambda x: -x[1]):
        if s / total >= 0.005 or g.startswith("pipeline/"):
            print(f"  {g:<44} {s:7.2f} s {s / total:6.1%}")
    print(f"\ntop {top} functions by own time outside spaCy/thinc:\n")
    rows = [(tt, f"{Path(file).name}:{line} {fn}", nc) for (file, line, fn), (_cc, nc, tt, _ct, _c) in st.stats.items()
            if _group(file).split(" ")[0] not in ("spacy", "thinc", "numpy")]
    for tt, where, nc in sorted(rows, reverse=True)[:top]:
        print(f"  {tt:7.3f} s {nc:9d} calls  {where}")


THINC_EXT = {"numpy_ops", "linear", "backprop", "sparselinear"}


def _group(file: str) -> str:
    """Which library a profiled function belongs to (Cython frames only carry their file name)."""
    p = file.replace("\\", "/")
    if "site-packages/" in p:
        return p.split("site-packages/", 1)[1].split("/", 1)[0].split(".")[0]
    if p.endswith((".pyx", ".pxd")):
        return "thinc" if Path(p).stem in THINC_EXT else "spacy"
    if "/pipeline/" in p:
        return "pipeline/" + p.split("/pipeline/", 1)[1]
    if p.startswith("<") or p == "~":
        return "builtins (C calls: regex, json, io, ...)"
    return "stdlib"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--n-process", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--components", action="store_true", help="ablation of base-model components")
    ap.add_argument("--limit", type=int, default=300, help="articles for --components")
    ap.add_argument("--profile", type=int, metavar="N", help="cProfile a 1-process run on the first N articles")
    ap.add_argument("--top", type=int, default=25)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    if a.components:
        components(a.corpus, a.rounds, a.limit)
    elif a.profile:
        profile(a.corpus, a.profile, a.top)
    else:
        throughput(a.corpus, a.rounds, a.n_process)


if __name__ == "__main__":
    main()
