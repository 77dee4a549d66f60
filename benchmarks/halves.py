"""A dev set in two fixed halves, for tuning on one and checking the other (a rule that helps one half only is fitted).

    python benchmarks/halves.py polnear      # PolNeAR dev: polnear.py and polnear_all.py on each half
    python benchmarks/halves.py case2021     # CASE 2021 dev snippets: case2021.py on each half
    python benchmarks/halves.py geo          # LGL and GeoVirus toponyms: geo.py on each half of each set

The halves are the records sorted by id, at even and odd positions: fixed, independent of the code under test,
and balanced in source and length. One `sitrep run` over the whole set, then `../shared/eval`'s own scorer on
each half with `--out` pointing at that run, so the figures are the scorer's, not ours. Each half's input
file is written to a temporary folder that is removed at exit (the dev data never lands in the repository).
Prints one JSON line per half and benchmark; skips cleanly when ../shared is absent.
"""
from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
DATA = ROOT.parent / "shared" / "data"


def _sitrep() -> str:
    here = Path(sys.executable).with_name("sitrep")
    return str(here) if here.exists() else "sitrep"


def _run(records: list[dict], work: Path) -> Path:
    src, out = work / "input.jsonl", work / "out"
    with src.open("w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    subprocess.run([_sitrep(), "run", str(src), "--out", str(out), "--n-process", "1", "--quiet"], check=True,
                   stdout=subprocess.DEVNULL)
    return out


def _score(script: str, target: Path, out: Path) -> dict:
    proc = subprocess.run([sys.executable, str(EVAL / script), str(target), "--out", str(out)],
                          capture_output=True, text=True, cwd=EVAL)
    line = proc.stdout.strip().splitlines()[:1]
    if not line:
        raise SystemExit(f"{script} gave no result: {proc.stderr.strip()[-400:]}")
    return json.loads(line[0])


def polnear(work: Path) -> list[tuple[str, str, Path, Path]]:
    """Two split folders of attributions.jsonl; the run covers every article."""
    src = DATA / "polnear" / "dev" / "attributions.jsonl"
    recs = sorted((json.loads(x) for x in src.open(encoding="utf-8")), key=lambda r: r["article_id"])
    targets = []
    for half, part in (("even", recs[0::2]), ("odd", recs[1::2])):
        (work / half).mkdir()
        with (work / half / "attributions.jsonl").open("w", encoding="utf-8") as f:
            f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in part)
        targets += [(half, "polnear_all.py", work / half), (half, "polnear.py", work / half)]
    out = _run([{"id": r["article_id"], "text": r["text"], "title": r.get("title"),
                 "published": r.get("publication_date")} for r in recs], work)
    return [(h, s, t, out) for h, s, t in targets]


def case2021(work: Path) -> list[tuple[str, str, Path, Path]]:
    """Two TSVs of snippets (ids as case2021.py names them in its run: `case-<id>`)."""
    src = DATA / "case2021" / "case2021-task2-dev.tsv"
    with src.open(encoding="utf-8") as f:
        reader = csv.DictReader(f, delimiter="\t")
        fields, rows = reader.fieldnames, sorted(reader, key=lambda r: int(r["id"]))
    targets = []
    for half, part in (("even", rows[0::2]), ("odd", rows[1::2])):
        path = work / f"{half}.tsv"
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=fields, delimiter="\t")
            w.writeheader()
            w.writerows(part)
        targets.append((half, "case2021.py", path))
    out = _run([{"id": f'case-{r["id"]}', "text": r["EventSnippet"]} for r in rows], work)
    return [(h, s, t, out) for h, s, t in targets]


def geo(work: Path) -> list[tuple[str, str, Path, Path]]:
    """Each toponym set (LGL, GeoVirus) in two halves by line index in its file: even and odd lines."""
    targets, recs = [], []
    for name in ("lgl", "geovirus"):
        lines = [x for x in (DATA / "geo" / f"{name}.jsonl").read_text(encoding="utf-8").split("\n") if x.strip()]
        for half, part in (("even", lines[0::2]), ("odd", lines[1::2])):
            path = work / f"{name}-{half}.jsonl"
            path.write_text("".join(x + "\n" for x in part), encoding="utf-8")
            targets.append((f"{name}-{half}", "geo.py", path))
        recs += [{"id": r["id"], "text": r["text"]} for r in map(json.loads, lines)]
    out = _run(recs, work)
    return [(h, s, t, out) for h, s, t in targets]


SETS = {"polnear": polnear, "case2021": case2021, "geo": geo}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("set", choices=sorted(SETS))
    a = ap.parse_args()
    if not EVAL.is_dir():
        print("../shared/eval not found: nothing to measure", file=sys.stderr)
        return 0
    work = Path(tempfile.mkdtemp(prefix="sitrep-halves-"))
    try:
        for half, script, target, out in SETS[a.set](work):
            print(json.dumps({"half": half, "bench": script.removesuffix(".py"), **_score(script, target, out)}))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
