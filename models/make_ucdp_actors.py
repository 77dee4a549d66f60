"""Derive models/ucdp_actors.csv from the UCDP actor list v22.1 (CC BY 4.0, see models/ATTRIBUTION.md).

usage: python models/make_ucdp_actors.py /path/to/ucdp-actor-221.csv
Keeps organised actors (Org 1 = rebel/armed group, Org 4 = government); identity groups (Org 3) and
supporter groups (Org 2) are left out: their names ("Bari", "Pan") are too often ordinary words.
Single words that are also ordinary English words are dropped (models/ucdp_stopnames.txt).
"""
from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KIND = {"1": "armed group", "4": "government"}


def usable(name: str, stop: set[str]) -> bool:
    name = name.strip()
    if len(name) < 3 or name.lower() in ("n/a", "") or name.lower() in stop:
        return False
    if " " not in name and not name.isupper() and len(name) < 5:
        return False
    return True


def main(src: str) -> None:
    stop = {w.strip().lower() for w in (HERE / "ucdp_stopnames.txt").read_text().splitlines() if w.strip()}
    rows = []
    with open(src, encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if r["Org"] not in KIND:
                continue
            names = []
            for col in ("NameData", "NameOrigFullEng", "NameOrig", "NewName", "NewNameFullEng"):
                for n in re.split(r"\s*[/,]\s*", r.get(col) or ""):
                    n = re.sub(r"\s*\(.*?\)\s*", " ", n).strip()
                    if usable(n, stop) and n not in names:
                        names.append(n)
            if not names:
                continue
            # the spelled-out English name is the canonical one when the data name is an acronym
            full = [n for n in names if not n.isupper()]
            name = full[0] if full and names[0].isupper() else names[0]
            rows.append({"ucdp_id": r["ActorId"], "name": name, "aliases": "|".join(n for n in names if n != name),
                         "kind": KIND[r["Org"]], "location": r["Location"]})
    rows.sort(key=lambda r: int(r["ucdp_id"]))
    with (HERE / "ucdp_actors.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["ucdp_id", "name", "aliases", "kind", "location"])
        w.writeheader()
        w.writerows(rows)
    print(len(rows), "actors")


if __name__ == "__main__":
    main(sys.argv[1])
