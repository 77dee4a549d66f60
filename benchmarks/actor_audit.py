"""Audit a run's actors table: actors whose names the linking guards say cannot be one actor.

    python benchmarks/actor_audit.py OUT_DIR [--show 20]

For every actor, each of its names (canonical and aliases) gets the signature `pipeline.linkrules` computes, and
the actor is reported when their union conflicts (two registry actors, two countries, a country and a group, two
nationalities, two places, a generic side and a named actor, two states' forces). Prints one JSON line of counts,
then the worst actors by mentions. Used for the before/after figures of actor-linking changes.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from functools import reduce

from pipeline.api import load_tables
from pipeline.linkrules import Guards, Sig
from pipeline.views import as_list

LABEL = {"person": "PERSON", "place": "PLACE", "faction": "FACTION", "org": "ORG"}


def audit(out: str, show: int = 20) -> dict:
    actors = load_tables(out)["actors"]
    guards = Guards()
    why, rows = Counter(), []
    for r in actors.itertuples():
        label = LABEL.get(r.type, "ORG")
        sigs = [guards.signature(label, n) for n in {r.name, *as_list(r.aliases)} if n]
        reason = reduce(Sig.__or__, sigs, Sig()).conflict() if sigs else None
        if reason:
            why[reason] += 1
            rows.append((int(r.n_mentions), r.actor_id, reason, sorted(as_list(r.aliases))[:8]))
    rows.sort(reverse=True)
    summary = {"actors": len(actors), "conflicting": len(rows),
               "conflicting_mentions": sum(r[0] for r in rows), "by_reason": dict(why)}
    print(json.dumps(summary))
    for n, aid, reason, al in rows[:show]:
        print(f"{n:6d}  {aid:45s} {reason:35s} {', '.join(al)}")
    return summary


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--show", type=int, default=20)
    a = ap.parse_args()
    audit(a.out, a.show)
