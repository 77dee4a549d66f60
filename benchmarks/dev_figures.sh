#!/usr/bin/env bash
# Every public dev figure of ../shared/eval in one go, one JSON line per benchmark, for before/after comparisons:
#   bash benchmarks/dev_figures.sh > before.jsonl   ...change...   bash benchmarks/dev_figures.sh > after.jsonl
# Runs with the project's .venv (or the python on PATH); skips cleanly when ../shared is absent.
set -uo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python; [ -x "$py" ] || py=python3
ev=../shared/eval; d=../shared/data
[ -d "$ev" ] || { echo "../shared/eval not found: nothing to measure" >&2; exit 0; }
run() {  # name, script, args...: the script's JSON line, tagged with the benchmark's name
  local name=$1; shift
  "$py" "$@" 2>/dev/null | head -n 1 | sed "s/^{/{\"bench\": \"$name\", /"
}
run gold "$ev/gold.py" ../shared/gold/*.json
run polnear "$ev/polnear.py" "$d/polnear/dev"
run polnear_all "$ev/polnear_all.py" "$d/polnear/dev"
run re3d "$ev/re3d.py" "$d/re3d"
run gtd "$ev/gtd.py" "$d/gtd/gtd-dev.csv"
run case2021 "$ev/case2021.py" "$d/case2021/case2021-task2-dev.tsv"
run geo "$ev/geo.py" "$d/geo/lgl.jsonl" "$d/geo/geovirus.jsonl"
