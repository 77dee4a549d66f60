#!/usr/bin/env bash
# PolNeAR dev in two fixed halves (articles by sorted id: even positions / odd positions), for tuning on one
# half and checking on the other. One `sitrep run` over the whole split, then both PolNeAR scorers on each half:
#   bash benchmarks/polnear_halves.sh            # JSON lines: {"half": "even", "bench": "polnear_all", ...}
# Uses the project's .venv (or python3 on PATH); skips cleanly when ../shared is absent.
set -eu  # no pipefail: `head -n 1` closing the scorer's pipe must not end the script
cd "$(dirname "$0")/.."
py=.venv/bin/python; [ -x "$py" ] || py=python3
sitrep=.venv/bin/sitrep; [ -x "$sitrep" ] || sitrep=sitrep
ev=../shared/eval; split=../shared/data/polnear/dev
[ -f "$split/attributions.jsonl" ] || { echo "$split not found: nothing to measure" >&2; exit 0; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$py" - "$split/attributions.jsonl" "$work" <<'PY'
import json, sys
from pathlib import Path
recs = sorted((json.loads(x) for x in open(sys.argv[1], encoding="utf-8")), key=lambda r: r["article_id"])
work = Path(sys.argv[2])
for name, part in (("even", recs[0::2]), ("odd", recs[1::2])):
    (work / name).mkdir()
    with open(work / name / "attributions.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in part)
with open(work / "input.jsonl", "w", encoding="utf-8") as f:
    f.writelines(json.dumps({"id": r["article_id"], "text": r["text"], "title": r.get("title"),
                             "published": r.get("publication_date")}, ensure_ascii=False) + "\n" for r in recs)
PY
"$sitrep" run "$work/input.jsonl" --out "$work/out" --n-process 1 > /dev/null 2>&1
for half in even odd; do
  for bench in polnear_all polnear; do
    "$py" "$ev/$bench.py" "$work/$half" --out "$work/out" 2>/dev/null | head -n 1 |
      sed "s/^{/{\"half\": \"$half\", \"bench\": \"$bench\", /"
  done
done
