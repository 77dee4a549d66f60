"""Derive models/country_centroids.csv (ISO-2 -> a point inside each country) from the `countryinfo` package
(MIT, data from the REST Countries / Natural Earth projects; see models/ATTRIBUTION.md). Run by hand when the
source changes; the pipeline reads only the CSV, so `countryinfo` is no run-time dependency.

usage: pip install countryinfo && python models/make_country_centroids.py

The point is the area-weighted centroid of the country's largest polygon (its mainland: "the middle of the
map" as GeoNames and Wikipedia place a country, unmoved by overseas islands); countries the package has no
outline for take the package's own `latlng` (a rounded centre point).
"""
from __future__ import annotations

import ast
import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def mainland_centroid(geo) -> tuple[float, float] | None:
    """(lat, lon) of the largest outer ring's centroid (shoelace formula), or None without an outline."""
    if not geo:
        return None
    if isinstance(geo, str):
        geo = ast.literal_eval(geo)  # the package stores the GeoJSON as a Python literal
    best = None
    for feat in geo.get("features", ()):
        g = feat["geometry"]
        for poly in g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]:
            ring = poly[0]
            a = cx = cy = 0.0
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                cross = x1 * y2 - x2 * y1
                a += cross
                cx += (x1 + x2) * cross
                cy += (y1 + y2) * cross
            if a and (best is None or abs(a) > abs(best[0])):
                best = (a, cy / (3 * a), cx / (3 * a))
    return (best[1], best[2]) if best else None


def main() -> None:
    import countryinfo

    rows = {}
    for f in sorted((Path(countryinfo.__file__).parent / "data").glob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha2")
        if not iso or iso in rows:
            continue
        c = mainland_centroid(d.get("geoJSON"))
        src = "outline"
        if c is None and len(d.get("latlng") or ()) == 2:
            c, src = (float(d["latlng"][0]), float(d["latlng"][1])), "latlng"
        if c is not None:
            rows[iso] = (round(c[0], 4), round(c[1], 4), src)
    with (HERE / "country_centroids.csv").open("w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        w.writerow(["country", "lat", "lon", "source"])
        for iso in sorted(rows):
            w.writerow([iso, *rows[iso]])
    print(f"{len(rows)} countries")


if __name__ == "__main__":
    main()
