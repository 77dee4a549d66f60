"""Derive models/us_counties.csv (US counties and county equivalents with a point) from the `zipcodes` package
(MIT; coordinates from GeoNames' postal codes, CC BY 4.0; see models/ATTRIBUTION.md). Run by hand when the
source changes; the pipeline reads only the CSV, so `zipcodes` is no run-time dependency.

usage: pip install zipcodes && python models/make_us_counties.py

A county's point is the centre of its ZIP codes' spread (gazetteer.spread_centre: the middle of the middle 90%
of their latitudes and longitudes): ZIP codes cover a county's whole area, so the middle of their spread is the
middle of the county.
"""
from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> None:
    import zipcodes

    from pipeline.gazetteer import spread_centre

    pts: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for z in zipcodes.filter_by():
        if z.get("county") and z.get("lat") and z.get("long") and z.get("country", "US") == "US":
            pts[(z["state"], z["county"].strip())].append((float(z["lat"]), float(z["long"])))
    with (HERE / "us_counties.csv").open("w", encoding="utf-8", newline="") as out:
        w = csv.writer(out)
        w.writerow(["state", "name", "lat", "lon", "n_zip"])
        for (state, name), p in sorted(pts.items()):
            lat, lon = spread_centre(p)
            w.writerow([state, name, lat, lon, len(p)])
    print(f"{len(pts)} counties")


if __name__ == "__main__":
    main()
